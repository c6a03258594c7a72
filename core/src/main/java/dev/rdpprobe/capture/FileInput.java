package dev.rdpprobe.capture;

import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/**
 * An input stream read in whole pieces, counting the file offset: a piece the stream ends inside is
 * a {@link CaptureException.Kind#TRUNCATED} file at that offset.
 */
final class FileInput {
  private final InputStream in;
  private long offset;

  FileInput(InputStream in) {
    this.in = Objects.requireNonNull(in, "in");
  }

  /** The offset of the next byte. */
  long offset() {
    return offset;
  }

  /**
   * Reads exactly {@code n} bytes into {@code buf} at {@code off}; returns false when the stream
   * ended before the first of them, and fails when it ends after.
   */
  boolean readOrEnd(byte[] buf, int off, int n, String what, long packet) throws IOException {
    int got = 0;
    while (got < n) {
      int r = in.read(buf, off + got, n - got);
      if (r < 0) {
        if (got == 0) {
          return false;
        }
        throw new CaptureException(
            CaptureException.Kind.TRUNCATED,
            "the file ends " + got + " bytes into a " + n + "-byte " + what,
            offset - got,
            packet);
      }
      got += r;
      offset += r;
    }
    return true;
  }

  /** Reads exactly {@code n} bytes; the stream ending first is a truncated file. */
  void readFully(byte[] buf, int off, int n, String what, long packet) throws IOException {
    if (n > 0 && !readOrEnd(buf, off, n, what, packet)) {
      throw new CaptureException(
          CaptureException.Kind.TRUNCATED,
          "the file ends where a " + n + "-byte " + what + " was due",
          offset,
          packet);
    }
  }

  /** Skips {@code n} bytes; the stream ending first is a truncated file. */
  void skip(long n, String what, long packet) throws IOException {
    byte[] scratch = new byte[(int) Math.min(n, 8192)];
    long left = n;
    while (left > 0) {
      int k = (int) Math.min(left, scratch.length);
      readFully(scratch, 0, k, what, packet);
      left -= k;
    }
  }
}
