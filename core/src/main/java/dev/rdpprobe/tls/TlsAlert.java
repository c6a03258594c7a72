package dev.rdpprobe.tls;

import java.util.Objects;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.AlertLevel;

/**
 * A TLS alert (RFC 8446 section 6, RFC 5246 section 7.2), sent or received.
 *
 * @param sender the side that raised it
 * @param level 1 (warning) or 2 (fatal); other values are kept as sent
 * @param description the AlertDescription code, e.g. 40 for {@code handshake_failure}
 * @param cause why the side that raised it did so, when it is our side and Bouncy Castle said;
 *     empty otherwise
 */
public record TlsAlert(TlsSide sender, int level, int description, String cause) {
  /** AlertLevel warning. */
  public static final int WARNING = AlertLevel.warning;

  /** AlertLevel fatal. */
  public static final int FATAL = AlertLevel.fatal;

  public TlsAlert {
    Objects.requireNonNull(sender, "sender");
    Objects.requireNonNull(cause, "cause");
    if (level < 0 || level > 0xFF || description < 0 || description > 0xFF) {
      throw new IllegalArgumentException("alert bytes out of range: " + level + ", " + description);
    }
  }

  /** {@code warning}, {@code fatal} or {@code unknown (n)}. */
  public String levelName() {
    return level == WARNING || level == FATAL
        ? AlertLevel.getName((short) level)
        : "unknown (" + level + ")";
  }

  /** The description's name from RFC 8446 and its registry, or {@code unknown (n)}. */
  public String descriptionName() {
    return descriptionName(description);
  }

  /**
   * The name of an AlertDescription code, e.g. {@code protocol_version}, or {@code unknown (n)}.
   */
  public static String descriptionName(int description) {
    String name = AlertDescription.getName((short) description);
    return "UNKNOWN".equals(name) || description < 0 || description > 0xFF
        ? "unknown (" + description + ")"
        : name;
  }

  /** Whether the alert ends the connection: fatal, or a close_notify. */
  public boolean isFatal() {
    return level == FATAL;
  }

  /** Whether it is the orderly close_notify warning. */
  public boolean isCloseNotify() {
    return description == AlertDescription.close_notify;
  }

  /** One line, e.g. {@code server fatal alert protocol_version (70)}. */
  public String summary() {
    return sender.word()
        + " "
        + levelName()
        + " alert "
        + descriptionName()
        + " ("
        + description
        + ")"
        + (cause.isEmpty() ? "" : ": " + cause);
  }
}
