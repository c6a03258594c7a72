package dev.rdpprobe.tls;

import java.io.File;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.Security;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Certificate;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;

/**
 * The certificate authorities a client trusts: what {@link CertificateCheck} validates a server's
 * chain against (RFC 5280 section 6.1: a trust anchor is a subject name and a public key). Three
 * kinds:
 *
 * <ul>
 *   <li>{@link #jdkDefault()}: the JDK's default trust store ({@code cacerts}, or the file named by
 *       {@code javax.net.ssl.trustStore}), the public authorities a client trusts out of the box;
 *   <li>{@link #fromPem(Path)}: the CA certificates of a private PKI, from a PEM file (what {@code
 *       --ca-file FILE} will read); a server's self-signed certificate may be one, as a Windows
 *       client trusts one put in its Trusted Root store;
 *   <li>{@link #none()}: no trust store: the chain's structure is checked (signatures, order, CA
 *       flags) but not whether it leads to a trusted authority.
 * </ul>
 *
 * Immutable; {@link #plus} combines two sets.
 */
public final class TrustAnchors {
  /** The most anchors one PEM file may hold; a full public bundle has about 150. */
  public static final int MAX_PEM_ANCHORS = 1000;

  /** The largest PEM file read. */
  public static final long MAX_PEM_BYTES = 4L * 1024 * 1024;

  private static final TrustAnchors NONE = new TrustAnchors(List.of(), "no trust store", false);

  /** The JDK's store, once loading has started; see {@link #preload()}. */
  private static volatile CompletableFuture<TrustAnchors> jdkDefault;

  private final List<Anchor> anchors;
  private final String description;
  private final boolean judgesTrust;

  /** The anchors by subject name, made at the first lookup; see {@link #named}. */
  private volatile Map<X500Name, List<Anchor>> bySubject;

  private TrustAnchors(List<Anchor> anchors, String description, boolean judgesTrust) {
    this.anchors = List.copyOf(anchors);
    this.description = description;
    this.judgesTrust = judgesTrust;
  }

  /**
   * One anchor: its subject's DER, read cheaply from the store, and the certificate, parsed the
   * first time a chain names that subject (a cold parse of a whole store costs about a second).
   */
  static final class Anchor {
    private final byte[] subject;
    private final byte[] der;
    private volatile X500Name name;
    private volatile Certificate certificate;

    private Anchor(byte[] subject, byte[] der, Certificate certificate) {
      this.subject = subject;
      this.der = der;
      this.certificate = certificate;
    }

    static Anchor of(Certificate c) {
      try {
        return new Anchor(c.getSubject().getEncoded(), c.getEncoded(), c);
      } catch (IOException e) {
        throw new IllegalArgumentException("an anchor that does not encode: " + e.getMessage(), e);
      }
    }

    static Anchor of(X509Certificate c) throws CertificateEncodingException {
      return new Anchor(c.getSubjectX500Principal().getEncoded(), c.getEncoded(), null);
    }

    /** The DER of the anchor's subject Name. */
    byte[] subject() {
      return subject;
    }

    /** The DER of the anchor's certificate. */
    byte[] der() {
      return der;
    }

    /** The anchor's subject name, or null if it does not parse. */
    X500Name name() {
      X500Name n = name;
      if (n == null) {
        try {
          n = X500Name.getInstance(subject);
        } catch (RuntimeException e) {
          return null;
        }
        name = n;
      }
      return n;
    }

    /** The certificate, or null if it does not parse. */
    Certificate certificate() {
      Certificate c = certificate;
      if (c == null) {
        try {
          c = Certificate.getInstance(der);
        } catch (RuntimeException e) {
          return null;
        }
        certificate = c;
      }
      return c;
    }
  }

  /** The system properties that name the JDK's trust store, its type, provider or password. */
  private static final List<String> TRUST_STORE_PROPERTIES =
      List.of(
          "javax.net.ssl.trustStore",
          "javax.net.ssl.trustStoreType",
          "javax.net.ssl.trustStoreProvider",
          "javax.net.ssl.trustStorePassword");

  /**
   * The JDK's default trust store. When the JDK would read its own {@code cacerts} as a JKS store,
   * it is read here as bytes ({@link JksTrustedCertificates}): the same anchors, without the JDK
   * parsing every certificate in full: in a fresh JVM, under 10 ms of the loading thread's CPU
   * against about 100 ms (and about 200 ms of the process's, compilation included), CPU the probe
   * itself needs. Otherwise, or if the file is not a store that reader reads exactly as the JDK
   * does, the JDK reads it.
   */
  static TrustAnchors loadJdkDefault() {
    return loadJdkDefault(jdkJksStore(System.getProperties()));
  }

  /** The store {@code cacerts} as bytes, or, if null or not read so, as the JDK reads its store. */
  static TrustAnchors loadJdkDefault(File cacerts) {
    if (cacerts != null) {
      try {
        return readJks(cacerts);
      } catch (IOException | JksTrustedCertificates.Unreadable | RuntimeException e) {
        // the JDK's reader decides, as it did before
      }
    }
    return loadThroughTrustManagerFactory();
  }

  /**
   * The file the JDK's default trust manager reads when no property names another and it is a JKS
   * store the default key store type reads: {@code $java.home/lib/security/cacerts}, unless {@code
   * jssecacerts} is there too (the JDK prefers it). Null when the JDK would choose otherwise. In
   * {@code java.io} terms, as the JDK's own choice, which costs less than NIO's in a cold process.
   */
  static File jdkJksStore(Properties system) {
    for (String p : TRUST_STORE_PROPERTIES) {
      if (system.getProperty(p) != null) {
        return null;
      }
    }
    String type = KeyStore.getDefaultType();
    boolean readsJks =
        type.equalsIgnoreCase("JKS")
            || (type.equalsIgnoreCase("PKCS12")
                && "true".equalsIgnoreCase(Security.getProperty("keystore.type.compat")));
    String home = system.getProperty("java.home");
    if (!readsJks || home == null) {
      return null;
    }
    try {
      File security = new File(new File(home, "lib"), "security");
      if (new File(security, "jssecacerts").exists()) {
        return null;
      }
      File cacerts = new File(security, "cacerts");
      return cacerts.isFile() && cacerts.canRead() ? cacerts : null;
    } catch (SecurityException e) {
      return null;
    }
  }

  /** The anchors of a JKS store, read as bytes. */
  static TrustAnchors readJks(File store) throws IOException, JksTrustedCertificates.Unreadable {
    List<Anchor> out = new ArrayList<>();
    for (JksTrustedCertificates.TrustedCertificate c : JksTrustedCertificates.read(store)) {
      out.add(new Anchor(c.subject(), c.der(), null));
    }
    return jdkStore(out);
  }

  /** The anchors the JDK's default trust manager accepts as issuers, as the JDK reads them. */
  static TrustAnchors loadThroughTrustManagerFactory() {
    try {
      TrustManagerFactory f =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      f.init((KeyStore) null);
      List<Anchor> out = new ArrayList<>();
      for (TrustManager m : f.getTrustManagers()) {
        if (m instanceof X509TrustManager x) {
          for (X509Certificate c : x.getAcceptedIssuers()) {
            out.add(Anchor.of(c));
          }
        }
      }
      return jdkStore(out);
    } catch (GeneralSecurityException | RuntimeException e) {
      // no store to judge by: say so rather than call every chain untrusted
      return new TrustAnchors(
          List.of(), "the JDK's trust store, which could not be read (" + e + ")", false);
    }
  }

  private static TrustAnchors jdkStore(List<Anchor> anchors) {
    return new TrustAnchors(
        anchors, "the JDK's trust store (" + anchors.size() + " authorities)", true);
  }

  /**
   * Starts reading the JDK's trust store on a thread of its own, once per process, so that the
   * first {@link #jdkDefault()} (a probe checking a certificate on its event loop) does not wait
   * for it. Idempotent.
   */
  public static CompletableFuture<TrustAnchors> preload() {
    CompletableFuture<TrustAnchors> f = jdkDefault;
    if (f == null) {
      synchronized (TrustAnchors.class) {
        f = jdkDefault;
        if (f == null) {
          f = new CompletableFuture<>();
          jdkDefault = f;
          CompletableFuture<TrustAnchors> result = f;
          Thread t = new Thread(() -> result.complete(loadJdkDefault()), "rdp-probe-trust-store");
          t.setDaemon(true);
          t.start();
        }
      }
    }
    return f;
  }

  /**
   * The JDK's default trust store: what {@link TrustManagerFactory}'s default algorithm,
   * initialised without a key store, accepts as issuers. Read once per process ({@link
   * #preload()}); this waits for it. If it cannot be read, the result judges no trust, as {@link
   * #none()}, and its {@link #description()} says why.
   */
  public static TrustAnchors jdkDefault() {
    return preload().join();
  }

  /** No trust store: chains are checked for their structure only. */
  public static TrustAnchors none() {
    return NONE;
  }

  /**
   * The CA certificates of a PEM file ({@code CERTIFICATE} blocks; other blocks are skipped).
   *
   * @throws IOException if the file cannot be read
   * @throws IllegalArgumentException if it is larger than {@link #MAX_PEM_BYTES}, holds no
   *     certificate, more than {@link #MAX_PEM_ANCHORS}, or one that does not parse
   */
  public static TrustAnchors fromPem(Path file) throws IOException {
    Objects.requireNonNull(file, "file");
    if (Files.size(file) > MAX_PEM_BYTES) {
      throw new IllegalArgumentException(
          "the CA file " + file + " is larger than " + MAX_PEM_BYTES + " bytes");
    }
    String text = Files.readString(file, StandardCharsets.US_ASCII);
    List<Anchor> certs = readPem(new StringReader(text), file.toString());
    return new TrustAnchors(
        certs,
        file.getFileName()
            + " ("
            + certs.size()
            + (certs.size() == 1 ? " authority)" : " authorities)"),
        true);
  }

  /**
   * The CA certificates of PEM text.
   *
   * @param description what the set is, for reports, e.g. {@code "the corporate CA"}
   * @throws IllegalArgumentException as {@link #fromPem(Path)}
   */
  public static TrustAnchors fromPem(String pem, String description) {
    Objects.requireNonNull(pem, "pem");
    Objects.requireNonNull(description, "description");
    return new TrustAnchors(readPem(new StringReader(pem), description), description, true);
  }

  /**
   * These certificates as anchors.
   *
   * @param description what the set is, for reports
   */
  public static TrustAnchors of(String description, Collection<X509CertificateHolder> certs) {
    Objects.requireNonNull(description, "description");
    List<Anchor> out = new ArrayList<>();
    for (X509CertificateHolder c : certs) {
      out.add(Anchor.of(c.toASN1Structure()));
    }
    return new TrustAnchors(out, description, true);
  }

  /** These certificates as anchors (JCA form). */
  public static TrustAnchors of(String description, X509Certificate... certs) {
    Objects.requireNonNull(description, "description");
    List<Anchor> out = new ArrayList<>();
    for (X509Certificate c : certs) {
      try {
        out.add(Anchor.of(c));
      } catch (CertificateEncodingException e) {
        throw new IllegalArgumentException("an anchor that does not encode: " + e.getMessage(), e);
      }
    }
    return new TrustAnchors(out, description, true);
  }

  private static List<Anchor> readPem(Reader in, String what) {
    List<Anchor> out = new ArrayList<>();
    try (PemReader r = new PemReader(in)) {
      for (PemObject o = r.readPemObject(); o != null; o = r.readPemObject()) {
        if (!o.getType().equals("CERTIFICATE") && !o.getType().equals("TRUSTED CERTIFICATE")) {
          continue;
        }
        if (out.size() == MAX_PEM_ANCHORS) {
          throw new IllegalArgumentException(
              what + " holds more than " + MAX_PEM_ANCHORS + " certificates");
        }
        try {
          out.add(Anchor.of(new X509CertificateHolder(o.getContent()).toASN1Structure()));
        } catch (IOException | RuntimeException e) {
          throw new IllegalArgumentException(
              what + ": certificate " + (out.size() + 1) + " does not parse", e);
        }
      }
    } catch (IOException e) {
      throw new IllegalArgumentException(what + " is not PEM: " + e.getMessage(), e);
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException(what + " holds no CERTIFICATE block");
    }
    return out;
  }

  /** Both sets; trust is judged if either judges it. */
  public TrustAnchors plus(TrustAnchors other) {
    List<Anchor> all = new ArrayList<>(anchors);
    all.addAll(other.anchors);
    return new TrustAnchors(
        all, description + " and " + other.description, judgesTrust || other.judgesTrust);
  }

  /** Whether a chain is judged by whether it leads to one of these anchors. */
  public boolean judgesTrust() {
    return judgesTrust;
  }

  /** The number of anchors. */
  public int size() {
    return anchors.size();
  }

  /** What the set is, for reports: {@code the JDK's trust store (140 authorities)}, ... */
  public String description() {
    return description;
  }

  /** The anchors. */
  List<Anchor> anchors() {
    return anchors;
  }

  /**
   * The anchors whose subject is {@code name}, as X.500 names compare (Bouncy Castle's {@link
   * X500Name#equals}: attribute values as RFC 4518 prepares them, either order of the RDNs), in the
   * store's order. The first call parses and hashes every anchor's subject once (about 7 ms of a
   * cold process's CPU for the JDK's store, on the first TLS probe's event loop; then a lookup
   * instead of a walk of every anchor).
   */
  List<Anchor> named(X500Name name) {
    return bySubject().getOrDefault(name, List.of());
  }

  private Map<X500Name, List<Anchor>> bySubject() {
    Map<X500Name, List<Anchor>> index = bySubject;
    if (index == null) {
      Map<X500Name, List<Anchor>> out = new HashMap<>();
      for (Anchor a : anchors) {
        X500Name n = a.name();
        if (n != null) {
          out.computeIfAbsent(n, k -> new ArrayList<>(1)).add(a);
        }
      }
      index = out;
      bySubject = index;
    }
    return index;
  }

  @Override
  public String toString() {
    return "TrustAnchors[" + description + "]";
  }
}
