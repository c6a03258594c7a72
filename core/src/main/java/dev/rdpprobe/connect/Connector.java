package dev.rdpprobe.connect;

import dev.rdpprobe.trace.CloseKind;
import dev.rdpprobe.trace.ClosedBy;
import io.netty.buffer.ByteBuf;
import java.util.List;

/**
 * A sans-I/O client connection as a driver sees it: the driver tells it when TCP is up, hands it
 * every byte received with the time, writes what {@link #takeOutput()} returns and says when each
 * write completed, and reports how the connection ended. It never touches a socket or a clock.
 * {@link ClientConnector} is the probe's; a {@link ConnectorFactory} lets a driver use another (a
 * wrapped one, one with a fixed plan).
 *
 * <p>Not thread-safe: drive one connector from one thread.
 */
public interface Connector {
  /** TCP is up at {@code nanos}: the sequence starts, and the first PDU is queued. */
  void start(long nanos);

  /**
   * Takes every readable byte of {@code data} (without releasing it), received at {@code nanos}.
   */
  void receive(ByteBuf data, long nanos);

  /**
   * The bytes to write to the server, in order, since the last call. They are recorded as sent only
   * when the driver reports each write ({@link #written}).
   */
  List<Outgoing> takeOutput();

  /** {@code out} reached the kernel at {@code nanos}: the trace records it as sent, then. */
  void written(Outgoing out, long nanos);

  /** Writing {@code out} failed at {@code nanos}: the trace records it as not sent, with why. */
  void notWritten(Outgoing out, long nanos, String why);

  /**
   * The datagrams to send to the server's UDP port (the TCP port's number), since the last call.
   */
  default List<byte[]> takeDatagrams() {
    return List.of();
  }

  /** A datagram came from the server's UDP port. */
  default void receiveDatagram(ByteBuf data, long nanos) {}

  /** No more datagrams will come (the UDP timeout passed, or the port is unreachable). */
  default void datagramsEnded(String why, long nanos) {}

  /** Whether the sequence is over; the driver then calls {@link #closeFinished} and closes. */
  boolean isFinished();

  /**
   * Whether the finished sequence ended on the server's bytes it could not use: the driver should
   * keep reading for a short grace period before it closes, so that the server's own FIN or RST is
   * recorded as the close when it comes.
   */
  default boolean awaitsPeerClose() {
    return false;
  }

  /** Why the sequence finished, in words, or empty while it runs. */
  default String finishDetail() {
    return "";
  }

  /** Records the end of a finished sequence: closed by the client. */
  void closeFinished(long nanos);

  /**
   * Records how the connection ended (once; later calls are ignored) and frees what the connector
   * holds. The driver calls this for every ending it sees: FIN, RST, refused, timeouts.
   *
   * @param detail the circumstance in plain words
   * @param exception the socket error as the platform reported it, or empty
   */
  void close(CloseKind kind, ClosedBy closedBy, String detail, String exception, long nanos);

  /** {@link #close(CloseKind, ClosedBy, String, String, long)} without a socket error. */
  default void close(CloseKind kind, ClosedBy closedBy, String detail, long nanos) {
    close(kind, closedBy, detail, "", nanos);
  }

  /** The PDU the connector waits for, in words, or {@code ""}. */
  String awaiting();

  /**
   * The NSS key-log lines of the TLS session (empty unless asked for). These are secrets: write
   * them only where the user asked.
   */
  default List<String> keyLog() {
    return List.of();
  }
}
