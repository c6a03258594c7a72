package dev.rdpprobe.wire.ntlm;

import dev.rdpprobe.wire.DecodeException;
import dev.rdpprobe.wire.Octets;
import dev.rdpprobe.wire.Wire;
import io.netty.buffer.ByteBuf;

/**
 * The parts every NTLM message shares (MS-NLMP 2.2.1): the header (Signature and MessageType) and
 * the payload field descriptors {@code Len(2) MaxLen(2) BufferOffset(4)}, whose offsets count from
 * the message's first octet and may point anywhere in the payload, in any order. A message is the
 * whole of the buffer's readable bytes (it travels in a negoToken OCTET STRING).
 */
final class Payload {
  private Payload() {}

  /** {@code NTLMSSP\0}. */
  static final Octets SIGNATURE =
      Octets.of("NTLMSSP\0".getBytes(java.nio.charset.StandardCharsets.US_ASCII));

  /** Signature(8) and MessageType(4). */
  static final int HEADER_SIZE = 12;

  /** Len(2), MaxLen(2), BufferOffset(4). */
  static final int FIELD_SIZE = 8;

  /**
   * A payload field descriptor as read.
   *
   * @param name the field's specification name, e.g. {@code DomainName}
   * @param at where the descriptor sits in the buffer
   * @param len Len
   * @param offset BufferOffset, unsigned
   */
  record Field(String name, int at, int len, long offset) {
    boolean isEmpty() {
      return len == 0;
    }
  }

  /**
   * Checks Signature and MessageType, then that the fixed part is there.
   *
   * @return the reader index, where the message starts
   */
  static int open(ByteBuf in, int messageType, int fixedPartSize, String pdu) {
    int start = in.readerIndex();
    Wire.ensure(in, HEADER_SIZE, pdu, "Signature");
    for (int i = 0; i < SIGNATURE.length(); i++) {
      if (in.getUnsignedByte(start + i) != SIGNATURE.get(i)) {
        throw new DecodeException(
            DecodeException.Kind.UNEXPECTED_MESSAGE_TYPE,
            pdu,
            "Signature",
            start,
            in.getLong(start),
            "NTLMSSP\\0 (0x4e544c4d53535000)");
      }
    }
    long type = in.getUnsignedIntLE(start + 8);
    if (type != messageType) {
      throw new DecodeException(
          DecodeException.Kind.UNEXPECTED_MESSAGE_TYPE,
          pdu,
          "MessageType",
          start + 8,
          type,
          Wire.hex(messageType));
    }
    Wire.ensure(in, fixedPartSize, pdu, "fixed part");
    return start;
  }

  /** Writes Signature and MessageType. */
  static void writeHeader(ByteBuf out, int messageType) {
    SIGNATURE.writeTo(out);
    out.writeIntLE(messageType);
  }

  /**
   * Reads the descriptor at {@code at} and checks a non-empty field: it starts after the fixed part
   * and ends inside the message (else the message is short: {@link
   * DecodeException.Kind#NOT_ENOUGH_BYTES}).
   */
  static Field field(ByteBuf in, int start, int at, int fixedPartSize, String pdu, String name) {
    int len = in.getUnsignedShortLE(start + at);
    long offset = in.getUnsignedIntLE(start + at + 4);
    Field f = new Field(name, start + at, len, offset);
    if (len == 0) {
      return f;
    }
    if (offset < fixedPartSize) {
      throw Wire.invalid(
          pdu,
          name + "BufferOffset",
          start + at + 4,
          offset,
          "at least " + fixedPartSize + " (after the fixed part)");
    }
    int length = in.writerIndex() - start;
    if (offset + len > length) {
      throw new DecodeException(
          DecodeException.Kind.NOT_ENOUGH_BYTES,
          pdu,
          name,
          start + (int) Math.min(offset, length),
          Math.max(0, length - offset),
          len + " bytes at offset " + offset);
    }
    return f;
  }

  /** Where the payload starts: the lowest offset of a non-empty field, else the message's end. */
  static int payloadStart(ByteBuf in, int start, Field... fields) {
    long min = in.writerIndex() - start;
    for (Field f : fields) {
      if (!f.isEmpty()) {
        min = Math.min(min, f.offset());
      }
    }
    return (int) min;
  }

  /** How the empty fields point, for re-encoding (see {@link EmptyFieldOffsets}). */
  static EmptyFieldOffsets emptyFieldOffsets(Field... fields) {
    boolean anyEmpty = false;
    for (Field f : fields) {
      if (f.isEmpty()) {
        anyEmpty = true;
        if (f.offset() != 0) {
          return EmptyFieldOffsets.PAYLOAD_POSITION;
        }
      }
    }
    return anyEmpty ? EmptyFieldOffsets.ZERO : EmptyFieldOffsets.PAYLOAD_POSITION;
  }

  /** The octets of a field. */
  static Octets bytes(ByteBuf in, int start, Field f) {
    if (f.isEmpty()) {
      return Octets.EMPTY;
    }
    byte[] out = new byte[f.len()];
    in.getBytes(start + (int) f.offset(), out);
    return Octets.of(out);
  }

  /**
   * A reader over one field's octets whose reader index is the field's offset in {@code in}, so
   * errors inside it carry message offsets. It shares {@code in}'s memory and needs no release.
   */
  static ByteBuf view(ByteBuf in, int start, Field f) {
    int from = start + (int) f.offset();
    ByteBuf view = in.duplicate();
    view.setIndex(from, from + f.len());
    return view;
  }

  /** A field's text: UTF-16LE with {@code unicode}, else one OEM octet per character. */
  static String text(ByteBuf in, int start, Field f, boolean unicode, String pdu) {
    if (f.isEmpty()) {
      return "";
    }
    int from = start + (int) f.offset();
    if (!unicode) {
      char[] chars = new char[f.len()];
      for (int i = 0; i < chars.length; i++) {
        chars[i] = (char) in.getUnsignedByte(from + i);
      }
      return new String(chars);
    }
    if (f.len() % 2 != 0) {
      throw Wire.invalid(pdu, f.name() + "Len", f.at(), f.len(), "an even length (UTF-16LE)");
    }
    char[] chars = new char[f.len() / 2];
    for (int i = 0; i < chars.length; i++) {
      chars[i] = (char) in.getUnsignedShortLE(from + 2 * i);
    }
    return new String(chars);
  }

  // --- encoding -------------------------------------------------------------------------------

  /** The octets of {@code s}: two per character with {@code unicode}, else one. */
  static int textLength(String s, boolean unicode) {
    return unicode ? 2 * s.length() : s.length();
  }

  /** Whether {@code s} fits a field: at most 65535 octets, and Latin-1 without {@code unicode}. */
  static boolean encodable(String s, boolean unicode) {
    if (textLength(s, unicode) > 0xFFFF) {
      return false;
    }
    if (!unicode) {
      for (int i = 0; i < s.length(); i++) {
        if (s.charAt(i) > 0xFF) {
          return false;
        }
      }
    }
    return true;
  }

  /** Writes {@code s} as {@link #text} reads it. */
  static void writeText(ByteBuf out, String s, boolean unicode) {
    for (int i = 0; i < s.length(); i++) {
      if (unicode) {
        out.writeShortLE(s.charAt(i));
      } else {
        out.writeByte(s.charAt(i));
      }
    }
  }

  /**
   * Lays out payload fields one after another from {@code headerSize}: the BufferOffset of each (0
   * for an empty field in the {@link EmptyFieldOffsets#ZERO} style).
   */
  static int[] offsets(int headerSize, EmptyFieldOffsets style, int... lengths) {
    int[] out = new int[lengths.length];
    int at = headerSize;
    for (int i = 0; i < lengths.length; i++) {
      out[i] = lengths[i] == 0 && style == EmptyFieldOffsets.ZERO ? 0 : at;
      at += lengths[i];
    }
    return out;
  }

  /** Writes a descriptor: Len, MaxLen (the same), BufferOffset. */
  static void writeField(ByteBuf out, int len, int offset) {
    out.writeShortLE(len);
    out.writeShortLE(len);
    out.writeIntLE(offset);
  }

  /** The style a record keeps: {@link EmptyFieldOffsets#ZERO} only if some field is empty. */
  static EmptyFieldOffsets normalize(EmptyFieldOffsets style, int... lengths) {
    java.util.Objects.requireNonNull(style, "emptyFieldOffsets");
    for (int n : lengths) {
      if (n == 0) {
        return style;
      }
    }
    return EmptyFieldOffsets.PAYLOAD_POSITION;
  }

  /**
   * Reads the VERSION after the fixed part when the message has it: always with
   * NTLMSSP_NEGOTIATE_VERSION (the payload must then start after it), and without the flag when the
   * payload leaves room for it.
   *
   * @return the version, or null
   */
  static NtlmVersion version(
      ByteBuf in,
      int start,
      int fixedPartSize,
      int payloadStart,
      int flags,
      boolean anyField,
      String pdu) {
    boolean flagged = (flags & NegotiateFlags.NEGOTIATE_VERSION) != 0;
    int end = fixedPartSize + NtlmVersion.FIXED_PART_SIZE;
    if (flagged && anyField && payloadStart < end) {
      throw Wire.invalid(
          pdu,
          "Version",
          start + payloadStart,
          payloadStart,
          "a payload from offset " + end + " (NTLMSSP_NEGOTIATE_VERSION is set)");
    }
    if (!flagged && payloadStart < end) {
      return null;
    }
    in.readerIndex(start + fixedPartSize);
    Wire.ensure(in, NtlmVersion.FIXED_PART_SIZE, pdu, "Version");
    return NtlmVersion.decode(in);
  }
}
