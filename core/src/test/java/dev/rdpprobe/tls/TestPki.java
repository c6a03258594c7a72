package dev.rdpprobe.tls;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Certificate;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.util.SubjectPublicKeyInfoFactory;
import org.bouncycastle.operator.DefaultDigestAlgorithmIdentifierFinder;
import org.bouncycastle.operator.DefaultSignatureAlgorithmIdentifierFinder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.bc.BcRSAContentSignerBuilder;

/**
 * A private PKI for tests, made with bcpkix: a root CA, intermediates and server certificates with
 * whatever flaw a test needs (not a CA, a signature that does not verify, an AIA extension). RSA
 * 2048 throughout, so xrdp can serve the certificates too; keys come from a seeded generator per
 * PKI, made once per test class.
 */
public final class TestPki {
  private final SecureRandom random;
  private final Instant now;

  /** One authority: its certificate and keys. */
  public record Authority(X509CertificateHolder certificate, AsymmetricCipherKeyPair keys) {
    public X500Name name() {
      return certificate.getSubject();
    }
  }

  public TestPki(Instant now) {
    this.now = now;
    this.random = new SecureRandom();
  }

  /** A self-signed root CA. */
  public Authority root(String subject) {
    AsymmetricCipherKeyPair keys = CertificateMaker.rsaKeys(2048, random);
    X500Name name = CertificateMaker.x500(subject);
    return new Authority(
        build(name, keys, name, keys, true, null, now.minus(Duration.ofDays(1)), years(10), false),
        keys);
  }

  /** A CA issued by {@code issuer}; {@code pathLen} may be null. */
  public Authority intermediate(String subject, Authority issuer, Integer pathLen) {
    AsymmetricCipherKeyPair keys = CertificateMaker.rsaKeys(2048, random);
    return new Authority(
        build(
            CertificateMaker.x500(subject),
            keys,
            issuer.name(),
            issuer.keys(),
            true,
            pathLen,
            now.minus(Duration.ofDays(1)),
            years(5),
            false),
        keys);
  }

  /** A certificate that is not a CA (basicConstraints cA FALSE), issued by {@code issuer}. */
  public Authority notACa(String subject, Authority issuer) {
    return server(subject, issuer, false);
  }

  /** A server certificate for {@code localhost} and 127.0.0.1, issued by {@code issuer}. */
  public Authority server(String subject, Authority issuer, boolean aia) {
    return server(subject, issuer, aia, now.minus(Duration.ofDays(1)), years(1));
  }

  /** A server certificate valid between two moments. */
  public Authority server(
      String subject, Authority issuer, boolean aia, Instant notBefore, Instant notAfter) {
    AsymmetricCipherKeyPair keys = CertificateMaker.rsaKeys(2048, random);
    return new Authority(
        build(
            CertificateMaker.x500(subject),
            keys,
            issuer.name(),
            issuer.keys(),
            false,
            null,
            notBefore,
            notAfter,
            aia),
        keys);
  }

  /** The same certificate with one bit of its signature flipped. */
  public static X509CertificateHolder tampered(X509CertificateHolder cert) {
    Certificate c = cert.toASN1Structure();
    byte[] sig = c.getSignature().getBytes();
    sig[sig.length / 2] ^= 0x01;
    Certificate bad =
        Certificate.getInstance(
            new DERSequence(
                new org.bouncycastle.asn1.ASN1Encodable[] {
                  c.getTBSCertificate(), c.getSignatureAlgorithm(), new DERBitString(sig)
                }));
    return new X509CertificateHolder(bad);
  }

  /** The chain's facts, in the order given. */
  public static List<CertificateFacts> facts(X509CertificateHolder... chain) {
    List<CertificateFacts> out = new ArrayList<>();
    for (X509CertificateHolder c : chain) {
      out.add(CertificateFacts.parse(ServerIdentity.der(c)));
    }
    return out;
  }

  /** An identity xrdp can serve: the chain as given and the leaf's key. */
  public static ServerIdentity identity(Authority leaf, X509CertificateHolder... rest) {
    List<X509CertificateHolder> chain = new ArrayList<>();
    chain.add(leaf.certificate());
    chain.addAll(List.of(rest));
    return new ServerIdentity(chain, leaf.keys().getPrivate());
  }

  private Instant years(int n) {
    return now.plus(Duration.ofDays(365L * n));
  }

  private X509CertificateHolder build(
      X500Name subject,
      AsymmetricCipherKeyPair subjectKeys,
      X500Name issuer,
      AsymmetricCipherKeyPair issuerKeys,
      boolean ca,
      Integer pathLen,
      Instant from,
      Instant to,
      boolean aia) {
    try {
      SubjectPublicKeyInfo spki =
          SubjectPublicKeyInfoFactory.createSubjectPublicKeyInfo(subjectKeys.getPublic());
      X509v3CertificateBuilder b =
          new X509v3CertificateBuilder(
              issuer,
              new BigInteger(64, random).setBit(62),
              Date.from(from),
              Date.from(to),
              subject,
              spki);
      if (ca) {
        b.addExtension(
            Extension.basicConstraints,
            true,
            pathLen == null ? new BasicConstraints(true) : new BasicConstraints(pathLen));
        b.addExtension(
            Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
      } else {
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        b.addExtension(
            Extension.keyUsage,
            true,
            new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
        b.addExtension(
            Extension.subjectAlternativeName,
            false,
            new GeneralNames(
                new GeneralName[] {
                  new GeneralName(GeneralName.dNSName, "localhost"),
                  new GeneralName(GeneralName.iPAddress, "127.0.0.1")
                }));
      }
      if (aia) {
        b.addExtension(
            Extension.authorityInfoAccess,
            false,
            new AuthorityInformationAccess(
                new AccessDescription(
                    AccessDescription.id_ad_caIssuers,
                    new GeneralName(
                        GeneralName.uniformResourceIdentifier, "http://pki.test/issuer.crt"))));
      }
      AlgorithmIdentifier sigId =
          new DefaultSignatureAlgorithmIdentifierFinder().find("SHA256withRSA");
      AlgorithmIdentifier digId = new DefaultDigestAlgorithmIdentifierFinder().find(sigId);
      return b.build(new BcRSAContentSignerBuilder(sigId, digId).build(issuerKeys.getPrivate()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (OperatorCreationException e) {
      throw new IllegalStateException(e);
    }
  }
}
