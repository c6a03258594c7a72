package dev.rdpprobe.tls;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bouncycastle.cert.X509CertificateHolder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Regenerates the seeds of {@link TlsFuzzTest#certificateCheck}: TLS 1.2 Certificate message bodies
 * (RFC 5246 7.4.2) holding chains of a private PKI made with {@link TestPki}, whole, without their
 * intermediate, out of order and with a signature that does not verify. Skipped in a normal run;
 * run it with
 *
 * <pre>
 * ./mvnw -q -B -pl core test -Dtest=ChainSeedsGenerator -Drdpprobe.regenerate=chain-seeds
 * </pre>
 */
@EnabledIfSystemProperty(named = "rdpprobe.regenerate", matches = "chain-seeds")
class ChainSeedsGenerator {
  static final Path OUT =
      Path.of("src/test/resources/dev/rdpprobe/tls/TlsFuzzTestInputs/certificateCheck");

  @Test
  void chains() throws Exception {
    TestPki pki = new TestPki(TestIdentities.NOW);
    TestPki.Authority root = pki.root("CN=Seed Root");
    TestPki.Authority issuing = pki.intermediate("CN=Seed Issuing CA", root, 0);
    TestPki.Authority leaf = pki.server("CN=localhost", issuing, true);
    TestPki.Authority notCa = pki.notACa("CN=Seed Not A CA", root);
    Files.createDirectories(OUT);
    write("whole-chain", leaf.certificate(), issuing.certificate(), root.certificate());
    write("missing-intermediate", leaf.certificate());
    write("out-of-order", leaf.certificate(), root.certificate(), issuing.certificate());
    write("bad-signature", TestPki.tampered(leaf.certificate()), issuing.certificate());
    write(
        "issuer-not-a-ca",
        pki.server("CN=localhost", notCa, false).certificate(),
        notCa.certificate());
  }

  private static void write(String name, X509CertificateHolder... chain) throws Exception {
    ByteArrayOutputStream list = new ByteArrayOutputStream();
    for (X509CertificateHolder c : chain) {
      byte[] der = c.getEncoded();
      list.write(u24(der.length));
      list.write(der);
    }
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.write(u24(list.size()));
    list.writeTo(body);
    Files.write(OUT.resolve(name), body.toByteArray());
  }

  private static byte[] u24(int n) {
    return new byte[] {(byte) (n >> 16), (byte) (n >> 8), (byte) n};
  }
}
