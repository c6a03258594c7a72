package dev.rdpprobe.wire.gcc;

import dev.rdpprobe.wire.DecodeException;
import dev.rdpprobe.wire.Octets;
import dev.rdpprobe.wire.Wire;
import dev.rdpprobe.wire.mcs.LengthForm;
import dev.rdpprobe.wire.mcs.Per;
import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Function;

/**
 * The parts that the GCC Conference Create Request and Response share, in ALIGNED PER (T.124 8.7):
 * the ConnectData envelope (the T.124 object identifier and the connectPDU length), and the single
 * UserData set whose key is an H.221 non-standard identifier and whose value holds the RDP data
 * blocks.
 */
final class ConnectData {
  private ConnectData() {}

  /** T.124 (02/98): {@code {itu-t(0) recommendation(0) t(20) t124(124) version(0) 1}}. */
  static final int[] T124_IDENTIFIER = {0, 0, 20, 124, 0, 1};

  /** The ConnectData prefix: Key CHOICE object (0), then the OID with its length octet. */
  static final int HEADER_SIZE =
      1 // t124Identifier: Key CHOICE index 0 (object)
          + 6; // the OBJECT IDENTIFIER: length 5, then 00 14 7c 00 01

  /** The UserData set in front of the value's length determinant. */
  static final int USER_DATA_HEADER_SIZE =
      1 // number of sets: 1
          + 1 // value present (1 bit), key CHOICE h221NonStandard (1 bit), padding
          + 1 // H221NonStandardIdentifier length less 4
          + 4; // the key: "Duca" or "McDn"

  /** The key of client-to-server user data. */
  static final Octets CLIENT_KEY = Octets.of("Duca".getBytes(StandardCharsets.US_ASCII));

  /** The key of server-to-client user data. */
  static final Octets SERVER_KEY = Octets.of("McDn".getBytes(StandardCharsets.US_ASCII));

  /**
   * Reads the ConnectData envelope and returns the connectPDU length as declared; the caller
   * compares it with what follows.
   */
  static int readHeader(ByteBuf in, String pdu) {
    int start = in.readerIndex();
    Wire.ensure(in, 1, pdu, "t124Identifier");
    int choice = in.readUnsignedByte();
    if (choice != 0) {
      throw Wire.invalid(pdu, "t124Identifier", start, choice, "0x00 (object)");
    }
    int oidStart = in.readerIndex();
    int[] oid = Per.readObjectIdentifier(in, pdu, "t124Identifier");
    if (!Arrays.equals(oid, T124_IDENTIFIER)) {
      throw new DecodeException(
          DecodeException.Kind.UNEXPECTED_MESSAGE_TYPE,
          pdu,
          "t124Identifier",
          oidStart,
          in.getUnsignedByte(oidStart),
          "0.0.20.124.0.1 (T.124)");
    }
    return Per.readLength(in, pdu, "connectPDU length");
  }

  /** Writes the envelope with this connectPDU length. */
  static void writeHeader(ByteBuf out, int connectPduLength) {
    out.writeByte(0);
    Per.writeObjectIdentifier(out, T124_IDENTIFIER);
    Per.writeLength(out, connectPduLength, LengthForm.SHORTEST);
  }

  /** The size of the envelope with this connectPDU length. */
  static int headerSize(int connectPduLength) {
    return HEADER_SIZE + Per.lengthSize(connectPduLength, LengthForm.SHORTEST);
  }

  /** Reads one UserData set with this H.221 key; the reader is left at the value's length. */
  static void readUserDataHeader(ByteBuf in, Octets key, String pdu) {
    int start = in.readerIndex();
    Wire.ensure(in, 2, pdu, "userData");
    int sets = in.readUnsignedByte();
    if (sets != 1) {
      throw Wire.invalid(pdu, "userData count", start, sets, "1");
    }
    int preamble = in.readUnsignedByte();
    if (preamble != 0xC0) {
      throw Wire.invalid(
          pdu, "userData key", start + 1, preamble, "0xc0 (value present, h221NonStandard)");
    }
    int keyStart = in.readerIndex();
    Octets got = Per.readOctetString(in, 4, 255, pdu, "h221NonStandard");
    if (!got.equals(key)) {
      throw Wire.invalid(
          pdu,
          "h221NonStandard",
          keyStart,
          got.length() >= 4
              ? got.get(0) << 24 | got.get(1) << 16 | got.get(2) << 8 | got.get(3)
              : 0,
          "\"" + new String(key.toByteArray(), StandardCharsets.US_ASCII) + "\"");
    }
  }

  /** Writes the UserData set header with this key. */
  static void writeUserDataHeader(ByteBuf out, Octets key) {
    out.writeByte(1);
    out.writeByte(0xC0);
    Per.writeOctetString(out, key, 4, 255);
  }

  /**
   * Decodes the {@code length} bytes of the value with {@code body}, which sees only them and must
   * consume them all.
   */
  static <T> T readValue(ByteBuf in, int length, String pdu, Function<ByteBuf, T> body) {
    Wire.ensure(in, length, pdu, "userData");
    int end = in.readerIndex() + length;
    int writerIndex = in.writerIndex();
    in.writerIndex(end);
    try {
      return body.apply(in);
    } finally {
      in.writerIndex(writerIndex);
    }
  }
}
