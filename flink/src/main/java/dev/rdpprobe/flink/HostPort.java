package dev.rdpprobe.flink;

import dev.rdpprobe.ProbeSpec;

/** Reads {@code HOST}, {@code HOST:PORT}, {@code [V6]:PORT} and bare IPv6 literals. */
public final class HostPort {
  private HostPort() {}

  /**
   * A spec builder for the host and port of {@code target}.
   *
   * @throws IllegalArgumentException naming what is wrong with {@code target}
   */
  public static ProbeSpec.Builder builder(String target) {
    String t = target.trim();
    String host = t;
    String port = null;
    if (t.startsWith("[")) {
      int close = t.indexOf(']');
      if (close < 0 || (close + 1 < t.length() && t.charAt(close + 1) != ':')) {
        throw new IllegalArgumentException("target '" + target + "' is not [ADDRESS]:PORT");
      }
      host = t.substring(1, close);
      port = close + 1 < t.length() ? t.substring(close + 2) : null;
    } else if (t.indexOf(':') >= 0 && t.indexOf(':') == t.lastIndexOf(':')) {
      host = t.substring(0, t.indexOf(':'));
      port = t.substring(t.indexOf(':') + 1);
    }
    ProbeSpec.Builder b = ProbeSpec.builder(host);
    if (port != null) {
      try {
        b.port(Integer.parseInt(port));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            "target '" + target + "': port '" + port + "' is not 1..65535");
      }
    }
    return b;
  }
}
