package dev.rdpprobe.connect;

import dev.rdpprobe.tls.KeyLogLine;
import dev.rdpprobe.tls.TlsAlert;
import dev.rdpprobe.tls.TlsMessage;
import dev.rdpprobe.tls.TlsSide;
import dev.rdpprobe.trace.CloseKind;
import dev.rdpprobe.trace.ClosedBy;
import dev.rdpprobe.trace.Direction;
import dev.rdpprobe.trace.Phase;
import dev.rdpprobe.trace.TraceEvent;
import dev.rdpprobe.trace.TraceWriter;
import dev.rdpprobe.wire.DecodeException;
import dev.rdpprobe.wire.Octets;
import dev.rdpprobe.wire.Pdu;
import dev.rdpprobe.wire.mcs.McsPdu;
import dev.rdpprobe.wire.udp.RdpudpDatagram;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * The client side of the RDP connection sequence as a sans-I/O state machine: bytes in, bytes out,
 * trace events. {@link ClientSequence} says which step follows which; this class runs the current
 * step, acts on the {@link Transition} it returns, and stops where the configuration says.
 *
 * <p>Framing belongs to the current step ({@link Step#hint()}): received bytes are kept until a
 * whole frame is there. Nothing received is dropped: bytes that do not frame or decode become an
 * undecodable event. Every PDU sent passes the {@link OutboundInterceptor} and comes from the
 * {@link ClientPlan}.
 *
 * <p>Not thread-safe: drive one connector from one thread.
 */
public final class ClientConnector implements Connector {
  /** What a trace calls a datagram: {@code UDP RDPUDP datagram}. */
  private static final String UDP = "UDP ";

  private final ConnectorConfig config;
  private final TraceWriter trace;
  private final Endpoint endpoint;
  private final ClientSequence sequence;
  private final RandomGenerator random;
  private final Context context = new Context();
  private final List<byte[]> datagrams = new ArrayList<>();
  private Step step;
  private TlsHandshakeStep tls;

  private ClientConnector(Builder b) {
    this.config = b.config;
    this.trace = b.trace;
    this.random = b.random;
    this.endpoint = new Endpoint(trace, TlsSide.CLIENT, b.interceptor);
    this.sequence = new ClientSequence(config, b.plan == null ? ClientPlan.of(config) : b.plan);
    sequence.prepare();
    endpoint.handler(
        new Endpoint.Handler() {
          @Override
          public FrameHint hint() {
            return step == null ? null : step.hint();
          }

          @Override
          public String awaiting() {
            return step == null ? "" : step.awaiting();
          }

          @Override
          public void onFrame(ByteBuf frame) {
            apply(step.onFrame(frame, context));
          }
        });
  }

  /** A connector for {@code config} that writes into {@code trace}. */
  public static Builder builder(ConnectorConfig config, TraceWriter trace) {
    return new Builder(config, trace);
  }

  @Override
  public void start(long nanos) {
    trace.at(nanos);
    if (step != null || endpoint.isFinished()) {
      throw new IllegalStateException("already started");
    }
    if (config.stopAfter() == Phase.TCP_CONNECT) {
      stop();
      return;
    }
    begin(sequence.first());
  }

  @Override
  public void receive(ByteBuf data, long nanos) {
    endpoint.receive(data, nanos);
  }

  @Override
  public List<Outgoing> takeOutput() {
    return endpoint.takeOutput();
  }

  @Override
  public void written(Outgoing out, long nanos) {
    endpoint.written(out, nanos);
  }

  @Override
  public void notWritten(Outgoing out, long nanos, String why) {
    endpoint.notWritten(out, nanos, why);
  }

  /**
   * For a driver that learns nothing of its writes (a test): takes the output and records all of it
   * as written now.
   */
  public List<byte[]> takeOutputWrittenNow() {
    List<byte[]> bytes = new ArrayList<>();
    for (Outgoing o : endpoint.takeOutput()) {
      endpoint.written(o, trace.now());
      bytes.add(o.bytes());
    }
    return bytes;
  }

  @Override
  public List<byte[]> takeDatagrams() {
    List<byte[]> out = List.copyOf(datagrams);
    datagrams.clear();
    return out;
  }

  @Override
  public void receiveDatagram(ByteBuf data, long nanos) {
    trace.at(nanos);
    if (step == null || endpoint.isFinished()) {
      return;
    }
    byte[] bytes = ByteBufUtil.getBytes(data);
    String name = UDP + "datagram";
    String summary = bytes.length + " bytes";
    Object pdu = null;
    try {
      RdpudpDatagram d = RdpudpDatagram.decode(data.duplicate());
      name = UDP + d.name();
      summary = d.summary();
      pdu = d;
    } catch (DecodeException e) {
      summary += ", not RDP-UDP: " + e.getMessage();
    }
    // not part of the TCP stream: its offsets stay where the stream is
    trace.pdu(
        Direction.SERVER_TO_CLIENT,
        trace.offset(Direction.SERVER_TO_CLIENT),
        name,
        summary,
        pdu,
        bytes);
    apply(step.onDatagram(data, context));
  }

  @Override
  public void datagramsEnded(String why, long nanos) {
    trace.at(nanos);
    if (step != null && !endpoint.isFinished()) {
      apply(step.onDatagramsEnded(why, context));
    }
  }

  @Override
  public boolean isFinished() {
    return endpoint.isFinished();
  }

  /** How the sequence finished, or {@code null} while it runs. */
  public CloseKind finishKind() {
    return endpoint.finishKind();
  }

  @Override
  public boolean awaitsPeerClose() {
    return endpoint.awaitsPeerClose();
  }

  @Override
  public String finishDetail() {
    return endpoint.finishDetail();
  }

  @Override
  public void closeFinished(long nanos) {
    endpoint.closeFinished(nanos);
  }

  @Override
  public void close(
      CloseKind kind, ClosedBy closedBy, String detail, String exception, long nanos) {
    trace.at(nanos);
    String extra = "";
    if (step != null
        && !endpoint.isFinished()
        && (kind == CloseKind.PEER_FIN || kind == CloseKind.PEER_RST)) {
      extra = step.onPeerClosed(kind == CloseKind.PEER_RST, context);
    }
    endpoint.close(
        kind, closedBy, extra.isEmpty() ? detail : detail + "; " + extra, exception, nanos);
  }

  @Override
  public String awaiting() {
    return endpoint.awaiting();
  }

  /** The phase the connection is in. */
  public Phase phase() {
    return endpoint.phase();
  }

  /** Bytes each side has sent so far. */
  public TraceEvent.Offsets offsets() {
    return trace.offsets();
  }

  /** Bytes of an incomplete PDU received so far. */
  public int pendingBytes() {
    return endpoint.pendingBytes();
  }

  @Override
  public List<String> keyLog() {
    return tls == null ? List.of() : tls.session().keyLog().stream().map(KeyLogLine::line).toList();
  }

  // ---- the sequence ---------------------------------------------------------------------------

  private void begin(Step next) {
    if (next instanceof TlsHandshakeStep t) {
      tls = t;
    }
    step = next;
    endpoint.phase(next.phase());
    apply(next.start(context));
  }

  private void apply(Transition t) {
    if (t instanceof Transition.Finish f) {
      endpoint.finish(f.kind(), f.detail());
    } else if (t instanceof Transition.Complete c) {
      complete(c);
    }
  }

  /**
   * The current phase is complete: stop here if it is the stop point or the sequence goes on where
   * the probe does not follow, otherwise start the next step (and hand it the PDU that opened its
   * phase, if one came).
   */
  private void complete(Transition.Complete c) {
    Phase done = endpoint.phase();
    Step next = done == config.stopAfter() ? null : sequence.next(c.reached(), c.opening());
    if (done == config.stopAfter() || next == null || next.phase().isAfter(config.stopAfter())) {
      if (c.opening() != null && c.openingFrame() != null) {
        SlowPathStep.record(c.opening(), c.openingFrame(), c.openingEnvelope(), context);
      }
      if (done == config.stopAfter()) {
        stop();
        return;
      }
      if (next == null) {
        // the server goes on where the probe does not follow: what follows is not examined
        String why = "the probe does not follow this server beyond " + done;
        endpoint.note(why);
        endpoint.finish(CloseKind.NOT_FOLLOWED, "stopped after " + done + ": " + why);
        return;
      }
      // the sequence for this server skips the stop point: everything up to it was examined
      String why = "the stop point " + config.stopAfter() + " does not occur for this server";
      endpoint.note(why);
      endpoint.finish(CloseKind.STOP_POINT_REACHED, "stopped after " + done + ": " + why);
      return;
    }
    begin(next);
    if (c.opening() != null && step == next && !endpoint.isFinished()) {
      apply(
          ((SlowPathStep) next).take(c.opening(), c.openingFrame(), c.openingEnvelope(), context));
    }
  }

  /** The phase the configuration stops after is complete. */
  private void stop() {
    Phase done = endpoint.phase();
    endpoint.note("stop point reached after " + done);
    endpoint.finish(CloseKind.STOP_POINT_REACHED, "stopped by choice after " + done);
  }

  /** The context steps see; kept private so steps cannot be driven from outside. */
  private final class Context implements StepContext {
    @Override
    public void send(Pdu pdu) {
      endpoint.send(pdu);
    }

    @Override
    public void sendRedacted(Pdu pdu, Pdu recordAs) {
      endpoint.sendRedacted(pdu, recordAs);
    }

    @Override
    public void sendMcs(McsPdu carrier, Pdu recordAs) {
      endpoint.sendMcs(carrier, recordAs);
    }

    @Override
    public void sendMcs(McsPdu carrier, Pdu recordAs, String summary) {
      endpoint.sendMcs(carrier, recordAs, summary);
    }

    @Override
    public void sendRecords(byte[] records) {
      endpoint.sendRecords(records);
    }

    @Override
    public void sendDatagram(Pdu datagram) {
      byte[] bytes = Octets.encode(datagram).toByteArray();
      trace.pdu(
          Direction.CLIENT_TO_SERVER,
          trace.offset(Direction.CLIENT_TO_SERVER),
          UDP + datagram.name(),
          datagram.summary(),
          datagram,
          bytes);
      datagrams.add(bytes);
    }

    @Override
    public void received(Pdu pdu, ByteBuf frame) {
      endpoint.received(pdu, frame);
    }

    @Override
    public void received(Pdu pdu, ByteBuf frame, String summary) {
      endpoint.received(pdu, frame, summary);
    }

    @Override
    public Transition malformed(ByteBuf frame, DecodeException error) {
      return Transition.finish(CloseKind.MALFORMED_PDU, endpoint.recordMalformed(frame, error));
    }

    @Override
    public void note(String text) {
      endpoint.note(text);
    }

    @Override
    public void note(String text, Object detail) {
      endpoint.note(text, detail);
    }

    @Override
    public void tlsMessage(TlsMessage m, Object detail) {
      endpoint.tls(m, detail);
    }

    @Override
    public void tlsAlert(TlsAlert a) {
      endpoint.tlsAlert(a);
    }

    @Override
    public void secure(SecureLayer layer) {
      endpoint.secure(layer);
    }

    @Override
    public Instant now() {
      return trace.header().wallClock(trace.now());
    }

    @Override
    public RandomGenerator random() {
      return random;
    }
  }

  /** Builds a {@link ClientConnector}. */
  public static final class Builder {
    private final ConnectorConfig config;
    private final TraceWriter trace;
    private RandomGenerator random = new SecureRandom();
    private ClientPlan plan;
    private OutboundInterceptor interceptor = OutboundInterceptor.NONE;

    private Builder(ConnectorConfig config, TraceWriter trace) {
      this.config = Objects.requireNonNull(config, "config");
      this.trace = Objects.requireNonNull(trace, "trace");
    }

    /** Randomness for nonces, client randoms and sequence numbers (tests, replays). */
    public Builder random(RandomGenerator random) {
      this.random = Objects.requireNonNull(random, "random");
      return this;
    }

    /** What the client says in each PDU; the default follows the configuration. */
    public Builder plan(ClientPlan plan) {
      this.plan = Objects.requireNonNull(plan, "plan");
      return this;
    }

    /** What every outbound PDU passes; the default sends each as planned. */
    public Builder interceptor(OutboundInterceptor interceptor) {
      this.interceptor = Objects.requireNonNull(interceptor, "interceptor");
      return this;
    }

    /** The connector. */
    public ClientConnector build() {
      return new ClientConnector(this);
    }
  }
}
