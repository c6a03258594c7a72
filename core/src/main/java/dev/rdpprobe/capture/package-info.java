/**
 * Packet captures: pcap and pcapng readers ({@link dev.rdpprobe.capture.CaptureReader}), the link
 * and IP layers down to TCP segments ({@link dev.rdpprobe.capture.Packets}), TCP reassembly per
 * flow ({@link dev.rdpprobe.capture.TcpReassembler}), a passive dissector that writes the same
 * trace as a live probe from both directions of an RDP flow ({@link
 * dev.rdpprobe.capture.FlowDissector}), the library entry point {@link
 * dev.rdpprobe.capture.CaptureAnalysis}, and the pcapng writer of the probe's own connections.
 *
 * <p>A capture file is untrusted input: every length is checked against the caps of {@link
 * dev.rdpprobe.capture.CaptureLimits} before anything is allocated, and a malformed file ends with
 * a {@link dev.rdpprobe.capture.CaptureException} naming the file offset and the packet.
 */
package dev.rdpprobe.capture;
