package dev.rdpprobe.tls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.rdpprobe.tls.JksTrustedCertificates.TrustedCertificate;
import dev.rdpprobe.tls.JksTrustedCertificates.Unreadable;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.Certificate;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v1CertificateBuilder;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.util.PrivateKeyInfoFactory;
import org.bouncycastle.crypto.util.SubjectPublicKeyInfoFactory;
import org.bouncycastle.operator.DefaultDigestAlgorithmIdentifierFinder;
import org.bouncycastle.operator.DefaultSignatureAlgorithmIdentifierFinder;
import org.bouncycastle.operator.bc.BcECContentSignerBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JKS reader against the JDK's own reading of the same bytes: the machine's {@code cacerts},
 * stores the JDK writes (trusted certificates, a private key entry, a version 1 certificate) and
 * hand-written ones; and against truncated and corrupted stores, which must end in {@link
 * Unreadable}, never in a huge allocation.
 */
class JksTrustedCertificatesTest {
  private static final Instant NOW = Instant.parse("2026-01-15T12:00:00Z");
  private static final char[] PASSWORD = "changeit".toCharArray();

  private static ServerIdentity first;
  private static ServerIdentity second;
  private static ServerIdentity third;
  private static X509CertificateHolder version1;

  @BeforeAll
  static void certificates() throws Exception {
    first = CertificateMaker.builder().subject("CN=First CA,O=rdp-probe").ec("secp256r1").make(NOW);
    second = CertificateMaker.builder().subject("CN=Second CA").ec("secp256r1").make(NOW);
    third = CertificateMaker.builder().subject("CN=server.example.test").ec("secp256r1").make(NOW);
    AsymmetricCipherKeyPair keys = CertificateMaker.ecKeys("secp256r1", new SecureRandom());
    AlgorithmIdentifier sig =
        new DefaultSignatureAlgorithmIdentifierFinder().find("SHA256withECDSA");
    AlgorithmIdentifier digest = new DefaultDigestAlgorithmIdentifierFinder().find(sig);
    version1 =
        new X509v1CertificateBuilder(
                CertificateMaker.x500("CN=Old Root,O=Version 1"),
                BigInteger.valueOf(7),
                Date.from(NOW.minus(Duration.ofDays(1))),
                Date.from(NOW.plus(Duration.ofDays(3650))),
                CertificateMaker.x500("CN=Old Root,O=Version 1"),
                SubjectPublicKeyInfoFactory.createSubjectPublicKeyInfo(keys.getPublic()))
            .build(new BcECContentSignerBuilder(sig, digest).build(keys.getPrivate()));
  }

  @Test
  void theMachinesCacertsGivesTheAnchorsTheJdkGives() throws Exception {
    Path cacerts = Path.of(System.getProperty("java.home"), "lib", "security", "cacerts");
    byte[] head = new byte[4];
    try (var in = Files.newInputStream(cacerts)) {
      assumeTrue(in.readNBytes(head, 0, 4) == 4, "no cacerts");
    }
    assumeTrue(
        ByteBuffer.wrap(head).getInt() == JksTrustedCertificates.MAGIC, "cacerts is not JKS here");

    TrustAnchors fast = TrustAnchors.readJks(cacerts.toFile());
    TrustAnchors jdk = TrustAnchors.loadThroughTrustManagerFactory();

    assertTrue(jdk.size() > 50, jdk.description());
    assertEquals(pairs(jdk.anchors()), pairs(fast.anchors()));
    assertEquals(jdk.size(), fast.size(), "no certificate twice");
    assertEquals(jdk.description(), fast.description());
    assertEquals(cacerts.toFile(), TrustAnchors.jdkJksStore(System.getProperties()));
    assertEquals(jdk.description(), TrustAnchors.loadJdkDefault().description());
  }

  @Test
  void aStoreTheJdkWritesReadsAsTheJdkReadsIt() throws Exception {
    KeyStore ks = emptyJks();
    ks.setCertificateEntry("first", jca(first.leaf()));
    ks.setCertificateEntry("Second", jca(second.leaf())); // the JDK stores it as "second"
    ks.setCertificateEntry("first again", jca(first.leaf()));
    ks.setCertificateEntry("old", jca(version1));
    byte[] store = stored(ks);

    List<TrustedCertificate> read = JksTrustedCertificates.read(store);

    assertEquals(3, read.size(), "the same certificate under two aliases counts once");
    assertEquals(jdkPairs(store), pairsOf(read));
    for (TrustedCertificate c : read) {
      assertArrayEquals(
          new X509CertificateHolder(c.der()).getSubject().getEncoded(), c.subject(), "subject");
    }
  }

  @Test
  void aPrivateKeyEntryGivesTheFirstCertificateOfItsChain() throws Exception {
    KeyStore ks = emptyJks();
    PrivateKey key =
        KeyFactory.getInstance("EC")
            .generatePrivate(
                new PKCS8EncodedKeySpec(
                    PrivateKeyInfoFactory.createPrivateKeyInfo(third.privateKey()).getEncoded()));
    ks.setKeyEntry(
        "server", key, PASSWORD, new X509Certificate[] {jca(third.leaf()), jca(second.leaf())});
    ks.setCertificateEntry("first", jca(first.leaf()));
    byte[] store = stored(ks);

    List<TrustedCertificate> read = JksTrustedCertificates.read(store);

    assertEquals(jdkPairs(store), pairsOf(read));
    assertEquals(
        Set.of(hex(first.leaf().getEncoded()), hex(third.leaf().getEncoded())),
        new TreeSet<>(read.stream().map(c -> hex(c.der())).toList()));
  }

  @Test
  void aVersion1StoreWithARepeatedAliasReadsAsTheJdkReadsIt() throws Exception {
    // the JDK writes version 2 only; version 1 has no certificate type, and a later entry of an
    // alias replaces the earlier one
    byte[] store =
        new Jks(1)
            .trusted("a", first.leaf().getEncoded())
            .trusted("b", second.leaf().getEncoded())
            .trusted("a", version1.getEncoded())
            .bytes();

    List<TrustedCertificate> read = JksTrustedCertificates.read(store);

    assertEquals(jdkPairs(store), pairsOf(read));
    assertEquals(2, read.size());
  }

  @Test
  void whatTheJdkWouldReadOtherwiseIsLeftToIt() throws Exception {
    byte[] der = first.leaf().getEncoded();
    // the JDK keeps this alias as stored and looks it up lower-cased: it ignores the entry
    assertThrows(Unreadable.class, () -> read(new Jks(2).trusted("Mixed", der)));
    assertThrows(Unreadable.class, () -> read(new Jks(2).trusted("a", "X509", der)));
    byte[] trailing = Arrays.copyOf(der, der.length + 1);
    assertThrows(Unreadable.class, () -> read(new Jks(2).trusted("a", trailing)));
    Unreadable tag = assertThrows(Unreadable.class, () -> read(new Jks(2).entry(3, "a")));
    assertTrue(tag.getMessage().contains("tag 3"), tag.getMessage());
  }

  @Test
  void everyTruncationIsUnreadable() throws Exception {
    KeyStore ks = emptyJks();
    ks.setCertificateEntry("first", jca(first.leaf()));
    ks.setCertificateEntry("second", jca(second.leaf()));
    byte[] store = stored(ks);
    assertEquals(2, JksTrustedCertificates.read(store).size());

    for (int n = 0; n < store.length; n++) {
      byte[] prefix = Arrays.copyOf(store, n);
      assertThrows(Unreadable.class, () -> JksTrustedCertificates.read(prefix), "length " + n);
    }
    byte[] longer = Arrays.copyOf(store, store.length + 1);
    assertThrows(Unreadable.class, () -> JksTrustedCertificates.read(longer));
  }

  @Test
  void anotherMagicIsUnreadable() throws Exception {
    KeyStore p12 = KeyStore.getInstance("PKCS12");
    p12.load(null, null);
    p12.setCertificateEntry("first", jca(first.leaf()));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    p12.store(out, PASSWORD);
    byte[] store = out.toByteArray();
    assertEquals(0x30, store[0]);

    Unreadable e = assertThrows(Unreadable.class, () -> JksTrustedCertificates.read(store));
    assertTrue(e.getMessage().contains("magic"), e.getMessage());
    byte[] version3 = new Jks(2).trusted("a", first.leaf().getEncoded()).bytes();
    version3[7] = 3;
    assertThrows(Unreadable.class, () -> JksTrustedCertificates.read(version3));
  }

  @Test
  void absurdCountsAndLengthsAreUnreadableBeforeAnyAllocation() throws Exception {
    byte[] der = first.leaf().getEncoded();
    for (int count : new int[] {-1, 2, 10_001, Integer.MAX_VALUE}) {
      byte[] store = new Jks(2).trusted("a", der).bytes();
      ByteBuffer.wrap(store).putInt(8, count);
      assertThrows(Unreadable.class, () -> JksTrustedCertificates.read(store), "count " + count);
    }
    // tag, alias "a", date, type "X.509": the certificate length is at 12 + 4 + 3 + 8 + 7
    int at = 12 + 4 + 3 + 8 + 7;
    for (int length : new int[] {-1, der.length + 21, Integer.MAX_VALUE - 8}) {
      byte[] store = new Jks(2).trusted("a", der).bytes();
      assertEquals(der.length, ByteBuffer.wrap(store).getInt(at));
      ByteBuffer.wrap(store).putInt(at, length);
      Unreadable e =
          assertThrows(Unreadable.class, () -> JksTrustedCertificates.read(store), "" + length);
      assertTrue(e.getMessage().contains("a length of " + length), e.getMessage());
    }
    byte[] key = new Jks(2).key("k", new byte[16], 1, der).bytes();
    assertEquals(1, JksTrustedCertificates.read(key).size());
    ByteBuffer.wrap(key).putInt(12 + 4 + 3 + 8, Integer.MAX_VALUE);
    assertThrows(Unreadable.class, () -> JksTrustedCertificates.read(key), "key length");
    byte[] chain = new Jks(2).key("k", new byte[16], Integer.MAX_VALUE, der).bytes();
    assertThrows(Unreadable.class, () -> JksTrustedCertificates.read(chain), "chain length");
    byte[] inside = der.clone();
    inside[2] = (byte) 0xFF; // Certificate SEQUENCE's length, long form, past the end
    assertThrows(Unreadable.class, () -> read(new Jks(2).trusted("a", inside)));
  }

  @Test
  void aFileLargerThanTheCapIsNotRead(@TempDir Path dir) throws Exception {
    Path big = dir.resolve("cacerts");
    try (RandomAccessFile f = new RandomAccessFile(big.toFile(), "rw")) {
      f.writeInt(JksTrustedCertificates.MAGIC);
      f.setLength(JksTrustedCertificates.MAX_STORE_BYTES + 1L);
    }
    Unreadable e = assertThrows(Unreadable.class, () -> JksTrustedCertificates.read(big.toFile()));
    assertTrue(e.getMessage().contains("larger than"), e.getMessage());
  }

  @Test
  void theSubjectIsFoundWithAndWithoutTheVersionField() throws Exception {
    for (X509CertificateHolder c : List.of(first.leaf(), version1)) {
      byte[] der = c.getEncoded();
      byte[] subject = JksTrustedCertificates.subjectOf(der);
      assertArrayEquals(c.getSubject().getEncoded(), subject);
      assertArrayEquals(jca(c).getSubjectX500Principal().getEncoded(), subject);
    }
    assertEquals(0, version1.toASN1Structure().getTBSCertificate().getVersion().intValueExact());
    // the issuer differs from the subject in a certificate that is not self-signed
    ServerIdentity issued =
        CertificateMaker.builder()
            .subject("CN=leaf.example.test")
            .ec("secp256r1")
            .issuedByNewCa("CN=Issuing CA")
            .make(NOW);
    assertArrayEquals(
        issued.leaf().getSubject().getEncoded(),
        JksTrustedCertificates.subjectOf(issued.leaf().getEncoded()));
  }

  @Test
  void aCertificateCutShortHasNoSubject() throws Exception {
    byte[] der = first.leaf().getEncoded();
    Certificate c = first.leaf().toASN1Structure();
    int subjectEnd = indexOf(der, c.getSubject().getEncoded()) + c.getSubject().getEncoded().length;
    for (int n : new int[] {0, 1, 2, 10, subjectEnd - 1}) {
      byte[] cut = Arrays.copyOf(der, n);
      assertThrows(Unreadable.class, () -> JksTrustedCertificates.subjectOf(cut));
    }
  }

  @Test
  void aPropertyOrJssecacertsLeavesTheStoreToTheJdk(@TempDir Path home) throws Exception {
    Path security = Files.createDirectories(home.resolve("lib").resolve("security"));
    Properties props = new Properties();
    props.setProperty("java.home", home.toString());
    assertNull(TrustAnchors.jdkJksStore(props), "no cacerts");
    Path cacerts = Files.write(security.resolve("cacerts"), new byte[] {1});
    assertEquals(cacerts.toFile(), TrustAnchors.jdkJksStore(props));
    for (String p :
        List.of(
            "javax.net.ssl.trustStore",
            "javax.net.ssl.trustStoreType",
            "javax.net.ssl.trustStoreProvider",
            "javax.net.ssl.trustStorePassword")) {
      Properties named = new Properties();
      named.putAll(props);
      named.setProperty(p, "x");
      assertNull(TrustAnchors.jdkJksStore(named), p);
    }
    Files.write(security.resolve("jssecacerts"), new byte[] {1});
    assertNull(TrustAnchors.jdkJksStore(props), "jssecacerts");
  }

  @Test
  void aStoreNamedByThePropertyIsReadByTheJdk(@TempDir Path dir) throws Exception {
    TrustAnchors.jdkDefault(); // the process-wide store, read before the property is set
    KeyStore ks = emptyJks();
    ks.setCertificateEntry("first", jca(first.leaf()));
    ks.setCertificateEntry("second", jca(second.leaf()));
    Path named = Files.write(dir.resolve("named.jks"), stored(ks));
    String before = System.getProperty("javax.net.ssl.trustStore");
    System.setProperty("javax.net.ssl.trustStore", named.toString());
    try {
      assertNull(TrustAnchors.jdkJksStore(System.getProperties()));
      TrustAnchors anchors = TrustAnchors.loadJdkDefault();
      assertEquals("the JDK's trust store (2 authorities)", anchors.description());
      assertEquals(jdkPairs(stored(ks)), pairs(anchors.anchors()));
    } finally {
      if (before == null) {
        System.clearProperty("javax.net.ssl.trustStore");
      } else {
        System.setProperty("javax.net.ssl.trustStore", before);
      }
    }
  }

  @Test
  void aMalformedStoreFallsBackToTheJdk(@TempDir Path dir) throws Exception {
    byte[] store = new Jks(2).trusted("a", first.leaf().getEncoded()).bytes();
    Path cut = Files.write(dir.resolve("cacerts"), Arrays.copyOf(store, store.length - 1));
    TrustAnchors anchors = TrustAnchors.loadJdkDefault(cut.toFile());
    TrustAnchors jdk = TrustAnchors.loadThroughTrustManagerFactory();
    assertEquals(jdk.description(), anchors.description());
    assertEquals(pairs(jdk.anchors()), pairs(anchors.anchors()));

    Path good = Files.write(dir.resolve("good"), store);
    assertEquals(
        "the JDK's trust store (1 authorities)",
        TrustAnchors.loadJdkDefault(good.toFile()).description());
  }

  // ---- helpers

  private static List<TrustedCertificate> read(Jks jks) throws Unreadable, IOException {
    return JksTrustedCertificates.read(jks.bytes());
  }

  private static KeyStore emptyJks() throws Exception {
    KeyStore ks = KeyStore.getInstance("JKS");
    ks.load(null, null);
    return ks;
  }

  private static byte[] stored(KeyStore ks) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ks.store(out, PASSWORD);
    return out.toByteArray();
  }

  private static X509Certificate jca(X509CertificateHolder c) throws Exception {
    return (X509Certificate)
        CertificateFactory.getInstance("X.509")
            .generateCertificate(new ByteArrayInputStream(c.getEncoded()));
  }

  /** The (subject, certificate) pairs the JDK's default trust manager takes from a store. */
  private static Set<String> jdkPairs(byte[] store) throws Exception {
    KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
    ks.load(new ByteArrayInputStream(store), null);
    TrustManagerFactory f =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    f.init(ks);
    Set<String> out = new TreeSet<>();
    for (X509Certificate c : ((X509TrustManager) f.getTrustManagers()[0]).getAcceptedIssuers()) {
      out.add(hex(c.getSubjectX500Principal().getEncoded()) + " " + hex(c.getEncoded()));
    }
    assertFalse(out.isEmpty(), "the JDK takes no certificate from the store");
    return out;
  }

  private static Set<String> pairs(List<TrustAnchors.Anchor> anchors) {
    Set<String> out = new TreeSet<>();
    for (TrustAnchors.Anchor a : anchors) {
      out.add(hex(a.subject()) + " " + hex(a.der()));
    }
    return out;
  }

  private static Set<String> pairsOf(List<TrustedCertificate> read) {
    Set<String> out = new TreeSet<>();
    for (TrustedCertificate c : read) {
      assertNotNull(c.subject());
      out.add(hex(c.subject()) + " " + hex(c.der()));
    }
    return out;
  }

  private static String hex(byte[] b) {
    return HexFormat.of().formatHex(b);
  }

  private static int indexOf(byte[] in, byte[] part) {
    for (int i = 0; i + part.length <= in.length; i++) {
      if (Arrays.equals(in, i, i + part.length, part, 0, part.length)) {
        return i;
      }
    }
    throw new AssertionError("not found");
  }

  /** A JKS store written field by field, for what the JDK's writer never writes. */
  private static final class Jks {
    private final int version;
    private final ByteArrayOutputStream entries = new ByteArrayOutputStream();
    private final DataOutputStream out = new DataOutputStream(entries);
    private int count;

    Jks(int version) {
      this.version = version;
    }

    Jks trusted(String alias, byte[] der) throws IOException {
      return trusted(alias, "X.509", der);
    }

    Jks trusted(String alias, String type, byte[] der) throws IOException {
      entry(2, alias);
      certificate(type, der);
      return this;
    }

    Jks key(String alias, byte[] key, int chainLength, byte[] der) throws IOException {
      entry(1, alias);
      out.writeInt(key.length);
      out.write(key);
      out.writeInt(chainLength);
      certificate("X.509", der);
      return this;
    }

    Jks entry(int tag, String alias) throws IOException {
      count++;
      out.writeInt(tag);
      out.writeUTF(alias);
      out.writeLong(NOW.toEpochMilli());
      return this;
    }

    private void certificate(String type, byte[] der) throws IOException {
      if (version == 2) {
        out.writeUTF(type);
      }
      out.writeInt(der.length);
      out.write(der);
    }

    byte[] bytes() throws IOException {
      ByteArrayOutputStream all = new ByteArrayOutputStream();
      DataOutputStream d = new DataOutputStream(all);
      d.writeInt(JksTrustedCertificates.MAGIC);
      d.writeInt(version);
      d.writeInt(count);
      d.write(entries.toByteArray());
      d.write(new byte[20]); // the digest, which only a password checks
      return all.toByteArray();
    }
  }
}
