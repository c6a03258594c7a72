package dev.rdpprobe.transport;

import dev.rdpprobe.trace.CloseKind;
import io.netty.channel.ConnectTimeoutException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.PortUnreachableException;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * Sorts socket exceptions into close kinds. NIO and epoll report the same facts with different
 * exception types and messages: NIO says {@code SocketException: Connection reset}, epoll {@code
 * NativeIoException: recvAddress(..) failed: Connection reset by peer}.
 */
final class SocketErrors {
  private SocketErrors() {}

  /** The close kind for an exception raised while connecting. */
  static CloseKind duringConnect(Throwable t) {
    Throwable e = root(t);
    if (e instanceof UnknownHostException) {
      return CloseKind.DNS_FAILURE;
    }
    if (e instanceof ConnectTimeoutException) {
      return CloseKind.CONNECT_TIMEOUT;
    }
    if (e instanceof NoRouteToHostException || e instanceof PortUnreachableException) {
      return CloseKind.UNREACHABLE;
    }
    String m = message(e);
    if (m.contains("refused")) {
      return CloseKind.CONNECT_REFUSED;
    }
    if (m.contains("unreachable") || m.contains("no route")) {
      return CloseKind.UNREACHABLE;
    }
    if (m.contains("timed out")) {
      return CloseKind.CONNECT_TIMEOUT;
    }
    if (isReset(e)) {
      // ECONNRESET, not ECONNREFUSED: the handshake completed and the peer reset at once,
      // before the connect was reported to us
      return CloseKind.PEER_RST;
    }
    if (e instanceof ConnectException) {
      return CloseKind.CONNECT_REFUSED;
    }
    return CloseKind.LOCAL_ERROR;
  }

  /** The close kind for an exception raised on an established connection. */
  static CloseKind onConnection(Throwable t) {
    Throwable e = root(t);
    if (isReset(e)) {
      return CloseKind.PEER_RST;
    }
    return CloseKind.LOCAL_ERROR;
  }

  /** Whether the exception reports a TCP reset (ECONNRESET, or EPIPE after one). */
  static boolean isReset(Throwable t) {
    if (!(t instanceof IOException)) {
      return false;
    }
    String m = message(t);
    return m.contains("connection reset")
        || m.contains("econnreset")
        || m.contains("broken pipe")
        || m.contains("epipe");
  }

  /**
   * What went wrong, in plain words with the system's error name where there is one ({@code
   * connection reset by peer (ECONNRESET)}): no Java or Netty names.
   */
  static String describe(Throwable t) {
    Throwable e = root(t);
    if (e instanceof UnknownHostException) {
      return "unknown host";
    }
    if (e instanceof ConnectTimeoutException) {
      return "connection timed out";
    }
    String m = message(e);
    for (String[] known : KNOWN) {
      if (m.contains(known[0])) {
        return known[1];
      }
    }
    // a message without the platform's prefixes ("recvAddress(..) failed: ")
    String plain =
        m.replaceAll("^[a-z]\\w*\\(\\.\\.\\) failed(?: with error\\(-?\\d+\\))?:? ?", "");
    return plain.isEmpty() ? "a socket error" : plain;
  }

  /** Socket errors by what their messages say, and their plain words. */
  private static final String[][] KNOWN = {
    {"connection reset", "connection reset by peer (ECONNRESET)"},
    {"econnreset", "connection reset by peer (ECONNRESET)"},
    {"broken pipe", "broken pipe: the peer had closed or reset the connection (EPIPE)"},
    {"epipe", "broken pipe: the peer had closed or reset the connection (EPIPE)"},
    {"error(-111)", "connection refused (ECONNREFUSED)"},
    {"refused", "connection refused (ECONNREFUSED)"},
    {"error(-113)", "no route to host (EHOSTUNREACH)"},
    {"no route", "no route to host (EHOSTUNREACH)"},
    {"error(-101)", "network is unreachable (ENETUNREACH)"},
    {"unreachable", "network is unreachable (ENETUNREACH)"},
    {"timed out", "connection timed out (ETIMEDOUT)"},
  };

  /** The exception as the platform reported it (type and message), for experts. */
  static String raw(Throwable t) {
    Throwable e = root(t);
    String m = e.getMessage();
    return e.getClass().getName() + (m == null ? "" : ": " + m);
  }

  private static Throwable root(Throwable t) {
    Throwable e = t;
    while (e.getCause() != null && e.getCause() != e && !(e instanceof IOException)) {
      e = e.getCause();
    }
    return e;
  }

  private static String message(Throwable t) {
    String m = t.getMessage();
    return m == null ? "" : m.toLowerCase(Locale.ROOT);
  }
}
