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
            advice(e)));
  }

  /** What to check for {@code e}; {@link CodeExplanations} reads it too. */
  static List<String> advice(ErrorInfo e) {
    if (e.equals(ErrorInfo.SERVER_DENIED_CONNECTION)
        || e.equals(ErrorInfo.SERVER_INSUFFICIENT_PRIVILEGES)) {
      return List.of(
          "Check that the user is a member of Remote Desktop Users (or Administrators) on the"
              + " server, and that the Allow log on through Remote Desktop Services user right"
              + " includes that group.",
          "Check that remote connections are allowed (System Properties, Remote; the Allow users"
              + " to connect remotely policy) and not limited to other groups or addresses.",
          "Look at the server's TerminalServices-RemoteConnectionManager and Security logs at"
              + " the probe's time for the refusal.");
    }
    return switch (e.category()) {
      case ADMINISTRATIVE, USER_ACTION ->
          List.of(
              "The code says an administrator's tool, a policy or another session ended this one:"
                  + " check session limits, idle and time-limit policies and who else is"
                  + " connected.",
              "Look at the server's TerminalServices logs at the probe's time.");
      case SERVER_FAILURE ->
          List.of(
              "A component of the server failed or it is shutting down: check the server's"
                  + " System and Application logs and its display driver and Desktop Window"
                  + " Manager.");
      case CONNECTION_BROKER ->
          List.of(
              "The RD Connection Broker could not place the session: check the broker's logs,"
                  + " the collection's hosts and whether they accept new connections.");
      case PROTOCOL_ERROR ->
          List.of(
              "The server found the client's PDUs invalid: compare client and server versions and"
                  + " capture the session for the server's vendor.");
      default ->
          List.of("Look up the code in MS-RDPBCGR 2.2.5.1.1 and the server's logs at that time.");
    };
  }
}
