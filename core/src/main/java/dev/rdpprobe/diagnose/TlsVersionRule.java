package dev.rdpprobe.diagnose;

import dev.rdpprobe.trace.TraceEvent;
import java.util.ArrayList;
import java.util.List;

/**
 * No TLS version in common: the server sent protocol_version; less surely, it sent
 * handshake_failure (some stacks use it for versions too) or closed on our ClientHello without a
 * word (older Schannel does).
 */
final class TlsVersionRule implements Rule {
  @Override
  public List<Cause> evaluate(TraceView view) {
    var hello = view.clientHello();
    if (hello.isEmpty()) {
      return List.of();
    }
    List<Evidence> evidence = new ArrayList<>();
    evidence.add(
        new Evidence(
            hello.get().index(),
            "our ClientHello"
                + (hello.get().event().summary().isEmpty()
                    ? ""
                    : " offered " + hello.get().event().summary())));
    var version = view.receivedAlert(TraceView.Alert.PROTOCOL_VERSION);
    if (version.isPresent()) {
      evidence.add(alert(version.get()));
      return List.of(
          new Cause(
              CauseId.TLS_VERSION_UNSUPPORTED,
              Confidence.HIGH,
              "the server answered our ClientHello with a protocol_version alert: it supports"
                  + " none of the TLS versions we offered",
              evidence,
              Remedy.TLS_VERSION_UNSUPPORTED));
    }
    var failure = view.receivedAlert(TraceView.Alert.HANDSHAKE_FAILURE);
    if (failure.isPresent()) {
      evidence.add(alert(failure.get()));
      return List.of(
          new Cause(
              CauseId.TLS_VERSION_UNSUPPORTED,
              Confidence.LOW,
              "some TLS stacks answer an unsupported version with handshake_failure rather than"
                  + " protocol_version",
              evidence,
              Remedy.TLS_VERSION_UNSUPPORTED));
    }
    if (view.closedOnClientHello()) {
      evidence.add(
          new Evidence(
              view.closedIndex(),
              view.closeAfter(hello.get().event(), "ClientHello") + ", without an alert"));
      return List.of(
          new Cause(
              CauseId.TLS_VERSION_UNSUPPORTED,
              Confidence.LOW,
              "older servers close the connection instead of sending an alert when they support"
                  + " none of the offered versions",
              evidence,
              Remedy.TLS_VERSION_UNSUPPORTED));
    }
    return List.of();
  }

  static Evidence alert(TraceView.At<TraceEvent.TlsAlert> a) {
    return new Evidence(
        a.index(),
        "the server sent a "
            + a.event().level()
            + " "
            + a.event().description()
            + " alert ("
            + a.event().code()
            + ")");
  }
}
