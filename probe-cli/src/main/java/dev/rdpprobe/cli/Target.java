package dev.rdpprobe.cli;

/**
 * A target as typed on the command line: {@code HOST}, {@code HOST:PORT}, {@code [V6]:PORT} or a
 * bare IPv6 literal; in a target list also a zgrab2-style line {@code IP, DOMAIN, TAG[, PORT]}.
 *
 * @param host the host without brackets: the name the probe gives (SNI, the certificate's name)
 * @param port the port, or -1 when none was given
 * @param address the address to connect to instead of resolving {@code host}, or {@code null}
 * @param tag the line's tag, passed through to the report; empty for none
 */
record Target(String host, int port, java.net.InetAddress address, String tag) {
  Target(String host, int port) {
    this(host, port, null, "");
  }

  /**
   * Parses a line of a target list: a target as on the command line, or, when it has a comma, a
   * zgrab2-style {@code IP, DOMAIN, TAG[, PORT]} line (either of IP and DOMAIN may be empty, not
   * both; with both, the probe connects to IP and names DOMAIN).
   *
   * @throws IllegalArgumentException with a one-line reason
   */
  static Target parseLine(String line) {
    if (line.indexOf(',') < 0) {
      return parse(line);
    }
    String[] f = line.split(",", -1);
    if (f.length > 4) {
      throw new IllegalArgumentException(
          "target line '" + line + "': more than IP, DOMAIN, TAG, PORT");
    }
    String ip = f[0].trim();
    String domain = f.length > 1 ? f[1].trim() : "";
    String tag = f.length > 2 ? f[2].trim() : "";
    int port = f.length > 3 && !f[3].isBlank() ? port(f[3].trim(), line) : -1;
    if (ip.isEmpty() && domain.isEmpty()) {
      throw new IllegalArgumentException("target line '" + line + "': no IP and no DOMAIN");
    }
    java.net.InetAddress address = null;
    if (!ip.isEmpty()) {
      Target at = parse(ip);
      byte[] bytes = io.netty.util.NetUtil.createByteArrayFromIpAddressString(at.host());
      if (bytes == null) {
        throw new IllegalArgumentException(
            "target line '" + line + "': '" + ip + "' is not an IP address");
      }
      try {
        address = java.net.InetAddress.getByAddress(bytes);
      } catch (java.net.UnknownHostException e) {
        throw new IllegalArgumentException("target line '" + line + "': " + e.getMessage());
      }
      port = port < 0 ? at.port() : port;
    }
    String host = domain.isEmpty() ? address.getHostAddress() : parse(domain).host();
    return new Target(host, port, domain.isEmpty() ? null : address, tag);
  }

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
