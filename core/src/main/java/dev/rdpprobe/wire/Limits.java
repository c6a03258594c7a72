package dev.rdpprobe.wire;

/**
 * Every growth a peer controls has a cap, named here (ARCHITECTURE.md, Rules: every wait is
 * bounded, length before read). A probe, the emulator, a capture's dissector and the fuzzer all
 * keep them; what a peer sends beyond one is counted and summarised, never kept one by one.
 */
public final class Limits {
  private Limits() {}

  /**
   * Events recorded one by one in a connection's trace; what comes after is counted by kind and
   * summarised in one note before the close.
   */
  public static final int TRACE_EVENTS = 2_000;

  /**
   * Bytes of PDUs kept in one trace (for hex dumps and reports); beyond, events are counted. With
   * {@link #TRACE_EVENTS} it bounds a report's JSON document too (its hex is twice the bytes).
   */
  public static final long TRACE_BYTES = 8L << 20;

  /**
   * Events the peer may cause in a row while the connection makes no progress (nothing sent in
   * answer, no phase completed) before the probe calls it abusive and closes: a flood of ignorable
   * TLS records, warning alerts or unanswered PDUs.
   */
  public static final int IGNORED_IN_A_ROW = 256;

  /** Bytes of one incomplete frame kept while more are awaited (a TPKT is at most 64 KiB). */
  public static final int PENDING_BYTES = 1 << 17;

  /**
   * The largest TLS handshake message accepted (Bouncy Castle's default is 32 KiB; a server's
   * Certificate message with a long chain of large certificates is larger).
   */
  public static final int TLS_HANDSHAKE_MESSAGE = 256 << 10;

  /** The longest certificate chain accepted (Bouncy Castle's default is 10). */
  public static final int CERTIFICATE_CHAIN = 32;
}
