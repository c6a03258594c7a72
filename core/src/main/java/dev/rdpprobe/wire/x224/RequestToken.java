package dev.rdpprobe.wire.x224;

import dev.rdpprobe.wire.Octets;
import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * The optional first field of the X.224 Connection Request's variable part (MS-RDPBCGR 2.2.1.1): a
 * {@link Cookie} naming the user for load balancing, or an opaque {@link RoutingToken}. Either ends
 * with CR LF on the wire.
 */
public sealed interface RequestToken permits RequestToken.Cookie, RequestToken.RoutingToken {

  /** The bytes on the wire, CR LF included. */
  int size();

  /** Writes the bytes, CR LF included. */
  void encode(ByteBuf out);

  /** The prefix of a cookie, {@code "Cookie: mstshash="}. */
  String COOKIE_PREFIX = "Cookie: mstshash=";

  /**
   * {@code Cookie: mstshash=NAME} CR LF: the name a load balancer can route on. Windows clients put
   * the user name here.
   *
   * @param name the name, ISO-8859-1, without CR or LF
   */
  record Cookie(String name) implements RequestToken {
    public Cookie {
      Objects.requireNonNull(name, "name");
      checkText(name, "cookie name");
    }

    @Override
    public int size() {
      return COOKIE_PREFIX.length() + name.length() + 2;
    }

    @Override
    public void encode(ByteBuf out) {
      out.writeCharSequence(COOKIE_PREFIX, StandardCharsets.ISO_8859_1);
      out.writeCharSequence(name, StandardCharsets.ISO_8859_1);
      out.writeByte('\r').writeByte('\n');
    }

    @Override
    public String toString() {
      return COOKIE_PREFIX + name;
    }
  }

  /**
   * A routing token (a load balancer's or connection broker's opaque value, e.g. {@code Cookie:
   * msts=...} or {@code tsv://...}), sent as given and ended with CR LF.
   *
   * <p>A receiver tells the variable part's fields apart by their first bytes, so a token may not
   * start with 0x01 (it would read as an RDP_NEG_REQ) nor with {@link #COOKIE_PREFIX} (it would
   * read as a {@link Cookie}), and may not contain CR LF.
   *
   * @param value the token without its CR LF
   */
  record RoutingToken(Octets value) implements RequestToken {
    public RoutingToken {
      Objects.requireNonNull(value, "value");
      for (int i = 0; i + 1 < value.length(); i++) {
        if (value.get(i) == '\r' && value.get(i + 1) == '\n') {
          throw new IllegalArgumentException("routing token contains CR LF at " + i);
        }
      }
      if (value.length() > 0 && value.get(0) == NegotiationStructure.TYPE_REQUEST) {
        throw new IllegalArgumentException(
            "routing token starts with 0x01, which a receiver reads as RDP_NEG_REQ");
      }
      if (startsWithCookiePrefix(value)) {
        throw new IllegalArgumentException(
            "routing token starts with '" + COOKIE_PREFIX + "': send a Cookie instead");
      }
    }

    /** A token from ISO-8859-1 text. */
    public static RoutingToken of(String text) {
      checkText(text, "routing token");
      return new RoutingToken(Octets.of(text.getBytes(StandardCharsets.ISO_8859_1)));
    }

    @Override
    public int size() {
      return value.length() + 2;
    }

    @Override
    public void encode(ByteBuf out) {
      value.writeTo(out);
      out.writeByte('\r').writeByte('\n');
    }

    @Override
    public String toString() {
      return new String(value.toByteArray(), StandardCharsets.ISO_8859_1);
    }
  }

  private static boolean startsWithCookiePrefix(Octets value) {
    if (value.length() < COOKIE_PREFIX.length()) {
      return false;
    }
    for (int i = 0; i < COOKIE_PREFIX.length(); i++) {
      if (value.get(i) != COOKIE_PREFIX.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  private static void checkText(String text, String what) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\r' || c == '\n' || c > 0xFF) {
        throw new IllegalArgumentException(
            what + " has a character that cannot be sent at index " + i);
      }
    }
  }
}
