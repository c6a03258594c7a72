package dev.rdpprobe.tls;

import java.util.Objects;
import java.util.Optional;

/**
 * A TLS session failed: the peer sent a fatal alert, our side raised one, the peer sent bytes that
 * are not TLS, or something else broke. The session keeps any alert our side queued in its output,
 * so the driver can still send it before closing.
 */
public final class TlsFailure extends Exception {
  private static final long serialVersionUID = 1L;

  /** What happened, for code that reacts to it. */
  public enum Kind {
    /** The peer sent a fatal alert ({@link #alert()} says which). */
    ALERT_RECEIVED,
    /** Our side found something wrong and raised a fatal alert ({@link #alert()} says which). */
    ALERT_SENT,
    /** The peer sent bytes that are not a TLS record where one was due. */
    NOT_TLS,
    /** Any other failure, without an alert. */
    ERROR
  }

  private final Kind kind;
  private final transient TlsAlert alert;
  private final TlsSide raisedBy;

  /**
   * Creates a failure.
   *
   * @param kind what happened
   * @param alert the alert sent or received, or {@code null}
   * @param raisedBy the side that raised the failure
   * @param message what happened, in a sentence
   * @param cause the exception Bouncy Castle threw, or {@code null}
   */
  public TlsFailure(Kind kind, TlsAlert alert, TlsSide raisedBy, String message, Throwable cause) {
    super(message, cause);
    this.kind = Objects.requireNonNull(kind, "kind");
    this.alert = alert;
    this.raisedBy = Objects.requireNonNull(raisedBy, "raisedBy");
  }

  /** What happened. */
  public Kind kind() {
    return kind;
  }

  /** The fatal alert sent or received, if there was one. */
  public Optional<TlsAlert> alert() {
    return Optional.ofNullable(alert);
  }

  /** The side that raised the failure: the sender of the alert, or the side that gave up. */
  public TlsSide raisedBy() {
    return raisedBy;
  }
}
