package dev.rdpprobe.connect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.rdpprobe.tls.TlsAlert;
import dev.rdpprobe.tls.TlsMessage;
import dev.rdpprobe.trace.CloseKind;
import dev.rdpprobe.trace.Phase;
import dev.rdpprobe.wire.DecodeException;
import dev.rdpprobe.wire.Octets;
import dev.rdpprobe.wire.Pdu;
import dev.rdpprobe.wire.gcc.MultitransportFlags;
import dev.rdpprobe.wire.gcc.ServerMessageChannelData;
import dev.rdpprobe.wire.gcc.ServerMultitransportChannelData;
import dev.rdpprobe.wire.gcc.ServerNetworkData;
import dev.rdpprobe.wire.mcs.McsPdu;
import dev.rdpprobe.wire.mcs.McsResult;
import dev.rdpprobe.wire.x224.NegotiationRequestFlags;
import dev.rdpprobe.wire.x224.SecurityProtocols;
import dev.rdpprobe.wire.x224.TpktHeader;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/**
 * The steps after the Client Info PDU (licensing, multitransport, capabilities, finalization) fed
 * whatever frames a server may send, as the connector feeds them after TLS: whatever the bytes, a
 * step records, answers, moves on or ends the sequence, and never throws. Seeds in {@code
 * SlowPathStepsFuzzTestInputs/steps/}: real server frames from xrdp and freerdp-shadow in the order
 * they came, which the harness test below walks to an active session.
 */
class SlowPathStepsFuzzTest {
  @FuzzTest(maxDuration = "5m")
  void steps(byte[] input) {
    Harness h = new Harness();
    h.feed(input);
    h.datagramsEnded();
  }

  @Test
  void realFramesWalkTheHarnessToAnActiveSession() {
    Harness h = new Harness();
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    for (String name :
        List.of(
            "xrdp-license-request",
            "xrdp-license-error-alert",
            "xrdp-demand-active",
            "xrdp-synchronize",
            "xrdp-control-cooperate",
            "xrdp-control-granted-control",
            "xrdp-font-map")) {
      all.writeBytes(dev.rdpprobe.wire.WireVectors.testdata("mcs/" + name + ".hex"));
    }
    h.feed(all.toByteArray());
    assertEquals(Phase.FINALIZATION, h.step.phase());
    assertEquals(CloseKind.STOP_POINT_REACHED, h.finished, h.detail);
    assertTrue(h.facts.licensing().requestAnswered() && h.facts.licensing().validClient());
    assertTrue(h.facts.activation().fontMapReceived());
    assertEquals(7, h.received.size());
  }

  /** A step context as the connector is after the channel joins under TLS. */
  static final class Harness implements StepContext {
    final ConnectorConfig config =
        new ConnectorConfig(
            SecurityProtocols.SSL,
            NegotiationRequestFlags.NONE,
            null,
            null,
            Phase.FINALIZATION,
            dev.rdpprobe.tls.TlsOffer.windowsDefault(),
            null,
            false,
            List.of(),
            true,
            false,
            true,
            Duration.ofSeconds(1),
            null,
            false);
    final List<Pdu> received = new ArrayList<>();
    final List<Pdu> sent = new ArrayList<>();
    final RandomGenerator random = new Random(1);
    ServerFacts facts =
        ServerFacts.NONE
            .withNegotiation(
                new NegotiationFacts(
                    SecurityProtocols.SSL, SecurityProtocols.SSL, null, null, true, 0))
            .withBasicSettings(
                new BasicSettingsFacts(
                    McsResult.RT_SUCCESSFUL,
                    null,
                    null,
                    ServerNetworkData.of(ServerNetworkData.IO_CHANNEL_ID, List.of()),
                    new ServerMessageChannelData(1004),
                    new ServerMultitransportChannelData(
                        new MultitransportFlags(MultitransportFlags.TRANSPORTTYPE_UDPFECR))))
            .withChannels(new ChannelFacts(1007, List.of(1007, 1003, 1004), List.of()));
    Step step = new LicensingStep();
    CloseKind finished;
    String detail;

    Harness() {
      step.start(this);
    }

    /** Cuts TPKT frames off {@code input} and hands each to the current step, as the core does. */
    void feed(byte[] input) {
      ByteBuf in = Unpooled.wrappedBuffer(input);
      while (finished == null && in.isReadable()) {
        int length;
        try {
          length = TpktHeader.frameLength(in);
        } catch (DecodeException e) {
          return; // the core records unframeable bytes itself
        }
        if (length < 0 || length > in.readableBytes()) {
          return;
        }
        ByteBuf frame = in.readSlice(length);
        step.onFrame(frame, this);
      }
    }

    void datagramsEnded() {
      if (finished == null) {
        step.onDatagramsEnded("no answer within 1000 ms", this);
      }
    }

    @Override
    public ConnectorConfig config() {
      return config;
    }

    @Override
    public void send(Pdu pdu) {
      sent.add(pdu);
    }

    @Override
    public void sendRedacted(Pdu pdu, Pdu recordAs) {
      sent.add(recordAs);
    }

    @Override
    public void sendMcs(McsPdu carrier, Pdu recordAs) {
      Octets.encode(carrier); // must encode
      sent.add(recordAs);
    }

    @Override
    public void received(Pdu pdu, ByteBuf frame) {
      received.add(pdu);
    }

    @Override
    public void malformed(ByteBuf frame, DecodeException error) {
      finish(CloseKind.MALFORMED_PDU, error.getMessage());
    }

    @Override
    public void note(String text) {}

    @Override
    public void sendRaw(byte[] bytes) {}

    @Override
    public void tlsMessage(TlsMessage message, Object detail) {}

    @Override
    public void tlsAlert(TlsAlert alert) {}

    @Override
    public void secure(SecureLayer layer) {}

    @Override
    public Instant connectedAt() {
      return Instant.EPOCH;
    }

    @Override
    public Instant now() {
      return Instant.EPOCH;
    }

    @Override
    public ServerFacts facts() {
      return facts;
    }

    @Override
    public void facts(ServerFacts newFacts) {
      facts = newFacts;
    }

    @Override
    public void phaseComplete(Step next) {
      if (next == null) {
        finish(CloseKind.STOP_POINT_REACHED, "stopped by choice after " + step.phase());
        return;
      }
      step = next;
      next.start(this);
    }

    @Override
    public void passOn(SlowPathStep next, Pdu pdu, ByteBuf frame) {
      phaseComplete(next);
      if (step == next && finished == null) {
        next.take(pdu, frame, this);
      }
    }

    @Override
    public void passOnRecorded(SlowPathStep next, Pdu pdu) {
      phaseComplete(next);
      if (step == next && finished == null) {
        next.onPdu(pdu, this);
      }
    }

    @Override
    public void sendDatagram(Pdu datagram) {
      Octets.encode(datagram);
    }

    @Override
    public RandomGenerator random() {
      return random;
    }

    @Override
    public void finish(CloseKind kind, String why) {
      if (finished == null) {
        finished = kind;
        detail = why;
      }
    }
  }
}
