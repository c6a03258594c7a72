package dev.rdpprobe.transport;

import java.net.InetAddress;
import java.util.Objects;

/**
 * Where a probe connects.
 *
 * @param host the name or address literal as given (without brackets), shown in the trace
 * @param address the address to connect to instead of resolving {@code host}, or {@code null}
 * @param port the TCP port, 1 to 65535
 */
public record Target(String host, InetAddress address, int port) {
  public Target {
    Objects.requireNonNull(host, "host");
    if (host.isEmpty()) {
      throw new IllegalArgumentException("host is empty");
    }
    for (int i = 0; i < host.length(); i++) {
      char c = host.charAt(i);
      if (c <= ' ' || c == '/' || c == '@' || c > 0x7E) {
        throw new IllegalArgumentException(
            "host '" + host + "' has an invalid character at index " + i);
      }
    }
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port " + port + " is outside 1..65535");
    }
  }

  /** {@code host} as given, with brackets around an IPv6 literal stripped. */
  public static String host(String given) {
    Objects.requireNonNull(given, "host");
    String h = given.trim();
    return h.startsWith("[") && h.endsWith("]") ? h.substring(1, h.length() - 1) : h;
  }

  /** {@code host:port}, with brackets around an IPv6 literal. */
  public String text() {
    return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
  }
}
