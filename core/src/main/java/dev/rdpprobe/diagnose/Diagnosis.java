package dev.rdpprobe.diagnose;

import dev.rdpprobe.trace.CloseKind;
import dev.rdpprobe.trace.ClosedBy;
import dev.rdpprobe.trace.Phase;
import dev.rdpprobe.wire.share.ErrorInfo;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How a connection ended, explained: what a Windows client would have reported, where and how the
 * connection closed, the server's own explanation if it gave one, the likely causes ranked with
 * their evidence, and a one-paragraph verdict.
 *
 * @param clientCode the Windows client's error code, extended error code and message
 * @param phase the phase the connection closed in
 * @param closeKind how it closed
 * @param closedBy who closed it
 * @param serverErrorInfo the last ERRINFO the server sent (Set Error Info PDU), or {@code null}
 * @param causes the likely causes, most likely first; empty when nothing is wrong or no rule fits
 * @param verdict one paragraph for a person
 */
public record Diagnosis(
    ClientCode clientCode,
    Phase phase,
    CloseKind closeKind,
    ClosedBy closedBy,
    ErrorInfo serverErrorInfo,
    List<Cause> causes,
    String verdict) {
  public Diagnosis {
    Objects.requireNonNull(clientCode, "clientCode");
    Objects.requireNonNull(phase, "phase");
    Objects.requireNonNull(closeKind, "closeKind");
    Objects.requireNonNull(closedBy, "closedBy");
    causes = List.copyOf(causes);
    Objects.requireNonNull(verdict, "verdict");
  }

  /** The Windows client's error code, or {@code null} when it has none (see {@link ClientCode}). */
  public DisconnectReason discReason() {
    return clientCode.discReason();
  }

  /** The Windows client's extended error code, or {@code null} when it has none. */
  public ExtendedReason extendedReason() {
    return clientCode.extendedReason();
  }

  /** The most likely cause, if any. */
  public Optional<Cause> topCause() {
    return causes.isEmpty() ? Optional.empty() : Optional.of(causes.get(0));
  }

  /** Whether the ending is a failure (anything but reaching the stop point). */
  public boolean isFailure() {
    return !closeKind.isSuccess();
  }
}
