package dev.rdpprobe.connect;

import dev.rdpprobe.tls.TlsAlert;
import dev.rdpprobe.tls.TlsMessage;
import dev.rdpprobe.tls.TlsSide;
import dev.rdpprobe.trace.CloseKind;
import dev.rdpprobe.trace.ClosedBy;
import dev.rdpprobe.trace.Direction;
import dev.rdpprobe.trace.Phase;
import dev.rdpprobe.trace.TraceEvent;
import dev.rdpprobe.trace.TraceRecorder;
import dev.rdpprobe.wire.DecodeException;
import dev.rdpprobe.wire.Octets;
import dev.rdpprobe.wire.Pdu;
import dev.rdpprobe.wire.mcs.McsPdu;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What every sans-I/O endpoint of a connection shares, client or server: it keeps received bytes
 * until its current framing hint cuts a whole frame, queues bytes to send, counts bytes both ways,
 * records PDUs, undecodable bytes, notes and the close into a trace, and remembers how it finished.
 * Subclasses say how the next frame is framed, what they wait for, and what a frame means.
 *
 * <p>Not thread-safe: drive one endpoint from one thread.
 */
public abstract class ConnectionCore {
  /** Bytes kept in an {@link TraceEvent.Undecodable} event at most. */
  public static final int MAX_UNDECODABLE_BYTES = 4096;

  private final TraceRecorder recorder;
  private final ByteBuf pending = Unpooled.buffer(256);
  private final List<byte[]> output = new ArrayList<>();

  private Phase phase = Phase.TCP_CONNECT;
  private long now;
  private long sent;
  private long received;
  private long lastSendNanos = -1;
  private long lastReceiveNanos = -1;
  private String lastSentName = "";
  private String lastReceivedName = "";
  private SecureLayer secure;
  private CloseKind finishKind;
  private String finishDetail = "";
  private boolean released;

  protected ConnectionCore(TraceRecorder recorder) {
    this.recorder = Objects.requireNonNull(recorder, "recorder");
  }

  /** How the next inbound frame is framed, or {@code null} when nothing is expected. */
  protected abstract FrameHint hint();

  /** The PDU this endpoint waits for, or {@code ""}. */
  protected abstract String awaitingPdu();

  /** Handles one whole frame; its reader index is at its first byte. */
  protected abstract void onFrame(ByteBuf frame);

  /** The time of the input being handled, in nanoseconds since the start of the trace. */
  protected final long now() {
    return now;
  }

  /** Sets the time before handling an input. */
  protected final void now(long nanos) {
    this.now = nanos;
  }

  /**
   * Takes every readable byte of {@code data} (without releasing it), cuts whole frames with the
   * current hint and hands them to {@link #onFrame}.
   */
  public void receive(ByteBuf data, long nanos) {
    now = nanos;
    int n = data.readableBytes();
    if (n == 0) {
      return;
    }
    lastReceiveNanos = nanos;
    received += n;
    if (finishKind != null || released || hint() == null) {
      // after the end, or while nothing is expected, bytes are counted, not kept
      data.skipBytes(n);
      return;
    }
    if (secure != null) {
      byte[] plain;
      try {
        plain = secure.unwrap(data);
      } catch (SecureLayer.SecureLayerException e) {
        queueAll(secure.takeOutput());
        finish(e.alert() ? CloseKind.TLS_ALERT : CloseKind.MALFORMED_PDU, e.getMessage());
        return;
      }
      queueAll(secure.takeOutput());
      pending.writeBytes(plain);
    } else {
      pending.writeBytes(data);
    }
    drain();
  }

  private void queueAll(List<byte[]> records) {
    for (byte[] r : records) {
      queue(r);
    }
  }

  /**
   * Installs a record layer: from now on received bytes are unwrapped before framing and sent PDUs
   * are wrapped. Plaintext that arrives later is framed with the current hint.
   */
  protected final void secure(SecureLayer layer) {
    this.secure = Objects.requireNonNull(layer, "layer");
    if (!released && pending.isReadable()) {
      // records that came in the same read as the end of the handshake are ciphertext
      ByteBuf rest = pending.readBytes(pending.readableBytes());
      try {
        pending.clear();
        pending.writeBytes(layer.unwrap(rest));
      } catch (SecureLayer.SecureLayerException e) {
        finish(e.alert() ? CloseKind.TLS_ALERT : CloseKind.MALFORMED_PDU, e.getMessage());
      } finally {
        rest.release();
      }
      queueAll(layer.takeOutput());
    }
  }

  /** The installed record layer, or {@code null}. */
  protected final SecureLayer secureLayer() {
    return secure;
  }

  /** The received-stream offset of a frame's first byte (under a record layer: approximate). */
  private long receivedOffsetOf(int frameLength) {
    return secure != null ? received : received - pending.readableBytes() - frameLength;
  }

  private void drain() {
    FrameHint hint;
    while (finishKind == null && (hint = hint()) != null && pending.isReadable()) {
      int length;
      try {
        length = hint.frameLength(pending);
      } catch (DecodeException e) {
        unframeable(hint, e);
        return;
      }
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
        return;
      }
      if (length < 0 || length > pending.readableBytes()) {
        return;
      }
      ByteBuf frame = pending.readSlice(length);
      onFrame(frame);
      pending.discardReadBytes();
    }
  }

  private void unframeable(FrameHint hint, DecodeException e) {
    String detail = hint.describeUnframeable(pending) + ": " + e.getMessage();
    int n = Math.min(pending.readableBytes(), MAX_UNDECODABLE_BYTES);
    recordUndecodable(pending.slice(pending.readerIndex(), n), 0, e, detail);
    finish(CloseKind.MALFORMED_PDU, detail);
  }

  /**
   * Records a frame that did not decode as the awaited PDU and finishes with {@link
   * CloseKind#MALFORMED_PDU}. The frame must still be in the receive buffer (as handed to {@link
   * #onFrame}).
   */
  protected final void malformed(ByteBuf frame, DecodeException error) {
    String detail =
        "the peer's "
            + frame.readableBytes()
            + "-byte "
            + hint().name()
            + " frame is not a valid "
            + awaitingPdu()
            + ": "
            + error.getMessage();
    ByteBuf shown =
        frame.slice(frame.readerIndex(), Math.min(frame.readableBytes(), MAX_UNDECODABLE_BYTES));
    recordUndecodable(shown, frame.readableBytes(), error, detail);
    finish(CloseKind.MALFORMED_PDU, detail);
  }

  private void recordUndecodable(ByteBuf bytes, int frameLength, DecodeException e, String detail) {
    recorder.record(
        new TraceEvent.Undecodable(
            now,
            phase,
            Direction.RECEIVED,
            sent,
            receivedOffsetOf(frameLength),
            awaitingPdu(),
            e.kind().name(),
            detail,
            e.offset(),
            ByteBufUtil.getBytes(bytes)));
  }

  /** Encodes a PDU, queues its bytes for sending and records it. */
  protected final void send(Pdu pdu) {
    ByteBuf buf = Unpooled.buffer(pdu.size());
    try {
      pdu.encode(buf);
      sendBytes(ByteBufUtil.getBytes(buf), pdu.name(), pdu.summary(), pdu);
    } finally {
      buf.release();
    }
  }

  /**
   * Sends {@code pdu} but records {@code recordAs} in its place: a copy of the same size whose
   * secrets (an NTLMv2 response, a session key, a MIC) are zeroed, so the trace, and every report
   * made from it, never holds what could test a password offline.
   *
   * @throws IllegalArgumentException if the two do not encode to the same size
   */
  protected final void sendRedacted(Pdu pdu, Pdu recordAs) {
    if (pdu.size() != recordAs.size()) {
      throw new IllegalArgumentException(
          "a redacted copy must have the size of what is sent: "
              + recordAs.size()
              + " != "
              + pdu.size());
    }
    ByteBuf wire = Unpooled.buffer(pdu.size());
    ByteBuf shown = Unpooled.buffer(recordAs.size());
    try {
      pdu.encode(wire);
      recordAs.encode(shown);
      byte[] bytes = ByteBufUtil.getBytes(wire);
      recorder.record(
          new TraceEvent.Pdu(
              now,
              phase,
              Direction.SENT,
              sent,
              received,
              recordAs.name(),
              recordAs.summary(),
              recordAs,
              ByteBufUtil.getBytes(shown)));
      if (secure == null) {
        queue(bytes); // the queue keeps this array: it is what goes on the wire
      } else {
        queue(secure.wrap(bytes));
        java.util.Arrays.fill(bytes, (byte) 0);
      }
      lastSentName = recordAs.name();
    } finally {
      wire.setZero(0, wire.capacity());
      wire.release();
      shown.release();
    }
  }

  /**
   * Sends an MCS PDU in its TPKT and X.224 Data TPDU, recorded as {@code recordAs} (the PDU it
   * carries, e.g. a Client Info PDU inside a Send Data Request, or the MCS PDU itself).
   */
  protected final void sendMcs(McsPdu carrier, Pdu recordAs) {
    ByteBuf buf = Unpooled.buffer(carrier.framedSize());
    try {
      carrier.encodeFramed(buf);
      sendBytes(ByteBufUtil.getBytes(buf), recordAs.name(), recordAs.summary(), recordAs);
    } finally {
      buf.release();
    }
  }

  /**
   * Queues bytes for sending and records them as one PDU named {@code name} (for bytes that are not
   * a codec record: garbage, raw alerts, encrypted records).
   */
  protected final void sendBytes(byte[] bytes, String name, String summary, Object pdu) {
    recorder.record(
        new TraceEvent.Pdu(now, phase, Direction.SENT, sent, received, name, summary, pdu, bytes));
    queue(secure == null ? bytes : secure.wrap(bytes));
    lastSentName = name;
  }

  /** Queues bytes for sending without recording a PDU (e.g. TLS records, traced elsewhere). */
  protected final void queue(byte[] bytes) {
    output.add(bytes);
    sent += bytes.length;
    lastSendNanos = now;
  }

  /** Records a received PDU decoded from {@code frame} (still in the receive buffer). */
  protected final void received(Pdu pdu, ByteBuf frame) {
    recorder.record(
        new TraceEvent.Pdu(
            now,
            phase,
            Direction.RECEIVED,
            sent,
            receivedOffsetOf(frame.readableBytes()),
            pdu.name(),
            pdu.summary(),
            pdu,
            ByteBufUtil.getBytes(frame)));
    lastReceivedName = pdu.name();
  }

  /**
   * Records a received PDU by a redacted copy, {@code shown}, whose encoding becomes the event's
   * bytes in place of {@code frame}'s (a client's AUTHENTICATE, kept without its proofs).
   */
  protected final void receivedRedacted(Pdu shown, ByteBuf frame) {
    recorder.record(
        new TraceEvent.Pdu(
            now,
            phase,
            Direction.RECEIVED,
            sent,
            receivedOffsetOf(frame.readableBytes()),
            shown.name(),
            shown.summary(),
            shown,
            Octets.encode(shown).toByteArray()));
    lastReceivedName = shown.name();
  }

  /** Records any event (TLS messages, alerts) with this endpoint's recorder. */
  protected final void record(TraceEvent event) {
    recorder.record(event);
  }

  /** Records a TLS handshake message; {@code us} is the side this endpoint plays. */
  protected final void recordTls(TlsMessage m, Object detail, TlsSide us) {
    recorder.record(
        new TraceEvent.Tls(
            now,
            phase,
            m.sender() == us ? Direction.SENT : Direction.RECEIVED,
            sent,
            received,
            m.name(),
            m.summary(),
            m.length(),
            m.encrypted(),
            detail));
    if (m.sender() == us) {
      lastSentName = "TLS " + m.name();
    } else {
      lastReceivedName = "TLS " + m.name();
    }
  }

  /** Records a TLS alert; {@code us} is the side this endpoint plays. */
  protected final void recordTlsAlert(TlsAlert a, TlsSide us) {
    recorder.record(
        new TraceEvent.TlsAlert(
            now,
            phase,
            a.sender() == us ? Direction.SENT : Direction.RECEIVED,
            sent,
            received,
            a.levelName(),
            a.descriptionName(),
            a.description(),
            a.cause()));
  }

  /** Records a one-line fact. */
  protected final void note(String text) {
    recorder.record(new TraceEvent.Note(now, phase, sent, received, text));
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

  /** The phase the connection is in. */
  public Phase phase() {
    return phase;
  }

  /** Moves to another phase. */
  protected final void phase(Phase phase) {
    this.phase = Objects.requireNonNull(phase, "phase");
  }

  /** The PDU this endpoint waits for, or {@code ""} when it waits for nothing. */
  public String awaiting() {
    return finishKind != null || released ? "" : awaitingPdu();
  }

  /** Bytes of an incomplete PDU received so far. */
  public int pendingBytes() {
    return released ? 0 : pending.readableBytes();
  }

  /** Bytes sent and received so far. */
  public TraceEvent.Offsets offsets() {
    return new TraceEvent.Offsets(sent, received);
  }

  /** Whether the sequence is over (stopped by choice, refused, or broken); the driver closes. */
  public boolean isFinished() {
    return finishKind != null;
  }

  /** How the sequence finished, or {@code null} while it runs. */
  public CloseKind finishKind() {
    return finishKind;
  }

  /** Ends the sequence; the first call wins. */
  protected final void finish(CloseKind kind, String detail) {
    if (finishKind == null) {
      finishKind = kind;
      finishDetail = detail;
    }
  }

  /** Records the end of the connection for a finished sequence: closed by us. */
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
    if (!recorder.isClosed()) {
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
      finish(kind, detail);
    }
    if (!released) {
      released = true;
      onClose();
      if (secure != null) {
        secure.dispose();
      }
      pending.release();
    }
  }

  /** Frees what a subclass holds; called once the close is recorded. */
  protected void onClose() {}
}
