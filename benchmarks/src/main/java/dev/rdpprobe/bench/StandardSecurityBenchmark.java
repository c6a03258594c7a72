package dev.rdpprobe.bench;

import dev.rdpprobe.rdpsec.EncryptionMethod;
import dev.rdpprobe.rdpsec.StandardSecurity;
import dev.rdpprobe.rdpsec.Unprotected;
import dev.rdpprobe.wire.Octets;
import dev.rdpprobe.wire.gcc.EncryptionLevel;
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
 * Standard RDP Security per PDU (MS-RDPBCGR 5.3.6): {@code protect} (signature, encryption, the
 * security header, the user data as {@code Octets}) and {@code unprotect} (header, decryption,
 * signature check) for each method and a few PDU sizes. RC4 contexts run through their key updates
 * every 4096 PDUs as a session would.
 *
 * <p>{@code unprotect} is fed the same protected PDU over and over: the receiving stream has moved
 * on, so the signature no longer checks, but decryption and signature cost the same either way.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar StandardSecurityBenchmark -prof gc}.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class StandardSecurityBenchmark {
  @Param({"RC4_40", "RC4_56", "RC4_128", "FIPS"})
  public String method;

  @Param({"64", "1024", "16384"})
  public int size;

  private StandardSecurity client;
  private StandardSecurity server;
  private Octets plaintext;
  private Octets protectedPdu;

  @Setup(Level.Trial)
  public void setUp() {
    SplittableRandom random = new SplittableRandom(5);
    byte[] cr = new byte[32];
    byte[] sr = new byte[32];
    random.nextBytes(cr);
    random.nextBytes(sr);
    byte[] data = new byte[size];
    random.nextBytes(data);
    plaintext = Octets.of(data);
    EncryptionMethod m = EncryptionMethod.valueOf(method);
    EncryptionLevel level =
        m == EncryptionMethod.FIPS ? EncryptionLevel.FIPS : EncryptionLevel.HIGH;
    client =
        StandardSecurity.clientSide(m.toEncryptionMethods(), level, Octets.of(cr), Octets.of(sr));
    server =
        StandardSecurity.serverSide(m.toEncryptionMethods(), level, Octets.of(cr), Octets.of(sr));
    protectedPdu = server.protect(plaintext, 0);
    // fail here rather than measure exceptions
    if (client.unprotect(protectedPdu).plaintext().length() != size) {
      throw new IllegalStateException("the PDU does not unprotect");
    }
  }

  @Benchmark
  public Octets protect() {
    return client.protect(plaintext, 0);
  }

  @Benchmark
  public Unprotected unprotect() {
    return client.unprotect(protectedPdu);
  }
}
