package dev.rdpprobe.capture;

/**
 * The caps a capture file cannot grow past (ARCHITECTURE.md, Rules: every growth a peer controls is
 * capped): a field is checked against them before anything is allocated, so memory follows the open
 * flows, never a length written in the file.
 */
public final class CaptureLimits {
  private CaptureLimits() {}

  /** The largest packet read: Wireshark's and tcpdump's largest snapshot length. */
  public static final int PACKET_BYTES = 262_144;

  /**
   * The largest pcapng block read (a packet with its options, a Decryption Secrets Block with a
   * connection's key log); a block announcing more is a broken file.
   */
  public static final int BLOCK_BYTES = 1 << 20;

  /** Interfaces described in one pcapng section. */
  public static final int INTERFACES = 4096;

  /** Key-log lines kept from a file's Decryption Secrets Blocks and a key-log file. */
  public static final int KEY_LOG_LINES = 100_000;

  /**
   * TCP flows followed at once; past it the flow idle the longest is ended as if the capture ended.
   */
  public static final int OPEN_FLOWS = 10_000;

  /**
   * Out-of-order bytes held for one direction of a flow while earlier bytes are missing; past it
   * the missing bytes are recorded as a gap and the held ones delivered.
   */
  public static final int OUT_OF_ORDER_BYTES = 1 << 20;

  /** Packets that could not be decoded below TCP, named one by one; the rest are counted. */
  public static final int SKIPPED_PACKETS_NAMED = 20;
}
