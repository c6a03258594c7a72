package dev.rdpprobe.connect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.rdpprobe.facts.BadSignature;
import dev.rdpprobe.facts.ServerFacts;
import dev.rdpprobe.rdpsec.EncryptionMethod;
import dev.rdpprobe.rdpsec.SendDataSecurity;
import dev.rdpprobe.rdpsec.StandardSecurity;
import dev.rdpprobe.trace.CloseKind;
import dev.rdpprobe.trace.Phase;
import dev.rdpprobe.trace.TraceEvent;
import dev.rdpprobe.wire.Octets;
import dev.rdpprobe.wire.gcc.EncryptionLevel;
import dev.rdpprobe.wire.gcc.ServerDataBlocks;
import dev.rdpprobe.wire.gcc.ServerNetworkData;
import dev.rdpprobe.wire.mcs.SendDataIndication;
import dev.rdpprobe.wire.sec.SecurityFlags;
import dev.rdpprobe.wire.slowpath.ServerSlowPath;
import dev.rdpprobe.wire.x224.SecurityProtocols;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The steps after the Security Exchange fed what a Standard RDP Security server may send: the
 * decrypt-and-verify path and the decoders behind it, as the connector runs them. Each method takes
 * a sequence of records, each a 2-byte little-endian length and that much clear user data (the form
 * the codecs read: a Basic Security Header in front of licensing and multitransport PDUs, a Share
 * Control PDU bare); a server context with the same randoms protects each, as its level says, and
 * the Send Data Indication that carries it goes to the current step. A length with its top bit set
 * has the signature spoiled on the way. Whatever the bytes, a step records, answers, notes a bad
 * signature, moves on or ends the sequence, and never throws. Seeds in {@code
 * StandardSecurityStepsFuzzTestInputs/<method>/}: xrdp's licensing and activation in the clear form
 * ({@code session}), the same with a spoiled Demand Active ({@code tampered}).
 */
class StandardSecurityStepsFuzzTest {
  static final byte[] CLIENT_RANDOM = pattern(0x21);
  static final byte[] SERVER_RANDOM = pattern(0x6B);

  private static byte[] pattern(int start) {
    byte[] b = new byte[32];
    for (int i = 0; i < b.length; i++) {
      b[i] = (byte) (start + 5 * i);
    }
    return b;
  }

  @FuzzTest(maxDuration = "5m")
  void rc4(byte[] input) {
    new Harness(EncryptionMethod.RC4_128, EncryptionLevel.HIGH).feed(input);
  }

  @FuzzTest(maxDuration = "5m")
  void rc4AtLevelLow(byte[] input) {
    new Harness(EncryptionMethod.RC4_40, EncryptionLevel.LOW).feed(input);
  }

  @FuzzTest(maxDuration = "5m")
  void fips(byte[] input) {
    new Harness(EncryptionMethod.FIPS, EncryptionLevel.FIPS).feed(input);
  }

  /** The seeds: xrdp's session walks to the Font Map with every signature checking. */
  @Test
  void theSessionSeedWalksToTheFontMapAtEachLevel() {
    byte[] session = session(false);
    for (Harness h :
        List.of(
            new Harness(EncryptionMethod.RC4_128, EncryptionLevel.HIGH),
            new Harness(EncryptionMethod.RC4_40, EncryptionLevel.LOW),
            new Harness(EncryptionMethod.FIPS, EncryptionLevel.FIPS))) {
      h.feed(session);
      assertEquals(CloseKind.STOP_POINT_REACHED, h.ctx.finishKind, h.ctx.finishDetail);
      assertEquals(Phase.FINALIZATION, h.ctx.step.phase());
      ServerFacts facts = h.ctx.facts();
      assertTrue(facts.activation().fontMapReceived());
      assertEquals(List.of(), badSignatures(h));
    }
  }

  /** A spoiled Demand Active is read all the same, with its bad signature noted. */
  @Test
  void aSpoiledSignatureIsNotedAndThePduReadAllTheSame() {
    Harness h = new Harness(EncryptionMethod.RC4_128, EncryptionLevel.HIGH);
    h.feed(session(true));
    assertEquals(CloseKind.STOP_POINT_REACHED, h.ctx.finishKind, h.ctx.finishDetail);
    List<BadSignature> bad = badSignatures(h);
    assertEquals(1, bad.size(), bad.toString());
    assertEquals("Demand Active PDU", bad.get(0).pdu());
  }

  private static List<BadSignature> badSignatures(Harness h) {
    return h.ctx.traceSoFar().eventsOf(TraceEvent.Note.class).stream()
        .filter(n -> n.detail() instanceof BadSignature)
        .map(n -> (BadSignature) n.detail())
        .toList();
  }

  /** xrdp's server PDUs from licensing to the Font Map, in the clear form, as seed records. */
  static byte[] session(boolean spoilDemandActive) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (String name :
        List.of(
            "xrdp-license-request",
            "xrdp-license-error-alert",
            "xrdp-demand-active",
            "xrdp-synchronize",
            "xrdp-control-cooperate",
            "xrdp-control-granted-control",
            "xrdp-font-map")) {
      byte[] frame = dev.rdpprobe.wire.WireVectors.testdata("mcs/" + name + ".hex");
      byte[] clear =
          SendDataIndication.decodeFramed(Unpooled.wrappedBuffer(frame)).userData().toByteArray();
      int length =
          clear.length | (spoilDemandActive && name.endsWith("demand-active") ? 0x8000 : 0);
      out.write(length);
      out.write(length >>> 8);
      out.writeBytes(clear);
    }
    return out.toByteArray();
  }

  /** The steps after the Security Exchange, and the server context that protects their input. */
  static final class Harness {
    static final ConnectorConfig CONFIG =
        ConnectorConfig.builder()
            .requestedProtocols(SecurityProtocols.RDP)
            .stopAfter(Phase.FINALIZATION)
            .build();

    final StepHarness ctx = new StepHarness(CONFIG, Instant.EPOCH, new Random(1));
    final StandardSecurity server;

    Harness(EncryptionMethod method, EncryptionLevel level) {
      server =
          StandardSecurity.serverSide(
              method.toEncryptionMethods(),
              level,
              Octets.of(CLIENT_RANDOM),
              Octets.of(SERVER_RANDOM));
      StandardSecurity client =
          StandardSecurity.clientSide(
              method.toEncryptionMethods(),
              level,
              Octets.of(CLIENT_RANDOM),
              Octets.of(SERVER_RANDOM));
      SequenceState.ChannelsJoined channels =
          new SequenceState.ChannelsJoined(
              new SequenceState.SettingsExchanged(
                  SecurityProtocols.RDP,
                  ServerDataBlocks.of(
                      ServerNetworkData.of(ServerNetworkData.IO_CHANNEL_ID, List.of()))),
              1007,
              SendDataSecurity.of(client));
      ctx.follow(new LicensingStep(channels));
    }

    void feed(byte[] input) {
      int at = 0;
      while (ctx.finishKind == null && at + 2 <= input.length) {
        int header = (input[at] & 0xFF) | (input[at + 1] & 0xFF) << 8;
        at += 2;
        int length = Math.min(header & 0x7FFF, input.length - at);
        byte[] clear = Arrays.copyOfRange(input, at, at + length);
        at += length;
        byte[] userData = protect(clear);
        if ((header & 0x8000) != 0 && userData.length > 12) {
          userData[userData.length > 16 && server.method() == EncryptionMethod.FIPS ? 8 : 4] ^= 1;
        }
        ByteBuf frame = Unpooled.buffer();
        try {
          SendDataIndication.of(1002, ServerNetworkData.IO_CHANNEL_ID, Octets.of(userData))
              .encodeFramed(frame);
          ctx.feed(frame);
        } finally {
          frame.release();
        }
      }
    }

    /** The clear form protected as the server sends it at its level. */
    private byte[] protect(byte[] clear) {
      if (clear.length < 4
          || ServerSlowPath.isShareControl(Unpooled.wrappedBuffer(clear), 0, clear.length)) {
        return server.protect(Octets.of(clear), 0).toByteArray();
      }
      int flags =
          ((clear[0] & 0xFF) | (clear[1] & 0xFF) << 8)
              & ~(SecurityFlags.SEC_ENCRYPT | SecurityFlags.SEC_SECURE_CHECKSUM);
      Octets body = Octets.of(Arrays.copyOfRange(clear, 4, clear.length));
      return (flags & SecurityFlags.SEC_LICENSE_PKT) != 0
          ? server.protectInClear(body, flags).toByteArray()
          : server.protect(body, flags).toByteArray();
    }
  }
}
