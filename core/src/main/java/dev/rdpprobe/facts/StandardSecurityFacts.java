package dev.rdpprobe.facts;

import dev.rdpprobe.rdpsec.CertificateSignature;
import dev.rdpprobe.rdpsec.EncryptionMethod;
import dev.rdpprobe.wire.Octets;
import dev.rdpprobe.wire.gcc.EncryptionLevel;
import dev.rdpprobe.wire.gcc.EncryptionMethods;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a server that selected Standard RDP Security (PROTOCOL_RDP) showed of it (MS-RDPBCGR 5.3):
 * the method and level of its Security Data, its random and certificate, and how the encrypted part
 * of the connection went.
 *
 * @param offeredMethods the methods the client's Security Data (CS_SECURITY) offered
 * @param method the server's encryptionMethod (none, or one method)
 * @param level the server's encryptionLevel
 * @param serverRandom the server random, or {@code null} (none is sent at level NONE)
 * @param certificate which kind of certificate the server sent
 * @param keyBits the size of the certificate's RSA key in bits, or 0 when there is none to read
 * @param temporary whether dwVersion marks the certificate as temporarily issued (its top bit)
 * @param signature whether a proprietary certificate's signature checks against the Terminal
 *     Services signing key (MS-RDPBCGR 5.3.3.1.3): a server's own certificate does; a man in the
 *     middle that swapped the key cannot make one that does
 * @param exchangeSent whether the client sent its Security Exchange PDU
 * @param badSignatures the server's PDUs whose signatures did not check, in order
 */
public record StandardSecurityFacts(
    EncryptionMethods offeredMethods,
    EncryptionMethods method,
    EncryptionLevel level,
    Octets serverRandom,
    CertificateKind certificate,
    int keyBits,
    boolean temporary,
    CertificateSignature signature,
    boolean exchangeSent,
    List<BadSignature> badSignatures) {
  public StandardSecurityFacts {
    Objects.requireNonNull(offeredMethods, "offeredMethods");
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(level, "level");
    Objects.requireNonNull(certificate, "certificate");
    Objects.requireNonNull(signature, "signature");
    badSignatures = List.copyOf(badSignatures);
  }

  /** The kinds of serverCertificate (MS-RDPBCGR 2.2.1.4.3.1). */
  public enum CertificateKind {
    /** No certificate (level NONE, or under TLS). */
    NONE,
    /** A proprietary certificate (CERT_CHAIN_VERSION_1): an RSA key signed by Terminal Services. */
    PROPRIETARY,
    /** An X.509 chain (CERT_CHAIN_VERSION_2), from a server with a license server's certificate. */
    X509,
    /** A dwVersion this specification does not define. */
    UNKNOWN
  }

  /** The selected method, when {@link #method} is exactly one known method (or none). */
  public Optional<EncryptionMethod> selectedMethod() {
    try {
      return Optional.of(EncryptionMethod.of(method));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** Whether the selected method was among those the client offered (none always is). */
  public boolean methodOffered() {
    return method.bits() == 0 || (offeredMethods.bits() & method.bits()) == method.bits();
  }

  /** Whether the client encrypts what it sends: at every level but NONE. */
  public boolean clientEncrypts() {
    return method.bits() != 0 && level.value() != EncryptionLevel.NONE.value();
  }

  /** Whether the server encrypts what it sends: above level LOW. */
  public boolean serverEncrypts() {
    return clientEncrypts() && level.value() != EncryptionLevel.LOW.value();
  }

  /**
   * One line: {@code RC4_128 at HIGH, proprietary certificate (RSA 2048 bits, signature VALID)}.
   */
  public String summary() {
    String m = selectedMethod().map(Enum::name).orElse(method.toString());
    String c =
        switch (certificate) {
          case NONE -> "no certificate";
          case PROPRIETARY ->
              "proprietary certificate (RSA "
                  + keyBits
                  + " bits, Terminal Services signature "
                  + signature
                  + ")";
          case X509 -> "X.509 certificate chain (RSA " + keyBits + " bits)";
          case UNKNOWN -> "a certificate of an unknown version";
        };
    return m + " at level " + level + ", " + c;
  }
}
