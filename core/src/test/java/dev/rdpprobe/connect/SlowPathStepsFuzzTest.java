package dev.rdpprobe.connect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.rdpprobe.facts.ServerFacts;
import dev.rdpprobe.trace.CloseKind;
import dev.rdpprobe.trace.Phase;
import dev.rdpprobe.wire.DecodeException;
import dev.rdpprobe.wire.gcc.MultitransportFlags;
import dev.rdpprobe.wire.gcc.ServerDataBlocks;
import dev.rdpprobe.wire.gcc.ServerMessageChannelData;
import dev.rdpprobe.wire.gcc.ServerMultitransportChannelData;
import dev.rdpprobe.wire.gcc.ServerNetworkData;
import dev.rdpprobe.wire.x224.SecurityProtocols;
import dev.rdpprobe.wire.x224.TpktHeader;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
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
    assertEquals(Phase.FINALIZATION, h.ctx.step.phase());
    assertEquals(CloseKind.STOP_POINT_REACHED, h.ctx.finishKind, h.ctx.finishDetail);
    ServerFacts facts = h.ctx.facts();
    assertTrue(facts.licensing().requestAnswered() && facts.licensing().validClient());
    assertTrue(facts.activation().fontMapReceived());
    assertEquals(7, h.ctx.received.size());
  }

  /** The steps as the connector runs them after the channel joins under TLS. */
  static final class Harness {
    static final ConnectorConfig CONFIG =
        ConnectorConfig.builder()
            .requestedProtocols(SecurityProtocols.SSL)
            .stopAfter(Phase.FINALIZATION)
            .multitransport(true)
            .udpProbe(true, Duration.ofSeconds(1))
            .build();

    /** What the sequence knows after the channel joins: I/O 1003, message 1004, user 1007. */
    static final SequenceState.ChannelsJoined CHANNELS =
        new SequenceState.ChannelsJoined(
            new SequenceState.SettingsExchanged(
                SecurityProtocols.SSL,
                ServerDataBlocks.of(
                    ServerNetworkData.of(ServerNetworkData.IO_CHANNEL_ID, List.of()),
                    new ServerMessageChannelData(1004),
                    new ServerMultitransportChannelData(
                        new MultitransportFlags(MultitransportFlags.TRANSPORTTYPE_UDPFECR)))),
            1007);

    final StepHarness ctx = new StepHarness(CONFIG, Instant.EPOCH, new Random(1));

    Harness() {
      ctx.follow(new LicensingStep(CHANNELS));
    }

    /** Cuts TPKT frames off {@code input} and hands each to the current step, as the core does. */
    void feed(byte[] input) {
      ByteBuf in = Unpooled.wrappedBuffer(input);
      while (ctx.finishKind == null && in.isReadable()) {
        int length;
        try {
          length = TpktHeader.frameLength(in);
        } catch (DecodeException e) {
          return; // the core records unframeable bytes itself
        }
        if (length < 0 || length > in.readableBytes()) {
          return;
        }
        ctx.feed(in.readSlice(length));
      }
    }

    void datagramsEnded() {
      ctx.datagramsEnded("no answer within 1000 ms");
    }
  }
}
