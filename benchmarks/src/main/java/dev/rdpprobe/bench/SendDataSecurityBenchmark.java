package dev.rdpprobe.bench;

import dev.rdpprobe.rdpsec.EncryptionMethod;
import dev.rdpprobe.rdpsec.MacCheck;
import dev.rdpprobe.rdpsec.SendDataSecurity;
import dev.rdpprobe.rdpsec.StandardSecurity;
import dev.rdpprobe.wire.Octets;
import dev.rdpprobe.wire.Pdu;
import dev.rdpprobe.wire.gcc.EncryptionLevel;
import dev.rdpprobe.wire.mcs.SendDataIndication;
import dev.rdpprobe.wire.share.ConfirmActivePdu;
import dev.rdpprobe.wire.slowpath.ServerSlowPath;
import io.netty.buffer.Unpooled;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One PDU through Standard RDP Security as the connector sends and reads it ({@link
 * SendDataSecurity}): {@code send} encodes the probe's Confirm Active and encrypts and signs it
 * behind its security header; {@code receive} takes xrdp's Demand Active (422 bytes of user data)
 * protected by a server context, decrypts it, checks its signature (valid every time: the server's
 * PDUs are made in order ahead of time, and the client context starts over before the RC4 key
 * update would make them differ) and decodes the clear form.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar SendDataSecurityBenchmark -prof gc}.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class SendDataSecurityBenchmark {
  /** The server PDUs made ahead: fewer than the 4096 after which RC4 keys are updated. */
  private static final int BATCH = 4000;

  @Param({"RC4_40", "RC4_128", "FIPS"})
  public String method;

  private byte[] clientRandom;
  private byte[] serverRandom;
  private EncryptionMethod m;
  private EncryptionLevel level;
  private SendDataSecurity sender;
  private SendDataSecurity receiver;
  private Octets[] fromServer;
  private int next;
  private Pdu confirmActive;

  @Setup(Level.Trial)
  public void setUp() {
    SplittableRandom random = new SplittableRandom(7);
    clientRandom = new byte[32];
    serverRandom = new byte[32];
    random.nextBytes(clientRandom);
    random.nextBytes(serverRandom);
    m = EncryptionMethod.valueOf(method);
    level = m == EncryptionMethod.FIPS ? EncryptionLevel.FIPS : EncryptionLevel.HIGH;
    sender = SendDataSecurity.of(client());
    confirmActive = ConfirmActivePdu.probe(0x103EA, 1007, 1024, 768, 24);
    Octets demandActive =
        SendDataIndication.decodeFramed(
                Unpooled.wrappedBuffer(
                    Octets.fromHex(SlowPathBenchmark.XRDP_DEMAND_ACTIVE).toByteArray()))
            .userData();
    StandardSecurity server =
        StandardSecurity.serverSide(
            m.toEncryptionMethods(), level, Octets.of(clientRandom), Octets.of(serverRandom));
    fromServer = new Octets[BATCH];
    for (int i = 0; i < BATCH; i++) {
      fromServer[i] = server.protect(demandActive, 0);
    }
    receiver = SendDataSecurity.of(client());
    // fail here rather than measure exceptions or bad signatures
    SendDataSecurity.Received r = receiver.unwrap(fromServer[0]);
    if (r.envelope().mac() != MacCheck.VALID) {
      throw new IllegalStateException("the Demand Active's signature does not check");
    }
    ServerSlowPath.decode(r.clearUserData().asByteBuf());
    receiver = SendDataSecurity.of(client());
  }

  private StandardSecurity client() {
    return StandardSecurity.clientSide(
        m.toEncryptionMethods(), level, Octets.of(clientRandom), Octets.of(serverRandom));
  }

  @Benchmark
  public SendDataSecurity.Wrapped send() {
    return sender.wrap(confirmActive);
  }

  @Benchmark
  public Pdu receive() {
    if (next == BATCH) {
      next = 0;
      receiver = SendDataSecurity.of(client());
    }
    SendDataSecurity.Received r = receiver.unwrap(fromServer[next++]);
    return ServerSlowPath.decode(r.clearUserData().asByteBuf());
  }
}
