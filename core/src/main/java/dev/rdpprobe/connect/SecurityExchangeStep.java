package dev.rdpprobe.connect;

import dev.rdpprobe.rdpsec.ClientRandom;
import dev.rdpprobe.rdpsec.EncryptionMethod;
import dev.rdpprobe.rdpsec.SendDataSecurity;
import dev.rdpprobe.rdpsec.StandardSecurity;
import dev.rdpprobe.trace.CloseKind;
import dev.rdpprobe.trace.Phase;
import dev.rdpprobe.wire.DecodeException;
import dev.rdpprobe.wire.Octets;
import dev.rdpprobe.wire.gcc.EncryptionMethods;
import dev.rdpprobe.wire.gcc.RsaPublicKey;
import dev.rdpprobe.wire.gcc.ServerSecurityData;
import dev.rdpprobe.wire.sec.SecurityExchangePdu;
import dev.rdpprobe.wire.sec.SecurityFlags;
import io.netty.buffer.ByteBuf;
import java.util.Arrays;
import java.util.Optional;

/**
 * The Security Exchange of Standard RDP Security (MS-RDPBCGR 1.3.1.1 step 4, 2.2.1.10, 5.3.4): a
 * fresh client random encrypted to the RSA key of the server's proprietary or X.509 certificate,
 * sent in the Security Exchange PDU; the session keys are then made from it and the server random
 * of Server Security Data (5.3.5), and every later PDU goes through them. The server answers
 * nothing: its next PDU belongs to licensing.
 *
 * <p>The client random never enters the trace: with it and the server random anyone could decrypt
 * what the trace keeps of the session.
 */
final class SecurityExchangeStep implements Step {
  private final SequenceState.ChannelsJoined channels;
  private final EncryptionMethods offered;

  /**
   * @param offered the methods the client's Security Data offered
   */
  SecurityExchangeStep(SequenceState.ChannelsJoined channels, EncryptionMethods offered) {
    this.channels = channels;
    this.offered = offered;
  }

  @Override
  public Phase phase() {
    return Phase.SECURITY_EXCHANGE;
  }

  @Override
  public FrameHint hint() {
    return FrameHint.TPKT;
  }

  @Override
  public String awaiting() {
    return "";
  }

  @Override
  public Transition start(StepContext ctx) {
    ServerSecurityData sec = channels.settings().server().security().orElseThrow();
    EncryptionMethod method;
    try {
      method = EncryptionMethod.of(sec.encryptionMethod());
    } catch (IllegalArgumentException e) {
      return Transition.finish(
          CloseKind.PROTOCOL_VIOLATION,
          "the server's Security Data names no single encryption method: "
              + sec.encryptionMethod());
    }
    if (!offered.has(sec.encryptionMethod().bits())) {
      return Transition.finish(
          CloseKind.PROTOCOL_VIOLATION,
          "the server selected encryption method "
              + method
              + ", which the client did not offer ("
              + offered
              + ")");
    }
    if (sec.serverRandom() == null
        || sec.serverRandom().length() != ServerSecurityData.SERVER_RANDOM_SIZE) {
      return Transition.finish(
          CloseKind.PROTOCOL_VIOLATION,
          "the server selected "
              + method
              + " without a 32-byte server random to make the session keys from");
    }
    Optional<RsaPublicKey> key;
    try {
      key = sec.serverCertificate().rsaPublicKey();
    } catch (DecodeException e) {
      return Transition.finish(
          CloseKind.PROTOCOL_VIOLATION,
          "the server's certificate in Security Data is malformed: " + e.getMessage());
    }
    if (key.isEmpty() || key.get().modulus().bitLength() <= 8 * ClientRandom.LENGTH) {
      return Transition.finish(
          CloseKind.NOT_FOLLOWED,
          "the server's certificate ("
              + sec.serverCertificate()
              + ") has no RSA key that can carry the client random");
    }
    StandardSecurity security;
    byte[] clientRandom = ClientRandom.generate(ctx.random());
    try {
      security =
          StandardSecurity.clientSide(
              sec.encryptionMethod(),
              sec.encryptionLevel(),
              Octets.of(clientRandom),
              sec.serverRandom());
      // FreeRDP's and Windows' flag: the client takes encrypted licensing PDUs too
      SecurityExchangePdu exchange =
          ClientRandom.exchangePdu(key.get(), clientRandom, SecurityFlags.SEC_LICENSE_ENCRYPT_SC);
      ctx.sendMcs(
          exchange.toSendDataRequest(channels.userChannelId(), channels.settings().ioChannel()),
          exchange);
    } catch (IllegalArgumentException e) {
      return Transition.finish(
          CloseKind.PROTOCOL_VIOLATION,
          "the server's encryption method and level do not go together: " + e.getMessage());
    } finally {
      Arrays.fill(clientRandom, (byte) 0);
    }
    ctx.note(
        "Standard RDP Security: "
            + method
            + " at level "
            + sec.encryptionLevel()
            + ", client random encrypted to the server's "
            + key.get().keyBits()
            + "-bit RSA key; "
            + (security.encryptsOutgoing() ? "client PDUs encrypted" : "")
            + (security.expectsEncryptedIncoming()
                ? ", server PDUs encrypted"
                : ", server PDUs in the clear (level LOW)"));
    return Transition.complete(
        new SequenceState.SecurityExchanged(
            new SequenceState.ChannelsJoined(
                channels.settings(), channels.userChannelId(), SendDataSecurity.of(security))));
  }

  @Override
  public Transition onFrame(ByteBuf frame, StepContext ctx) {
    // never current for long: the step completes as it starts
    return Transition.STAY;
  }
}
