package dev.rdpprobe.cli;

/**
 * A target as typed on the command line: {@code HOST}, {@code HOST:PORT}, {@code [V6]:PORT} or a
 * bare IPv6 literal.
 *
 * @param host the host without brackets
 * @param port the port, or -1 when none was given
 */
record Target(String host, int port) {

  /**
   * Parses a target.
   *
   * @throws IllegalArgumentException with a one-line reason
   */
  static Target parse(String text) {
    String t = text.trim();
    if (t.isEmpty()) {
      throw new IllegalArgumentException("empty target");
    }
    if (t.startsWith("[")) {
      int close = t.indexOf(']');
      if (close < 0) {
        throw new IllegalArgumentException("target '" + text + "': missing ']'");
      }
      String host = t.substring(1, close);
      String rest = t.substring(close + 1);
      if (rest.isEmpty()) {
        return new Target(host, -1);
      }
      if (!rest.startsWith(":")) {
        throw new IllegalArgumentException("target '" + text + "': expected ':PORT' after ']'");
      }
      return new Target(host, port(rest.substring(1), text));
    }
    int colon = t.indexOf(':');
    if (colon >= 0 && t.indexOf(':', colon + 1) >= 0) {
      return new Target(t, -1); // a bare IPv6 literal
    }
    if (colon >= 0) {
      return new Target(t.substring(0, colon), port(t.substring(colon + 1), text));
    }
    return new Target(t, -1);
  }

  private static int port(String s, String text) {
    try {
      int p = Integer.parseInt(s);
      if (p >= 1 && p <= 65535) {
        return p;
      }
    } catch (NumberFormatException e) {
      // fall through to the message
    }
    throw new IllegalArgumentException("target '" + text + "': port '" + s + "' is not 1..65535");
  }
}
