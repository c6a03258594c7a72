package dev.rdpprobe.connect;

import dev.rdpprobe.trace.CloseKind;
import dev.rdpprobe.trace.Phase;
import dev.rdpprobe.wire.DecodeException;
import dev.rdpprobe.wire.credssp.AuthorizationResult;
import dev.rdpprobe.wire.credssp.EarlyUserAuthorizationResult;
import dev.rdpprobe.wire.x224.SecurityProtocols;
import io.netty.buffer.ByteBuf;

/**
 * The Early User Authorization Result PDU (MS-RDPBCGR 2.2.10.2), after CredSSP when the server
 * selected HYBRID_EX: four octets that say whether the authenticated user may log on through Remote
 * Desktop Services. AUTHZ_SUCCESS goes on with the Basic Settings Exchange; anything else is the
 * server's refusal, named.
 *
 * <p>Servers send the result once CredSSP is complete, and a complete exchange includes the
 * client's TSCredentials, which the probe never sends: a server that waits for them sends nothing
 * here, and the probe's idle timeout or the server's own ends the connection.
 */
final class EarlyUserAuthStep implements Step {
  private final SecurityProtocols selected;

  EarlyUserAuthStep(SecurityProtocols selected) {
    this.selected = selected;
  }

  @Override
  public Phase phase() {
    return Phase.EARLY_USER_AUTH;
  }

  @Override
  public FrameHint hint() {
    return FrameHint.EARLY_USER_AUTHORIZATION_RESULT;
  }

  @Override
  public String awaiting() {
    return EarlyUserAuthorizationResult.NAME;
  }

  @Override
  public Transition start(StepContext ctx) {
    return Transition.STAY;
  }

  @Override
  public Transition onFrame(ByteBuf frame, StepContext ctx) {
    EarlyUserAuthorizationResult pdu;
    try {
      pdu = EarlyUserAuthorizationResult.decode(frame.duplicate());
    } catch (DecodeException e) {
      return ctx.malformed(frame, e);
    }
    ctx.received(pdu, frame);
    AuthorizationResult result = pdu.authorizationResult();
    if (result.equals(AuthorizationResult.AUTHZ_SUCCESS)) {
      ctx.note("early user authorization: " + result + ", " + result.description());
      return Transition.complete(new SequenceState.Authorized(selected));
    }
    return Transition.finish(
        CloseKind.REFUSED_BY_SERVER,
        "the server's Early User Authorization Result is " + result + ": " + result.description());
  }

  @Override
  public String onPeerClosed(boolean reset, StepContext ctx) {
    return "no Early User Authorization Result before the "
        + (reset ? "RST" : "FIN")
        + " (servers send it after the client's TSCredentials, which the probe never sends)";
  }
}
