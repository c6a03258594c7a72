package dev.rdpprobe.connect;

import dev.rdpprobe.trace.Phase;

/**
 * The one point every outbound PDU of a connection passes between the step that built it and the
 * bytes that go to the peer: a fuzzer mutates a chosen PDU here, a test observes. What it returns
 * is sent; when that differs from the plan, the trace records both.
 *
 * <p>Called on the connection's thread; it must be fast and must not throw (a throwing interceptor
 * ends the connection with {@code LOCAL_ERROR}).
 */
@FunctionalInterface
public interface OutboundInterceptor {
  /** Sends every PDU as planned. */
  OutboundInterceptor NONE = pdu -> pdu.bytes();

  /**
   * The bytes to send for {@code pdu}: its own bytes to send it as planned, other bytes to replace
   * it, an empty array to send nothing.
   */
  byte[] intercept(Outbound pdu);

  /**
   * A PDU about to be sent.
   *
   * @param phase the phase it belongs to
   * @param ordinal its number among the connection's outbound PDUs, from 1
   * @param name its specification name, e.g. {@code X.224 Connection Request}
   * @param pdu the decoded record (from {@code dev.rdpprobe.wire}), or {@code null} for bytes that
   *     are not one (TLS handshake records)
   * @param bytes its bytes as planned (before any record layer); a copy the interceptor may keep
   */
  record Outbound(Phase phase, int ordinal, String name, Object pdu, byte[] bytes) {}
}
