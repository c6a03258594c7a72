package dev.rdpprobe.wire.ntlm;

import dev.rdpprobe.wire.NamedBits;

/**
 * The value of an MsvAvFlags AV_PAIR (MS-NLMP 2.2.2.1). Unknown bits are kept.
 *
 * @param bits the 32-bit value as sent
 */
public record AvFlags(int bits) {
  /** 0x1: the server's account authentication is constrained. */
  public static final int ACCOUNT_AUTHENTICATION_CONSTRAINED = 0x00000001;

  /** 0x2: the client provides a MIC in the AUTHENTICATE_MESSAGE. */
  public static final int MIC_PROVIDED = 0x00000002;

  /** 0x4: the client's MsvAvTargetName came from an untrusted source. */
  public static final int TARGET_SPN_UNTRUSTED = 0x00000004;

  private static final NamedBits NAMES =
      NamedBits.of(
          ACCOUNT_AUTHENTICATION_CONSTRAINED, "ACCOUNT_AUTHENTICATION_CONSTRAINED",
          MIC_PROVIDED, "MIC_PROVIDED",
          TARGET_SPN_UNTRUSTED, "TARGET_SPN_UNTRUSTED");

  /** Whether every bit of {@code flag} is set. */
  public boolean has(int flag) {
    return (bits & flag) == flag;
  }

  /** These flags with {@code flag} set. */
  public AvFlags with(int flag) {
    return new AvFlags(bits | flag);
  }

  @Override
  public String toString() {
    return NAMES.format(bits & 0xFFFFFFFFL, "none");
  }
}
