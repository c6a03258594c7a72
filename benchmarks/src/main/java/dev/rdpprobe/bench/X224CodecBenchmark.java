package dev.rdpprobe.bench;

import dev.rdpprobe.wire.Octets;
import dev.rdpprobe.wire.x224.NegotiationRequest;
import dev.rdpprobe.wire.x224.RequestToken;
import dev.rdpprobe.wire.x224.SecurityProtocols;
import dev.rdpprobe.wire.x224.TpktHeader;
import dev.rdpprobe.wire.x224.X224ConnectionConfirm;
import dev.rdpprobe.wire.x224.X224ConnectionRequest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The connection-initiation codec's hot paths: encoding a Connection Request, decoding a Connection
 * Confirm, and cutting TPKT frames out of a buffer that holds many back to back.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar X224CodecBenchmark -prof gc}.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Thread)
public class X224CodecBenchmark {
  /** Frames in the buffer of {@link #cutTpktFrames()}. */
  static final int FRAMES = 64;

  private X224ConnectionRequest request;
  private ByteBuf out;
  private ByteBuf confirm;
  private ByteBuf stream;

  @Setup(Level.Trial)
  public void setUp() {
    request =
        X224ConnectionRequest.of(
            new RequestToken.Cookie("administrator"),
            NegotiationRequest.of(
                SecurityProtocols.of(
                    SecurityProtocols.SSL, SecurityProtocols.HYBRID, SecurityProtocols.HYBRID_EX)));
    out = Unpooled.directBuffer(request.size());
    // Windows Server answer selecting HYBRID with flags 0x1f (the nmap-documented fingerprint)
    confirm =
        Unpooled.wrappedBuffer(
            Octets.fromHex("03 00 00 13 0e d0 00 00 12 34 00 02 1f 08 00 02 00 00 00")
                .toByteArray());
    stream = Unpooled.buffer();
    for (int i = 0; i < FRAMES; i++) {
      // alternate a Connection Confirm and an MCS DPUM in a Data TPDU, as a server stream would
      if (i % 2 == 0) {
        stream.writeBytes(confirm, 0, confirm.readableBytes());
      } else {
        stream.writeBytes(Octets.fromHex("03 00 00 09 02 f0 80 21 80").toByteArray());
      }
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    out.release();
    confirm.release();
    stream.release();
  }

  /** Encodes a Connection Request with a cookie and RDP_NEG_REQ into a reused buffer. */
  @Benchmark
  public ByteBuf encodeConnectionRequest() {
    out.clear();
    request.encode(out);
    return out;
  }

  /** Decodes a Connection Confirm with RDP_NEG_RSP. */
  @Benchmark
  public X224ConnectionConfirm decodeConnectionConfirm() {
    confirm.readerIndex(0);
    return X224ConnectionConfirm.decode(confirm);
  }

  /** Cuts all {@value #FRAMES} frames; the score counts frames per second. */
  @Benchmark
  @org.openjdk.jmh.annotations.OperationsPerInvocation(FRAMES)
  public int cutTpktFrames() {
    stream.readerIndex(0);
    int total = 0;
    int length;
    while ((length = TpktHeader.frameLength(stream)) > 0 && length <= stream.readableBytes()) {
      total += length;
      stream.skipBytes(length);
    }
    return total;
  }
}
