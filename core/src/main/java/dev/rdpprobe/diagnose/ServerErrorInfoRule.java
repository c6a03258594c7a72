package dev.rdpprobe.diagnose;

import dev.rdpprobe.wire.share.ErrorInfo;
import java.util.ArrayList;
import java.util.List;

/**
 * The server sent a Set Error Info PDU with a code other than ERRINFO_NONE: it said why it ends the
 * connection, and that word outranks any guess from how the socket closed. Licensing codes belong
 * to {@link LicensingRule}.
 */
final class ServerErrorInfoRule implements Rule {
  @Override
  public List<Cause> evaluate(TraceView view) {
    var info = view.serverErrorInfo();
    if (info.isEmpty()) {
      return List.of();
    }
    ErrorInfo e = info.get().pdu().errorInfo();
    if (e.isNone() || e.category() == ErrorInfo.Category.LICENSING) {
      return List.of();
    }
    List<Evidence> evidence = new ArrayList<>();
    evidence.add(
        new Evidence(
            info.get().index(), "the server sent Set Error Info " + e + ": " + e.meaning()));
    view.ultimatum()
        .ifPresent(
            u ->
                evidence.add(
                    new Evidence(
                        u.index(),
                        "then a Disconnect Provider Ultimatum (" + u.event().summary() + ")")));
    return List.of(
        new Cause(
            CauseId.SERVER_ERROR_INFO,
            Confidence.HIGH,
            "the server ended the connection on purpose and named the reason: " + e.meaning(),
            evidence,
            remedy(e)));
  }

  /** What to check for {@code e}; {@link CodeExplanations} reads it too. */
  static Remedy remedy(ErrorInfo e) {
    if (e.equals(ErrorInfo.SERVER_DENIED_CONNECTION)
        || e.equals(ErrorInfo.SERVER_INSUFFICIENT_PRIVILEGES)) {
      return Remedy.ERRINFO_DENIED;
    }
    return switch (e.category()) {
      case ADMINISTRATIVE, USER_ACTION -> Remedy.ERRINFO_ENDED_BY_ADMINISTRATION;
      case SERVER_FAILURE -> Remedy.ERRINFO_SERVER_FAILURE;
      case CONNECTION_BROKER -> Remedy.ERRINFO_CONNECTION_BROKER;
      case PROTOCOL_ERROR -> Remedy.ERRINFO_PROTOCOL_ERROR;
      default -> Remedy.ERRINFO_OTHER;
    };
  }
}
