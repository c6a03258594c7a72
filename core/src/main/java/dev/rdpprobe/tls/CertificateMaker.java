package dev.rdpprobe.tls;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.bc.BcX509ExtensionUtils;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.generators.ECKeyPairGenerator;
import org.bouncycastle.crypto.generators.RSAKeyPairGenerator;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.ECKeyGenerationParameters;
import org.bouncycastle.crypto.params.ECNamedDomainParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.RSAKeyGenerationParameters;
import org.bouncycastle.crypto.util.SubjectPublicKeyInfoFactory;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.DefaultDigestAlgorithmIdentifierFinder;
import org.bouncycastle.operator.DefaultSignatureAlgorithmIdentifierFinder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.bc.BcECContentSignerBuilder;
import org.bouncycastle.operator.bc.BcRSAContentSignerBuilder;

/**
 * Makes keys and certificates for a TLS server, with Bouncy Castle's lightweight API only (no JCA
 * provider, nothing JVM-wide): an RSA key of any size (1024 included, for the weak-key case) or an
 * EC key, a certificate with the subject, subject alternative names and validity you choose
 * (expired, not yet valid), self-signed or issued by a CA made on the spot, in which case the chain
 * is {@code [leaf, CA]}.
 *
 * <pre>{@code
 * ServerIdentity expired = CertificateMaker.builder()
 *     .subject("CN=rdp.example.test")
 *     .dnsNames("rdp.example.test")
 *     .validity(now.minus(Duration.ofDays(395)), now.minus(Duration.ofDays(30)))
 *     .rsa(2048)
 *     .make(now);
 * }</pre>
 */
public final class CertificateMaker {
  private CertificateMaker() {}

  /** A builder with a self-signed RSA 2048 certificate for {@code CN=rdp-probe} as defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** The settings of one certificate; every setter checks its value at once. */
  public static final class Builder {
    private String subject = "CN=rdp-probe";
    private final List<String> dnsNames = new ArrayList<>();
    private final List<String> ipAddresses = new ArrayList<>();
    private Instant notBefore;
    private Instant notAfter;
    private String keyType = "RSA";
    private int rsaBits = 2048;
    private String curve = "secp256r1";
    private String signatureAlgorithm;
    private String caSubject;
    private SecureRandom random;

    private Builder() {}

    /** The subject, e.g. {@code CN=host,O=Example} (most specific first, as RFC 4514 writes). */
    public Builder subject(String name) {
      x500(Objects.requireNonNull(name, "subject"));
      this.subject = name;
      return this;
    }

    /** Subject alternative names of type dNSName. */
    public Builder dnsNames(String... names) {
      for (String n : names) {
        if (n == null || n.isEmpty()) {
          throw new IllegalArgumentException("empty DNS name");
        }
        dnsNames.add(n);
      }
      return this;
    }

    /** Subject alternative names of type iPAddress, as literals ({@code 10.0.0.1}, {@code ::1}). */
    public Builder ipAddresses(String... literals) {
      for (String ip : literals) {
        if (ip == null || !TlsNames.isIpLiteral(ip)) {
          throw new IllegalArgumentException("not an IP address literal: " + ip);
        }
        ipAddresses.add(ip);
      }
      return this;
    }

    /**
     * The validity period. Certificates store whole seconds, so both are truncated to seconds.
     * Defaults: from one day before the {@code now} given to {@link #make} to a year after it.
     */
    public Builder validity(Instant notBefore, Instant notAfter) {
      Objects.requireNonNull(notBefore, "notBefore");
      Objects.requireNonNull(notAfter, "notAfter");
      if (notAfter.isBefore(notBefore)) {
        throw new IllegalArgumentException(
            "notAfter " + notAfter + " before notBefore " + notBefore);
      }
      this.notBefore = notBefore;
      this.notAfter = notAfter;
      return this;
    }

    /** An RSA key of {@code bits} bits (512 to 8192); the default is 2048. */
    public Builder rsa(int bits) {
      if (bits < 512 || bits > 8192) {
        throw new IllegalArgumentException("RSA key size out of range: " + bits);
      }
      this.keyType = "RSA";
      this.rsaBits = bits;
      return this;
    }

    /** An EC key on a named curve: {@code secp256r1}, {@code secp384r1} or {@code secp521r1}. */
    public Builder ec(String curveName) {
      if (!List.of("secp256r1", "secp384r1", "secp521r1").contains(curveName)) {
        throw new IllegalArgumentException("unsupported curve: " + curveName);
      }
      this.keyType = "EC";
      this.curve = curveName;
      return this;
    }

    /**
     * The signature algorithm by its JCA name, e.g. {@code SHA256withRSA}, {@code SHA1withRSA} (for
     * the weak-signature case) or {@code SHA384withECDSA}. Defaults to SHA-256 with the key's
     * algorithm.
     */
    public Builder signatureAlgorithm(String name) {
      new DefaultSignatureAlgorithmIdentifierFinder().find(name); // throws for an unknown name
      this.signatureAlgorithm = name;
      return this;
    }

    /**
     * Issue the certificate from a new CA with this subject (an RSA 2048 key, valid from notBefore
     * to ten years after), so the chain is {@code [leaf, CA]}. Without this it is self-signed.
     */
    public Builder issuedByNewCa(String caSubject) {
      x500(Objects.requireNonNull(caSubject, "caSubject"));
      this.caSubject = caSubject;
      return this;
    }

    /** The randomness for keys and serial numbers; a new {@link SecureRandom} by default. */
    public Builder random(SecureRandom random) {
      this.random = Objects.requireNonNull(random, "random");
      return this;
    }

    /**
     * Makes the key(s) and certificate(s). There is no clock here: {@code now} comes in.
     *
     * @param now the moment the default validity is counted from; ignored when {@link #validity}
     *     was set
     */
    public ServerIdentity make(Instant now) {
      SecureRandom rnd = random != null ? random : new SecureRandom();
      Instant from = notBefore != null ? notBefore : now.minus(Duration.ofDays(1));
      Instant to = notAfter != null ? notAfter : now.plus(Duration.ofDays(365));
      AsymmetricCipherKeyPair leafKeys =
          keyType.equals("RSA") ? rsaKeys(rsaBits, rnd) : ecKeys(curve, rnd);
      String sig =
          signatureAlgorithm != null
              ? signatureAlgorithm
              : keyType.equals("RSA") ? "SHA256withRSA" : "SHA256withECDSA";
      if (caSubject == null) {
        X509CertificateHolder leaf =
            certificate(
                x500(subject),
                leafKeys,
                x500(subject),
                leafKeys.getPrivate(),
                sig,
                from,
                to,
                false,
                rnd);
        return new ServerIdentity(List.of(leaf), leafKeys.getPrivate());
      }
      AsymmetricCipherKeyPair caKeys = rsaKeys(2048, rnd);
      X500Name ca = x500(caSubject);
      X509CertificateHolder caCert =
          certificate(
              ca,
              caKeys,
              ca,
              caKeys.getPrivate(),
              "SHA256withRSA",
              from,
              from.plus(Duration.ofDays(3650)),
              true,
              rnd);
      String leafSig = signatureAlgorithm != null ? signatureAlgorithm : "SHA256withRSA";
      X509CertificateHolder leaf =
          certificate(
              x500(subject), leafKeys, ca, caKeys.getPrivate(), leafSig, from, to, false, rnd);
      return new ServerIdentity(List.of(leaf, caCert), leafKeys.getPrivate());
    }

    private X509CertificateHolder certificate(
        X500Name subjectName,
        AsymmetricCipherKeyPair subjectKeys,
        X500Name issuerName,
        AsymmetricKeyParameter issuerKey,
        String sig,
        Instant from,
        Instant to,
        boolean isCa,
        SecureRandom rnd) {
      try {
        SubjectPublicKeyInfo spki =
            SubjectPublicKeyInfoFactory.createSubjectPublicKeyInfo(subjectKeys.getPublic());
        BigInteger serial = new BigInteger(64, rnd).setBit(62); // positive, 8 bytes
        X509v3CertificateBuilder b =
            new X509v3CertificateBuilder(
                issuerName, serial, Date.from(from), Date.from(to), subjectName, spki);
        BcX509ExtensionUtils ext = new BcX509ExtensionUtils();
        b.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(spki));
        if (isCa) {
          b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
          b.addExtension(
              Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        } else {
          b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
          int usage =
              subjectKeys.getPrivate() instanceof ECPrivateKeyParameters
                  ? KeyUsage.digitalSignature | KeyUsage.keyAgreement
                  : KeyUsage.digitalSignature | KeyUsage.keyEncipherment;
          b.addExtension(Extension.keyUsage, true, new KeyUsage(usage));
          b.addExtension(
              Extension.extendedKeyUsage,
              false,
              new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
          List<GeneralName> names = new ArrayList<>();
          for (String d : dnsNames) {
            names.add(new GeneralName(GeneralName.dNSName, d));
          }
          for (String ip : ipAddresses) {
            names.add(new GeneralName(GeneralName.iPAddress, new DEROctetString(ipBytes(ip))));
          }
          if (!names.isEmpty()) {
            b.addExtension(
                Extension.subjectAlternativeName,
                false,
                new GeneralNames(names.toArray(GeneralName[]::new)));
          }
        }
        return b.build(signer(sig, issuerKey));
      } catch (CertIOException e) {
        throw new UncheckedIOException(e);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /**
   * An RFC 4514 string (most specific RDN first, {@code CN=host,O=Example}) as a name whose
   * encoding lists the RDNs the other way round, as RFC 4514 section 2.1 says; so {@link
   * CertificateFacts#subject()} gives the same string back.
   */
  static X500Name x500(String rfc4514) {
    RDN[] rdns = new X500Name(rfc4514).getRDNs();
    RDN[] reversed = new RDN[rdns.length];
    for (int i = 0; i < rdns.length; i++) {
      reversed[i] = rdns[rdns.length - 1 - i];
    }
    return new X500Name(reversed);
  }

  private static byte[] ipBytes(String literal) {
    try {
      return InetAddress.getByName(TlsNames.canonicalIp(literal))
          .getAddress(); // a literal: no lookup
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("not an IP address literal: " + literal, e);
    }
  }

  private static ContentSigner signer(String name, AsymmetricKeyParameter key) {
    AlgorithmIdentifier sigId = new DefaultSignatureAlgorithmIdentifierFinder().find(name);
    AlgorithmIdentifier digId = new DefaultDigestAlgorithmIdentifierFinder().find(sigId);
    try {
      return key instanceof ECPrivateKeyParameters
          ? new BcECContentSignerBuilder(sigId, digId).build(key)
          : new BcRSAContentSignerBuilder(sigId, digId).build(key);
    } catch (OperatorCreationException e) {
      throw new IllegalArgumentException("cannot sign with " + name + ": " + e.getMessage(), e);
    }
  }

  static AsymmetricCipherKeyPair rsaKeys(int bits, SecureRandom random) {
    RSAKeyPairGenerator g = new RSAKeyPairGenerator();
    g.init(new RSAKeyGenerationParameters(BigInteger.valueOf(65537), random, bits, 100));
    return g.generateKeyPair();
  }

  static AsymmetricCipherKeyPair ecKeys(String curveName, SecureRandom random) {
    ASN1ObjectIdentifier oid = ECNamedCurveTable.getOID(curveName);
    ECKeyPairGenerator g = new ECKeyPairGenerator();
    g.init(
        new ECKeyGenerationParameters(
            new ECNamedDomainParameters(oid, ECNamedCurveTable.getByOID(oid)), random));
    return g.generateKeyPair();
  }
}
