package dev.rdpprobe.wire.mcs;

import dev.rdpprobe.wire.DecodeException;
import dev.rdpprobe.wire.Octets;
import dev.rdpprobe.wire.Wire;
import io.netty.buffer.ByteBuf;
import java.util.Arrays;

/**
 * The octet-aligned pieces of ALIGNED PER (X.691) that T.125 domain PDUs and T.124 GCC use in RDP:
 * length determinants of one or two octets, 16-bit constrained integers with a lower bound,
 * semi-constrained integers, object identifiers, SimpleNumericString and size-constrained OCTET
 * STRINGs. Bit fields shorter than an octet (choices, option bits, enumerations) are read by the
 * PDU records themselves, where their position is known.
 */
public final class Per {
  private Per() {}

  /** The largest length a two-octet determinant holds; larger values need fragmentation. */
  public static final int MAX_LENGTH = 0x3FFF;

  /** The longest object identifier content read; T.124's is 5 octets. */
  public static final int MAX_OBJECT_IDENTIFIER_OCTETS = 16;

  // --- length determinants (X.691 10.9) -------------------------------------------------------

  /**
   * Reads a length determinant: {@code 0xxxxxxx}, or {@code 10xxxxxx xxxxxxxx}. The fragmented form
   * ({@code 11xxxxxx}) is not used by RDP and is rejected.
   */
  public static int readLength(ByteBuf in, String pdu, String field) {
    int start = in.readerIndex();
    Wire.ensure(in, 1, pdu, field);
    int first = in.readUnsignedByte();
    if ((first & 0x80) == 0) {
      return first;
    }
    if ((first & 0x40) != 0) {
      throw Wire.invalid(
          pdu, field, start, first, "a length of 1 or 2 octets (fragmentation is not used)");
    }
    Wire.ensure(in, 1, pdu, field);
    return (first & 0x3F) << 8 | in.readUnsignedByte();
  }

  /** Whether the length determinant at the reader index takes two octets; reads nothing. */
  public static LengthForm peekLengthForm(ByteBuf in) {
    return in.isReadable() && (in.getUnsignedByte(in.readerIndex()) & 0x80) != 0
        ? LengthForm.TWO_OCTETS
        : LengthForm.SHORTEST;
  }

  /** The octets of a length determinant. */
  public static int lengthSize(int length, LengthForm form) {
    checkLength(length);
    return length >= 0x80 || form == LengthForm.TWO_OCTETS ? 2 : 1;
  }

  /** Writes a length determinant. */
  public static void writeLength(ByteBuf out, int length, LengthForm form) {
    if (lengthSize(length, form) == 1) {
      out.writeByte(length);
    } else {
      out.writeShort(0x8000 | length);
    }
  }

  private static void checkLength(int length) {
    if (length < 0 || length > MAX_LENGTH) {
      throw new IllegalArgumentException("PER length out of range: " + length);
    }
  }

  // --- integers -------------------------------------------------------------------------------

  /**
   * Reads a constrained whole number of range 256 to 65536 (16 bits) with lower bound {@code min}.
   */
  public static int readInteger16(ByteBuf in, int min, String pdu, String field) {
    Wire.ensure(in, 2, pdu, field);
    return in.readUnsignedShort() + min;
  }

  /** Writes a 16-bit constrained whole number with lower bound {@code min}. */
  public static void writeInteger16(ByteBuf out, int value, int min) {
    if (value - min < 0 || value - min > 0xFFFF) {
      throw new IllegalArgumentException(
          "value out of range: " + value + " (lower bound " + min + ")");
    }
    out.writeShort(value - min);
  }

  /**
   * Reads a semi-constrained whole number with lower bound 0 (X.691 10.7): a one-octet length, then
   * that many octets, at most 4.
   */
  public static int readInteger(ByteBuf in, String pdu, String field) {
    int start = in.readerIndex();
    Wire.ensure(in, 1, pdu, field);
    int n = in.readUnsignedByte();
    if (n == 0) {
      throw Wire.invalid(pdu, field + " length", start, 0, "1 to 4");
    }
    if (n > 4) {
      throw new DecodeException(
          DecodeException.Kind.TOO_LARGE, pdu, field + " length", start, n, "at most 4 octets");
    }
    Wire.ensure(in, n, pdu, field);
    long value = 0;
    for (int i = 0; i < n; i++) {
      value = value << 8 | in.readUnsignedByte();
    }
    if (value > Integer.MAX_VALUE) {
      throw new DecodeException(
          DecodeException.Kind.TOO_LARGE, pdu, field, start + 1, value, "at most 0x7fffffff");
    }
    return (int) value;
  }

  /** The octets of a semi-constrained whole number: its length octet and the shortest content. */
  public static int integerSize(int value) {
    if (value < 0) {
      throw new IllegalArgumentException("negative value: " + value);
    }
    return 1 + (value <= 0xFF ? 1 : value <= 0xFFFF ? 2 : value <= 0xFFFFFF ? 3 : 4);
  }

  /** Writes a semi-constrained whole number in the shortest form. */
  public static void writeInteger(ByteBuf out, int value) {
    int n = integerSize(value) - 1;
    out.writeByte(n);
    for (int i = n - 1; i >= 0; i--) {
      out.writeByte(value >>> (8 * i));
    }
  }

  // --- object identifier (X.691 24, content as in X.690 8.19) ---------------------------------

  /** Reads an OBJECT IDENTIFIER: a one-octet length, then the arcs in base 128. */
  public static int[] readObjectIdentifier(ByteBuf in, String pdu, String field) {
    int start = in.readerIndex();
    Wire.ensure(in, 1, pdu, field);
    int n = in.readUnsignedByte();
    if (n == 0 || n > MAX_OBJECT_IDENTIFIER_OCTETS) {
      throw Wire.invalid(pdu, field + " length", start, n, "1 to " + MAX_OBJECT_IDENTIFIER_OCTETS);
    }
    Wire.ensure(in, n, pdu, field);
    int[] arcs = new int[n + 1];
    int count = 0;
    int end = in.readerIndex() + n;
    while (in.readerIndex() < end) {
      int arcStart = in.readerIndex();
      int value = 0;
      int b;
      do {
        if (in.readerIndex() == end || value > 0xFFFFFF) {
          throw Wire.invalid(
              pdu, field, arcStart, in.getUnsignedByte(arcStart), "an arc of at most 28 bits");
        }
        b = in.readUnsignedByte();
        value = value << 7 | (b & 0x7F);
      } while ((b & 0x80) != 0);
      if (count == 0) {
        // the first subidentifier holds two arcs: 40 * X + Y
        int x = Math.min(value / 40, 2);
        arcs[count++] = x;
        arcs[count++] = value - 40 * x;
      } else {
        arcs[count++] = value;
      }
    }
    return Arrays.copyOf(arcs, count);
  }

  /** The octets of an OBJECT IDENTIFIER with its length octet. */
  public static int objectIdentifierSize(int[] arcs) {
    int n = subidentifierSize(40 * arcs[0] + arcs[1]);
    for (int i = 2; i < arcs.length; i++) {
      n += subidentifierSize(arcs[i]);
    }
    return 1 + n;
  }

  /** Writes an OBJECT IDENTIFIER with its length octet. */
  public static void writeObjectIdentifier(ByteBuf out, int[] arcs) {
    out.writeByte(objectIdentifierSize(arcs) - 1);
    writeSubidentifier(out, 40 * arcs[0] + arcs[1]);
    for (int i = 2; i < arcs.length; i++) {
      writeSubidentifier(out, arcs[i]);
    }
  }

  private static int subidentifierSize(int value) {
    int n = 1;
    while ((value >>>= 7) != 0) {
      n++;
    }
    return n;
  }

  private static void writeSubidentifier(ByteBuf out, int value) {
    for (int i = subidentifierSize(value) - 1; i > 0; i--) {
      out.writeByte(0x80 | (value >>> (7 * i)) & 0x7F);
    }
    out.writeByte(value & 0x7F);
  }

  // --- strings --------------------------------------------------------------------------------

  /**
   * Reads a T.124 SimpleNumericString ({@code NumericString (SIZE (min..255)) (FROM
   * ("0123456789"))}): a one-octet length less {@code min}, then one digit per 4 bits, the last
   * octet padded with 0.
   */
  public static String readNumericString(ByteBuf in, int min, String pdu, String field) {
    Wire.ensure(in, 1, pdu, field);
    int length = in.readUnsignedByte() + min;
    if (length > 255) {
      throw Wire.invalid(pdu, field + " length", in.readerIndex() - 1, length, "at most 255");
    }
    int octets = (length + 1) / 2;
    Wire.ensure(in, octets, pdu, field);
    char[] digits = new char[length];
    for (int i = 0; i < length; i++) {
      int offset = in.readerIndex() + i / 2;
      int b = in.getUnsignedByte(offset);
      int digit = i % 2 == 0 ? b >> 4 : b & 0xF;
      if (digit > 9) {
        throw Wire.invalid(pdu, field, offset, b, "digits 0 to 9");
      }
      digits[i] = (char) ('0' + digit);
    }
    if (length % 2 != 0) {
      int offset = in.readerIndex() + octets - 1;
      if ((in.getUnsignedByte(offset) & 0xF) != 0) {
        throw Wire.invalid(
            pdu, field + " padding", offset, in.getUnsignedByte(offset), "low 4 bits 0");
      }
    }
    in.skipBytes(octets);
    return new String(digits);
  }

  /** The octets of a SimpleNumericString with its length octet. */
  public static int numericStringSize(String digits) {
    return 1 + (digits.length() + 1) / 2;
  }

  /** Writes a SimpleNumericString with lower size bound {@code min}. */
  public static void writeNumericString(ByteBuf out, String digits, int min) {
    if (digits.length() < min || digits.length() > 255) {
      throw new IllegalArgumentException("numeric string length out of range: " + digits.length());
    }
    out.writeByte(digits.length() - min);
    for (int i = 0; i < digits.length(); i += 2) {
      int hi = digit(digits.charAt(i));
      int lo = i + 1 < digits.length() ? digit(digits.charAt(i + 1)) : 0;
      out.writeByte(hi << 4 | lo);
    }
  }

  /** Whether {@code s} is a SimpleNumericString of {@code min} to 255 digits. */
  public static boolean isNumericString(String s, int min) {
    if (s.length() < min || s.length() > 255) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }

  private static int digit(char c) {
    if (c < '0' || c > '9') {
      throw new IllegalArgumentException("not a digit: " + c);
    }
    return c - '0';
  }

  /**
   * Reads an OCTET STRING (SIZE (min..max)) with {@code max - min < 256}: a one-octet length less
   * {@code min}, then the octets.
   */
  public static Octets readOctetString(ByteBuf in, int min, int max, String pdu, String field) {
    int start = in.readerIndex();
    if (!in.isReadable()) {
      Wire.ensure(in, 1, pdu, field + " length");
    }
    int length = in.readUnsignedByte() + min;
    if (length > max) {
      throw Wire.invalid(pdu, field + " length", start, length, min + " to " + max);
    }
    return Octets.read(in, length, pdu, field);
  }

  /** Writes an OCTET STRING (SIZE (min..max)) with its one-octet length. */
  public static void writeOctetString(ByteBuf out, Octets value, int min, int max) {
    if (value.length() < min || value.length() > max) {
      throw new IllegalArgumentException("octet string length out of range: " + value.length());
    }
    out.writeByte(value.length() - min);
    value.writeTo(out);
  }
}
