package dev.rdpprobe.connect;

import dev.rdpprobe.trace.CloseKind;
import dev.rdpprobe.trace.Phase;
import dev.rdpprobe.wire.DecodeException;
import dev.rdpprobe.wire.x224.NegotiationFailure;
import dev.rdpprobe.wire.x224.NegotiationFailureCode;
import dev.rdpprobe.wire.x224.NegotiationRequest;
import dev.rdpprobe.wire.x224.NegotiationResponse;
import dev.rdpprobe.wire.x224.SecurityProtocols;
import dev.rdpprobe.wire.x224.X224ConnectionConfirm;
import dev.rdpprobe.wire.x224.X224ConnectionRequest;
import dev.rdpprobe.wire.x224.X224Data;
import dev.rdpprobe.wire.x224.X224DisconnectRequest;
import dev.rdpprobe.wire.x224.X224Error;
import dev.rdpprobe.wire.x224.X224Tpdu;
import io.netty.buffer.ByteBuf;

/**
 * Connection Initiation (MS-RDPBCGR 1.3.1.1 step 1): send the X.224 Connection Request with our
 * offer, read the Connection Confirm, and learn what the server selected or why it refused.
 */
final class X224NegotiationStep implements Step {
  @Override
  public Phase phase() {
    return Phase.X224_NEGOTIATION;
  }

  @Override
  public FrameHint hint() {
    return FrameHint.TPKT;
  }

  @Override
  public String awaiting() {
    return X224ConnectionConfirm.NAME;
  }

  @Override
  public void start(StepContext ctx) {
    ConnectorConfig config = ctx.config();
    ctx.send(
        new X224ConnectionRequest(
            0,
            0,
            0,
            config.token(),
            new NegotiationRequest(config.requestFlags(), config.requestedProtocols()),
            config.correlationInfo()));
  }

  @Override
  public void onFrame(ByteBuf frame, StepContext ctx) {
    X224Tpdu tpdu;
    try {
      tpdu = X224Tpdu.decode(frame.duplicate());
    } catch (DecodeException e) {
      ctx.malformed(frame, e);
      return;
    }
    ctx.received(tpdu, frame);
    if (tpdu instanceof X224ConnectionConfirm confirm) {
      onConfirm(confirm, ctx);
    } else if (tpdu instanceof X224DisconnectRequest dr) {
      ctx.finish(
          CloseKind.REFUSED_BY_SERVER,
          "the server sent an X.224 Disconnect Request (reason: "
              + dr.reason()
              + ") instead of a Connection Confirm");
    } else if (tpdu instanceof X224Error er) {
      ctx.finish(
          CloseKind.REFUSED_BY_SERVER,
          "the server rejected the Connection Request with an X.224 TPDU Error ("
              + er.rejectCause()
              + ")");
    } else if (tpdu instanceof X224Data) {
      ctx.finish(
          CloseKind.PROTOCOL_VIOLATION,
          "the server sent X.224 Data before confirming the connection");
    } else {
      ctx.finish(
          CloseKind.PROTOCOL_VIOLATION,
          "the server sent an X.224 Connection Request: the peer behaves like a client");
    }
  }

  private static void onConfirm(X224ConnectionConfirm confirm, StepContext ctx) {
    SecurityProtocols offered = ctx.config().requestedProtocols();
    if (confirm.negotiation() instanceof NegotiationFailure failure) {
      ctx.facts(
          ctx.facts()
              .withNegotiation(
                  new NegotiationFacts(
                      offered, null, null, failure.failureCode(), true, confirm.srcRef())));
      if (failure.failureCode().equals(NegotiationFailureCode.HYBRID_REQUIRED_BY_SERVER)) {
        ctx.facts(ctx.facts().withCredssp(CredSspFacts.of(NlaPolicy.REQUIRED)));
      }
      ctx.finish(
          CloseKind.REFUSED_BY_SERVER,
          "RDP_NEG_FAILURE " + failure.failureCode() + ": " + failure.failureCode().description());
      return;
    }
    if (confirm.negotiation() instanceof NegotiationResponse response) {
      SecurityProtocols selected = response.selectedProtocol();
      ctx.facts(
          ctx.facts()
              .withNegotiation(
                  new NegotiationFacts(
                      offered, selected, response.flags(), null, true, confirm.srcRef())));
      if (Integer.bitCount(selected.bits()) > 1) {
        ctx.finish(
            CloseKind.PROTOCOL_VIOLATION,
            "the server selected several protocols at once (" + selected + ")");
        return;
      }
      if (selected.bits() == 0 && offered.bits() != 0) {
        ctx.note(
            "the server selected Standard RDP Security although we offered "
                + offered
                + " (PROTOCOL_RDP is never a bit of the offer; a client that requires TLS stops here)");
      }
      if (!offered.contains(selected)) {
        ctx.finish(
            CloseKind.PROTOCOL_VIOLATION,
            "the server selected "
                + selected
                + ", which we did not offer (offered: "
                + offered
                + ")");
        return;
      }
    } else {
      // No RDP_NEG_RSP: a server from before negotiation, Standard RDP Security only.
      ctx.facts(
          ctx.facts()
              .withNegotiation(
                  new NegotiationFacts(
                      offered, SecurityProtocols.RDP, null, null, false, confirm.srcRef())));
      ctx.note("no negotiation data in the Connection Confirm: Standard RDP Security only");
    }
    SecurityProtocols selected = ctx.facts().negotiation().selectedProtocol();
    NlaPolicy nla = nlaPolicy(offered, selected);
    if (nla != null) {
      ctx.facts(ctx.facts().withCredssp(CredSspFacts.of(nla)));
    }
    // Standard RDP Security: MCS runs in the clear until the Security Exchange
    ctx.phaseComplete(
        selected.usesTls() ? new TlsHandshakeStep(ctx.config()) : new BasicSettingsStep());
  }

  /** NLA as the selection shows it, or null when the offer had no CredSSP to select. */
  static NlaPolicy nlaPolicy(SecurityProtocols offered, SecurityProtocols selected) {
    if (isHybrid(selected)) {
      return NlaPolicy.SUPPORTED;
    }
    if (offered.contains(SecurityProtocols.HYBRID)
        || offered.contains(SecurityProtocols.HYBRID_EX)) {
      return NlaPolicy.NOT_USED;
    }
    return null;
  }

  /** Whether a selected protocol runs CredSSP: HYBRID or HYBRID_EX. */
  static boolean isHybrid(SecurityProtocols selected) {
    return selected.equals(SecurityProtocols.HYBRID)
        || selected.equals(SecurityProtocols.HYBRID_EX);
  }
}
