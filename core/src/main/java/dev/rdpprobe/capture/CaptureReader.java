package dev.rdpprobe.capture;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * Reads a capture file packet by packet, in file order, from a stream: the pcap format
 * (draft-ietf-opsawg-pcap: both byte orders, micro- and nanosecond timestamps) or pcapng
 * (draft-ietf-opsawg-pcapng: several sections and interfaces, Enhanced, Simple and obsolete Packet
 * Blocks, Decryption Secrets Blocks). Only the current block is held in memory.
 *
 * <pre>{@code
 * try (InputStream in = Files.newInputStream(path)) {
 *   CaptureReader reader = CaptureReader.open(in);
 *   for (CapturedPacket p; (p = reader.next()) != null; ) { ... }
 * }
 * }</pre>
 */
public interface CaptureReader {
  /** The next packet, or {@code null} at the end of the file. */
  CapturedPacket next() throws IOException;

  /**
   * The TLS key-log lines (NSS format) the file's Decryption Secrets Blocks carried since the last
   * call, in file order; a pcap file has none.
   */
  List<String> takeKeyLogLines();

  /** The file's format in words, e.g. {@code pcapng} or {@code pcap (nanosecond, big-endian)}. */
  String format();

  /**
   * A reader for the capture {@code in} holds, told apart by its first four bytes.
   *
   * @throws CaptureException if the stream is not a pcap or pcapng file
   */
  static CaptureReader open(InputStream in) throws IOException {
    FileInput file =
        new FileInput(in instanceof BufferedInputStream ? in : new BufferedInputStream(in, 65536));
    byte[] magic = new byte[4];
    if (!file.readOrEnd(magic, 0, 4, "file magic", 0)) {
      throw new CaptureException(CaptureException.Kind.NOT_A_CAPTURE, "the file is empty", 0, 0);
    }
    int be =
        (magic[0] & 0xFF) << 24
            | (magic[1] & 0xFF) << 16
            | (magic[2] & 0xFF) << 8
            | (magic[3] & 0xFF);
    if (be == PcapngReader.SECTION_HEADER) {
      return new PcapngReader(file);
    }
    PcapReader pcap = PcapReader.forMagic(be, file);
    if (pcap != null) {
      return pcap;
    }
    throw new CaptureException(
        CaptureException.Kind.NOT_A_CAPTURE,
        String.format(
            "the file starts with %02x %02x %02x %02x, which is neither a pcap nor a pcapng magic",
            magic[0] & 0xFF, magic[1] & 0xFF, magic[2] & 0xFF, magic[3] & 0xFF),
        0,
        0);
  }
}
