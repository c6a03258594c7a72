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

  private final SequenceState.ChannelsJoined channels;

  LicensingStep(SequenceState.ChannelsJoined channels) {
    this.channels = channels;
  }

  @Override
  SequenceState.ChannelsJoined channels() {
    return channels;
  }

  @Override
  public Phase phase() {
    return Phase.LICENSING;
  }

  @Override
  public String awaiting() {
    return "License PDU";
  }

  @Override
  public Transition start(StepContext ctx) {
    return Transition.STAY;
  }

  @Override
  Transition onPdu(Pdu pdu, StepContext ctx) {
    if (!(pdu instanceof LicensePdu license)) {
      return unanswered(pdu, ctx);
    }
    if (license.message() instanceof LicenseErrorMessage error) {
      if (error.isValidClient()) {
        return Transition.complete(new SequenceState.Licensed(channels));
      }
      // the server says why it will not license us; its ERRINFO and close follow
      ctx.note("licensing failed: " + error.summary());
      return Transition.STAY;
    }
    if (license.message() instanceof ServerLicenseRequest request) {
      return answer(request, ctx);
    }
    if (license.message() instanceof ServerPlatformChallenge) {
      return Transition.finish(
          CloseKind.NOT_FOLLOWED,
          "the server runs the full licensing exchange (Platform Challenge): the probe does not"
              + " take a license and stops here");
    }
    return unanswered(pdu, ctx);
  }

  /**
   * Answers as a client without a stored license: a New License Request with the premaster secret
   * encrypted to the server's licensing key. Without a usable key the probe cannot answer, and says
   * why.
   */
  private Transition answer(ServerLicenseRequest request, StepContext ctx) {
    var security = channels.settings().server().security();
    NewLicenseRequest answer;
    try {
      answer =
          ClientLicensing.newLicenseRequest(
              request,
              security.map(s -> s.serverCertificate()).orElse(null),
              PROBE_NAME,
              PROBE_NAME,
              ctx.random());
    } catch (LicensingException e) {
      return Transition.finish(
          CloseKind.NOT_FOLLOWED,
          "the server opened the full licensing exchange (License Request), which the probe"
              + " cannot answer: "
              + e.getMessage());
    }
    SlowPath.sendOnIoChannel(ClientLicensing.answerPdu(answer), channels, ctx);
    return Transition.STAY;
  }

  @Override
  SequenceState completedBy(Pdu pdu) {
    return pdu instanceof InitiateMultitransportRequest || CapabilitiesStep.opens(pdu)
        ? new SequenceState.Licensed(channels)
        : null;
  }

  @Override
  public String onPeerClosed(boolean reset, StepContext ctx) {
    return "during licensing";
  }
}
