package dev.rdpprobe.facts;

import dev.rdpprobe.trace.Direction;
import java.util.Objects;

/**
 * A PDU under Standard RDP Security whose data signature (MS-RDPBCGR 5.3.6.1, 5.3.6.1.1, 5.3.6.2)
 * does not check after decryption: the keys differ at the two ends (another client random, a method
 * mismatch), the count is off (a lost or extra PDU, a salted signature read as plain), or the bytes
 * were altered. The reading end records it as evidence (a note's value) and reads the PDU all the
 * same.
 *
 * @param direction who sent the PDU
 * @param pdu the PDU's name, as decoded from the plaintext (or what was awaited, if it did not
 *     decode)
 * @param pduNumber its place among the PDUs decrypted in its direction, from 0
 * @param salted whether its header said SEC_SECURE_CHECKSUM
 */
public record BadSignature(Direction direction, String pdu, long pduNumber, boolean salted) {
  public BadSignature {
    Objects.requireNonNull(direction, "direction");
    Objects.requireNonNull(pdu, "pdu");
  }
}
