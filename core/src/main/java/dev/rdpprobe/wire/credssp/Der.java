package dev.rdpprobe.wire.credssp;

import dev.rdpprobe.wire.DecodeException;
import dev.rdpprobe.wire.Octets;
import dev.rdpprobe.wire.Wire;
import io.netty.buffer.ByteBuf;

/**
 * The small part of DER (X.690) that MS-CSSP uses: one-octet identifiers (universal SEQUENCE,
 * INTEGER, OCTET STRING and context-specific constructed {@code [0]} to {@code [30]}), definite
 * lengths, INTEGERs of up to 32 bits and OCTET STRINGs. A bounded reader of our own rather than
 * Bouncy Castle's {@code ASN1InputStream}: every error becomes a {@link DecodeException} with the
 * field and the offset, and nothing is allocated before its length was checked.
 *
 * <p>Writing is DER, as Windows and FreeRDP write a TSRequest: minimal definite lengths and minimal
 * two's-complement INTEGERs (an NTSTATUS such as 0xC000006D is the negative four-octet INTEGER
 * {@code 02 04 c0 00 00 6d}). Reading is lenient where BER allows more: a length in more octets
 * than needed and an INTEGER with redundant leading octets are accepted, and a positive INTEGER of
 * five octets whose first is zero is read as the unsigned 32-bit value it spells. Indefinite
 * lengths and lengths over {@link #MAX_LENGTH} are rejected.
 */
final class Der {
  private Der() {}

  static final int TAG_INTEGER = 0x02;
  static final int TAG_OCTET_STRING = 0x04;
  static final int TAG_SEQUENCE = 0x30;

  /** The largest length this reader accepts anywhere: the cap of a whole TSRequest. */
  static final int MAX_LENGTH = TsRequest.MAX_LENGTH;

  /** The deepest nesting a {@link Reader} follows; a TSRequest's negoToken sits at depth 5. */
  static final int MAX_DEPTH = 8;

  /** The identifier of context-specific constructed tag {@code [n]}: {@code A0 | n}. */
  static int context(int n) {
    return 0xA0 | n;
  }

  // --- sizes and writing --------------------------------------------------------------------

  /** The octets of a minimal definite length. */
  static int lengthSize(int length) {
    if (length < 0) {
      throw new IllegalArgumentException("negative DER length: " + length);
    }
    if (length < 0x80) {
      return 1;
    } else if (length <= 0xFF) {
      return 2;
    } else if (length <= 0xFFFF) {
      return 3;
    }
    return length <= 0xFFFFFF ? 4 : 5;
  }

  /** Writes a minimal definite length. */
  static void writeLength(ByteBuf out, int length) {
    int n = lengthSize(length);
    if (n == 1) {
      out.writeByte(length);
      return;
    }
    out.writeByte(0x80 | (n - 1));
    for (int i = n - 2; i >= 0; i--) {
      out.writeByte(length >>> (8 * i));
    }
  }

  /** The size of a TLV with a one-octet identifier and {@code contentLength} octets of content. */
  static int tlvSize(int contentLength) {
    return 1 + lengthSize(contentLength) + contentLength;
  }

  /** Writes a one-octet identifier and a length. */
  static void writeHeader(ByteBuf out, int tag, int contentLength) {
    out.writeByte(tag);
    writeLength(out, contentLength);
  }

  /** The content octets of the minimal two's-complement encoding of {@code value}. */
  static int integerContentSize(int value) {
    int n = 4;
    while (n > 1) {
      int top = value >> (8 * (n - 1)); // sign-extended top octet
      int next = (value >>> (8 * (n - 2))) & 0x80;
      if ((top == 0 && next == 0) || (top == -1 && next != 0)) {
        n--;
      } else {
        break;
      }
    }
    return n;
  }

  /** The size of a whole INTEGER TLV. */
  static int integerSize(int value) {
    return 2 + integerContentSize(value);
  }

  /** Writes an INTEGER, minimal two's complement. */
  static void writeInteger(ByteBuf out, int value) {
    int n = integerContentSize(value);
    out.writeByte(TAG_INTEGER);
    out.writeByte(n);
    for (int i = n - 1; i >= 0; i--) {
      out.writeByte(value >>> (8 * i));
    }
  }

  /** The size of an OCTET STRING TLV. */
  static int octetStringSize(Octets value) {
    return tlvSize(value.length());
  }

  /** Writes an OCTET STRING TLV. */
  static void writeOctetString(ByteBuf out, Octets value) {
    writeHeader(out, TAG_OCTET_STRING, value.length());
    value.writeTo(out);
  }

  // --- reading --------------------------------------------------------------------------------

  /**
   * Reads DER from a buffer, checking every length against the buffer (at the top level, a short
   * buffer is {@link DecodeException.Kind#NOT_ENOUGH_BYTES}) and against the enclosing constructed
   * value (inside it, an overrun is {@link DecodeException.Kind#INVALID_FIELD}).
   */
  static final class Reader {
    private final ByteBuf in;
    private final String pdu;
    private final int[] limits = new int[MAX_DEPTH + 1];
    private int depth;

    Reader(ByteBuf in, String pdu) {
      this.in = in;
      this.pdu = pdu;
      this.limits[0] = in.writerIndex();
    }

    /** Whether the value entered last has no octets left (at the top level: the buffer). */
    boolean atEnd() {
      return in.readerIndex() >= limits[depth];
    }

    /** The next identifier octet without reading it, or -1 at the end of the entered value. */
    int peekTag() {
      return atEnd() ? -1 : in.getUnsignedByte(in.readerIndex());
    }

    /** The reader index. */
    int offset() {
      return in.readerIndex();
    }

    /** Reads an identifier octet and checks it. */
    void expectTag(int tag, String field, DecodeException.Kind kind) {
      int start = in.readerIndex();
      ensure(1, field);
      int got = in.readUnsignedByte();
      if (got != tag) {
        throw new DecodeException(kind, pdu, field, start, got, Wire.hex(tag));
      }
    }

    /**
     * Reads a definite length of one to five octets and checks that the content is in the buffer
     * and inside the enclosing value.
     */
    int readLength(String field) {
      int start = in.readerIndex();
      ensure(1, field);
      int first = in.readUnsignedByte();
      long length;
      if (first < 0x80) {
        length = first;
      } else if (first == 0x80) {
        throw Wire.invalid(pdu, field + " length", start, first, "a definite length");
      } else if (first <= 0x84) {
        int n = first & 0x7F;
        ensure(n, field);
        length = 0;
        for (int i = 0; i < n; i++) {
          length = length << 8 | in.readUnsignedByte();
        }
      } else {
        throw Wire.invalid(
            pdu, field + " length", start, first, "a definite length of at most 4 octets");
      }
      if (length > MAX_LENGTH) {
        throw new DecodeException(
            DecodeException.Kind.TOO_LARGE,
            pdu,
            field + " length",
            start,
            length,
            "at most " + MAX_LENGTH);
      }
      int room = limits[depth] - in.readerIndex();
      if (length > room) {
        if (depth == 0) {
          throw new DecodeException(
              DecodeException.Kind.NOT_ENOUGH_BYTES,
              pdu,
              field,
              in.readerIndex(),
              Math.max(room, 0),
              length + " bytes");
        }
        throw Wire.invalid(
            pdu, field + " length", start, length, "at most " + room + " (the enclosing value)");
      }
      return (int) length;
    }

    /** Reads the identifier and length of a constructed value and enters it; returns its end. */
    int enter(int tag, String field, DecodeException.Kind kind) {
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
    void leave(String field) {
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
     * Reads an INTEGER of one to four octets as a signed 32-bit value, or of five octets whose
     * first is zero as the unsigned 32-bit value the other four spell.
     */
    int readInteger(String field) {
      expectTag(TAG_INTEGER, field, DecodeException.Kind.INVALID_FIELD);
      int lengthOffset = in.readerIndex();
      int n = readLength(field);
      if (n == 0) {
        throw Wire.invalid(pdu, field + " length", lengthOffset, 0, "at least 1");
      }
      int start = in.readerIndex();
      if (n > 5 || (n == 5 && in.getUnsignedByte(start) != 0)) {
        throw new DecodeException(
            DecodeException.Kind.TOO_LARGE,
            pdu,
            field + " length",
            lengthOffset,
            n,
            "a value of at most 32 bits");
      }
      long value = (byte) in.readByte(); // sign-extends the first octet
      for (int i = 1; i < n; i++) {
        value = value << 8 | in.readUnsignedByte();
      }
      return (int) value;
    }

    /** Reads an OCTET STRING of at most {@code max} octets. */
    Octets readOctetString(String field, int max) {
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
     * Reads the content of an OCTET STRING of at most {@code max} octets into a new array, for
     * secrets that must not be kept in an immutable {@link Octets}.
     */
    byte[] readOctetStringBytes(String field, int max) {
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
      return Wire.readBytes(in, n, pdu, field);
    }

    /** {@code n} octets must be in the buffer and, below the top level, in the enclosing value. */
    private void ensure(int n, String field) {
      int room = limits[depth] - in.readerIndex();
      if (n > room) {
        if (depth == 0) {
          Wire.ensure(in, n, pdu, field);
        }
        throw Wire.invalid(
            pdu, field, in.readerIndex(), room, n + " bytes inside the enclosing value");
      }
    }
  }
}
