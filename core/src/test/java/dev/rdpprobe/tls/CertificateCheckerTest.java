package dev.rdpprobe.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rdpprobe.tls.CertificateObjection.Kind;
import dev.rdpprobe.tls.TestPki.Authority;
import dev.rdpprobe.wire.Octets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.cert.X509CertificateHolder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A checker that remembers chains gives the check a fresh {@link CertificateCheck#of} gives, for
 * every time and host name it is asked about: what it remembers is what depends on neither.
 */
class CertificateCheckerTest {
  static final Instant NOW = CertificateCheckTest.NOW;

  static TestPki pki;
  static Authority root;
  static Authority intermediate;
  static Authority leaf;

  @BeforeAll
  static void makePki() {
    pki = new TestPki(NOW);
    root = pki.root("CN=Checker Root CA,O=rdp-probe tests");
    intermediate = pki.intermediate("CN=Checker Issuing CA,O=rdp-probe tests", root, 0);
    leaf = pki.server("CN=localhost", intermediate, true);
  }

  static List<Octets> der(X509CertificateHolder... chain) {
    List<Octets> out = new ArrayList<>();
    for (X509CertificateHolder c : chain) {
      out.add(Octets.of(ServerIdentity.der(c)));
    }
    return out;
  }

  static CertificateCheck fresh(List<Octets> der, Instant at, String host, TrustAnchors anchors) {
    List<CertificateFacts> facts = new ArrayList<>();
    for (Octets d : der) {
      try {
        facts.add(CertificateFacts.parse(d));
      } catch (dev.rdpprobe.wire.DecodeException e) {
        break;
      }
    }
    return CertificateCheck.of(facts, at, host, anchors);
  }

  @Test
  void aRememberedChainIsJudgedAtEachTimeAndForEachHost() {
    TrustAnchors anchors = TrustAnchors.of("the test root", List.of(root.certificate()));
    CertificateChecker checker = new CertificateChecker(anchors);
    List<Octets> chain = der(leaf.certificate(), intermediate.certificate());
    Instant later = NOW.plus(Duration.ofDays(20 * 365));
    Instant earlier = NOW.minus(Duration.ofDays(20 * 365));
    for (int round = 0; round < 2; round++) { // the second round is the remembered chain
      for (Instant at : List.of(NOW, later, earlier)) {
        for (String host : new String[] {"localhost", "other.example", null}) {
          assertEquals(fresh(chain, at, host, anchors), checker.check(chain, at, host));
        }
      }
    }
    assertTrue(checker.check(chain, NOW, "localhost").acceptable());
    List<Kind> expired =
        checker.check(chain, later, "other.example").objections().stream()
            .map(CertificateObjection::kind)
            .toList();
    assertTrue(expired.contains(Kind.EXPIRED), expired.toString());
    assertTrue(expired.contains(Kind.HOST_NAME_MISMATCH), expired.toString());
  }

  @Test
  void chainsThatDifferAreNotTakenForEachOther() {
    CertificateChecker checker = new CertificateChecker(TrustAnchors.jdkDefault());
    List<Octets> good = der(leaf.certificate(), intermediate.certificate());
    List<Octets> tampered = der(TestPki.tampered(leaf.certificate()), intermediate.certificate());
    List<Octets> cut = new ArrayList<>(good);
    cut.set(1, Octets.of(new byte[] {0x30, 0x03, 0x02, 0x01, 0x00})); // not a certificate
    for (List<Octets> c : List.of(good, tampered, cut, good, cut, tampered)) {
      assertEquals(
          fresh(c, NOW, "localhost", TrustAnchors.jdkDefault()),
          checker.check(c, NOW, "localhost"));
    }
    assertTrue(
        checker.check(tampered, NOW, "localhost").objections().stream()
            .anyMatch(o -> o.kind() == Kind.BROKEN_CHAIN));
    assertEquals(1, checker.check(cut, NOW, "localhost").chain().size(), "as far as it parses");
  }

  @Test
  void moreChainsThanItRemembersAreStillEachJudgedRight() {
    TrustAnchors anchors = TrustAnchors.of("the test root", List.of(root.certificate()));
    CertificateChecker checker = new CertificateChecker(anchors);
    List<List<Octets>> chains = new ArrayList<>();
    for (int i = 0; i < CertificateChecker.MAX_CHAINS + 2; i++) {
      Authority server = pki.server("CN=host" + i, intermediate, true);
      chains.add(der(server.certificate(), intermediate.certificate()));
    }
    for (int round = 0; round < 2; round++) {
      for (int i = 0; i < chains.size(); i++) {
        CertificateCheck c = checker.check(chains.get(i), NOW, "host" + i);
        assertEquals(fresh(chains.get(i), NOW, "host" + i, anchors), c);
        assertEquals("CN=host" + i, c.chain().get(0).subject());
      }
    }
  }

  @Test
  void aCertificateMessageNamesItsOwnLeafWhicheverCameBefore() {
    Octets a = Octets.of(ServerIdentity.der(leaf.certificate()));
    Octets b = Octets.of(ServerIdentity.der(intermediate.certificate()));
    Octets bad = Octets.of(new byte[] {0x30, 0x03, 0x02, 0x01, 0x00});
    for (int round = 0; round < 2; round++) {
      assertEquals("CN=localhost", CertificateFacts.subjectOf(a));
      assertEquals("CN=localhost", CertificateFacts.subjectOf(a));
      assertEquals("CN=Checker Issuing CA,O=rdp-probe tests", CertificateFacts.subjectOf(b));
      assertEquals("unparseable", CertificateFacts.subjectOf(bad));
      assertEquals("unparseable", CertificateFacts.subjectOf(bad));
    }
  }
}
