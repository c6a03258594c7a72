package dev.rdpprobe.diagnose;

import dev.rdpprobe.trace.CloseKind;
import dev.rdpprobe.trace.Direction;
import dev.rdpprobe.trace.Phase;
import dev.rdpprobe.trace.TraceEvent;
import java.util.ArrayList;
import java.util.List;

/**
 * No TLS version in common: the server sent protocol_version; less surely, it sent
 * handshake_failure (some stacks use it for versions too) or closed on our ClientHello without a
 * word (older Schannel does).
 */
final class TlsVersionRule implements Rule {
  private static final List<String> ADVICE =
      List.of(
          "Compare the versions our ClientHello offered (its summary in the trace) with those"
              + " the server enables: SCHANNEL Protocols keys (TLS 1.0/1.1/1.2 Server 'Enabled')"
              + " on Windows, ssl_protocols in xrdp.ini.",
          "Windows Server 2008 R2 and Windows 7 need the update that adds TLS 1.1 and 1.2 to"
              + " Remote Desktop (KB3080079); older servers speak only TLS 1.0.",
          "Probe again offering an older or newer version to find the one the server takes,"
              + " then enable a common modern version on both sides rather than an old one.");

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
              ADVICE));
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
              ADVICE));
    }
    TraceEvent.Closed closed = view.closed();
    boolean peerClose = closed.kind() == CloseKind.PEER_FIN || closed.kind() == CloseKind.PEER_RST;
    if (view.closedIn(Phase.TLS_HANDSHAKE)
        && peerClose
        && !view.receivedTlsMessage()
        && view.receivedSince(hello.get().event()) == 0
        && view.first(TraceEvent.TlsAlert.class, a -> a.direction() == Direction.SERVER_TO_CLIENT)
            .isEmpty()) {
      evidence.add(
          new Evidence(
              view.closedIndex(),
              view.closeWords()
                  + " "
                  + TraceView.duration(closed.nanos() - hello.get().event().nanos())
                  + " after our ClientHello, without an alert"));
      return List.of(
          new Cause(
              CauseId.TLS_VERSION_UNSUPPORTED,
              Confidence.LOW,
              "older servers close the connection instead of sending an alert when they support"
                  + " none of the offered versions",
              evidence,
              ADVICE));
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
