package dev.rdpprobe.tls;

import dev.rdpprobe.wire.DecodeException;
import dev.rdpprobe.wire.Octets;
import dev.rdpprobe.wire.Wire;
import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads and writes the TLS presentation language (RFC 8446 section 3): big-endian integers and
 * vectors with a 1-, 2- or 3-byte length in front. Every read checks first (ARCHITECTURE.md, Rules:
 * length before read).
 */
final class TlsCodec {
  private TlsCodec() {}

  static int u8(ByteBuf in, String pdu, String field) {
    Wire.ensure(in, 1, pdu, field);
    return in.readUnsignedByte();
  }

  static int u16(ByteBuf in, String pdu, String field) {
    Wire.ensure(in, 2, pdu, field);
    return in.readUnsignedShort();
  }

  static int u24(ByteBuf in, String pdu, String field) {
    Wire.ensure(in, 3, pdu, field);
    return in.readUnsignedMedium();
  }

  /**
   * Reads {@code opaque field<min..max>}: a length of {@code lengthBytes} bytes, checked against
   * {@code min} and {@code max} and against what is readable, then that many bytes.
   */
  static Octets vector(ByteBuf in, int lengthBytes, int min, int max, String pdu, String field) {
    int at = in.readerIndex();
    int n =
        switch (lengthBytes) {
          case 1 -> u8(in, pdu, field + " length");
          case 2 -> u16(in, pdu, field + " length");
          case 3 -> u24(in, pdu, field + " length");
          default -> throw new IllegalArgumentException("length bytes: " + lengthBytes);
        };
    if (n < min || n > max) {
      throw Wire.invalid(pdu, field + " length", at, n, min + ".." + max);
    }
    return Octets.read(in, n, pdu, field);
  }

  /** Writes a length of {@code lengthBytes} bytes and then the bytes. */
  static void writeVector(ByteBuf out, int lengthBytes, Octets data) {
    switch (lengthBytes) {
      case 1 -> out.writeByte(data.length());
      case 2 -> out.writeShort(data.length());
      case 3 -> out.writeMedium(data.length());
      default -> throw new IllegalArgumentException("length bytes: " + lengthBytes);
    }
    data.writeTo(out);
  }

  /**
   * Reads {@code Extension extensions<0..2^16-1>} (RFC 8446 section 4.2) if anything is left: a TLS
   * 1.2 hello may end before the block, which reads as no extensions. The block must fill the rest
   * of the message.
   */
  static List<TlsExtension> extensions(ByteBuf in, String pdu) {
    if (!in.isReadable()) {
      return List.of();
    }
    int at = in.readerIndex();
    int total = u16(in, pdu, "extensions length");
    if (total != in.readableBytes()) {
      throw Wire.invalid(
          pdu, "extensions length", at, total, in.readableBytes() + " (the rest of the message)");
    }
    List<TlsExtension> out = new ArrayList<>();
    while (in.isReadable()) {
      int type = u16(in, pdu, "extension_type");
      Octets data = vector(in, 2, 0, 0xFFFF, pdu, "extension_data");
      out.add(new TlsExtension(type, data));
    }
    return List.copyOf(out);
  }

  static int extensionsSize(List<TlsExtension> extensions) {
    if (extensions.isEmpty()) {
      return 0;
    }
    int n = 2;
    for (TlsExtension e : extensions) {
      n += e.size();
    }
    return n;
  }

  static void writeExtensions(ByteBuf out, List<TlsExtension> extensions) {
    if (extensions.isEmpty()) {
      return; // no block at all: what a TLS 1.2 hello without extensions sends
    }
    out.writeShort(extensionsSize(extensions) - 2);
    for (TlsExtension e : extensions) {
      e.encode(out);
    }
  }

  /** Throws for a list of 16-bit values whose byte length is odd. */
  static List<Integer> u16List(Octets data, int lengthBytes, String pdu, String field) {
    ByteBuf in = io.netty.buffer.Unpooled.wrappedBuffer(data.toByteArray());
    try {
      Octets list = vector(in, lengthBytes, 0, 0xFFFF, pdu, field);
      Wire.ensureEnd(in, pdu);
      if (list.length() % 2 != 0) {
        throw Wire.invalid(pdu, field + " length", 0, list.length(), "an even number");
      }
      List<Integer> out = new ArrayList<>(list.length() / 2);
      for (int i = 0; i < list.length(); i += 2) {
        out.add(list.get(i) << 8 | list.get(i + 1));
      }
      return List.copyOf(out);
    } finally {
      in.release();
    }
  }

  /** Checks that a fixed-size field is there; for messages of a known fixed layout. */
  static void ensure(ByteBuf in, int n, String pdu, String field) {
    Wire.ensure(in, n, pdu, field);
  }

  static DecodeException trailing(ByteBuf in, String pdu) {
    return new DecodeException(
        DecodeException.Kind.TRAILING_BYTES,
        pdu,
        "end of message",
        in.readerIndex(),
        in.readableBytes(),
        "0 bytes left over");
  }
}
