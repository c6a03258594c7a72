package dev.rdpprobe.wire.mcs;

import dev.rdpprobe.wire.DecodeException;
import dev.rdpprobe.wire.Octets;
import dev.rdpprobe.wire.Wire;
import io.netty.buffer.ByteBuf;

/**
 * The small part of BER (X.690) that T.125 uses for the MCS Connect-Initial and Connect-Response:
 * one- and two-octet identifiers, definite lengths of one to three octets, INTEGER, ENUMERATED,
 * BOOLEAN, OCTET STRING and SEQUENCE. Everything is capped: a length never exceeds one TPKT packet,
 * an INTEGER four octets, nesting {@link #MAX_DEPTH} levels.
 */
public final class Ber {
  private Ber() {}

  public static final int TAG_BOOLEAN = 0x01;
  public static final int TAG_INTEGER = 0x02;
  public static final int TAG_OCTET_STRING = 0x04;
  public static final int TAG_ENUMERATED = 0x0A;
  public static final int TAG_SEQUENCE = 0x30;

  /** Connect-Initial, {@code [APPLICATION 101]} constructed: high-tag-number form {@code 7F 65}. */
  public static final int TAG_CONNECT_INITIAL = 0x7F65;

  /** Connect-Response, {@code [APPLICATION 102]}: {@code 7F 66}. */
  public static final int TAG_CONNECT_RESPONSE = 0x7F66;

  /** The largest length: nothing T.125 sends in RDP is longer than one TPKT packet. */
  public static final int MAX_LENGTH = 0xFFFF;

  /** The deepest nesting a {@link Reader} follows; T.125 Connect PDUs need 2. */
  public static final int MAX_DEPTH = 4;

  /** The longest INTEGER content; T.125 values fit 32 bits. */
  public static final int MAX_INTEGER_OCTETS = 4;

  // --- sizes and writing --------------------------------------------------------------------

  /** The octets of an identifier: two for the high-tag-number form ({@code 7F 65}). */
  public static int tagSize(int tag) {
    return tag > 0xFF ? 2 : 1;
  }

  /** Writes an identifier of one or two octets. */
  public static void writeTag(ByteBuf out, int tag) {
    if (tag > 0xFF) {
      out.writeShort(tag);
    } else {
      out.writeByte(tag);
    }
  }

  /** The octets of a length in this style. */
  public static int lengthSize(int length, BerStyle style) {
    checkLength(length);
    if (length < 0x80) {
      return 1;
    }
    return length <= 0xFF && !style.longLengths() ? 2 : 3;
  }

  /** Writes a definite length in this style. */
  public static void writeLength(ByteBuf out, int length, BerStyle style) {
    switch (lengthSize(length, style)) {
      case 1 -> out.writeByte(length);
      case 2 -> {
        out.writeByte(0x81);
        out.writeByte(length);
      }
      default -> {
        out.writeByte(0x82);
        out.writeShort(length);
      }
    }
  }

  /** Whether the style changes how this length is written (128 to 255). */
  public static boolean lengthDependsOnStyle(int length) {
    return length >= 0x80 && length <= 0xFF;
  }

  /** The size of a whole TLV with {@code contentLength} octets of content. */
  public static int tlvSize(int tag, int contentLength, BerStyle style) {
    return tagSize(tag) + lengthSize(contentLength, style) + contentLength;
  }

  /** The content octets of a non-negative INTEGER or ENUMERATED in this style. */
  public static int integerContentSize(int value, BerStyle style) {
    checkValue(value);
    int n = unsignedOctets(value);
    return !style.unsignedIntegers() && topBitSet(value, n) ? n + 1 : n;
  }

  /** The size of a whole INTEGER or ENUMERATED TLV. */
  public static int integerSize(int value, BerStyle style) {
    return 2 + integerContentSize(value, style);
  }

  /** Whether the style changes how this value is written: its first octet has the top bit set. */
  public static boolean integerDependsOnStyle(int value) {
    return topBitSet(value, unsignedOctets(value));
  }

  /** Writes an INTEGER ({@link #TAG_INTEGER}) or ENUMERATED ({@link #TAG_ENUMERATED}). */
  public static void writeInteger(ByteBuf out, int tag, int value, BerStyle style) {
    int n = integerContentSize(value, style);
    out.writeByte(tag);
    out.writeByte(n);
    for (int i = n - 1; i >= 0; i--) {
      out.writeByte(i >= 4 ? 0 : value >>> (8 * i));
    }
  }

  /** Writes a BOOLEAN: {@code FF} for true, as X.690 DER and every RDP peer do. */
  public static void writeBoolean(ByteBuf out, boolean value) {
    out.writeByte(TAG_BOOLEAN);
    out.writeByte(1);
    out.writeByte(value ? 0xFF : 0x00);
  }

  /** Writes an OCTET STRING TLV. */
  public static void writeOctetString(ByteBuf out, Octets value, BerStyle style) {
    out.writeByte(TAG_OCTET_STRING);
    writeLength(out, value.length(), style);
    value.writeTo(out);
  }

  private static int unsignedOctets(int value) {
    if (value <= 0xFF) {
      return 1;
    } else if (value <= 0xFFFF) {
      return 2;
    }
    return value <= 0xFFFFFF ? 3 : 4;
  }

  private static boolean topBitSet(int value, int octets) {
    return ((value >>> (8 * (octets - 1))) & 0x80) != 0;
  }

  private static void checkLength(int length) {
    if (length < 0 || length > MAX_LENGTH) {
      throw new IllegalArgumentException("BER length out of range: " + length);
    }
  }

  private static void checkValue(int value) {
    if (value < 0) {
      throw new IllegalArgumentException("negative BER INTEGER: " + value);
    }
  }

  // --- reading --------------------------------------------------------------------------------

  /**
   * Reads BER from a buffer, checking every length against the buffer and the enclosing constructed
   * value, and noting the {@link BerStyle} the writer used.
   */
  public static final class Reader {
    private final ByteBuf in;
    private final String pdu;
    private final int[] limits = new int[MAX_DEPTH + 1];
    private int depth;
    private boolean longLengths;
    private boolean unsignedIntegers;

    /**
     * A reader of {@code in} from its reader index.
     *
     * @param pdu the PDU name for errors
     */
    public Reader(ByteBuf in, String pdu) {
      this.in = in;
      this.pdu = pdu;
      this.limits[0] = in.writerIndex();
    }

    /** The style seen so far: long lengths or unsigned INTEGERs if any was written that way. */
    public BerStyle style() {
      return BerStyle.of(longLengths, unsignedIntegers);
    }

    /**
     * Reads an identifier of one or two octets and checks it.
     *
     * @param kind the error kind when it differs ({@link
     *     DecodeException.Kind#UNEXPECTED_MESSAGE_TYPE} for the PDU's own tag, {@link
     *     DecodeException.Kind#INVALID_FIELD} inside)
     */
    public void expectTag(int tag, String field, DecodeException.Kind kind) {
      int size = tagSize(tag);
      int start = in.readerIndex();
      ensure(size, field, null);
      int got = size == 2 ? in.readUnsignedShort() : in.readUnsignedByte();
      if (got != tag) {
        throw new DecodeException(kind, pdu, field, start, got, Wire.hex(tag));
      }
    }

    /**
     * Reads a definite length of one to three octets and checks that the content is in the buffer
     * and inside the enclosing value.
     */
    public int readLength(String field) {
      int start = in.readerIndex();
      ensure(1, field, " length");
      int first = in.readUnsignedByte();
      int length;
      if (first < 0x80) {
        length = first;
      } else if (first == 0x81) {
        ensure(1, field, " length");
        length = in.readUnsignedByte();
      } else if (first == 0x82) {
        ensure(2, field, " length");
        length = in.readUnsignedShort();
        if (lengthDependsOnStyle(length)) {
          longLengths = true;
        }
      } else {
        throw Wire.invalid(
            pdu, field + " length", start, first, "a definite length of 1 to 3 octets");
      }
      if (length > MAX_LENGTH) {
        throw new DecodeException(
            DecodeException.Kind.TOO_LARGE, pdu, field + " length", start, length, "at most 65535");
      }
      int room = limits[depth] - in.readerIndex();
      if (length > room) {
        if (depth == 0) {
          throw new DecodeException(
              DecodeException.Kind.NOT_ENOUGH_BYTES,
              pdu,
              field,
              in.readerIndex(),
              room,
              length + " bytes");
        }
        throw Wire.invalid(
            pdu, field + " length", start, length, "at most " + room + " (the enclosing value)");
      }
      return length;
    }

    /** Reads the identifier and length of a constructed value and enters it; returns its end. */
    public int enter(int tag, String field, DecodeException.Kind kind) {
      expectTag(tag, field, kind);
      int length = readLength(field);
      if (depth == MAX_DEPTH) {
        throw new DecodeException(
            DecodeException.Kind.TOO_LARGE,
            pdu,
            field,
            in.readerIndex(),
            depth + 1,
            "at most " + MAX_DEPTH + " levels of nesting");
      }
      int end = in.readerIndex() + length;
      limits[++depth] = end;
      return end;
    }

    /** Leaves the value {@link #enter} entered: every octet of its content must have been read. */
    public void leave(String field) {
      int end = limits[depth];
      if (in.readerIndex() != end) {
        throw new DecodeException(
            DecodeException.Kind.TRAILING_BYTES,
            pdu,
            field,
            in.readerIndex(),
            end - in.readerIndex(),
            "0 bytes left over");
      }
      depth--;
    }

    /**
     * Reads a non-negative INTEGER or ENUMERATED of one to {@link #MAX_INTEGER_OCTETS} octets as an
     * unsigned number, as Windows and FreeRDP do.
     */
    public int readInteger(int tag, String field) {
      expectTag(tag, field, DecodeException.Kind.INVALID_FIELD);
      int lengthOffset = in.readerIndex();
      int n = readLength(field);
      if (n == 0) {
        throw Wire.invalid(pdu, field + " length", lengthOffset, 0, "at least 1");
      }
      if (n > MAX_INTEGER_OCTETS) {
        throw new DecodeException(
            DecodeException.Kind.TOO_LARGE,
            pdu,
            field + " length",
            lengthOffset,
            n,
            "at most " + MAX_INTEGER_OCTETS + " octets");
      }
      int start = in.readerIndex();
      long value = 0;
      for (int i = 0; i < n; i++) {
        value = value << 8 | in.readUnsignedByte();
      }
      int first = in.getUnsignedByte(start);
      if ((first & 0x80) != 0) {
        unsignedIntegers = true; // two's complement would make this negative: mstsc's form
      }
      if (value > Integer.MAX_VALUE) {
        throw new DecodeException(
            DecodeException.Kind.TOO_LARGE, pdu, field, start, value, "at most 0x7fffffff");
      }
      return (int) value;
    }

    /** Reads a BOOLEAN: any non-zero content octet is true. */
    public boolean readBoolean(String field) {
      expectTag(TAG_BOOLEAN, field, DecodeException.Kind.INVALID_FIELD);
      int lengthOffset = in.readerIndex();
      int n = readLength(field);
      if (n != 1) {
        throw Wire.invalid(pdu, field + " length", lengthOffset, n, "1");
      }
      return in.readUnsignedByte() != 0;
    }

    /** Reads an OCTET STRING of at most {@code max} octets. */
    public Octets readOctetString(String field, int max) {
      expectTag(TAG_OCTET_STRING, field, DecodeException.Kind.INVALID_FIELD);
      int lengthOffset = in.readerIndex();
      int n = readLength(field);
      if (n > max) {
        throw new DecodeException(
            DecodeException.Kind.TOO_LARGE,
            pdu,
            field + " length",
            lengthOffset,
            n,
            "at most " + max);
      }
      return Octets.read(in, n, pdu, field);
    }

    /**
     * {@code n} octets must be in the buffer and, below the top level, in the enclosing value. The
     * field's name is {@code field} and {@code suffix}, joined only for an error: the happy path
     * allocates nothing.
     */
    private void ensure(int n, String field, String suffix) {
      int room = limits[depth] - in.readerIndex();
      if (n > room) {
        String name = suffix == null ? field : field + suffix;
        if (depth == 0) {
          Wire.ensure(in, n, pdu, name);
        }
        throw Wire.invalid(
            pdu, name, in.readerIndex(), room, n + " bytes inside the enclosing value");
      }
    }
  }
}
