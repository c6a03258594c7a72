package dev.rdpprobe.capture;

/**
 * One packet as a capture file holds it.
 *
 * @param number the packet's number in the file, from 1 (as Wireshark counts)
 * @param fileOffset where its record or block starts in the file
 * @param epochNanos when it was captured, in nanoseconds since 1970-01-01 UTC
 * @param linkType the link-layer header type (the LINKTYPE_ value of the pcap and pcapng specs)
 * @param originalLength its length on the wire; more than {@code data.length} when the snapshot
 *     length cut it
 * @param data the captured bytes
 */
public record CapturedPacket(
    long number, long fileOffset, long epochNanos, int linkType, int originalLength, byte[] data) {
  /** Whether the capture kept fewer bytes than went over the wire. */
  public boolean isCut() {
    return originalLength > data.length;
  }
}
