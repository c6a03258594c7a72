package dev.rdpprobe.capture;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Writes a pcapng file (draft-ietf-opsawg-pcapng), little-endian: one Section Header Block, one
 * Interface Description Block of a link type with nanosecond timestamps ({@code if_tsresol} 9),
 * then Enhanced Packet Blocks (with an optional comment) and Decryption Secrets Blocks carrying TLS
 * key-log lines. Not thread-safe; the caller closes the stream.
 */
public final class PcapngWriter {
  private static final int OPT_COMMENT = 1;
  private static final int IF_TSRESOL = 9;

  private final OutputStream out;

  /**
   * Writes the section and interface headers.
   *
   * @param linkType the interface's LINKTYPE_ value, e.g. {@link Packets#LINKTYPE_ETHERNET}
   * @param application the writing application's name ({@code shb_userappl})
   */
  public PcapngWriter(OutputStream out, int linkType, String application) throws IOException {
    this.out = Objects.requireNonNull(out, "out");
    byte[] appl = application.getBytes(StandardCharsets.UTF_8);
    ByteBuffer shbBody =
        ByteBuffer.allocate(16 + option(appl.length) + 4).order(ByteOrder.LITTLE_ENDIAN);
    shbBody.putInt(PcapngReader.BYTE_ORDER_MAGIC).putShort((short) 1).putShort((short) 0);
    shbBody.putLong(-1L); // section length not given
    putOption(shbBody, 4, appl); // shb_userappl
    shbBody.putInt(0); // opt_endofopt
    block(PcapngReader.SECTION_HEADER, shbBody.array());
    ByteBuffer idb = ByteBuffer.allocate(8 + 8 + 4).order(ByteOrder.LITTLE_ENDIAN);
    idb.putShort((short) linkType).putShort((short) 0).putInt(CaptureLimits.PACKET_BYTES);
    idb.putShort((short) IF_TSRESOL).putShort((short) 1).put((byte) 9).put(new byte[3]);
    idb.putInt(0);
    block(PcapngReader.INTERFACE_DESCRIPTION, idb.array());
  }

  /** One packet of interface 0, captured whole at {@code epochNanos}, with an optional comment. */
  public void packet(long epochNanos, byte[] data, String comment) throws IOException {
    if (data.length > CaptureLimits.PACKET_BYTES) {
      throw new IllegalArgumentException("a packet of " + data.length + " bytes is too long");
    }
    byte[] c = comment == null ? new byte[0] : comment.getBytes(StandardCharsets.UTF_8);
    int options = c.length == 0 ? 0 : option(c.length) + 4;
    ByteBuffer b =
        ByteBuffer.allocate(20 + pad(data.length) + options).order(ByteOrder.LITTLE_ENDIAN);
    b.putInt(0).putInt((int) (epochNanos >>> 32)).putInt((int) epochNanos);
    b.putInt(data.length).putInt(data.length).put(data).position(20 + pad(data.length));
    if (c.length > 0) {
      putOption(b, OPT_COMMENT, c);
      b.putInt(0);
    }
    block(PcapngReader.ENHANCED_PACKET, b.array());
  }

  /** A Decryption Secrets Block of NSS key-log text ({@code CLIENT_RANDOM ...} lines). */
  public void keyLog(String lines) throws IOException {
    byte[] text = lines.getBytes(StandardCharsets.US_ASCII);
    ByteBuffer b = ByteBuffer.allocate(8 + pad(text.length)).order(ByteOrder.LITTLE_ENDIAN);
    b.putInt(PcapngReader.TLS_KEY_LOG).putInt(text.length).put(text);
    block(PcapngReader.DECRYPTION_SECRETS, b.array());
  }

  /** Pushes what is written to the stream. */
  public void flush() throws IOException {
    out.flush();
  }

  private void block(int type, byte[] body) throws IOException {
    int total = 12 + body.length;
    if (total > CaptureLimits.BLOCK_BYTES) {
      throw new IllegalArgumentException("a block of " + total + " bytes is too long");
    }
    ByteBuffer b = ByteBuffer.allocate(total).order(ByteOrder.LITTLE_ENDIAN);
    b.putInt(type).putInt(total).put(body).putInt(total);
    out.write(b.array());
  }

  private static int pad(int n) {
    return (n + 3) & ~3;
  }

  private static int option(int length) {
    return 4 + pad(length);
  }

  private static void putOption(ByteBuffer b, int code, byte[] value) {
    b.putShort((short) code).putShort((short) value.length).put(value);
    b.position(b.position() + pad(value.length) - value.length);
  }
}
