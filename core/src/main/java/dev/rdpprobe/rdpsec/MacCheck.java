package dev.rdpprobe.rdpsec;

/** What the data signature of a received PDU said. */
public enum MacCheck {
  /** The signature is the one the plaintext and the keys give. */
  VALID,
  /**
   * The signature is not: the keys differ (a wrong client random, a method mismatch), the count is
   * off (a lost or extra PDU, a salted MAC read as plain), or the bytes were altered. Evidence to
   * record, not a reason to throw the PDU away unread.
   */
  INVALID,
  /** The PDU was not encrypted and carries no signature (SEC_ENCRYPT clear). */
  NOT_SIGNED
}
