package dev.rdpprobe.tls;

import dev.rdpprobe.wire.DecodeException;
import dev.rdpprobe.wire.Octets;
import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.ASN1UTCTime;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.RSAPublicKey;
import org.bouncycastle.asn1.sec.SECNamedCurves;
import org.bouncycastle.asn1.x500.AttributeTypeAndValue;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.bouncycastle.asn1.x509.Certificate;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x509.Time;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.RSAKeyParameters;
import org.bouncycastle.crypto.util.PublicKeyFactory;
import org.bouncycastle.operator.ContentVerifierProvider;
import org.bouncycastle.operator.DefaultAlgorithmNameFinder;
import org.bouncycastle.operator.DefaultDigestAlgorithmIdentifierFinder;
import org.bouncycastle.operator.bc.BcECContentVerifierProviderBuilder;
import org.bouncycastle.operator.bc.BcEdDSAContentVerifierProviderBuilder;
import org.bouncycastle.operator.bc.BcRSAContentVerifierProviderBuilder;

/**
 * What one X.509 certificate says, read with Bouncy Castle's ASN.1 classes (no JCA provider).
 *
 * @param subject the subject as an RFC 4514 string, most specific RDN first ({@code
 *     CN=host,O=Example})
 * @param issuer the issuer, the same way
 * @param serialNumber the serial number in lower-case hex
 * @param notBefore start of validity
 * @param notAfter end of validity
 * @param selfSigned issuer equals subject and the signature verifies with the certificate's own key
 * @param keyAlgorithm {@code RSA}, {@code EC}, {@code Ed25519}, {@code Ed448}, {@code DSA} or the
 *     key's OID
 * @param keyBits the RSA modulus length, the EC field size, 256 for Ed25519, 456 for Ed448; 0 if
 *     unknown
 * @param keyCurve the named curve of an EC key, e.g. {@code secp256r1}; empty otherwise
 * @param signatureAlgorithm e.g. {@code SHA256withRSA}, {@code SHA384withECDSA}, or the OID
 * @param commonName the subject's first CN, or empty
 * @param dnsNames the subject alternative names of type dNSName
 * @param ipAddresses the subject alternative names of type iPAddress, as text
 * @param sha256Fingerprint SHA-256 of the DER, lower-case hex
 * @param der the certificate as received
 */
public record CertificateFacts(
    String subject,
    String issuer,
    String serialNumber,
    Instant notBefore,
    Instant notAfter,
    boolean selfSigned,
    String keyAlgorithm,
    int keyBits,
    String keyCurve,
    String signatureAlgorithm,
    String commonName,
    List<String> dnsNames,
    List<String> ipAddresses,
    String sha256Fingerprint,
    Octets der) {

  /** The name used in decode errors. */
  public static final String NAME = "X.509 certificate";

  /** RSA keys shorter than this draw a {@link CertificateObjection.Kind#WEAK_KEY}. */
  public static final int MIN_RSA_BITS = 2048;

  private static final long SECONDS_PER_DAY = 86_400;

  public CertificateFacts {
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(issuer, "issuer");
    Objects.requireNonNull(serialNumber, "serialNumber");
    Objects.requireNonNull(notBefore, "notBefore");
    Objects.requireNonNull(notAfter, "notAfter");
    Objects.requireNonNull(keyAlgorithm, "keyAlgorithm");
    Objects.requireNonNull(keyCurve, "keyCurve");
    Objects.requireNonNull(signatureAlgorithm, "signatureAlgorithm");
    Objects.requireNonNull(commonName, "commonName");
    dnsNames = List.copyOf(dnsNames);
    ipAddresses = List.copyOf(ipAddresses);
    Objects.requireNonNull(sha256Fingerprint, "sha256Fingerprint");
    Objects.requireNonNull(der, "der");
  }

  /**
   * Reads a DER certificate.
   *
   * @throws DecodeException if the bytes are not one DER X.509 certificate
   */
  public static CertificateFacts parse(Octets der) {
    Certificate cert = certificate(der);
    try {
      return facts(cert, der);
    } catch (DecodeException e) {
      throw e;
    } catch (RuntimeException e) {
      // Bouncy Castle's ASN.1 objects throw unchecked exceptions for content they cannot read
      throw new DecodeException(
          DecodeException.Kind.INVALID_FIELD,
          NAME,
          "TBSCertificate",
          0,
          der.length(),
          "readable fields");
    }
  }

  private static CertificateFacts facts(Certificate cert, Octets der) {
    X500Name subject = cert.getSubject();
    X500Name issuer = cert.getIssuer();
    SubjectPublicKeyInfo spki = cert.getSubjectPublicKeyInfo();
    ASN1ObjectIdentifier keyOid = spki.getAlgorithm().getAlgorithm();
    String keyAlgorithm = keyOid.getId();
    int keyBits = 0;
    String curve = "";
    try {
      if (keyOid.equals(PKCSObjectIdentifiers.rsaEncryption)
          || keyOid.equals(PKCSObjectIdentifiers.id_RSASSA_PSS)) {
        keyAlgorithm = "RSA";
        keyBits = RSAPublicKey.getInstance(spki.parsePublicKey()).getModulus().bitLength();
      } else if (keyOid.equals(X9ObjectIdentifiers.id_ecPublicKey)) {
        keyAlgorithm = "EC";
        if (spki.getAlgorithm().getParameters() instanceof ASN1ObjectIdentifier curveOid) {
          String name = SECNamedCurves.getName(curveOid);
          curve = name != null ? name : curveOid.getId();
          X9ECParameters params = ECNamedCurveTable.getByOID(curveOid);
          keyBits = params == null ? 0 : params.getCurve().getFieldSize();
        }
      } else if (keyOid.equals(EdECObjectIdentifiers.id_Ed25519)) {
        keyAlgorithm = "Ed25519";
        keyBits = 256;
      } else if (keyOid.equals(EdECObjectIdentifiers.id_Ed448)) {
        keyAlgorithm = "Ed448";
        keyBits = 456;
      } else if (keyOid.equals(X9ObjectIdentifiers.id_dsa)) {
        keyAlgorithm = "DSA";
      }
    } catch (Exception e) {
      // a key we cannot read still leaves the rest of the certificate worth reporting
      keyBits = 0;
    }
    List<String> dns = new ArrayList<>();
    List<String> ips = new ArrayList<>();
    try {
      Extension sanExt =
          cert.getTBSCertificate().getExtensions() == null
              ? null
              : cert.getTBSCertificate()
                  .getExtensions()
                  .getExtension(Extension.subjectAlternativeName);
      if (sanExt != null) {
        for (GeneralName n : GeneralNames.getInstance(sanExt.getParsedValue()).getNames()) {
          if (n.getTagNo() == GeneralName.dNSName) {
            dns.add(((ASN1String) n.getName()).getString());
          } else if (n.getTagNo() == GeneralName.iPAddress) {
            ips.add(ipText(ASN1OctetString.getInstance(n.getName()).getOctets()));
          }
        }
      }
    } catch (RuntimeException e) {
      throw new DecodeException(
          DecodeException.Kind.INVALID_FIELD,
          NAME,
          "subjectAltName",
          0,
          der.length(),
          "GeneralNames");
    }
    return new CertificateFacts(
        rfc4514(subject),
        rfc4514(issuer),
        cert.getSerialNumber().getValue().toString(16),
        instant(cert.getStartDate()),
        instant(cert.getEndDate()),
        subject.equals(issuer) && signedBy(cert, spki),
        keyAlgorithm,
        keyBits,
        curve,
        signatureName(cert),
        commonName(subject),
        dns,
        ips,
        sha256(der),
        der);
  }

  /** Reads a DER certificate. */
  public static CertificateFacts parse(byte[] der) {
    return parse(Octets.of(der));
  }

  /** The subject of a DER certificate as RFC 4514 text, or {@code unparseable}; never throws. */
  static String subjectOf(Octets der) {
    Subject last = lastSubject;
    if (last != null && last.der().equals(der)) {
      return last.subject();
    }
    String subject;
    try {
      subject = rfc4514(certificate(der).getSubject());
    } catch (RuntimeException e) {
      subject = "unparseable";
    }
    lastSubject = new Subject(der, subject);
    return subject;
  }

  /** A certificate and its subject's text. */
  private record Subject(Octets der, String subject) {}

  /**
   * The last certificate {@link #subjectOf} read: a capture's connections to one server name the
   * same leaf in every Certificate message, and parsing it again is what naming it costs.
   */
  private static volatile Subject lastSubject;

  /** A certificate's DER and what Bouncy Castle parsed of it (immutable, so shared). */
  private record Parsed(Octets der, Certificate cert) {}

  /**
   * The last certificate {@link #certificate} parsed: a Certificate message's leaf is named, its
   * facts read and its path built from the same DER, one after the other.
   */
  private static volatile Parsed lastParsed;

  /**
   * The certificate of {@code der}, parsed once for the last DER asked about.
   *
   * @throws DecodeException if the bytes are not one DER X.509 certificate
   */
  static Certificate certificate(Octets der) {
    Parsed last = lastParsed;
    if (last != null && last.der().equals(der)) {
      return last.cert();
    }
    Certificate cert = parseCertificate(der);
    lastParsed = new Parsed(der, cert);
    return cert;
  }

  private static Certificate parseCertificate(Octets der) {
    try {
      // fromByteArray refuses trailing bytes after the outer SEQUENCE
      Certificate cert = Certificate.getInstance(ASN1Primitive.fromByteArray(der.toByteArray()));
      if (cert == null) {
        throw new IllegalArgumentException("empty");
      }
      // touch the fields later code reads, so a malformed one fails here
      cert.getSubject();
      cert.getIssuer();
      instant(cert.getStartDate());
      instant(cert.getEndDate());
      cert.getSubjectPublicKeyInfo().getAlgorithm();
      return cert;
    } catch (Exception e) {
      throw new DecodeException(
          DecodeException.Kind.INVALID_FIELD,
          NAME,
          "Certificate",
          0,
          der.length(),
          "one DER Certificate (RFC 5280 section 4.1)");
    }
  }

  /** RDNs in reverse order of the encoding, as RFC 4514 section 2.1 prescribes. */
  static String rfc4514(X500Name name) {
    RDN[] rdns = name.getRDNs();
    StringBuilder out = new StringBuilder();
    for (int i = rdns.length - 1; i >= 0; i--) {
      if (out.length() > 0) {
        out.append(',');
      }
      AttributeTypeAndValue[] values = rdns[i].getTypesAndValues();
      for (int k = 0; k < values.length; k++) {
        if (k > 0) {
          out.append('+');
        }
        String type = BCStyle.INSTANCE.oidToDisplayName(values[k].getType());
        out.append(type != null ? type : values[k].getType().getId())
            .append('=')
            .append(valueText(values[k]));
      }
    }
    return out.toString();
  }

  /**
   * The value as RFC 4514 text; a value that is not a readable string (bad UTF-8 in a UTF8String,
   * say) is written the RFC 4514 way for non-strings: {@code #} and the DER in hex.
   */
  private static String valueText(AttributeTypeAndValue v) {
    try {
      return IETFUtils.valueToString(v.getValue());
    } catch (RuntimeException e) {
      try {
        return "#" + Octets.of(v.getValue().toASN1Primitive().getEncoded()).toHex();
      } catch (java.io.IOException | RuntimeException again) {
        return "#";
      }
    }
  }

  private static String commonName(X500Name name) {
    for (RDN rdn : name.getRDNs(BCStyle.CN)) {
      AttributeTypeAndValue first = rdn.getFirst();
      if (first != null && first.getValue() instanceof ASN1String s) {
        try {
          return s.getString();
        } catch (RuntimeException e) {
          return valueText(first);
        }
      }
    }
    return "";
  }

  /**
   * Whether the signature of {@code cert} verifies with {@code key}; false for anything unreadable.
   */
  static boolean signedBy(Certificate cert, SubjectPublicKeyInfo key) {
    try {
      X509CertificateHolder holder = new X509CertificateHolder(cert);
      DefaultDigestAlgorithmIdentifierFinder digests = new DefaultDigestAlgorithmIdentifierFinder();
      ASN1ObjectIdentifier oid = key.getAlgorithm().getAlgorithm();
      ContentVerifierProvider verifier;
      if (oid.equals(X9ObjectIdentifiers.id_ecPublicKey)) {
        verifier = new BcECContentVerifierProviderBuilder(digests).build(keyOf(key));
      } else if (oid.equals(EdECObjectIdentifiers.id_Ed25519)
          || oid.equals(EdECObjectIdentifiers.id_Ed448)) {
        verifier = new BcEdDSAContentVerifierProviderBuilder().build(keyOf(key));
      } else {
        verifier = new BcRSAContentVerifierProviderBuilder(digests).build(keyOf(key));
      }
      return holder.isSignatureValid(verifier);
    } catch (Exception e) {
      return false;
    }
  }

  /**
   * The key as Bouncy Castle's parameters. An RSA modulus is taken as it is: its sanity checks
   * (small factors, Miller-Rabin rounds) tell a probe nothing it reports and cost a new process a
   * tenth of a second; taken so, Bouncy Castle's TLS client knows it too and skips them for this
   * key.
   */
  private static AsymmetricKeyParameter keyOf(SubjectPublicKeyInfo key) throws IOException {
    ASN1ObjectIdentifier oid = key.getAlgorithm().getAlgorithm();
    if (oid.equals(PKCSObjectIdentifiers.rsaEncryption)
        || oid.equals(PKCSObjectIdentifiers.id_RSASSA_PSS)) {
      RSAPublicKey rsa = RSAPublicKey.getInstance(key.parsePublicKey());
      return new RSAKeyParameters(false, rsa.getModulus(), rsa.getPublicExponent(), true);
    }
    return PublicKeyFactory.createKey(key);
  }

  /**
   * A validity time. The forms RFC 5280 section 4.1.2.5 prescribes (UTCTime {@code YYMMDDHHMMSSZ},
   * years 50 to 99 in the 1900s; GeneralizedTime {@code YYYYMMDDHHMMSSZ}) are read here: Bouncy
   * Castle reads them with {@code java.text}, whose locale data costs a new process a tenth of a
   * second. Any other form goes to Bouncy Castle.
   */
  static Instant instant(Time time) {
    ASN1Primitive p = time.toASN1Primitive();
    String text = contents(p);
    boolean utc = p instanceof ASN1UTCTime;
    int yearDigits = utc ? 2 : 4;
    if (text != null
        && text.length() == yearDigits + 11
        && text.endsWith("Z")
        && text.chars().limit(text.length() - 1L).allMatch(c -> c >= '0' && c <= '9')) {
      int year = Integer.parseInt(text.substring(0, yearDigits));
      if (utc) {
        year += year >= 50 ? 1900 : 2000;
      }
      int at = yearDigits;
      try {
        return LocalDateTime.of(
                year,
                Integer.parseInt(text.substring(at, at + 2)),
                Integer.parseInt(text.substring(at + 2, at + 4)),
                Integer.parseInt(text.substring(at + 4, at + 6)),
                Integer.parseInt(text.substring(at + 6, at + 8)),
                Integer.parseInt(text.substring(at + 8, at + 10)))
            .toInstant(ZoneOffset.UTC);
      } catch (DateTimeException e) {
        // out of range: Bouncy Castle's reading decides
      }
    }
    return time.getDate().toInstant();
  }

  /** The contents octets of a short DER string as ASCII, or {@code null}. */
  private static String contents(ASN1Primitive p) {
    try {
      byte[] der = p.getEncoded(ASN1Encoding.DER);
      return der.length < 2 || der[1] < 0 || der[1] != der.length - 2
          ? null
          : new String(der, 2, der.length - 2, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      return null;
    }
  }

  private static String signatureName(Certificate cert) {
    String name;
    try {
      name = new DefaultAlgorithmNameFinder().getAlgorithmName(cert.getSignatureAlgorithm());
    } catch (RuntimeException e) {
      name = cert.getSignatureAlgorithm().getAlgorithm().getId();
    }
    // the finder says SHA256WITHRSA; Java's standard names say SHA256withRSA
    return name.replace("WITH", "with");
  }

  private static String ipText(byte[] octets) {
    if (octets.length != 4 && octets.length != 16) {
      return "invalid (" + Octets.of(octets).toHex() + ")";
    }
    try {
      return InetAddress.getByAddress(octets).getHostAddress(); // literal bytes: no lookup
    } catch (UnknownHostException e) {
      return "invalid (" + Octets.of(octets).toHex() + ")";
    }
  }

  private static String sha256(Octets der) {
    byte[] in = der.toByteArray();
    SHA256Digest d = new SHA256Digest();
    d.update(in, 0, in.length);
    byte[] out = new byte[d.getDigestSize()];
    d.doFinal(out, 0);
    return Octets.of(out).toHex();
  }

  /** Whether the certificate is valid at {@code now}, and by how many days. */
  public CertificateValidity validityAt(Instant now) {
    if (now.isAfter(notAfter)) {
      return new CertificateValidity(
          CertificateValidity.Status.EXPIRED, Duration.between(notAfter, now).toDays());
    }
    if (now.isBefore(notBefore)) {
      long seconds = Duration.between(now, notBefore).toSeconds();
      boolean partial =
          seconds % SECONDS_PER_DAY != 0 || Duration.between(now, notBefore).getNano() != 0;
      return new CertificateValidity(
          CertificateValidity.Status.NOT_YET_VALID, seconds / SECONDS_PER_DAY + (partial ? 1 : 0));
    }
    return new CertificateValidity(
        CertificateValidity.Status.VALID, Duration.between(now, notAfter).toDays());
  }

  /** Whether the signature algorithm uses SHA-1, MD5 or MD2. */
  public boolean hasWeakSignature() {
    String s = signatureAlgorithm.toUpperCase(Locale.ROOT);
    return s.startsWith("SHA1") || s.startsWith("MD5") || s.startsWith("MD2");
  }

  /**
   * What a validating client would object to when it connects to {@code hostName} at {@code now}:
   * the validity, a self-signed certificate, a short RSA key, a SHA-1 or MD5 signature, and a host
   * name that matches neither a dNSName (or iPAddress) of the subject alternative names nor, when
   * there are none, the CN. A {@code null} or empty host name skips the name check.
   */
  public List<CertificateObjection> objections(Instant now, String hostName) {
    List<CertificateObjection> out = new ArrayList<>();
    CertificateValidity v = validityAt(now);
    switch (v.status()) {
      case EXPIRED ->
          out.add(
              new CertificateObjection(
                  CertificateObjection.Kind.EXPIRED,
                  v.describe() + " (notAfter " + notAfter + ")"));
      case NOT_YET_VALID ->
          out.add(
              new CertificateObjection(
                  CertificateObjection.Kind.NOT_YET_VALID,
                  v.describe() + " (notBefore " + notBefore + ")"));
      case VALID -> {}
    }
    if (selfSigned) {
      out.add(
          new CertificateObjection(
              CertificateObjection.Kind.SELF_SIGNED,
              "self-signed by " + subject + ": no trusted authority vouches for it"));
    }
    if ("RSA".equals(keyAlgorithm) && keyBits > 0 && keyBits < MIN_RSA_BITS) {
      out.add(
          new CertificateObjection(
              CertificateObjection.Kind.WEAK_KEY,
              "RSA key of " + keyBits + " bits (at least " + MIN_RSA_BITS + " expected)"));
    }
    if (hasWeakSignature()) {
      out.add(
          new CertificateObjection(
              CertificateObjection.Kind.WEAK_SIGNATURE, "signed with " + signatureAlgorithm));
    }
    if (hostName != null && !hostName.isEmpty() && !matchesHost(hostName)) {
      String names =
          dnsNames.isEmpty() && ipAddresses.isEmpty()
              ? "CN " + (commonName.isEmpty() ? "(none)" : commonName)
              : "subject alternative names " + allNames();
      out.add(
          new CertificateObjection(
              CertificateObjection.Kind.HOST_NAME_MISMATCH,
              "host name " + hostName + " is not in the " + names));
    }
    return List.copyOf(out);
  }

  private List<String> allNames() {
    List<String> all = new ArrayList<>(dnsNames);
    all.addAll(ipAddresses);
    return all;
  }

  /**
   * Whether {@code hostName} is one this certificate names (RFC 6125): an IP literal against the
   * iPAddress names; a DNS name against the dNSNames (a {@code *} may stand for the whole left-most
   * label), or against the CN when there are no subject alternative names at all, as Schannel and
   * OpenSSL still do.
   */
  public boolean matchesHost(String hostName) {
    String host = hostName.toLowerCase(Locale.ROOT);
    if (host.endsWith(".")) {
      host = host.substring(0, host.length() - 1);
    }
    if (TlsNames.isIpLiteral(host)) {
      String canonical = TlsNames.canonicalIp(host);
      for (String ip : ipAddresses) {
        if (ip.equalsIgnoreCase(canonical)) {
          return true;
        }
      }
      return dnsNames.isEmpty() && ipAddresses.isEmpty() && host.equalsIgnoreCase(commonName);
    }
    List<String> candidates =
        dnsNames.isEmpty() && ipAddresses.isEmpty() ? List.of(commonName) : dnsNames;
    for (String pattern : candidates) {
      if (dnsMatches(pattern.toLowerCase(Locale.ROOT), host)) {
        return true;
      }
    }
    return false;
  }

  private static boolean dnsMatches(String pattern, String host) {
    if (pattern.endsWith(".")) {
      pattern = pattern.substring(0, pattern.length() - 1);
    }
    if (pattern.startsWith("*.")) {
      int dot = host.indexOf('.');
      return dot > 0
          && host.substring(dot + 1).equals(pattern.substring(2))
          && pattern.substring(2).contains(".");
    }
    return !pattern.isEmpty() && pattern.equals(host);
  }

  /** The serial number as a number. */
  public BigInteger serial() {
    return new BigInteger(serialNumber, 16);
  }

  /** {@code CN=host (RSA 2048, SHA256withRSA, notAfter 2026-01-01T00:00:00Z, self-signed)}. */
  public String summary() {
    return subject
        + " ("
        + keyAlgorithm
        + (keyBits > 0 ? " " + keyBits : "")
        + ", "
        + signatureAlgorithm
        + ", notAfter "
        + notAfter
        + (selfSigned ? ", self-signed" : ", issued by " + issuer)
        + ")";
  }
}
