package dev.rdpprobe.tls;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.pkcs.RSAPrivateKey;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.RSAPrivateCrtKeyParameters;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.crypto.util.PrivateKeyInfoFactory;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;
import org.bouncycastle.util.io.pem.PemWriter;

/**
 * What a TLS server presents: its certificate chain (leaf first) and the leaf's private key, as
 * Bouncy Castle lightweight types. {@link CertificateMaker} makes them; {@link #fromPem} reads
 * them; {@link #certificatePem()} and {@link #privateKeyPem()} write them for real peers (xrdp's
 * {@code certificate=} and {@code key_file=}).
 *
 * <p>{@link #toString()} never shows the key.
 *
 * @param chain the certificates, leaf first, at least one
 * @param privateKey the leaf's private key: RSA or EC
 */
public record ServerIdentity(List<X509CertificateHolder> chain, AsymmetricKeyParameter privateKey) {
  public ServerIdentity {
    chain = List.copyOf(chain);
    Objects.requireNonNull(privateKey, "privateKey");
    if (chain.isEmpty()) {
      throw new IllegalArgumentException("empty certificate chain");
    }
    if (!privateKey.isPrivate()) {
      throw new IllegalArgumentException("not a private key");
    }
    if (!(privateKey instanceof RSAPrivateCrtKeyParameters)
        && !(privateKey instanceof ECPrivateKeyParameters)) {
      throw new IllegalArgumentException(
          "only RSA (CRT) and EC keys are supported: " + privateKey.getClass().getSimpleName());
    }
  }

  /** The leaf certificate. */
  public X509CertificateHolder leaf() {
    return chain.get(0);
  }

  /** Whether the key is RSA (else EC). */
  public boolean isRsa() {
    return privateKey instanceof RSAPrivateCrtKeyParameters;
  }

  /** The facts of each certificate, leaf first. */
  public List<CertificateFacts> facts() {
    List<CertificateFacts> out = new ArrayList<>();
    for (X509CertificateHolder c : chain) {
      out.add(CertificateFacts.parse(der(c)));
    }
    return List.copyOf(out);
  }

  static byte[] der(X509CertificateHolder c) {
    try {
      return c.getEncoded();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The chain as PEM {@code CERTIFICATE} blocks, leaf first. */
  public String certificatePem() {
    List<PemObject> blocks = new ArrayList<>();
    for (X509CertificateHolder c : chain) {
      blocks.add(new PemObject("CERTIFICATE", der(c)));
    }
    return pem(blocks);
  }

  /** The private key as a PKCS#8 PEM {@code PRIVATE KEY} block, which OpenSSL and xrdp read. */
  public String privateKeyPem() {
    try {
      PrivateKeyInfo info = PrivateKeyInfoFactory.createPrivateKeyInfo(privateKey);
      return pem(List.of(new PemObject("PRIVATE KEY", info.getEncoded())));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String pem(List<PemObject> blocks) {
    StringWriter out = new StringWriter();
    try (PemWriter w = new PemWriter(out)) {
      for (PemObject b : blocks) {
        w.writeObject(b);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  /**
   * Reads a chain (PEM {@code CERTIFICATE} blocks, leaf first) and a key (PEM {@code PRIVATE KEY}
   * or {@code RSA PRIVATE KEY}), e.g. the files an xrdp or Windows export uses.
   *
   * @throws IllegalArgumentException if the text holds no certificate or no usable key
   */
  public static ServerIdentity fromPem(String certificates, String privateKey) {
    List<X509CertificateHolder> chain = new ArrayList<>();
    try (PemReader r = new PemReader(new StringReader(certificates))) {
      for (PemObject o = r.readPemObject(); o != null; o = r.readPemObject()) {
        if (o.getType().equals("CERTIFICATE")) {
          chain.add(new X509CertificateHolder(o.getContent()));
        }
      }
    } catch (IOException e) {
      throw new IllegalArgumentException("not PEM certificates: " + e.getMessage(), e);
    }
    AsymmetricKeyParameter key = null;
    try (PemReader r = new PemReader(new StringReader(privateKey))) {
      for (PemObject o = r.readPemObject(); o != null && key == null; o = r.readPemObject()) {
        if (o.getType().equals("PRIVATE KEY")) {
          key = PrivateKeyFactory.createKey(o.getContent());
        } else if (o.getType().equals("RSA PRIVATE KEY")) {
          RSAPrivateKey k = RSAPrivateKey.getInstance(o.getContent());
          key =
              new RSAPrivateCrtKeyParameters(
                  k.getModulus(),
                  k.getPublicExponent(),
                  k.getPrivateExponent(),
                  k.getPrime1(),
                  k.getPrime2(),
                  k.getExponent1(),
                  k.getExponent2(),
                  k.getCoefficient());
        }
      }
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException("not a PEM private key: " + e.getMessage(), e);
    }
    if (chain.isEmpty()) {
      throw new IllegalArgumentException("no CERTIFICATE block in the certificate text");
    }
    if (key == null) {
      throw new IllegalArgumentException("no PRIVATE KEY or RSA PRIVATE KEY block in the key text");
    }
    return new ServerIdentity(chain, key);
  }

  @Override
  public String toString() {
    return "ServerIdentity[chain="
        + chain.stream().map(c -> CertificateFacts.rfc4514(c.getSubject())).toList()
        + ", privateKey="
        + (isRsa() ? "RSA" : "EC")
        + " (redacted)]";
  }
}
