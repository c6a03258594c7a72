package dev.rdpprobe.rdpsec;

import dev.rdpprobe.wire.Octets;
import java.util.Objects;

/**
 * One PDU's data encrypted and signed, the parts a security header and a fast-path header carry.
 *
 * @param dataSignature the 8-byte signature
 * @param padlen the zero bytes appended before 3DES encryption (FIPS), else 0
 * @param ciphertext the encrypted data, padding included
 * @param salted whether the signature is salted (SEC_SECURE_CHECKSUM; never with FIPS, whose
 *     signature always covers the count)
 * @param encryptionCount the PDU's place among the PDUs this side encrypted, from 0
 */
public record Sealed(
    Octets dataSignature, int padlen, Octets ciphertext, boolean salted, long encryptionCount) {
  public Sealed {
    Objects.requireNonNull(dataSignature, "dataSignature");
    Objects.requireNonNull(ciphertext, "ciphertext");
  }
}
