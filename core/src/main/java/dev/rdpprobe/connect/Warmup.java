package dev.rdpprobe.connect;

import dev.rdpprobe.trace.CloseKind;
import dev.rdpprobe.trace.ClosedBy;
import dev.rdpprobe.trace.Phase;
import dev.rdpprobe.trace.TraceHeader;
import dev.rdpprobe.trace.TraceWriter;
import dev.rdpprobe.wire.Octets;
import io.netty.buffer.ByteBuf;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs the connector's first steps once in memory, so that in a new process the classes and lambda
 * call sites between a write and the next read are linked before the first connection: what a probe
 * stamps is then the wire's time, not the time a cold path took.
 */
public final class Warmup {
  private static final AtomicBoolean DONE = new AtomicBoolean();

  /** A Connection Confirm selecting SSL. */
  private static final Octets CONFIRM =
      Octets.fromHex("03 00 00 13 0e d0 00 00 12 34 00 02 1f 08 00 01 00 00 00");

  private Warmup() {}

  /** Once per process; later calls return at once. */
  public static void run() {
    if (!DONE.compareAndSet(false, true)) {
      return;
    }
    TraceWriter trace =
        new TraceWriter(TraceHeader.of(TraceHeader.Origin.LIVE_PROBE, Instant.now()));
    ClientConnector c =
        ClientConnector.builder(
                ConnectorConfig.builder().stopAfter(Phase.TLS_HANDSHAKE).build(), trace)
            .build();
    c.start(1);
    c.takeOutputWrittenNow();
    ByteBuf cc = CONFIRM.asByteBuf();
    try {
      c.receive(cc, 2);
    } finally {
      cc.release();
    }
    c.takeOutputWrittenNow();
    c.close(CloseKind.PEER_FIN, ClosedBy.SERVER, "warm-up", 3);
  }
}
