package dev.rdpprobe.capture;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The pcapng format (draft-ietf-opsawg-pcapng): blocks of a type, a total length repeated at the
 * end, and a body. A Section Header Block gives the byte order of its section and resets its
 * interfaces; Interface Description Blocks give each interface's link type, snapshot length and
 * timestamp resolution ({@code if_tsresol}, {@code if_tsoffset}); packets come in Enhanced, Simple
 * or obsolete Packet Blocks; Decryption Secrets Blocks carry TLS key logs. Other blocks are
 * skipped.
 */
final class PcapngReader implements CaptureReader {
  static final int SECTION_HEADER = 0x0A0D0D0A;
  static final int BYTE_ORDER_MAGIC = 0x1A2B3C4D;
  static final int INTERFACE_DESCRIPTION = 1;
  static final int OBSOLETE_PACKET = 2;
  static final int SIMPLE_PACKET = 3;
  static final int ENHANCED_PACKET = 6;
  static final int DECRYPTION_SECRETS = 10;

  /** Secrets type of a TLS key log, {@code TLSK}. */
  static final int TLS_KEY_LOG = 0x544C534B;

  private static final int OPT_END = 0;
  private static final int IF_TSRESOL = 9;
  private static final int IF_TSOFFSET = 14;

  /** An interface of the current section. */
  private record Interface(int linkType, long snapLength, int tsResolution, long tsOffsetSeconds) {}

  private final FileInput file;
  private final List<Interface> interfaces = new ArrayList<>();
  private final List<String> keyLog = new ArrayList<>();
  private ByteOrder order = ByteOrder.BIG_ENDIAN;
  private boolean typeRead = true; // open() read the first block's type
  private long number;
  private long keyLogLines;

  PcapngReader(FileInput file) {
    this.file = file;
  }

  @Override
  public CapturedPacket next() throws IOException {
    while (true) {
      long at = file.offset() - (typeRead ? 4 : 0);
      int type;
      if (typeRead) {
        typeRead = false;
        type = SECTION_HEADER;
      } else {
        if (!file.readOrEnd(word, 0, 4, "block type", number + 1)) {
          return null;
        }
        type = word();
      }
      if (type == SECTION_HEADER) {
        sectionHeader(at);
        continue;
      }
      ByteBuffer body = block(at, type);
      CapturedPacket p =
          switch (type) {
            case INTERFACE_DESCRIPTION -> {
              interfaceDescription(body, at);
              yield null;
            }
            case ENHANCED_PACKET -> enhancedPacket(body, at);
            case SIMPLE_PACKET -> simplePacket(body, at);
            case OBSOLETE_PACKET -> obsoletePacket(body, at);
            case DECRYPTION_SECRETS -> {
              decryptionSecrets(body, at);
              yield null;
            }
            default -> null;
          };
      if (p != null) {
        return p;
      }
    }
  }

  private void sectionHeader(long at) throws IOException {
    byte[] head = new byte[8];
    file.readFully(head, 0, 8, "section header", number);
    int bom = ByteBuffer.wrap(head, 4, 4).order(ByteOrder.BIG_ENDIAN).getInt();
    if (bom == BYTE_ORDER_MAGIC) {
      order = ByteOrder.BIG_ENDIAN;
    } else if (Integer.reverseBytes(bom) == BYTE_ORDER_MAGIC) {
      order = ByteOrder.LITTLE_ENDIAN;
    } else {
      throw new CaptureException(
          CaptureException.Kind.INVALID_FIELD,
          String.format("the section's byte-order magic is %08x, not 1a2b3c4d either way", bom),
          at + 8,
          number);
    }
    long length = ByteBuffer.wrap(head, 0, 4).order(order).getInt() & 0xFFFFFFFFL;
    checkLength(length, 28, at, "Section Header Block");
    // the rest after the type, length and byte-order magic, before the trailing length
    byte[] rest = new byte[(int) length - 16];
    file.readFully(rest, 0, rest.length, "Section Header Block", number);
    trailer(length, at);
    ByteBuffer b = ByteBuffer.wrap(rest).order(order);
    int major = b.getShort(0) & 0xFFFF;
    if (major != 1) {
      throw new CaptureException(
          CaptureException.Kind.UNSUPPORTED,
          "pcapng major version " + major + " (only version 1 is defined)",
          at + 12,
          number);
    }
    interfaces.clear();
  }

  /** Reads the rest of a block of {@code type} and checks its trailing length; returns its body. */
  private ByteBuffer block(long at, int type) throws IOException {
    file.readFully(word, 0, 4, "block length", number + 1);
    long length = word() & 0xFFFFFFFFL;
    checkLength(length, 12, at, "block of type " + Integer.toUnsignedString(type));
    int size = (int) length - 12;
    if (body.length < size) { // the length is within CaptureLimits.BLOCK_BYTES: checked
      body = new byte[Math.max(size, Math.min(2 * body.length, CaptureLimits.BLOCK_BYTES))];
    }
    file.readFully(body, 0, size, "block of type " + type, number + 1);
    trailer(length, at);
    return ByteBuffer.wrap(body, 0, size).order(order);
  }

  /**
   * The body of the block being read, reused from block to block (grown to the largest so far):
   * what a packet keeps is copied out of it.
   */
  private byte[] body = new byte[2048];

  /** A 32-bit field read into it, reused. */
  private final byte[] word = new byte[4];

  private int word() {
    int v =
        (word[0] & 0xFF) << 24 | (word[1] & 0xFF) << 16 | (word[2] & 0xFF) << 8 | (word[3] & 0xFF);
    return order == ByteOrder.BIG_ENDIAN ? v : Integer.reverseBytes(v);
  }

  private void checkLength(long length, int min, long at, String what) throws CaptureException {
    if (length > CaptureLimits.BLOCK_BYTES) {
      throw new CaptureException(
          CaptureException.Kind.TOO_LARGE,
          "a " + what + " of " + length + " bytes (at most " + CaptureLimits.BLOCK_BYTES + ")",
          at + 4,
          number + 1);
    }
    if (length < min || length % 4 != 0) {
      throw new CaptureException(
          CaptureException.Kind.INVALID_FIELD,
          "a " + what + " of " + length + " bytes (a multiple of 4, at least " + min + ")",
          at + 4,
          number + 1);
    }
  }

  private void trailer(long length, long at) throws IOException {
    file.readFully(word, 0, 4, "block's trailing length", number + 1);
    long again = word() & 0xFFFFFFFFL;
    if (again != length) {
      throw new CaptureException(
          CaptureException.Kind.INVALID_FIELD,
          "the block's trailing length " + again + " differs from its leading length " + length,
          at + length - 4,
          number + 1);
    }
  }

  private void interfaceDescription(ByteBuffer b, long at) throws CaptureException {
    need(b, 8, "Interface Description Block", at);
    if (interfaces.size() >= CaptureLimits.INTERFACES) {
      throw new CaptureException(
          CaptureException.Kind.TOO_LARGE,
          "more than " + CaptureLimits.INTERFACES + " interfaces in one section",
          at,
          number + 1);
    }
    int linkType = b.getShort(0) & 0xFFFF;
    long snap = b.getInt(4) & 0xFFFFFFFFL;
    int resolution = 6;
    long offset = 0;
    int p = 8;
    while (p + 4 <= b.limit()) {
      int code = b.getShort(p) & 0xFFFF;
      int len = b.getShort(p + 2) & 0xFFFF;
      if (code == OPT_END) {
        break;
      }
      if (p + 4 + len > b.limit()) {
        throw new CaptureException(
            CaptureException.Kind.INVALID_FIELD,
            "an interface option of " + len + " bytes runs past its block",
            at + 8 + p,
            number + 1);
      }
      if (code == IF_TSRESOL && len == 1) {
        resolution = b.get(p + 4) & 0xFF;
        int exponent = resolution & 0x7F;
        if ((resolution & 0x80) == 0 ? exponent > 18 : exponent > 62) {
          throw new CaptureException(
              CaptureException.Kind.UNSUPPORTED,
              "if_tsresol " + resolution + " is finer than the reader counts",
              at + 8 + p,
              number + 1);
        }
      } else if (code == IF_TSOFFSET && len == 8) {
        offset = b.getLong(p + 4);
      }
      p += 4 + ((len + 3) & ~3);
    }
    interfaces.add(new Interface(linkType, snap, resolution, offset));
  }

  private Interface iface(long id, long at) throws CaptureException {
    if (id >= interfaces.size()) {
      throw new CaptureException(
          CaptureException.Kind.INVALID_FIELD,
          "a packet of interface " + id + ", but the section describes " + interfaces.size(),
          at + 8,
          number + 1);
    }
    return interfaces.get((int) id);
  }

  private CapturedPacket enhancedPacket(ByteBuffer b, long at) throws CaptureException {
    need(b, 20, "Enhanced Packet Block", at);
    Interface i = iface(b.getInt(0) & 0xFFFFFFFFL, at);
    long ts = (b.getInt(4) & 0xFFFFFFFFL) << 32 | (b.getInt(8) & 0xFFFFFFFFL);
    long captured = b.getInt(12) & 0xFFFFFFFFL;
    long original = b.getInt(16) & 0xFFFFFFFFL;
    return packet(i, ts, captured, original, b, 20, at);
  }

  private CapturedPacket obsoletePacket(ByteBuffer b, long at) throws CaptureException {
    need(b, 20, "Packet Block", at);
    Interface i = iface(b.getShort(0) & 0xFFFF, at);
    long ts = (b.getInt(4) & 0xFFFFFFFFL) << 32 | (b.getInt(8) & 0xFFFFFFFFL);
    long captured = b.getInt(12) & 0xFFFFFFFFL;
    long original = b.getInt(16) & 0xFFFFFFFFL;
    return packet(i, ts, captured, original, b, 20, at);
  }

  private CapturedPacket simplePacket(ByteBuffer b, long at) throws CaptureException {
    need(b, 4, "Simple Packet Block", at);
    Interface i = iface(0, at);
    long original = b.getInt(0) & 0xFFFFFFFFL;
    long captured = Math.min(original, b.limit() - 4L);
    if (i.snapLength() > 0) {
      captured = Math.min(captured, i.snapLength());
    }
    // a Simple Packet Block has no timestamp
    return packet(i, -1, captured, original, b, 4, at);
  }

  private CapturedPacket packet(
      Interface i, long ts, long captured, long original, ByteBuffer b, int start, long at)
      throws CaptureException {
    if (captured > CaptureLimits.PACKET_BYTES) {
      throw new CaptureException(
          CaptureException.Kind.TOO_LARGE,
          "a packet of "
              + captured
              + " captured bytes (at most "
              + CaptureLimits.PACKET_BYTES
              + ")",
          at,
          number + 1);
    }
    if (start + captured > b.limit()) {
      throw new CaptureException(
          CaptureException.Kind.INVALID_FIELD,
          "a packet of "
              + captured
              + " captured bytes in a block with room for "
              + (b.limit() - start),
          at,
          number + 1);
    }
    number++;
    byte[] data = new byte[(int) captured];
    b.get(start, data);
    long nanos = ts < 0 ? 0 : toNanos(ts, i.tsResolution()) + i.tsOffsetSeconds() * 1_000_000_000L;
    return new CapturedPacket(
        number,
        at,
        nanos,
        i.linkType(),
        (int) Math.min(Math.max(original, captured), Integer.MAX_VALUE),
        data);
  }

  /** 10^0 to 10^9: a decimal if_tsresol's scale, looked up at every packet. */
  private static final long[] POWERS_OF_TEN = {
    1L, 10L, 100L, 1_000L, 10_000L, 100_000L, 1_000_000L, 10_000_000L, 100_000_000L, 1_000_000_000L
  };

  /** A timestamp in units of {@code if_tsresol} as nanoseconds. */
  static long toNanos(long ts, int resolution) {
    int exponent = resolution & 0x7F;
    if ((resolution & 0x80) == 0) {
      if (exponent <= 9) {
        long scale = POWERS_OF_TEN[9 - exponent];
        return Long.compareUnsigned(ts, Long.MAX_VALUE / scale) > 0 ? Long.MAX_VALUE : ts * scale;
      }
      return Long.divideUnsigned(ts, POWERS_OF_TEN[exponent - 9]); // exponent <= 18: checked
    }
    BigInteger n =
        new BigInteger(Long.toUnsignedString(ts))
            .multiply(BigInteger.valueOf(1_000_000_000L))
            .shiftRight(exponent);
    return n.bitLength() > 63 ? Long.MAX_VALUE : n.longValue();
  }

  private void decryptionSecrets(ByteBuffer b, long at) throws CaptureException {
    need(b, 8, "Decryption Secrets Block", at);
    int type = b.getInt(0);
    long length = b.getInt(4) & 0xFFFFFFFFL;
    if (8 + length > b.limit()) {
      throw new CaptureException(
          CaptureException.Kind.INVALID_FIELD,
          "secrets of " + length + " bytes in a block with room for " + (b.limit() - 8),
          at + 12,
          number + 1);
    }
    if (type != TLS_KEY_LOG) {
      return; // WireGuard, ZigBee, ... secrets do not concern RDP
    }
    String text = new String(b.array(), 8, (int) length, StandardCharsets.UTF_8);
    for (String line : text.split("\n")) {
      String l = line.strip();
      if (!l.isEmpty() && !l.startsWith("#") && keyLogLines < CaptureLimits.KEY_LOG_LINES) {
        keyLog.add(l);
        keyLogLines++;
      }
    }
  }

  private void need(ByteBuffer b, int n, String what, long at) throws CaptureException {
    if (b.limit() < n) {
      throw new CaptureException(
          CaptureException.Kind.INVALID_FIELD,
          "a " + what + " with a " + b.limit() + "-byte body (at least " + n + ")",
          at,
          number + 1);
    }
  }

  @Override
  public List<String> takeKeyLogLines() {
    if (keyLog.isEmpty()) {
      return List.of(); // asked at every packet
    }
    List<String> out = List.copyOf(keyLog);
    keyLog.clear();
    return out;
  }

  @Override
  public String format() {
    return "pcapng";
  }
}
