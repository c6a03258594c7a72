package dev.rdpprobe.connect;

import dev.rdpprobe.trace.Phase;
import dev.rdpprobe.wire.Pdu;
import dev.rdpprobe.wire.share.ConfirmActivePdu;
import dev.rdpprobe.wire.share.DeactivateAllPdu;
import dev.rdpprobe.wire.share.DemandActivePdu;

/**
 * The capabilities exchange (MS-RDPBCGR 1.3.1.1 step 9): the server's Demand Active PDU lists its
 * capability sets. By default the probe stops there; asked to go on, it answers with a Confirm
 * Active PDU for the desktop its CS_CORE announced and moves to finalization.
 */
final class CapabilitiesStep extends SlowPathStep {
  /** The desktop of the probe's CS_CORE (1024x768, high colour 24 bpp). */
  static final int DESKTOP_WIDTH = 1024;

  static final int DESKTOP_HEIGHT = 768;
  static final int BITS_PER_PIXEL = 24;

  /** Whether {@code pdu} opens the capabilities exchange. */
  static boolean opens(Pdu pdu) {
    return pdu instanceof DemandActivePdu || pdu instanceof DeactivateAllPdu;
  }

  @Override
  public Phase phase() {
    return Phase.CAPABILITIES;
  }

  @Override
  public String awaiting() {
    return DemandActivePdu.NAME;
  }

  @Override
  public void start(StepContext ctx) {}

  @Override
  void onPdu(Pdu pdu, StepContext ctx) {
    if (pdu instanceof DemandActivePdu demand) {
      ctx.facts(ctx.facts().withActivation(new ActivationFacts(demand, false, false)));
      if (ctx.config().stopAfter() == Phase.CAPABILITIES) {
        ctx.phaseComplete(null);
        return;
      }
      ConfirmActivePdu confirm =
          ConfirmActivePdu.probe(
              demand.shareId(),
              ctx.facts().channels().userChannelId(),
              DESKTOP_WIDTH,
              DESKTOP_HEIGHT,
              BITS_PER_PIXEL);
      SlowPath.sendOnIoChannel(confirm, ctx);
      ctx.facts(ctx.facts().withActivation(ctx.facts().activation().confirmed()));
      ctx.phaseComplete(new FinalizationStep());
    } else if (pdu instanceof DeactivateAllPdu) {
      // a server may deactivate before it (re)sends the Demand Active: keep waiting
      ctx.note("the server deactivated the share before the Demand Active");
    } else {
      unanswered(pdu, ctx);
    }
  }
}
