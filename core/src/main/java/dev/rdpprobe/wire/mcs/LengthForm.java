package dev.rdpprobe.wire.mcs;

/**
 * How an ALIGNED PER length determinant (X.691 10.9) was written: X.691's one octet below 128, or
 * two octets ({@code 80 xx}) even for a short length, as xrdp writes the GCC user data length and
 * FreeRDP's server the Send Data Indication length. Kept so that decoded PDUs re-encode to the same
 * bytes; a length of 128 or more always takes two octets, and records then carry {@link #SHORTEST}.
 */
public enum LengthForm {
  /** One octet below 128, two from 128 (X.691). */
  SHORTEST,
  /** Two octets whatever the length. */
  TWO_OCTETS;

  /** {@code form}, or {@link #SHORTEST} where the choice makes no difference for {@code length}. */
  public static LengthForm canonical(LengthForm form, int length) {
    return length >= 0x80 ? SHORTEST : form;
  }
}
