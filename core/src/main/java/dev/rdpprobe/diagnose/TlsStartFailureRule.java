package dev.rdpprobe.diagnose;

import dev.rdpprobe.trace.CloseKind;
import dev.rdpprobe.trace.Direction;
import dev.rdpprobe.trace.Phase;
import dev.rdpprobe.trace.TraceEvent;
import dev.rdpprobe.wire.ByteShape;
import dev.rdpprobe.wire.x224.NegotiationResponse;
import java.util.ArrayList;
import java.util.List;

/**
 * The server selected TLS in its Connection Confirm but could not start it: it closed or reset the
 * connection right after our ClientHello without sending a byte of TLS, answered with something
 * that is not TLS, or raised internal_error. Typical of a listener certificate whose private key
 * the server cannot read (corrupt, deleted, or without permission for the service).
 */
final class TlsStartFailureRule implements Rule {
  @Override
  public List<Cause> evaluate(TraceView view) {
    var hello = view.clientHello();
    if (hello.isEmpty()) {
      return List.of();
    }
    TraceEvent.Closed closed = view.closed();
    List<Evidence> evidence = new ArrayList<>();
    view.connectionConfirm()
        .filter(c -> c.pdu().negotiation() instanceof NegotiationResponse)
        .ifPresent(
            c ->
                evidence.add(
                    new Evidence(
                        c.index(),
                        "the server selected "
                            + ((NegotiationResponse) c.pdu().negotiation()).selectedProtocol()
                            + ", so TLS comes next")));
    evidence.add(TraceView.clientHelloSent(hello.get()));

    var nonTls =
        view.first(
            TraceEvent.Undecodable.class,
            u ->
                u.direction() == Direction.SERVER_TO_CLIENT
                    && u.phase() == Phase.TLS_HANDSHAKE
                    && ByteShape.of(u.raw()) != ByteShape.TLS_RECORD);
    if (nonTls.isPresent()) {
      ByteShape shape = ByteShape.of(nonTls.get().event().raw());
      evidence.add(
          new Evidence(
              nonTls.get().index(),
              "the server answered with "
                  + Words.bytes(nonTls.get().event().raw().length)
                  + " that are not a TLS record"
                  + (shape.description().isEmpty() ? "" : " (" + shape.description() + ")")));
      return List.of(
          new Cause(
              CauseId.TLS_NOT_STARTED,
              Confidence.HIGH,
              "the server chose TLS but answered the ClientHello with something that is not TLS,"
                  + " as a server does whose TLS layer failed to start",
              evidence,
              Remedy.TLS_NOT_STARTED));
    }

    var plaintext = view.plaintextWhereTlsWasDue();
    if (plaintext.isPresent()) {
      evidence.add(
          new Evidence(
              plaintext.get().index(),
              "the server answered with an "
                  + plaintext.get().event().name()
                  + " in the clear ("
                  + Words.bytes(plaintext.get().event().length())
                  + ") where a TLS record was due"));
      if (closed.kind() == CloseKind.PEER_FIN || closed.kind() == CloseKind.PEER_RST) {
        evidence.add(
            new Evidence(
                view.closedIndex(),
                "then the server closed (" + view.closeWords() + "): the ending is the server's"));
      }
      return List.of(
          new Cause(
              CauseId.TLS_NOT_STARTED,
              Confidence.HIGH,
              "the server chose TLS but then ended the connection in plain RDP ("
                  + plaintext.get().event().name()
                  + ") instead of a ServerHello, as xrdp does when it cannot load its private key"
                  + " and as a server does whose TLS layer failed to start",
              evidence,
              Remedy.TLS_NOT_STARTED));
    }

    var internal = view.receivedAlert(TraceView.Alert.INTERNAL_ERROR);
    if (internal.isPresent()) {
      evidence.add(
          new Evidence(
              internal.get().index(),
              "the server sent a " + internal.get().event().level() + " internal_error alert"));
      return List.of(
          new Cause(
              CauseId.TLS_NOT_STARTED,
              Confidence.MEDIUM,
              "the server's TLS layer failed internally while answering our ClientHello, which"
                  + " most often means it cannot use its certificate's private key",
              evidence,
              Remedy.TLS_NOT_STARTED));
    }

    if (!view.closedOnClientHello()) {
      return List.of();
    }
    evidence.add(
        new Evidence(
            view.closedIndex(),
            view.closeAfter(hello.get().event(), "ClientHello") + ", 0 bytes of TLS received"));
    return List.of(
        new Cause(
            CauseId.TLS_NOT_STARTED,
            view.longSilence() ? Confidence.LOW : Confidence.HIGH,
            "the server chose TLS, then "
                + (closed.kind() == CloseKind.PEER_RST ? "reset" : "closed")
                + " the connection on our ClientHello without sending a byte of TLS: its TLS layer"
                + " could not start, most often because it cannot read its certificate's private"
                + " key",
            evidence,
            Remedy.TLS_NOT_STARTED));
  }
}
