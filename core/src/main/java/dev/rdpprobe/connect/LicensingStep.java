package dev.rdpprobe.connect;

import dev.rdpprobe.license.ClientLicensing;
import dev.rdpprobe.license.LicensingException;
import dev.rdpprobe.trace.CloseKind;
import dev.rdpprobe.trace.Phase;
import dev.rdpprobe.wire.Pdu;
import dev.rdpprobe.wire.license.LicenseErrorMessage;
import dev.rdpprobe.wire.license.LicensePdu;
import dev.rdpprobe.wire.license.NewLicenseRequest;
import dev.rdpprobe.wire.license.ServerLicenseRequest;
import dev.rdpprobe.wire.license.ServerPlatformChallenge;
import dev.rdpprobe.wire.multitransport.InitiateMultitransportRequest;

/**
 * Licensing (MS-RDPBCGR 1.3.1.1 step 7): a server that needs no license sends a License Error
 * Message with STATUS_VALID_CLIENT and licensing is over. A server that opens the full exchange
 * sends a License Request, which the probe answers with a New License Request as a client without a
 * stored license does; the server then either says STATUS_VALID_CLIENT (xrdp) or goes on to a
 * Platform Challenge, where the probe stops: answering it would take a license.
 */
final class LicensingStep extends SlowPathStep {
  /** The user and machine name of the probe's New License Request. */
  static final String PROBE_NAME = "rdp-probe";

  @Override
  public Phase phase() {
    return Phase.LICENSING;
  }

  @Override
  public String awaiting() {
    return "License PDU";
  }

  @Override
  public void start(StepContext ctx) {
    ctx.facts(ctx.facts().withLicensing(LicensingFacts.NONE));
  }

  @Override
  void onPdu(Pdu pdu, StepContext ctx) {
    LicensingFacts facts = ctx.facts().licensing();
    if (pdu instanceof LicensePdu license) {
      if (license.message() instanceof LicenseErrorMessage error) {
        ctx.facts(ctx.facts().withLicensing(facts.withError(error)));
        if (error.isValidClient()) {
          ctx.phaseComplete(SlowPath.afterLicensing(ctx));
        } else {
          // the server says why it will not license us; its ERRINFO and close follow
          ctx.note("licensing failed: " + error.summary());
        }
      } else if (license.message() instanceof ServerLicenseRequest request) {
        answer(request, ctx);
      } else if (license.message() instanceof ServerPlatformChallenge) {
        ctx.facts(ctx.facts().withLicensing(facts.withPlatformChallenge()));
        ctx.finish(
            CloseKind.STOP_POINT_REACHED,
            "the server runs the full licensing exchange (Platform Challenge): the probe does not"
                + " take a license and stops here");
      } else {
        unanswered(pdu, ctx);
      }
    } else {
      unanswered(pdu, ctx);
    }
  }

  /**
   * Answers as a client without a stored license: a New License Request with the premaster secret
   * encrypted to the server's licensing key. Without a usable key the probe cannot answer, and says
   * why.
   */
  private static void answer(ServerLicenseRequest request, StepContext ctx) {
    var security = ctx.facts().basicSettings().security();
    NewLicenseRequest answer;
    try {
      answer =
          ClientLicensing.newLicenseRequest(
              request,
              security == null ? null : security.serverCertificate(),
              PROBE_NAME,
              PROBE_NAME,
              ctx.random());
    } catch (LicensingException e) {
      ctx.facts(ctx.facts().withLicensing(ctx.facts().licensing().withRequest(false)));
      ctx.finish(
          CloseKind.STOP_POINT_REACHED,
          "the server opened the full licensing exchange (License Request), which the probe"
              + " cannot answer: "
              + e.getMessage());
      return;
    }
    SlowPath.sendOnIoChannel(ClientLicensing.answerPdu(answer), ctx);
    ctx.facts(ctx.facts().withLicensing(ctx.facts().licensing().withRequest(true)));
  }

  @Override
  SlowPathStep successor(Pdu pdu) {
    if (pdu instanceof InitiateMultitransportRequest) {
      return new MultitransportStep();
    }
    return CapabilitiesStep.opens(pdu) ? new CapabilitiesStep() : null;
  }

  @Override
  public String onPeerClosed(boolean reset) {
    return "during licensing";
  }
}
