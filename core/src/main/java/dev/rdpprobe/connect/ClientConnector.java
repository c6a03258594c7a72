package dev.rdpprobe.connect;

import dev.rdpprobe.trace.CloseKind;
import dev.rdpprobe.trace.ClosedBy;
import dev.rdpprobe.trace.Direction;
import dev.rdpprobe.trace.Phase;
import dev.rdpprobe.trace.TraceEvent;
import dev.rdpprobe.trace.TraceRecorder;
import dev.rdpprobe.wire.DecodeException;
import dev.rdpprobe.wire.Pdu;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;
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
public final class ClientConnector {
  /** Bytes kept in an {@link TraceEvent.Undecodable} event at most. */
  static final int MAX_UNDECODABLE_BYTES = 4096;

  private final ConnectorConfig config;
  private final TraceRecorder recorder;
  private final Context context = new Context();
  private final ByteBuf pending = Unpooled.buffer(256);
  private final List<byte[]> output = new ArrayList<>();

  private Step step;
  private Phase phase = Phase.TCP_CONNECT;
  private ServerFacts facts = ServerFacts.NONE;
  private long now;
  private long sent;
  private long received;
  private long lastSendNanos = -1;
  private long lastReceiveNanos = -1;
  private String lastSentName = "";
  private String lastReceivedName = "";
  private CloseKind finishKind;
  private String finishDetail = "";
  private boolean released;

  /** A connector that records into {@code recorder}. */
  public ClientConnector(ConnectorConfig config, TraceRecorder recorder) {
    this.config = Objects.requireNonNull(config, "config");
    this.recorder = Objects.requireNonNull(recorder, "recorder");
  }

  /** TCP is up: the sequence starts, and the first PDU is queued for sending. */
  public void connected(long nanos) {
    now = nanos;
    if (step != null || finishKind != null) {
      throw new IllegalStateException("already started");
    }
    context.phaseComplete(new X224NegotiationStep());
  }

  /**
   * Takes every readable byte of {@code data} (without releasing it), cuts whole frames with the
   * current step's hint and hands them to the step.
   */
  public void receive(ByteBuf data, long nanos) {
    now = nanos;
    int n = data.readableBytes();
    if (n == 0) {
      return;
    }
    lastReceiveNanos = nanos;
    received += n;
    if (finishKind != null || released) {
      // after the end nothing is interpreted; the bytes still count
      data.skipBytes(n);
      return;
    }
    pending.writeBytes(data);
    drain();
  }

  private void drain() {
    while (finishKind == null && step != null && pending.isReadable()) {
      FrameHint hint = step.hint();
      int length;
      try {
        length = hint.frameLength(pending);
      } catch (DecodeException e) {
        unframeable(hint, e);
        return;
      }
      if (length < 0 || length > pending.readableBytes()) {
        if (length > hint.maxLength()) {
          unframeable(
              hint,
              new DecodeException(
                  DecodeException.Kind.TOO_LARGE,
                  hint.name(),
                  "length",
                  0,
                  length,
                  "at most " + hint.maxLength()));
        }
        return;
      }
      ByteBuf frame = pending.readSlice(length);
      step.onFrame(frame, context);
      pending.discardReadBytes();
    }
  }

  private void unframeable(FrameHint hint, DecodeException e) {
    int n = Math.min(pending.readableBytes(), MAX_UNDECODABLE_BYTES);
    String looksLike = FirstBytes.describe(pending);
    String detail =
        "server sent "
            + pending.readableBytes()
            + " bytes that do not start a "
            + hint.name()
            + " frame"
            + (looksLike.isEmpty() ? "" : " (they look like " + looksLike + ")")
            + ": "
            + e.getMessage();
    recordUndecodable(pending.slice(pending.readerIndex(), n), e, detail);
    finish(CloseKind.MALFORMED_PDU, detail);
  }

  private void recordUndecodable(ByteBuf bytes, DecodeException e, String detail) {
    recorder.record(
        new TraceEvent.Undecodable(
            now,
            phase,
            Direction.RECEIVED,
            sent,
            received - pending.readableBytes(),
            awaiting(),
            e.kind().name(),
            detail,
            e.offset(),
            ByteBufUtil.getBytes(bytes)));
  }

  /** The bytes to write to the peer, in order, since the last call. */
  public List<byte[]> takeOutput() {
    if (output.isEmpty()) {
      return List.of();
    }
    List<byte[]> out = List.copyOf(output);
    output.clear();
    return out;
  }

  /** Whether the sequence is over (stopped by choice, refused, or broken); the driver closes. */
  public boolean isFinished() {
    return finishKind != null;
  }

  /** How the sequence finished, or {@code null} while it runs. */
  public CloseKind finishKind() {
    return finishKind;
  }

  /** The phase the connection is in. */
  public Phase phase() {
    return phase;
  }

  /** The PDU the connector waits for, or {@code ""} when it waits for nothing. */
  public String awaiting() {
    return step == null || finishKind != null ? "" : step.awaiting();
  }

  /** Bytes of an incomplete PDU received so far. */
  public int pendingBytes() {
    return released ? 0 : pending.readableBytes();
  }

  /** What was learned about the server so far. */
  public ServerFacts facts() {
    return facts;
  }

  /** Bytes sent and received so far. */
  public TraceEvent.Offsets offsets() {
    return new TraceEvent.Offsets(sent, received);
  }

  /**
   * Records the end of the connection for a finished sequence: the kind it finished with, closed by
   * us.
   */
  public void closeFinished(long nanos) {
    close(finishKind, ClosedBy.LOCAL, finishDetail, nanos);
  }

  /**
   * Records how the connection ended (once; later calls are ignored) and frees the buffers. The
   * driver calls this for every ending: socket facts (FIN, RST, refused, timeout) and the end of a
   * finished sequence.
   */
  public void close(CloseKind kind, ClosedBy closedBy, String detail, long nanos) {
    Objects.requireNonNull(kind, "kind");
    now = nanos;
    if (recorder.isClosed()) {
      release();
      return;
    }
    recorder.record(
        new TraceEvent.Closed(
            nanos,
            phase,
            sent,
            received,
            kind,
            closedBy,
            detail,
            lastSentName,
            lastReceivedName,
            lastSendNanos < 0 ? -1 : nanos - lastSendNanos,
            lastReceiveNanos < 0 ? -1 : nanos - lastReceiveNanos,
            pendingBytes(),
            awaiting()));
    if (finishKind == null) {
      finishKind = kind;
      finishDetail = detail;
    }
    release();
  }

  private void release() {
    if (!released) {
      released = true;
      pending.release();
    }
  }

  private void finish(CloseKind kind, String detail) {
    if (finishKind == null) {
      finishKind = kind;
      finishDetail = detail;
    }
  }

  /** The context steps see; kept private so steps cannot be driven from outside. */
  private final class Context implements StepContext {
    @Override
    public ConnectorConfig config() {
      return config;
    }

    @Override
    public void send(Pdu pdu) {
      ByteBuf buf = Unpooled.buffer(pdu.size());
      try {
        pdu.encode(buf);
        byte[] bytes = ByteBufUtil.getBytes(buf);
        recorder.record(
            new TraceEvent.Pdu(
                now, phase, Direction.SENT, sent, received, pdu.name(), pdu.summary(), pdu, bytes));
        output.add(bytes);
        sent += bytes.length;
        lastSendNanos = now;
        lastSentName = pdu.name();
      } finally {
        buf.release();
      }
    }

    @Override
    public void received(Pdu pdu, ByteBuf frame) {
      recorder.record(
          new TraceEvent.Pdu(
              now,
              phase,
              Direction.RECEIVED,
              sent,
              received - pending.readableBytes() - frame.readableBytes(),
              pdu.name(),
              pdu.summary(),
              pdu,
              ByteBufUtil.getBytes(frame)));
      lastReceivedName = pdu.name();
    }

    @Override
    public void malformed(ByteBuf frame, DecodeException error) {
      String detail =
          "the server's "
              + frame.readableBytes()
              + "-byte "
              + step.hint().name()
              + " frame is not a valid "
              + step.awaiting()
              + ": "
              + error.getMessage();
      ByteBuf shown =
          frame.slice(frame.readerIndex(), Math.min(frame.readableBytes(), MAX_UNDECODABLE_BYTES));
      recorder.record(
          new TraceEvent.Undecodable(
              now,
              phase,
              Direction.RECEIVED,
              sent,
              received - pending.readableBytes() - frame.readableBytes(),
              step.awaiting(),
              error.kind().name(),
              detail,
              error.offset(),
              ByteBufUtil.getBytes(shown)));
      finish(CloseKind.MALFORMED_PDU, detail);
    }

    @Override
    public void note(String text) {
      recorder.record(new TraceEvent.Note(now, phase, sent, received, text));
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
      if (phase == config.stopAfter()) {
        note("stop point reached after " + phase);
        finish(CloseKind.STOP_POINT_REACHED, "stopped by choice after " + phase);
        return;
      }
      if (next == null) {
        throw new IllegalStateException("no step follows " + phase);
      }
      step = next;
      phase = next.phase();
      next.start(this);
    }

    @Override
    public void finish(CloseKind kind, String detail) {
      ClientConnector.this.finish(kind, detail);
    }
  }
}
