package dev.rdpprobe.connect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rdpprobe.facts.ServerFacts;
import dev.rdpprobe.tls.TlsAlert;
import dev.rdpprobe.tls.TlsMessage;
import dev.rdpprobe.trace.CloseKind;
import dev.rdpprobe.trace.Direction;
import dev.rdpprobe.trace.Phase;
import dev.rdpprobe.trace.Trace;
import dev.rdpprobe.trace.TraceHeader;
import dev.rdpprobe.trace.TraceWriter;
import dev.rdpprobe.wire.DecodeException;
import dev.rdpprobe.wire.Octets;
import dev.rdpprobe.wire.Pdu;
import dev.rdpprobe.wire.mcs.McsPdu;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * A step context for testing steps one by one: it records what a step sends and receives into a
 * real trace (so the facts of the trace can be checked), keeps the PDUs for assertions, and acts on
 * the step's transitions the way the connector does, asking {@link ClientSequence} for the next
 * step.
 */
final class StepHarness implements StepContext {
  final ConnectorConfig config;
  final TraceWriter trace;
  final ClientSequence sequence;
  RandomGenerator random;
  final List<Pdu> sent = new ArrayList<>();
  final List<Pdu> recorded = new ArrayList<>();
  final List<Pdu> received = new ArrayList<>();
  final List<String> notes = new ArrayList<>();
  final List<byte[]> raw = new ArrayList<>();
  final List<Pdu> datagrams = new ArrayList<>();
  DecodeException malformed;
  CloseKind finishKind;
  String finishDetail;
  boolean completed;
  SequenceState reached;
  Step next;

  /** The current step when the harness follows the sequence ({@link #follow}). */
  Step step;

  private boolean following;

  StepHarness(ConnectorConfig config, Instant startedAt, RandomGenerator random) {
    this.config = config;
    this.trace = new TraceWriter(TraceHeader.of(TraceHeader.Origin.LIVE_PROBE, startedAt));
    this.sequence = new ClientSequence(config, ClientPlan.of(config));
    this.random = random;
  }

  /** Sets the clock to {@code t} (after the trace's start). */
  void at(Instant t) {
    trace.at(java.time.Duration.between(trace.header().startedAt(), t).toNanos());
  }

  /** Records a PDU the test says went by before the step ran (what the facts build on). */
  StepHarness before(Phase phase, Direction direction, Pdu pdu) {
    trace.phase(phase);
    trace.pdu(
        direction,
        trace.offset(direction),
        pdu.name(),
        pdu.summary(),
        pdu,
        Octets.encode(pdu).toByteArray());
    return this;
  }

  /** Makes {@code step} current: its phase, then its start. */
  <S extends Step> S start(S step) {
    trace.phase(step.phase());
    apply(step.start(this));
    return step;
  }

  /** Hands {@code step} one frame and acts on what it returns. */
  void feed(Step step, ByteBuf frame) {
    apply(step.onFrame(frame, this));
  }

  /**
   * Runs the sequence from {@code first} as the connector does: each complete phase starts the step
   * that follows, until the configuration's stop point.
   */
  void follow(Step first) {
    following = true;
    step = first;
    start(first);
  }

  /** Hands the current step (see {@link #follow}) one frame. */
  void feed(ByteBuf frame) {
    if (finishKind == null) {
      feed(step, frame);
    }
  }

  /** Tells the current step that no datagram will come. */
  void datagramsEnded(String why) {
    if (finishKind == null) {
      apply(step.onDatagramsEnded(why, this));
    }
  }

  /** Acts on a transition as the connector does; starts the next step only when following. */
  void apply(Transition t) {
    if (t instanceof Transition.Finish f) {
      if (finishKind == null) {
        finishKind = f.kind();
        finishDetail = f.detail();
      }
    } else if (t instanceof Transition.Complete c) {
      completed = true;
      reached = c.reached();
      Phase done = trace.phase();
      next = done == config.stopAfter() ? null : sequence.next(c.reached(), c.opening());
      if (following && next == null) {
        if (c.opening() != null && c.openingFrame() != null) {
          SlowPathStep.record(c.opening(), c.openingFrame(), c.openingEnvelope(), this);
        }
        apply(Transition.finish(CloseKind.STOP_POINT_REACHED, "stopped by choice after " + done));
        return;
      }
      if (following) {
        step = next;
        start(next);
      }
      if (c.opening() != null && next instanceof SlowPathStep s && finishKind == null) {
        trace.phase(next.phase());
        apply(s.take(c.opening(), c.openingFrame(), c.openingEnvelope(), this));
      }
    }
  }

  /** The facts of what was recorded so far. */
  ServerFacts facts() {
    return ServerFacts.of(trace.trace());
  }

  Trace traceSoFar() {
    return trace.trace();
  }

  @Override
  public void send(Pdu pdu) {
    sent.add(pdu);
    record(Direction.CLIENT_TO_SERVER, pdu, Octets.encode(pdu).toByteArray());
  }

  @Override
  public void sendRedacted(Pdu pdu, Pdu recordAs) {
    assertEquals(pdu.size(), recordAs.size(), "a redacted copy has the size of the original");
    sent.add(pdu);
    record(Direction.CLIENT_TO_SERVER, recordAs, Octets.encode(recordAs).toByteArray());
  }

  @Override
  public void sendMcs(McsPdu carrier, Pdu recordAs) {
    sent.add(carrier);
    record(Direction.CLIENT_TO_SERVER, recordAs, Octets.encode(recordAs).toByteArray());
  }

  @Override
  public void sendMcs(McsPdu carrier, Pdu recordAs, String summary) {
    sent.add(carrier);
    record(Direction.CLIENT_TO_SERVER, recordAs, summary, Octets.encode(carrier).toByteArray());
  }

  private void record(Direction d, Pdu pdu, byte[] bytes) {
    record(d, pdu, pdu.summary(), bytes);
  }

  private void record(Direction d, Pdu pdu, String summary, byte[] bytes) {
    if (d == Direction.CLIENT_TO_SERVER) {
      recorded.add(pdu);
    }
    trace.pdu(d, trace.offset(d), pdu.name(), summary, pdu, bytes);
    trace.count(d, bytes.length);
  }

  @Override
  public void sendRecords(byte[] records) {
    raw.add(records);
  }

  @Override
  public void sendDatagram(Pdu datagram) {
    datagrams.add(datagram);
    trace.pdu(
        Direction.CLIENT_TO_SERVER,
        trace.offset(Direction.CLIENT_TO_SERVER),
        "UDP " + datagram.name(),
        datagram.summary(),
        datagram,
        Octets.encode(datagram).toByteArray());
  }

  @Override
  public void received(Pdu pdu, ByteBuf frame) {
    received.add(pdu);
    record(Direction.SERVER_TO_CLIENT, pdu, ByteBufUtil.getBytes(frame));
  }

  @Override
  public void received(Pdu pdu, ByteBuf frame, String summary) {
    received.add(pdu);
    record(Direction.SERVER_TO_CLIENT, pdu, summary, ByteBufUtil.getBytes(frame));
  }

  @Override
  public Transition malformed(ByteBuf frame, DecodeException error) {
    malformed = error;
    return Transition.finish(CloseKind.MALFORMED_PDU, error.getMessage());
  }

  @Override
  public void note(String text) {
    note(text, null);
  }

  @Override
  public void note(String text, Object detail) {
    notes.add(text);
    trace.note(text, detail);
  }

  @Override
  public void tlsMessage(TlsMessage message, Object detail) {}

  @Override
  public void tlsAlert(TlsAlert alert) {}

  @Override
  public void secure(SecureLayer layer) {}

  @Override
  public Instant now() {
    return trace.header().wallClock(trace.now());
  }

  @Override
  public RandomGenerator random() {
    return random;
  }
}
