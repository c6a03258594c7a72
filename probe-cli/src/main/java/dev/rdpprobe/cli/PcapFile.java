package dev.rdpprobe.cli;

import dev.rdpprobe.capture.ProbePcap;
import java.io.IOException;
import java.nio.file.Path;

/** The pcapng file of {@code --pcap}, opened once for the whole command. */
final class PcapFile {
  private PcapFile() {}

  /**
   * A new file at {@code file}, the server written as port 3389.
   *
   * @param maxBytes the file's bound, or {@link ProbePcap#UNBOUNDED}
   * @throws IllegalArgumentException naming the file when it cannot be written (a usage error)
   */
  static ProbePcap create(Path file, long maxBytes) {
    try {
      return ProbePcap.create(file, ProbePcap.RDP_PORT, maxBytes);
    } catch (IOException e) {
      throw new IllegalArgumentException("--pcap " + file + ": cannot write it (" + e + ")");
    }
  }
}
