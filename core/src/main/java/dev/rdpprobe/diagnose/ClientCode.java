package dev.rdpprobe.diagnose;

import java.util.Objects;

/**
 * What a Windows client (mstsc) would report for the same ending: the error code and extended error
 * code of its dialog and the message, or that it would carry on, or that it fails in a way no
 * public source gives a number for.
 *
 * @param basis how the code was arrived at
 * @param discReason the error code, or {@code null} unless {@link Basis#hasCode()}
 * @param extendedReason the extended error code, or {@code null} unless {@link Basis#hasCode()}
 * @param message what the user would see (or our description of it)
 * @param messageSource where {@code message} comes from
 * @param rationale why this ending gives this code, in a sentence
 */
public record ClientCode(
    Basis basis,
    DisconnectReason discReason,
    ExtendedReason extendedReason,
    String message,
    MessageSource messageSource,
    String rationale) {

  /** How a code was arrived at. */
  public enum Basis {
    /** The client would carry on: no error. */
    NO_ERROR,
    /**
     * The project's model of the Windows client: documented codes, assigned to wire events by the
     * rules in {@link WindowsClientCodes}, which cites the source of each code.
     */
    MODEL,
    /** The client fails here, but no public source gives the number it reports. */
    NO_DOCUMENTED_CODE,
    /** The probe itself failed or was cancelled: a Windows client has no equivalent. */
    NOT_APPLICABLE;

    /** Whether a code of this basis carries a discReason and an extended reason. */
    public boolean hasCode() {
      return this == MODEL;
    }
  }

  public ClientCode {
    Objects.requireNonNull(basis, "basis");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(messageSource, "messageSource");
    Objects.requireNonNull(rationale, "rationale");
    if (basis.hasCode() != (discReason != null) || basis.hasCode() != (extendedReason != null)) {
      throw new IllegalArgumentException(
          "a " + basis + " code " + (basis.hasCode() ? "needs" : "has no") + " reason codes");
    }
  }

  /** Whether a Windows client would show an error. */
  public boolean isError() {
    return basis == Basis.NO_DOCUMENTED_CODE || (basis == Basis.MODEL && discReason.isError());
  }

  /**
   * The codes as the client's dialog words them, e.g. {@code error code 0x904, extended error code
   * 0x7}; otherwise {@code no error}, {@code no documented error code} or {@code not applicable}.
   */
  public String summary() {
    return switch (basis) {
      case MODEL ->
          "error code " + discReason.hex() + ", extended error code " + extendedReason.hex();
      case NO_ERROR -> "no error";
      case NO_DOCUMENTED_CODE -> "no documented error code";
      case NOT_APPLICABLE -> "not applicable";
    };
  }

  @Override
  public String toString() {
    return summary() + ": " + message;
  }
}
