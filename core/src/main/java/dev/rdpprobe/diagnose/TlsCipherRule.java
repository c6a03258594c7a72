package dev.rdpprobe.diagnose;

import java.util.ArrayList;
import java.util.List;

/** No cipher suite in common: the server sent handshake_failure or insufficient_security. */
final class TlsCipherRule implements Rule {
  @Override
  public List<Cause> evaluate(TraceView view) {
    var alert =
        view.receivedAlert(TraceView.Alert.INSUFFICIENT_SECURITY)
            .or(() -> view.receivedAlert(TraceView.Alert.HANDSHAKE_FAILURE));
    if (alert.isEmpty()) {
      return List.of();
    }
    List<Evidence> evidence = new ArrayList<>();
    view.clientHello()
        .ifPresent(
            h ->
                evidence.add(
                    new Evidence(
                        h.index(),
                        "our ClientHello"
                            + (h.event().summary().isEmpty()
                                ? ""
                                : " offered " + h.event().summary()))));
    evidence.add(TlsVersionRule.alert(alert.get()));
    return List.of(
        new Cause(
            CauseId.NO_COMMON_CIPHER,
            Confidence.HIGH,
            "the server ended the handshake with "
                + alert.get().event().description()
                + " after our ClientHello: it accepts none of the cipher suites (or none that"
                + " fit its certificate's key) that we offered",
            evidence,
            Remedy.NO_COMMON_CIPHER));
  }
}
