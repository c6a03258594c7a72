package dev.rdpprobe.wire;

import java.io.IOException;
import java.util.Arrays;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Primitive;

/**
 * A second opinion on the DER and BER the project writes: Bouncy Castle's ASN.1 parser, which
 * shares no code with {@code wire/credssp/Der.java} or {@code wire/mcs/Ber.java}. {@link
 * ASN1Primitive#fromByteArray} reads with the array's length as its limit, so a length that runs
 * past its enclosing value or the end is an error, and bytes after the value are an error too.
 * Parsing and re-encoding in DER must give back the same bytes: that catches non-minimal lengths,
 * redundant INTEGER octets and a BOOLEAN other than {@code 00}/{@code FF}.
 */
public final class Asn1Oracle {
  private Asn1Oracle() {}

  /**
   * Parses {@code bytes} as one ASN.1 value, strictly.
   *
   * @throws AssertionError with Bouncy Castle's reason when it refuses them
   */
  public static ASN1Primitive parse(byte[] bytes, String what) {
    try {
      return ASN1Primitive.fromByteArray(bytes);
    } catch (IOException | RuntimeException e) {
      throw new AssertionError(
          what + " is not valid ASN.1 for Bouncy Castle (" + e + "): " + WireVectors.toHex(bytes),
          e);
    }
  }

  /**
   * {@code bytes} are one DER value: Bouncy Castle parses them and writes them back in DER byte for
   * byte.
   *
   * @throws AssertionError otherwise
   */
  public static void assertDer(byte[] bytes, String what) {
    byte[] again = derOf(parse(bytes, what), what);
    if (!Arrays.equals(bytes, again)) {
      throw new AssertionError(
          what
              + " parses, but is not DER: Bouncy Castle writes it as "
              + WireVectors.hexDiff(again, bytes));
    }
  }

  /** The DER Bouncy Castle writes for a parsed value. */
  public static byte[] derOf(ASN1Primitive value, String what) {
    try {
      return value.getEncoded(ASN1Encoding.DER);
    } catch (IOException e) {
      throw new AssertionError(what + ": Bouncy Castle cannot write it back: " + e, e);
    }
  }
}
