package dev.rdpprobe.connect;

import dev.rdpprobe.tls.KeyLogLine;
import dev.rdpprobe.tls.TlsAlert;
import dev.rdpprobe.tls.TlsMessage;
import dev.rdpprobe.tls.TlsSide;
import dev.rdpprobe.trace.CloseKind;
import dev.rdpprobe.trace.ClosedBy;
import dev.rdpprobe.trace.Direction;
import dev.rdpprobe.trace.TraceEvent;
import dev.rdpprobe.trace.TraceRecorder;
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
 * trace events. The driver (a Netty handler, a capture replay, a fuzzer) tells it when TCP is up,
 * hands it every byte received with the time, writes what {@link #takeOutput()} returns, and
 * reports how the connection ended. The connector never touches a socket or a clock.
 *
 * <p>Framing belongs to the current step ({@link Step#hint()}): received bytes are kept until a
 * whole frame is there, so a PDU split over reads, or several PDUs in one read, make no difference.
 * Nothing received is dropped: bytes that do not frame or decode become a {@link
 * TraceEvent.Undecodable} event.
 *
 * <p>Not thread-safe: drive one connector from one thread.
 */
public final class ClientConnector extends ConnectionCore {
  private final ConnectorConfig config;
  private final Context context = new Context();

  private Step step;
  private Instant connectedAt = Instant.EPOCH;
  private long connectedNanos;
  private TlsHandshakeStep tls;
  private ServerFacts facts = ServerFacts.NONE;
  private final List<byte[]> datagrams = new ArrayList<>();
  private final RandomGenerator random;

  /** What a trace calls a datagram: {@code UDP RDPUDP datagram}. */
  private static final String UDP = "UDP ";

  /** A connector that records into {@code recorder}. */
  public ClientConnector(ConnectorConfig config, TraceRecorder recorder) {
    this(config, recorder, new SecureRandom());
  }

  /** A connector with its own source of randomness (tests, replays). */
  public ClientConnector(ConnectorConfig config, TraceRecorder recorder, RandomGenerator random) {
    super(recorder);
    this.config = Objects.requireNonNull(config, "config");
    this.random = Objects.requireNonNull(random, "random");
  }

  /**
   * TCP is up: the sequence starts, and the first PDU is queued for sending.
   *
   * @param nanos the time since the trace started
   * @param wallClock the wall-clock time, for certificate validity
   */
  public void connected(long nanos, Instant wallClock) {
    now(nanos);
    this.connectedAt = Objects.requireNonNull(wallClock, "wallClock");
    this.connectedNanos = nanos;
    if (step != null || isFinished()) {
      throw new IllegalStateException("already started");
    }
    context.phaseComplete(new X224NegotiationStep());
  }

  @Override
  protected FrameHint hint() {
    return step == null ? null : step.hint();
  }

  @Override
  protected String awaitingPdu() {
    return step == null ? "" : step.awaiting();
  }

  @Override
  protected void onFrame(ByteBuf frame) {
    step.onFrame(frame, context);
  }

  /**
   * The datagrams to send to the server's UDP port (the TCP connection's port), since the last
   * call.
   */
  public List<byte[]> takeDatagrams() {
    List<byte[]> out = List.copyOf(datagrams);
    datagrams.clear();
    return out;
  }

  /** A datagram came from the server's UDP port: recorded, then handed to the current step. */
  public void receiveDatagram(ByteBuf data, long nanos) {
    now(nanos);
    if (step == null || isFinished()) {
      return;
    }
    TraceEvent.Offsets o = offsets();
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
    record(
        new TraceEvent.Pdu(
            nanos, phase(), Direction.RECEIVED, o.sent(), o.received(), name, summary, pdu, bytes));
    step.onDatagram(data, context);
  }

  /**
   * No more datagrams will come (the UDP timeout passed, or the port is unreachable).
   *
   * @param why in words, e.g. {@code "no answer within 2000 ms"}
   */
  public void datagramsEnded(String why, long nanos) {
    now(nanos);
    if (step != null && !isFinished()) {
      step.onDatagramsEnded(why, context);
    }
  }

  /** What was learned about the server so far. */
  public ServerFacts facts() {
    return facts;
  }

  /**
   * The NSS key-log lines of the TLS session (empty unless the configuration asked for them). These
   * are secrets: write them only where the user asked.
   */
  public List<String> keyLog() {
    return tls == null ? List.of() : tls.session().keyLog().stream().map(KeyLogLine::line).toList();
  }

  @Override
  public void close(CloseKind kind, ClosedBy closedBy, String detail, long nanos) {
    String extra = "";
    if (step != null
        && !isFinished()
        && (kind == CloseKind.PEER_FIN || kind == CloseKind.PEER_RST)) {
      extra = step.onPeerClosed(kind == CloseKind.PEER_RST);
    }
    super.close(kind, closedBy, extra.isEmpty() ? detail : detail + "; " + extra, nanos);
  }

  /** The context steps see; kept private so steps cannot be driven from outside. */
  private final class Context implements StepContext {
    @Override
    public ConnectorConfig config() {
      return config;
    }

    @Override
    public void send(Pdu pdu) {
      ClientConnector.this.send(pdu);
    }

    @Override
    public void sendRedacted(Pdu pdu, Pdu recordAs) {
      ClientConnector.this.sendRedacted(pdu, recordAs);
    }

    @Override
    public void sendMcs(McsPdu carrier, Pdu recordAs) {
      ClientConnector.this.sendMcs(carrier, recordAs);
    }

    @Override
    public void received(Pdu pdu, ByteBuf frame) {
      ClientConnector.this.received(pdu, frame);
    }

    @Override
    public void malformed(ByteBuf frame, DecodeException error) {
      ClientConnector.this.malformed(frame, error);
    }

    @Override
    public void note(String text) {
      ClientConnector.this.note(text);
    }

    @Override
    public Instant now() {
      return connectedAt.plusNanos(ClientConnector.this.now() - connectedNanos);
    }

    @Override
    public ServerFacts facts() {
      return facts;
    }

    @Override
    public void facts(ServerFacts newFacts) {
      facts = Objects.requireNonNull(newFacts, "facts");
    }

    @Override
    public void sendRaw(byte[] bytes) {
      queue(bytes);
    }

    @Override
    public void tlsMessage(TlsMessage m, Object detail) {
      recordTls(m, detail, TlsSide.CLIENT);
    }

    @Override
    public void tlsAlert(TlsAlert a) {
      recordTlsAlert(a, TlsSide.CLIENT);
    }

    @Override
    public void secure(SecureLayer layer) {
      ClientConnector.this.secure(layer);
    }

    @Override
    public Instant connectedAt() {
      return connectedAt;
    }

    @Override
    public void phaseComplete(Step next) {
      if (phase() == config.stopAfter()) {
        note("stop point reached after " + phase());
        finish(CloseKind.STOP_POINT_REACHED, "stopped by choice after " + phase());
        return;
      }
      if (next == null || next.phase().isAfter(config.stopAfter())) {
        // the sequence for this server skips the stop point, or goes on where we do not follow
        String why =
            next == null
                ? "the probe does not follow this server beyond " + phase()
                : "the stop point " + config.stopAfter() + " does not occur for this server";
        note(why);
        finish(CloseKind.STOP_POINT_REACHED, "stopped after " + phase() + ": " + why);
        return;
      }
      if (next instanceof TlsHandshakeStep t) {
        tls = t;
      }
      step = next;
      phase(next.phase());
      next.start(this);
    }

    @Override
    public void passOn(SlowPathStep next, Pdu pdu, ByteBuf frame) {
      if (phase() == config.stopAfter() || next.phase().isAfter(config.stopAfter())) {
        received(pdu, frame);
        phaseComplete(next);
        return;
      }
      phaseComplete(next);
      if (step == next && !isFinished()) {
        next.take(pdu, frame, this);
      }
    }

    @Override
    public void passOnRecorded(SlowPathStep next, Pdu pdu) {
      phaseComplete(next);
      if (step == next && !isFinished()) {
        next.onPdu(pdu, this);
      }
    }

    @Override
    public void sendDatagram(Pdu datagram) {
      byte[] bytes = Octets.encode(datagram).toByteArray();
      TraceEvent.Offsets o = offsets();
      record(
          new TraceEvent.Pdu(
              ClientConnector.this.now(),
              phase(),
              Direction.SENT,
              o.sent(),
              o.received(),
              UDP + datagram.name(),
              datagram.summary(),
              datagram,
              bytes));
      datagrams.add(bytes);
    }

    @Override
    public RandomGenerator random() {
      return random;
    }

    @Override
    public void finish(CloseKind kind, String detail) {
      ClientConnector.this.finish(kind, detail);
    }
  }
}
