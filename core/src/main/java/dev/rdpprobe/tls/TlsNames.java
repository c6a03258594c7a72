package dev.rdpprobe.tls;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** Host name helpers that never touch DNS. */
final class TlsNames {
  private TlsNames() {}

  /** Whether {@code host} is an IPv4 dotted quad or an IPv6 literal (which contains a colon). */
  static boolean isIpLiteral(String host) {
    if (host.indexOf(':') >= 0) {
      // only what an IPv6 literal can hold, so parsing it can never become a lookup
      return host.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == ':' || c == '.');
    }
    String[] parts = host.split("\\.", -1);
    if (parts.length != 4) {
      return false;
    }
    for (String p : parts) {
      if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit)) {
        return false;
      }
      if (Integer.parseInt(p) > 255) {
        return false;
      }
    }
    return true;
  }

  /** The text {@link InetAddress#getHostAddress()} gives for an IP literal, or the literal. */
  static String canonicalIp(String literal) {
    String s =
        literal.startsWith("[") && literal.endsWith("]")
            ? literal.substring(1, literal.length() - 1)
            : literal;
    try {
      // a literal is parsed, never looked up
      return InetAddress.getByName(s).getHostAddress();
    } catch (UnknownHostException | SecurityException e) {
      return s;
    }
  }
}
