package dev.rdpprobe.diagnose;

import dev.rdpprobe.facts.BadSignature;
import dev.rdpprobe.trace.Direction;
import dev.rdpprobe.trace.TraceEvent;
import dev.rdpprobe.wire.DecodeException;
import dev.rdpprobe.wire.gcc.ClientSecurityData;
import dev.rdpprobe.wire.gcc.ConferenceCreateRequest;
import dev.rdpprobe.wire.gcc.EncryptionMethods;
import dev.rdpprobe.wire.mcs.McsConnectInitial;
import dev.rdpprobe.wire.mcs.McsConnectResponse;
import dev.rdpprobe.wire.sec.SecurityExchangePdu;
import dev.rdpprobe.wire.x224.NegotiationResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How a connection under Standard RDP Security (MS-RDPBCGR 5.3) ends badly: the server closes after
 * the Security Exchange and the first encrypted PDU without a word (it could not decrypt or check
 * them), it needs an encryption method the client did not offer (it selected one anyway, or closed
 * on the MCS Connect Initial: FIPS when the offer lacked it), or its PDUs carry signatures that do
 * not check (a warning even when the connection goes on).
 */
final class StandardSecurityEndingRule implements Rule {
  @Override
  public boolean warnsOnSuccess() {
    return true;
  }

  @Override
  public List<Cause> evaluate(TraceView view) {
    List<Cause> out = new ArrayList<>();
    exchangeRejected(view).ifPresent(out::add);
    out.addAll(methodNotOffered(view));
    badSignatures(view).ifPresent(out::add);
    return out;
  }

  private static Optional<Cause> exchangeRejected(TraceView view) {
    var exchange = view.firstPdu(Direction.CLIENT_TO_SERVER, SecurityExchangePdu.class);
    boolean peerEnded = view.closedByPeer() || view.ultimatum().isPresent();
    if (exchange.isEmpty() || !peerEnded) {
      return Optional.empty();
    }
    int at = exchange.get().index();
    // nothing the server sent after the exchange but its goodbye
    boolean answered =
        view.firstAfter(
                at,
                TraceEvent.Pdu.class,
                p ->
                    p.direction() == Direction.SERVER_TO_CLIENT
                        && !p.name().contains("Disconnect Provider Ultimatum"))
            .isPresent();
    if (answered) {
      return Optional.empty();
    }
    List<Evidence> evidence = new ArrayList<>();
    evidence.add(
        new Evidence(
            at,
            "we sent the client random encrypted to the key of the server's certificate ("
                + exchange.get().event().summary()
                + ")"));
    view.firstAfter(at, TraceEvent.Pdu.class, p -> p.direction() == Direction.CLIENT_TO_SERVER)
        .ifPresent(
            p ->
                evidence.add(
                    new Evidence(
                        p.index(), "then our " + p.event().name() + ", encrypted and signed")));
    evidence.add(
        new Evidence(
            view.closedIndex(),
            view.ultimatum().isPresent()
                ? "the server answered with a Disconnect Provider Ultimatum and nothing else"
                : view.closeAfter(exchange.get().event(), "Security Exchange PDU")
                    + ", nothing received since"));
    return Optional.of(
        new Cause(
            CauseId.RDP_SECURITY_EXCHANGE_REJECTED,
            Confidence.HIGH,
            "the server ended the connection on the Security Exchange and the first PDU encrypted"
                + " with the keys made from it: it could not decrypt the client random (the"
                + " certificate's key is not the server's own, as with a man in the middle), or"
                + " the PDU's signature was not the one it expects",
            evidence,
            Remedy.RDP_SECURITY_EXCHANGE_REJECTED));
  }

  /**
   * The server's method against the client's offer; FIPS_REQUIRED when it closes on a no-FIPS
   * offer.
   */
  private static List<Cause> methodNotOffered(TraceView view) {
    var initial = view.firstPdu(Direction.CLIENT_TO_SERVER, McsConnectInitial.class);
    var confirm = view.connectionConfirm();
    if (initial.isEmpty() || confirm.isEmpty()) {
      return List.of();
    }
    var negotiation = confirm.get().pdu().negotiation();
    boolean standard =
        negotiation == null
            || (negotiation instanceof NegotiationResponse r && !r.selectedProtocol().usesTls());
    EncryptionMethods offered = offered(initial.get().pdu());
    if (!standard || offered == null) {
      return List.of();
    }
    var security = view.serverSecurityData();
    if (security.isPresent()) {
      EncryptionMethods selected = security.get().pdu().encryptionMethod();
      if (selected.bits() == 0 || (offered.bits() & selected.bits()) == selected.bits()) {
        return List.of();
      }
      return List.of(
          new Cause(
              CauseId.ENCRYPTION_METHOD_NOT_OFFERED,
              Confidence.HIGH,
              "the server selected "
                  + selected
                  + ", which the client's Security Data did not offer ("
                  + offered
                  + "): a client cannot make keys for a method it does not have",
              List.of(
                  new Evidence(initial.get().index(), "we offered " + offered),
                  new Evidence(
                      security.get().index(),
                      "the server's Security Data selected "
                          + selected
                          + " at "
                          + security.get().pdu().encryptionLevel())),
              Remedy.ENCRYPTION_METHOD_NOT_OFFERED));
    }
    boolean closedOnInitial =
        view.closedByPeer()
            && view.lastPdu(Direction.SERVER_TO_CLIENT, McsConnectResponse.class).isEmpty()
            && view.receivedSince(initial.get().event()) == 0;
    boolean allOffered =
        offered.bits() == ClientSecurityData.allMethods().encryptionMethods().bits();
    if (!closedOnInitial || allOffered) {
      return List.of();
    }
    List<Evidence> evidence =
        List.of(
            new Evidence(
                initial.get().index(),
                "we offered Standard RDP Security with " + offered + " only"),
            new Evidence(
                view.closedIndex(),
                view.closeAfter(initial.get().event(), "MCS Connect Initial")
                    + ", no Connect Response"));
    List<Cause> out = new ArrayList<>();
    if (!offered.has(EncryptionMethods.ENCRYPTION_METHOD_FIPS)) {
      out.add(
          new Cause(
              CauseId.FIPS_REQUIRED,
              Confidence.MEDIUM,
              "the server closed on a Connect Initial that offered no FIPS: a server at the FIPS"
                  + " level turns away every client without it (a Windows client reports the"
                  + " close as denied for security reasons)",
              evidence,
              Remedy.FIPS_REQUIRED));
    }
    out.add(
        new Cause(
            CauseId.ENCRYPTION_METHOD_NOT_OFFERED,
            Confidence.MEDIUM,
            "the server closed on a Connect Initial that offered "
                + offered
                + " only: its level"
                + " may need a method the client left out (128-bit RC4 at HIGH, FIPS at FIPS)",
            evidence,
            Remedy.ENCRYPTION_METHOD_NOT_OFFERED));
    return out;
  }

  /** Whether the trace ends as a FIPS-level server turns a client without FIPS away. */
  static boolean fipsRequired(TraceView view) {
    return methodNotOffered(view).stream().anyMatch(c -> c.id() == CauseId.FIPS_REQUIRED);
  }

  private static Optional<Cause> badSignatures(TraceView view) {
    List<Evidence> evidence = new ArrayList<>();
    for (int i = 0; i < view.events().size(); i++) {
      if (view.events().get(i) instanceof TraceEvent.Note n
          && n.detail() instanceof BadSignature bad
          && bad.direction() == Direction.SERVER_TO_CLIENT) {
        evidence.add(
            new Evidence(
                i,
                "the server's "
                    + bad.pdu()
                    + " (its encrypted PDU #"
                    + bad.pduNumber()
                    + ") carries a "
                    + (bad.salted() ? "salted " : "")
                    + "signature that does not check"));
      }
    }
    if (evidence.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new Cause(
            CauseId.RDP_SECURITY_BAD_SIGNATURE,
            Confidence.HIGH,
            evidence.size()
                + " of the server's encrypted PDUs carry data signatures that do not check"
                + " after decryption: the data was altered on the way, or the server signs"
                + " otherwise than it says; a Windows client drops such a connection",
            evidence,
            Remedy.RDP_SECURITY_BAD_SIGNATURE));
  }

  /** The methods a Connect Initial's CS_SECURITY offers, or null when it cannot be read. */
  private static EncryptionMethods offered(McsConnectInitial initial) {
    try {
      return ConferenceCreateRequest.from(initial)
          .userData()
          .security()
          .map(ClientSecurityData::encryptionMethods)
          .orElse(EncryptionMethods.NONE);
    } catch (DecodeException e) {
      return null;
    }
  }
}
