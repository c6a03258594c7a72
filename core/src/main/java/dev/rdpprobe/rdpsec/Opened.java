package dev.rdpprobe.rdpsec;

import dev.rdpprobe.wire.Octets;
import java.util.Objects;

/**
 * One PDU's data decrypted and its signature checked.
 *
 * @param plaintext the decrypted data, without the FIPS padding
 * @param mac what the signature said
 * @param encryptionCount the PDU's place among the PDUs decrypted in its direction, from 0
 */
public record Opened(Octets plaintext, MacCheck mac, long encryptionCount) {
  public Opened {
    Objects.requireNonNull(plaintext, "plaintext");
    Objects.requireNonNull(mac, "mac");
  }
}
