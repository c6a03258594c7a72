package dev.rdpprobe.scan;

/** A blocklist line that is not an address or a range: where it is and what is wrong. */
public final class BlocklistException extends Exception {
  private final String source;
  private final long line;
  private final String reason;

  BlocklistException(String source, long line, String reason) {
    super(source + ", line " + line + ": " + reason);
    this.source = source;
    this.line = line;
    this.reason = reason;
  }

  /** The blocklist's name (its file). */
  public String source() {
    return source;
  }

  /** The line, from 1. */
  public long line() {
    return line;
  }

  /** What is wrong with it. */
  public String reason() {
    return reason;
  }
}
