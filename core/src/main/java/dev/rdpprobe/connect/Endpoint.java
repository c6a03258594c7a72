package dev.rdpprobe.connect;

import dev.rdpprobe.tls.TlsAlert;
import dev.rdpprobe.tls.TlsMessage;
import dev.rdpprobe.tls.TlsSide;
import dev.rdpprobe.trace.CloseKind;
import dev.rdpprobe.trace.ClosedBy;
import dev.rdpprobe.trace.Direction;
import dev.rdpprobe.trace.Phase;
import dev.rdpprobe.trace.TraceWriter;
import dev.rdpprobe.wire.DecodeException;
import dev.rdpprobe.wire.Limits;
import dev.rdpprobe.wire.Octets;
import dev.rdpprobe.wire.Pdu;
import dev.rdpprobe.wire.mcs.McsPdu;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One side of a connection as bytes and PDUs, for a sans-I/O connector (the client's or the
 * emulator's server): received bytes go through the record layer (once one is installed) into a
 * {@link Framer}, whole frames go to the connector's {@link Handler}; PDUs to send are encoded,
 * passed through the {@link OutboundInterceptor}, protected and queued for the driver as {@link
 * Outgoing}s, and recorded when the driver says they were written ({@link #written}), at that time:
 * the trace calls sent only what left. Everything it sees is written to the connection's {@link
 * TraceWriter}; nothing received is dropped.
 *
 * <p>Not thread-safe: drive one endpoint from one thread.
 */
public final class Endpoint {
  /** Bytes kept in an undecodable event at most. */
  public static final int MAX_UNDECODABLE_BYTES = 4096;

  /** What the connector says about the frames it expects and does with them. */
  public interface Handler {
    /** How the next inbound frame is framed, or {@code null} when nothing is expected. */
    FrameHint hint();

    /** The PDU the connector waits for, or {@code ""}. */
    String awaiting();

    /** One whole frame; its reader index is at its first byte. */
    void onFrame(ByteBuf frame);
  }

  private final TraceWriter trace;
  private final Direction outbound;
  private final Direction inbound;
  private final TlsSide side;
  private final OutboundInterceptor interceptor;
  private final Framer framer = new Framer();
  private final List<Outgoing> output = new ArrayList<>();
  private final List<Runnable> staged = new ArrayList<>();
  private Handler handler;
  private SecureLayer secure;
  private int ordinal;
  private CloseKind finishKind;
  private String finishDetail = "";
  private boolean awaitPeerClose;
  private boolean released;

  /**
   * @param trace where everything is recorded
   * @param side the side this endpoint plays
   * @param interceptor what every outbound PDU passes
   */
  public Endpoint(TraceWriter trace, TlsSide side, OutboundInterceptor interceptor) {
    this.trace = Objects.requireNonNull(trace, "trace");
    this.side = Objects.requireNonNull(side, "side");
    this.outbound =
        side == TlsSide.CLIENT ? Direction.CLIENT_TO_SERVER : Direction.SERVER_TO_CLIENT;
    this.inbound = outbound.reverse();
    this.interceptor = Objects.requireNonNull(interceptor, "interceptor");
  }

  /** Sets the connector that takes the frames; once, before the first byte. */
  public void handler(Handler handler) {
    this.handler = Objects.requireNonNull(handler, "handler");
  }

  /** The trace this endpoint writes. */
  public TraceWriter trace() {
    return trace;
  }

  // ---- inbound --------------------------------------------------------------------------------

  /**
   * Takes every readable byte of {@code data} (without releasing it) received at {@code nanos},
   * cuts whole frames with the handler's hint and hands them over.
   */
  public void receive(ByteBuf data, long nanos) {
    trace.at(nanos);
    int n = data.readableBytes();
    if (n == 0) {
      return;
    }
    trace.count(inbound, n);
    if (finishKind != null || released || handler.hint() == null) {
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
      framer.append(plain);
    } else {
      framer.append(data);
    }
    drain();
  }

  private void drain() {
    floodCheck();
    FrameHint hint;
    while (finishKind == null && !released && (hint = handler.hint()) != null) {
      ByteBuf frame;
      try {
        frame = framer.next(hint);
      } catch (DecodeException e) {
        unframeable(hint, e);
        return;
      }
      if (frame == null) {
        return;
      }
      handler.onFrame(frame);
      floodCheck();
    }
  }

  /**
   * Ends the sequence when the peer has caused more events in a row than {@link
   * Limits#IGNORED_IN_A_ROW} with nothing sent in answer: a flood, not a conversation.
   */
  private void floodCheck() {
    if (finishKind == null && trace.inboundInARow() > Limits.IGNORED_IN_A_ROW) {
      trace.note(
          "the peer sent more than "
              + Limits.IGNORED_IN_A_ROW
              + " records or PDUs in a row that lead nowhere: the connection is closed as"
              + " abusive");
      finish(
          CloseKind.ABUSIVE_PEER,
          "the peer flooded the connection: "
              + trace.inboundInARow()
              + " records or PDUs in a row with nothing to answer (last: "
              + trace.lastPdu(inbound)
              + ")");
    }
  }

  /**
   * Bytes that do not start a frame of the awaited kind: recorded (named, when they are a whole PDU
   * of another layer), and the sequence ends waiting a short while for the peer's own close.
   */
  private void unframeable(FrameHint hint, DecodeException e) {
    ByteBuf pending = framer.pendingBytes();
    StrayBytes.Stray stray =
        StrayBytes.recognize(pending, side == TlsSide.CLIENT ? TlsSide.SERVER : TlsSide.CLIENT);
    if (stray != null) {
      long start = startOf(0);
      byte[] raw = ByteBufUtil.getBytes(pending, pending.readerIndex(), stray.length());
      String where = "where a " + hint.name() + " was due";
      if (stray.pdu() != null) {
        trace.pdu(
            inbound, start, stray.name(), stray.pdu().summary() + ", " + where, stray.pdu(), raw);
      } else {
        trace.tlsAlert(
            inbound,
            stray.alert().levelName(),
            stray.alert().descriptionName(),
            stray.alert().description(),
            where);
      }
      framer.skip(stray.length());
      String detail = "the peer sent " + stray.name() + " in the clear " + where;
      finish(stray.isGoodbye() ? CloseKind.REFUSED_BY_SERVER : CloseKind.MALFORMED_PDU, detail);
      awaitPeerClose = true;
      return;
    }
    String detail = hint.describeUnframeable(pending) + ": " + e.getMessage();
    int n = Math.min(pending.readableBytes(), MAX_UNDECODABLE_BYTES);
    recordUndecodable(pending.slice(pending.readerIndex(), n), 0, e, detail);
    finish(CloseKind.MALFORMED_PDU, detail);
    awaitPeerClose = true;
  }

  /** The stream offset of a frame's first byte (under a record layer: where the stream is now). */
  private long startOf(int frameLength) {
    long now = trace.offset(inbound);
    return secure != null ? now : now - framer.pending() - frameLength;
  }

  /**
   * Records a frame that did not decode as the awaited PDU and says why, for the close. The frame
   * must be the one handed to the handler; the caller ends the sequence ({@link
   * CloseKind#MALFORMED_PDU}).
   */
  public String recordMalformed(ByteBuf frame, DecodeException error) {
    awaitPeerClose = true;
    String detail =
        "the peer's "
            + frame.readableBytes()
            + "-byte "
            + handler.hint().name()
            + " frame is not a valid "
            + handler.awaiting()
            + ": "
            + error.getMessage();
    ByteBuf shown =
        frame.slice(frame.readerIndex(), Math.min(frame.readableBytes(), MAX_UNDECODABLE_BYTES));
    recordUndecodable(shown, frame.readableBytes(), error, detail);
    return detail;
  }

  private void recordUndecodable(ByteBuf bytes, int frameLength, DecodeException e, String detail) {
    trace.undecodable(
        inbound,
        startOf(frameLength),
        handler.awaiting(),
        e.kind().name(),
        detail,
        e.offset(),
        ByteBufUtil.getBytes(bytes));
  }

  /** Records a received PDU decoded from {@code frame} (the frame handed to the handler). */
  public void received(Pdu pdu, ByteBuf frame) {
    received(pdu, frame, pdu.summary());
  }

  /**
   * Records a received PDU with another summary than its own (one that adds how it was protected).
   */
  public void received(Pdu pdu, ByteBuf frame, String summary) {
    trace.pdu(
        inbound,
        startOf(frame.readableBytes()),
        pdu.name(),
        summary,
        pdu,
        ByteBufUtil.getBytes(frame));
  }

  /**
   * Records a received PDU by a redacted copy, {@code shown}, whose encoding becomes the event's
   * bytes in place of {@code frame}'s (a client's AUTHENTICATE, kept without its proofs).
   */
  public void receivedRedacted(Pdu shown, ByteBuf frame) {
    trace.pdu(
        inbound,
        startOf(frame.readableBytes()),
        shown.name(),
        shown.summary(),
        shown,
        Octets.encode(shown).toByteArray());
  }

  // ---- outbound -------------------------------------------------------------------------------

  /** Encodes a PDU, records it and queues its bytes for sending. */
  public void send(Pdu pdu) {
    sendAs(Octets.encode(pdu).toByteArray(), pdu.name(), pdu.summary(), pdu, null);
  }

  /**
   * Sends {@code pdu} but records {@code recordAs} in its place: a copy of the same size whose
   * secrets (an NTLMv2 response, a session key, a MIC) are zeroed, so the trace, and every report
   * made from it, never holds what could test a password offline.
   *
   * @throws IllegalArgumentException if the two do not encode to the same size
   */
  public void sendRedacted(Pdu pdu, Pdu recordAs) {
    if (pdu.size() != recordAs.size()) {
      throw new IllegalArgumentException(
          "a redacted copy must have the size of what is sent: "
              + recordAs.size()
              + " != "
              + pdu.size());
    }
    byte[] wire = Octets.encode(pdu).toByteArray();
    try {
      sendAs(
          wire,
          recordAs.name(),
          recordAs.summary(),
          recordAs,
          Octets.encode(recordAs).toByteArray());
    } finally {
      Arrays.fill(wire, (byte) 0);
    }
  }

  /**
   * Sends an MCS PDU in its TPKT and X.224 Data TPDU, recorded as {@code recordAs} (the PDU it
   * carries, e.g. a Client Info PDU inside a Send Data Request, or the MCS PDU itself).
   */
  public void sendMcs(McsPdu carrier, Pdu recordAs) {
    sendMcs(carrier, recordAs, recordAs.summary());
  }

  /**
   * Sends an MCS PDU like {@link #sendMcs(McsPdu, Pdu)}, recorded with {@code summary} (one that
   * adds how the PDU it carries was protected).
   */
  public void sendMcs(McsPdu carrier, Pdu recordAs, String summary) {
    ByteBuf buf = Unpooled.buffer(carrier.framedSize());
    try {
      carrier.encodeFramed(buf);
      sendAs(ByteBufUtil.getBytes(buf), recordAs.name(), summary, recordAs, null);
    } finally {
      buf.release();
    }
  }

  /**
   * Sends bytes recorded as one PDU named {@code name} (for bytes that are not a codec record:
   * garbage, raw alerts).
   */
  public void sendBytes(byte[] bytes, String name, String summary, Object pdu) {
    sendAs(bytes.clone(), name, summary, pdu, null);
  }

  /**
   * Sends records a lower layer traced message by message (a TLS handshake flight, an alert): the
   * messages it staged go with them; they pass the interceptor as one outbound unit named {@code
   * TLS records}.
   */
  public void sendRecords(byte[] records) {
    byte[] out = intercept("TLS records", null, records);
    if (out != records) {
      trace.note(
          "the interceptor replaced "
              + records.length
              + " bytes of TLS records with "
              + out.length
              + " bytes",
          new InterceptedPdu("TLS records", Octets.of(records), Octets.of(out)));
    }
    queue(out, "TLS records", () -> {});
  }

  /**
   * The one path of every PDU: the interceptor sees the planned bytes, the trace records what is
   * sent (and the plan, when they differ), the record layer protects it.
   *
   * @param shown the bytes the trace shows when they are not the planned ones (a redacted copy)
   */
  private void sendAs(byte[] planned, String name, String summary, Object pdu, byte[] shown) {
    byte[] out = intercept(name, pdu, planned);
    Runnable record;
    if (out == planned) {
      byte[] recorded = shown != null ? shown : planned;
      record = () -> trace.pdu(outbound, trace.offset(outbound), name, summary, pdu, recorded);
    } else {
      trace.note(
          "the interceptor replaced the planned "
              + planned.length
              + "-byte "
              + name
              + " with "
              + out.length
              + " bytes",
          new InterceptedPdu(name, Octets.of(shown != null ? shown : planned), Octets.of(out)));
      record =
          () ->
              trace.pdu(
                  outbound,
                  trace.offset(outbound),
                  name,
                  "as the interceptor replaced it",
                  null,
                  out);
    }
    if (out.length > 0) {
      queue(secure == null ? out : secure.wrap(out), name, record);
    }
  }

  /** What the interceptor makes of planned bytes: the same array when it sends them as planned. */
  private byte[] intercept(String name, Object pdu, byte[] planned) {
    if (interceptor == OutboundInterceptor.NONE) {
      return planned;
    }
    byte[] out =
        interceptor.intercept(
            new OutboundInterceptor.Outbound(trace.phase(), ++ordinal, name, pdu, planned.clone()));
    Objects.requireNonNull(out, "the interceptor returned null");
    return Arrays.equals(out, planned) ? planned : out;
  }

  /**
   * The interceptor sent other bytes than planned.
   *
   * @param name the planned PDU
   * @param planned its bytes as planned (redacted where the trace redacts them)
   * @param sent what went to the peer instead (empty: nothing)
   */
  public record InterceptedPdu(String name, Octets planned, Octets sent) {}

  /**
   * Queues bytes for the driver; {@code record} records what they are once they are written, after
   * the TLS messages and alerts staged since the last queue (they travel in these bytes).
   */
  private void queue(byte[] bytes, String what, Runnable record) {
    List<Runnable> carried = List.copyOf(staged);
    staged.clear();
    output.add(
        new Outgoing(
            bytes,
            what,
            () -> {
              carried.forEach(Runnable::run);
              record.run();
              trace.count(outbound, bytes.length);
            }));
  }

  /** Queues what the record layer itself needs sent (alerts, post-handshake messages). */
  private void queueAll(List<byte[]> records) {
    for (byte[] r : records) {
      queue(r, "TLS records", () -> {});
    }
  }

  /** The bytes to write to the peer, in order, since the last call; none is recorded yet. */
  public List<Outgoing> takeOutput() {
    if (output.isEmpty()) {
      return List.of();
    }
    List<Outgoing> out = List.copyOf(output);
    output.clear();
    return out;
  }

  /**
   * {@code out} reached the kernel at {@code nanos}: what it carries is recorded as sent, stamped
   * then.
   */
  public void written(Outgoing out, long nanos) {
    if (trace.isClosed()) {
      return;
    }
    trace.at(nanos);
    out.record();
  }

  /**
   * Writing {@code out} failed at {@code nanos}: it is recorded as not sent, with why; nothing it
   * carries is recorded as sent.
   */
  public void notWritten(Outgoing out, long nanos, String why) {
    if (trace.isClosed()) {
      return;
    }
    trace.at(nanos);
    trace.note(
        "not sent: " + out.what() + " (" + out.bytes().length + " bytes): " + why,
        new NotSent(out.what(), out.bytes().length, why));
  }

  /**
   * Bytes the driver could not write: they never left, and the trace says so.
   *
   * @param what what they were (a PDU's name, {@code TLS records})
   * @param length how many bytes
   * @param why why the write failed, in words
   */
  public record NotSent(String what, int length, String why) {}

  // ---- TLS and notes --------------------------------------------------------------------------

  /**
   * Records a TLS handshake message seen by this side's TLS session: the peer's at once, this
   * side's when the records that carry it are written.
   */
  public void tls(TlsMessage m, Object detail) {
    Direction d = m.sender() == side ? outbound : inbound;
    Runnable r = () -> trace.tls(d, m.name(), m.summary(), m.length(), m.encrypted(), detail);
    if (d == outbound) {
      staged.add(r);
    } else {
      r.run();
    }
  }

  /** Records a TLS alert seen by this side's TLS session, like {@link #tls}. */
  public void tlsAlert(TlsAlert a) {
    Direction d = a.sender() == side ? outbound : inbound;
    Runnable r =
        () -> trace.tlsAlert(d, a.levelName(), a.descriptionName(), a.description(), a.cause());
    if (d == outbound) {
      staged.add(r);
    } else {
      r.run();
    }
  }

  /** Records a one-line fact. */
  public void note(String text) {
    trace.note(text);
  }

  /** Records a one-line fact and its typed value. */
  public void note(String text, Object detail) {
    trace.note(text, detail);
  }

  /**
   * Installs a record layer: from now on received bytes are unwrapped before framing and sent PDUs
   * are wrapped. Bytes that came in the same read as the end of the handshake are ciphertext: they
   * are unwrapped now.
   */
  public void secure(SecureLayer layer) {
    this.secure = Objects.requireNonNull(layer, "layer");
    if (!released && framer.pending() > 0) {
      ByteBuf rest = Unpooled.wrappedBuffer(framer.drain());
      try {
        framer.append(layer.unwrap(rest));
      } catch (SecureLayer.SecureLayerException e) {
        finish(e.alert() ? CloseKind.TLS_ALERT : CloseKind.MALFORMED_PDU, e.getMessage());
      } finally {
        rest.release();
      }
      queueAll(layer.takeOutput());
    }
  }

  // ---- phase and lifecycle --------------------------------------------------------------------

  /** The phase the connection is in. */
  public Phase phase() {
    return trace.phase();
  }

  /** Moves to another phase. */
  public void phase(Phase phase) {
    trace.phase(phase);
  }

  /** The PDU the connector waits for, or {@code ""} when it waits for nothing. */
  public String awaiting() {
    return finishKind != null || released || handler == null ? "" : handler.awaiting();
  }

  /** Bytes of an incomplete PDU received so far. */
  public int pendingBytes() {
    return framer.pending();
  }

  /** Whether the sequence is over (stopped by choice, refused, or broken); the driver closes. */
  public boolean isFinished() {
    return finishKind != null;
  }

  /** How the sequence finished, or {@code null} while it runs. */
  public CloseKind finishKind() {
    return finishKind;
  }

  /** Why the sequence finished, in words, or empty while it runs. */
  public String finishDetail() {
    return finishDetail;
  }

  /**
   * Whether the sequence finished on bytes from the peer it could not use: the driver keeps reading
   * for a short grace period, so that the close it records is the peer's FIN or RST when one comes
   * (the peer ending the connection is the peer's close, not ours).
   */
  public boolean awaitsPeerClose() {
    return finishKind != null && awaitPeerClose;
  }

  /** Ends the sequence; the first call wins. */
  public void finish(CloseKind kind, String detail) {
    if (finishKind == null) {
      finishKind = Objects.requireNonNull(kind, "kind");
      finishDetail = Objects.requireNonNull(detail, "detail");
    }
  }

  /** Records the end of a finished sequence: closed by this side. */
  public void closeFinished(long nanos) {
    close(finishKind, outbound.sender(), finishDetail, "", nanos);
  }

  /**
   * Records how the connection ended (once; later calls are ignored) and frees the buffers. The
   * driver calls this for every ending: socket facts (FIN, RST, refused, timeout) and the end of a
   * finished sequence.
   *
   * @param exception the socket error as the platform reported it, or empty
   */
  public void close(
      CloseKind kind, ClosedBy closedBy, String detail, String exception, long nanos) {
    Objects.requireNonNull(kind, "kind");
    trace.at(nanos);
    if (!trace.isClosed()) {
      trace.close(kind, closedBy, detail, pendingBytes(), awaiting(), exception);
      finish(kind, detail);
    }
    if (!released) {
      released = true;
      if (secure != null) {
        secure.dispose();
      }
      framer.release();
    }
  }

  /** Whether the buffers are freed (the close is recorded). */
  public boolean isReleased() {
    return released;
  }
}
