package dev.rdpprobe.connect;

import dev.rdpprobe.trace.CloseKind;
import dev.rdpprobe.trace.Phase;
import dev.rdpprobe.wire.DecodeException;
import dev.rdpprobe.wire.x224.NegotiationFailure;
import dev.rdpprobe.wire.x224.NegotiationResponse;
import dev.rdpprobe.wire.x224.SecurityProtocols;
import dev.rdpprobe.wire.x224.X224ConnectionConfirm;
import dev.rdpprobe.wire.x224.X224ConnectionRequest;
import dev.rdpprobe.wire.x224.X224Data;
import dev.rdpprobe.wire.x224.X224DisconnectRequest;
import dev.rdpprobe.wire.x224.X224Error;
import dev.rdpprobe.wire.x224.X224Tpdu;
import io.netty.buffer.ByteBuf;
import java.util.Objects;

/**
 * Connection Initiation (MS-RDPBCGR 1.3.1.1 step 1): send the X.224 Connection Request with the
 * client's offer, read the Connection Confirm, and learn what the server selected or why it
 * refused.
 */
final class X224NegotiationStep implements Step {
  private final X224ConnectionRequest request;

  /** A step that sends {@code request}. */
  X224NegotiationStep(X224ConnectionRequest request) {
    this.request = Objects.requireNonNull(request, "request");
  }

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
  public Transition start(StepContext ctx) {
    ctx.send(request);
    return Transition.STAY;
  }

  /** What the Connection Request offers (RDP, all bits clear, without RDP_NEG_REQ). */
  private SecurityProtocols offered() {
    return request.negotiationRequest() == null
        ? SecurityProtocols.RDP
        : request.negotiationRequest().requestedProtocols();
  }

  @Override
  public Transition onFrame(ByteBuf frame, StepContext ctx) {
    X224Tpdu tpdu;
    try {
      tpdu = X224Tpdu.decode(frame.duplicate());
    } catch (DecodeException e) {
      return ctx.malformed(frame, e);
    }
    ctx.received(tpdu, frame);
    if (tpdu instanceof X224ConnectionConfirm confirm) {
      return onConfirm(confirm, ctx);
    }
    if (tpdu instanceof X224DisconnectRequest dr) {
      return Transition.finish(
          CloseKind.REFUSED_BY_SERVER,
          "the server sent an X.224 Disconnect Request (reason: "
              + dr.reason()
              + ") instead of a Connection Confirm");
    }
    if (tpdu instanceof X224Error er) {
      return Transition.finish(
          CloseKind.REFUSED_BY_SERVER,
          "the server rejected the Connection Request with an X.224 TPDU Error ("
              + er.rejectCause()
              + ")");
    }
    if (tpdu instanceof X224Data) {
      return Transition.finish(
          CloseKind.PROTOCOL_VIOLATION,
          "the server sent X.224 Data before confirming the connection");
    }
    return Transition.finish(
        CloseKind.PROTOCOL_VIOLATION,
        "the server sent an X.224 Connection Request: the peer behaves like a client");
  }

  private Transition onConfirm(X224ConnectionConfirm confirm, StepContext ctx) {
    SecurityProtocols offered = offered();
    if (confirm.negotiation() instanceof NegotiationFailure failure) {
      return Transition.finish(
          CloseKind.REFUSED_BY_SERVER,
          "RDP_NEG_FAILURE " + failure.failureCode() + ": " + failure.failureCode().description());
    }
    SecurityProtocols selected;
    if (confirm.negotiation() instanceof NegotiationResponse response) {
      selected = response.selectedProtocol();
      if (Integer.bitCount(selected.bits()) > 1) {
        return Transition.finish(
            CloseKind.PROTOCOL_VIOLATION,
            "the server selected several protocols at once (" + selected + ")");
      }
      if (selected.bits() == 0 && offered.bits() != 0) {
        ctx.note(
            "the server selected Standard RDP Security although we offered "
                + offered
                + " (PROTOCOL_RDP is never a bit of the offer; a client that requires TLS stops here)");
      }
      if (!offered.contains(selected)) {
        return Transition.finish(
            CloseKind.PROTOCOL_VIOLATION,
            "the server selected "
                + selected
                + ", which we did not offer (offered: "
                + offered
                + ")");
      }
    } else {
      // No RDP_NEG_RSP: a server from before negotiation, Standard RDP Security only.
      selected = SecurityProtocols.RDP;
      ctx.note("no negotiation data in the Connection Confirm: Standard RDP Security only");
    }
    return Transition.complete(new SequenceState.Negotiated(offered, selected));
  }
}
