package dev.rdpprobe.connect;

import dev.rdpprobe.trace.CloseKind;
import dev.rdpprobe.trace.TraceEvent;
import dev.rdpprobe.trace.TraceRecorder;
import dev.rdpprobe.wire.DecodeException;
import dev.rdpprobe.wire.Pdu;
import io.netty.buffer.ByteBuf;
import java.util.Objects;

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
  private ServerFacts facts = ServerFacts.NONE;

  /** A connector that records into {@code recorder}. */
  public ClientConnector(ConnectorConfig config, TraceRecorder recorder) {
    super(recorder);
    this.config = Objects.requireNonNull(config, "config");
  }

  /** TCP is up: the sequence starts, and the first PDU is queued for sending. */
  public void connected(long nanos) {
    now(nanos);
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

  /** What was learned about the server so far. */
  public ServerFacts facts() {
    return facts;
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
    public ServerFacts facts() {
      return facts;
    }

    @Override
    public void facts(ServerFacts newFacts) {
      facts = Objects.requireNonNull(newFacts, "facts");
    }

    @Override
    public void phaseComplete(Step next) {
      if (phase() == config.stopAfter()) {
        note("stop point reached after " + phase());
        finish(CloseKind.STOP_POINT_REACHED, "stopped by choice after " + phase());
        return;
      }
      if (next == null) {
        throw new IllegalStateException("no step follows " + phase());
      }
      step = next;
      phase(next.phase());
      next.start(this);
    }

    @Override
    public void finish(CloseKind kind, String detail) {
      ClientConnector.this.finish(kind, detail);
    }
  }
}
