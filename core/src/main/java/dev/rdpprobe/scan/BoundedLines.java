package dev.rdpprobe.scan;

import java.io.IOException;
import java.io.Reader;

/**
 * Reads lines of at most {@code max} characters and drops the rest of a longer one, so a file
 * without line breaks cannot make a buffer as large as itself. A line that was cut is returned with
 * {@code max + 1} characters, which tells the caller it was too long.
 */
final class BoundedLines {
  private final Reader in;
  private final int max;
  private final StringBuilder line = new StringBuilder();
  private final char[] buf = new char[8192];
  private int pos;
  private int end;
  private boolean eof;

  BoundedLines(Reader in, int max) {
    this.in = in;
    this.max = max;
  }

  /** The next line without its terminator (LF, CR LF or CR), or {@code null} at the end. */
  String next() throws IOException {
    line.setLength(0);
    boolean any = false;
    while (true) {
      if (pos == end) {
        if (eof || !fill()) {
          return any ? line.toString() : null;
        }
      }
      char c = buf[pos++];
      any = true;
      if (c == '\n') {
        return line.toString();
      }
      if (c == '\r') {
        if (pos == end && !eof) {
          fill();
        }
        if (pos < end && buf[pos] == '\n') {
          pos++;
        }
        return line.toString();
      }
      if (line.length() <= max) {
        line.append(c);
      }
    }
  }

  private boolean fill() throws IOException {
    int n = in.read(buf, 0, buf.length);
    if (n < 0) {
      eof = true;
      pos = end = 0;
      return false;
    }
    pos = 0;
    end = n;
    return true;
  }
}
