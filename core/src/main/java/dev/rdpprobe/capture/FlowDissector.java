package dev.rdpprobe.capture;

import dev.rdpprobe.connect.FrameHint;
import dev.rdpprobe.connect.Framer;
import dev.rdpprobe.connect.StrayBytes;
import dev.rdpprobe.tls.CertificateCheck;
import dev.rdpprobe.tls.CertificateChecker;
import dev.rdpprobe.tls.CipherSuites;
import dev.rdpprobe.tls.TlsAlert;
import dev.rdpprobe.tls.TlsCertificateMessage;
import dev.rdpprobe.tls.TlsClientHello;
import dev.rdpprobe.tls.TlsExtension;
import dev.rdpprobe.tls.TlsHandshakeComplete;
import dev.rdpprobe.tls.TlsMessage;
import dev.rdpprobe.tls.TlsObserver;
import dev.rdpprobe.tls.TlsRecordObserver;
import dev.rdpprobe.tls.TlsServerHello;
import dev.rdpprobe.tls.TlsSide;
import dev.rdpprobe.tls.TlsVersion;
import dev.rdpprobe.trace.CloseKind;
import dev.rdpprobe.trace.ClosedBy;
import dev.rdpprobe.trace.Direction;
import dev.rdpprobe.trace.Phase;
import dev.rdpprobe.trace.Trace;
import dev.rdpprobe.trace.TraceHeader;
import dev.rdpprobe.trace.TraceWriter;
import dev.rdpprobe.wire.DecodeException;
import dev.rdpprobe.wire.Limits;
import dev.rdpprobe.wire.Pdu;
import dev.rdpprobe.wire.credssp.EarlyUserAuthorizationResult;
import dev.rdpprobe.wire.credssp.TsRequest;
import dev.rdpprobe.wire.license.LicensePdu;
import dev.rdpprobe.wire.mcs.AttachUserRequest;
import dev.rdpprobe.wire.mcs.ChannelJoinRequest;
import dev.rdpprobe.wire.mcs.DisconnectProviderUltimatum;
import dev.rdpprobe.wire.mcs.DomainMcsPdu;
import dev.rdpprobe.wire.mcs.ErectDomainRequest;
import dev.rdpprobe.wire.mcs.McsConnectInitial;
import dev.rdpprobe.wire.mcs.McsPdu;
import dev.rdpprobe.wire.mcs.SendDataHeader;
import dev.rdpprobe.wire.mcs.SendDataIndication;
import dev.rdpprobe.wire.mcs.SendDataRequest;
import dev.rdpprobe.wire.sec.ClientInfoPdu;
import dev.rdpprobe.wire.sec.SecurityFlags;
import dev.rdpprobe.wire.share.ControlPdu;
import dev.rdpprobe.wire.share.DemandActivePdu;
import dev.rdpprobe.wire.share.FontMapPdu;
import dev.rdpprobe.wire.share.SynchronizePdu;
import dev.rdpprobe.wire.slowpath.ServerSlowPath;
import dev.rdpprobe.wire.x224.NegotiationFailure;
import dev.rdpprobe.wire.x224.NegotiationResponse;
import dev.rdpprobe.wire.x224.SecurityProtocols;
import dev.rdpprobe.wire.x224.TpktHeader;
import dev.rdpprobe.wire.x224.X224ConnectionConfirm;
import dev.rdpprobe.wire.x224.X224ConnectionRequest;
import dev.rdpprobe.wire.x224.X224Data;
import dev.rdpprobe.wire.x224.X224DisconnectRequest;
import dev.rdpprobe.wire.x224.X224Error;
import dev.rdpprobe.wire.x224.X224Tpdu;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Follows both directions of one TCP flow passively and writes the trace a live probe would: the
 * X.224 Connection Request and Confirm, then the TLS handshake as far as it is in clear (every
 * message of TLS 1.2 up to the ChangeCipherSpecs with the server's certificate checked; TLS 1.3 up
 * to the ServerHello) and the encrypted records after it with their sizes, or with Standard RDP
 * Security the MCS PDUs in clear. The close is the capture's: the first FIN or RST, by whom and
 * when, read in the light of what went before (a refusal, a fatal alert, bytes that do not decode),
 * or the end of the capture.
 *
 * <p>A flow is RDP when the first bytes of its client are an X.224 Connection Request in a TPKT
 * (MS-RDPBCGR 2.2.1.1), whatever the port; other flows are only counted.
 */
final class FlowDissector implements TcpReassembler.FlowListener {
  /** Bytes kept in an undecodable event at most (as a probe keeps). */
  private static final int MAX_UNDECODABLE_BYTES = 4096;

  private enum Mode {
    /** TPKT frames: the X.224 connection TPDUs. */
    X224,
    /** TLS records, in clear up to each side's switch to encryption. */
    TLS,
    /** TPKT and fast-path frames of Standard RDP Security. */
    SLOW_PATH,
    /**
     * What a decrypted TLS stream carries: TSRequests, the Early User Authorization Result, TPKTs.
     */
    INNER,
    /** Bytes counted, no longer decoded (after a gap or bytes that did not decode). */
    LOST
  }

  private final TcpReassembler.FlowId id;
  private final CertificateChecker certificates;
  private final long startNanos;
  private TraceWriter trace;
  private TcpReassembler.Side clientSide;
  private String notRdp;
  private final Half client = new Half(Direction.CLIENT_TO_SERVER);
  private final Half server = new Half(Direction.SERVER_TO_CLIENT);
  private TlsRecordObserver tls;
  private final TlsDecrypter decrypter;
  private boolean earlyAuthorizationSeen;
  private SecurityProtocols offered;
  private SecurityProtocols selected;
  private boolean confirmed;
  private boolean tlsDone;
  private boolean tls13;
  private boolean clientEncrypted;
  private boolean serverEncrypted;
  private TlsClientHello clientHello;
  private TlsServerHello serverHello;
  private boolean certificateChecked;
  private CloseKind judged;
  private String judgedDetail = "";
  private boolean judgedUntilPeerCloses;
  private Trace result;
  private final java.util.function.Consumer<FlowDissector> ended;

  /** One direction's decoding state. */
  private static final class Half {
    final Direction direction;
    final Framer framer = new Framer();
    Mode mode = Mode.X224;

    Half(Direction direction) {
      this.direction = direction;
    }
  }

  /**
   * @param keyLog the TLS secrets known, by client random and label (read as the flow goes)
   * @param ended told once, when the flow has ended and {@link #trace()} or {@link #notRdp()} says
   *     what it was
   */
  FlowDissector(
      TcpReassembler.FlowId id,
      CertificateChecker certificates,
      Map<String, Map<String, byte[]>> keyLog,
      java.util.function.Consumer<FlowDissector> ended) {
    this.decrypter = new TlsDecrypter(keyLog);
    this.ended = Objects.requireNonNull(ended, "ended");
    this.id = Objects.requireNonNull(id, "id");
    this.certificates = Objects.requireNonNull(certificates, "certificates");
    this.startNanos = id.epochNanos();
  }

  /** The flow this dissector follows. */
  TcpReassembler.FlowId id() {
    return id;
  }

  /** The trace, once the flow ended and was RDP; {@code null} otherwise. */
  Trace trace() {
    return result;
  }

  /** Why the flow is not RDP, once that is known; {@code null} while it may be. */
  String notRdp() {
    return notRdp;
  }

  // ---- the reassembler's events ---------------------------------------------------------------

  @Override
  public void data(TcpReassembler.Side sender, long offset, byte[] bytes, long epochNanos, long p) {
    if (notRdp != null || result != null) {
      return;
    }
    if (trace == null) {
      if (early(sender, offset, bytes, epochNanos, p)) {
        return;
      }
      if (!start(sender, offset, bytes, p)) {
        return;
      }
      process(sender, bytes, epochNanos);
      // the server's bytes the capture held before the client's first (a capture may reorder)
      List<Early> stash = List.copyOf(this.stash);
      this.stash.clear();
      for (Early e : stash) {
        process(e.sender(), e.bytes(), e.epochNanos());
      }
      return;
    }
    process(sender, bytes, epochNanos);
  }

  /** Bytes of the server that came before the client's first bytes in the file. */
  private record Early(TcpReassembler.Side sender, byte[] bytes, long epochNanos) {}

  private final List<Early> stash = new ArrayList<>();
  private int stashed;

  /**
   * Keeps the responder's first bytes when the capture holds them before the initiator's (bounded
   * by {@link Limits#PENDING_BYTES}): the client speaks first in RDP, and the initiator of a flow
   * whose SYN was seen is the client.
   */
  private boolean early(TcpReassembler.Side sender, long offset, byte[] bytes, long nanos, long p) {
    if (!id.sawSyn() || sender != TcpReassembler.Side.RESPONDER || offset != stashed) {
      return false;
    }
    if (stashed + bytes.length > Limits.PENDING_BYTES) {
      notRdp = "the server sent " + (stashed + bytes.length) + " bytes before the client spoke";
      stash.clear();
      return true;
    }
    stash.add(new Early(sender, bytes.clone(), nanos));
    stashed += bytes.length;
    return true;
  }

  private void process(TcpReassembler.Side sender, byte[] bytes, long epochNanos) {
    Half h = half(sender);
    trace.at(epochNanos - startNanos);
    trace.count(h.direction, bytes.length);
    switch (h.mode) {
      case X224, SLOW_PATH -> {
        h.framer.append(bytes);
        drain(h);
      }
      case TLS, INNER -> feedTls(h, bytes);
      case LOST -> {}
    }
  }

  @Override
  public void gap(TcpReassembler.Side sender, long offset, long missing, long epochNanos, long p) {
    if (trace == null || result != null) {
      return;
    }
    Half h = half(sender);
    trace.at(epochNanos - startNanos);
    trace.count(h.direction, missing);
    trace.note(
        "the capture misses "
            + missing
            + " bytes the "
            + who(h.direction)
            + " sent (from byte "
            + offset
            + " of its stream"
            + (p > 0 ? ", told at packet " + p : ", at the end of the capture")
            + "): what follows in that direction is counted, not decoded",
        new CaptureGap(h.direction, offset, missing, p));
    h.mode = Mode.LOST;
  }

  @Override
  public void fin(TcpReassembler.Side sender, long epochNanos, long packet) {
    closed(sender, false, epochNanos, packet);
  }

  @Override
  public void rst(TcpReassembler.Side sender, long epochNanos, long packet) {
    closed(sender, true, epochNanos, packet);
  }

  @Override
  public void end(long epochNanos) {
    if (trace == null) {
      if (notRdp == null) {
        notRdp =
            stashed > 0
                ? "only the server sent bytes (" + stashed + "), the client none"
                : "no payload in the capture";
      }
      ended.accept(this);
      return;
    }
    if (ending != null) {
      trace.at(Math.max(ending.nanos(), trace.now()));
      trace.close(ending.kind(), ending.by(), ending.detail(), ending.pending(), ending.awaiting());
    } else {
      trace.at(trace.now());
      trace.close(
          CloseKind.CAPTURE_ENDED,
          ClosedBy.NONE,
          "the capture ended with the connection still open"
              + (judged != null ? " (" + judgedDetail + ")" : ""),
          server.framer.pending(),
          awaiting());
    }
    client.framer.release();
    server.framer.release();
    result = trace.trace();
    ended.accept(this);
  }

  // ---- start: is it RDP? ----------------------------------------------------------------------

  private boolean start(TcpReassembler.Side sender, long offset, byte[] bytes, long packet) {
    if (offset != 0) {
      notRdp =
          "the capture holds this flow's bytes from byte "
              + offset
              + " on (it began mid-connection): its X.224 Connection Request is not in it";
      return false;
    }
    if (!isConnectionRequest(bytes)) {
      notRdp =
          "its first bytes (packet "
              + packet
              + ") are not an X.224 Connection Request"
              + (id.sawSyn() ? "" : " (the capture may have begun mid-connection)");
      return false;
    }
    clientSide = sender;
    TcpSegment.Endpoint c =
        sender == TcpReassembler.Side.INITIATOR ? id.initiator() : id.responder();
    TcpSegment.Endpoint s =
        sender == TcpReassembler.Side.INITIATOR ? id.responder() : id.initiator();
    TraceHeader header =
        TraceHeader.of(
            TraceHeader.Origin.CAPTURE,
            Instant.ofEpochSecond(startNanos / 1_000_000_000L, startNanos % 1_000_000_000L));
    trace = new TraceWriter(header);
    trace.at(0);
    trace.connected(c.toString(), s.toString(), "capture");
    if (!id.sawSyn()) {
      trace.note("the capture holds no SYN of this connection: it began after the TCP handshake");
    }
    trace.phase(Phase.X224_NEGOTIATION);
    return true;
  }

  /** Whether {@code b} starts with a TPKT holding an X.224 Connection Request (code E0). */
  static boolean isConnectionRequest(byte[] b) {
    return b.length >= TpktHeader.FIXED_PART_SIZE + 2
        && b[0] == TpktHeader.VERSION
        && b[1] == 0
        && ((b[2] & 0xFF) << 8 | (b[3] & 0xFF)) >= TpktHeader.FIXED_PART_SIZE + 2
        && (b[5] & 0xF0) == X224Tpdu.CODE_CONNECTION_REQUEST;
  }

  private Half half(TcpReassembler.Side sender) {
    return sender == clientSide ? client : server;
  }

  private Half other(Half h) {
    return h == client ? server : client;
  }

  private static String who(Direction d) {
    return d == Direction.CLIENT_TO_SERVER ? "client" : "server";
  }

  // ---- TPKT frames ----------------------------------------------------------------------------

  /** Frames of Standard RDP Security: a TPKT, or a fast-path PDU (MS-RDPBCGR 2.2.9.1.2). */
  private static final FrameHint SLOW_OR_FAST_PATH =
      new FrameHint() {
        @Override
        public String name() {
          return "TPKT or fast-path PDU";
        }

        @Override
        public int frameLength(ByteBuf in) {
          int i = in.readerIndex();
          if (in.getUnsignedByte(i) == TpktHeader.VERSION) {
            return TpktHeader.frameLength(in);
          }
          if ((in.getUnsignedByte(i) & 0x03) != 0) {
            throw new DecodeException(
                DecodeException.Kind.INVALID_FIELD,
                name(),
                "action",
                0,
                in.getUnsignedByte(i),
                "03 (TPKT) or a fast-path header");
          }
          if (in.readableBytes() < 2) {
            return -1;
          }
          int b1 = in.getUnsignedByte(i + 1);
          int header = (b1 & 0x80) == 0 ? 2 : 3;
          if (in.readableBytes() < header) {
            return -1;
          }
          int length = header == 2 ? b1 : (b1 & 0x7F) << 8 | in.getUnsignedByte(i + 2);
          if (length < header) {
            // the length counts the header itself: shorter is no PDU (and would frame nothing)
            throw new DecodeException(
                DecodeException.Kind.INVALID_FIELD,
                name(),
                "length",
                1,
                length,
                "at least the header's " + header + " bytes");
          }
          return length;
        }

        @Override
        public int maxLength() {
          return TpktHeader.MAX_LENGTH;
        }
      };

  private void drain(Half h) {
    while (h.mode == Mode.X224 || h.mode == Mode.SLOW_PATH) {
      FrameHint hint = h.mode == Mode.X224 ? FrameHint.TPKT : SLOW_OR_FAST_PATH;
      ByteBuf frame;
      try {
        frame = h.framer.next(hint);
      } catch (DecodeException e) {
        unframeable(h, hint, e);
        return;
      }
      if (frame == null) {
        return;
      }
      long start = trace.offset(h.direction) - h.framer.pending() - frame.readableBytes();
      if (h.mode == Mode.X224) {
        x224(h, frame, start);
      } else {
        slowPath(h, frame, start);
      }
    }
  }

  private void x224(Half h, ByteBuf frame, long start) {
    X224Tpdu tpdu;
    try {
      tpdu = X224Tpdu.decode(frame.duplicate());
    } catch (DecodeException e) {
      malformed(
          h,
          frame,
          start,
          e,
          h == client ? X224ConnectionRequest.NAME : X224ConnectionConfirm.NAME);
      return;
    }
    trace.pdu(h.direction, start, tpdu.name(), tpdu.summary(), tpdu, ByteBufUtil.getBytes(frame));
    if (h == client) {
      if (tpdu instanceof X224ConnectionRequest cr && offered == null) {
        offered =
            cr.negotiationRequest() == null
                ? SecurityProtocols.RDP
                : cr.negotiationRequest().requestedProtocols();
      }
      return; // a second Connection Request is recorded too
    }
    if (tpdu instanceof X224ConnectionConfirm confirm && !confirmed) {
      confirmed = true;
      confirm(confirm);
    } else if (tpdu instanceof X224DisconnectRequest dr) {
      judge(
          CloseKind.REFUSED_BY_SERVER,
          "the server sent an X.224 Disconnect Request (reason: " + dr.reason() + ")");
    } else if (tpdu instanceof X224Error er) {
      judge(
          CloseKind.REFUSED_BY_SERVER,
          "the server rejected the Connection Request with an X.224 TPDU Error ("
              + er.rejectCause()
              + ")");
    } else if (tpdu instanceof X224Data && !confirmed) {
      judge(
          CloseKind.PROTOCOL_VIOLATION,
          "the server sent X.224 Data before confirming the connection");
    }
  }

  private void confirm(X224ConnectionConfirm confirm) {
    if (confirm.negotiation() instanceof NegotiationFailure failure) {
      judge(
          CloseKind.REFUSED_BY_SERVER,
          "RDP_NEG_FAILURE " + failure.failureCode() + ": " + failure.failureCode().description());
      return;
    }
    SecurityProtocols offer = offered == null ? SecurityProtocols.RDP : offered;
    if (confirm.negotiation() instanceof NegotiationResponse response) {
      selected = response.selectedProtocol();
      // what a client makes of the selection (MS-RDPBCGR 3.3.5.3.2), as the probe's own step
      if (Integer.bitCount(selected.bits()) > 1) {
        judge(
            CloseKind.PROTOCOL_VIOLATION,
            "the server selected several protocols at once (" + selected + ")");
        return;
      }
      if (selected.bits() == 0 && offer.bits() != 0) {
        trace.note(
            "the server selected Standard RDP Security although the client offered "
                + offer
                + " (PROTOCOL_RDP is never a bit of the offer; a client that requires TLS stops"
                + " here)");
      }
      if (!offer.contains(selected)) {
        judge(
            CloseKind.PROTOCOL_VIOLATION,
            "the server selected "
                + selected
                + ", which the client did not offer (offered: "
                + offer
                + ")");
        return;
      }
    } else {
      selected = SecurityProtocols.RDP;
      trace.note("no negotiation data in the Connection Confirm: Standard RDP Security only");
    }
    if (selected.usesTls()) {
      trace.phase(Phase.TLS_HANDSHAKE);
      tls = new TlsRecordObserver(new Observer());
      tls.decrypter(decrypter);
      // bytes after the Confirm in either direction are TLS records
      switchTo(server, Mode.TLS);
      switchTo(client, Mode.TLS);
    } else {
      trace.phase(Phase.BASIC_SETTINGS);
      trace.note(
          "Standard RDP Security: the MCS PDUs are in clear; what the client random encrypts"
              + " is counted, not decoded");
      client.mode = Mode.SLOW_PATH;
      server.mode = Mode.SLOW_PATH;
    }
  }

  private void switchTo(Half h, Mode mode) {
    h.mode = mode;
    if (mode == Mode.TLS && h.framer.pending() > 0) {
      feedTls(h, h.framer.drain());
    }
  }

  private void slowPath(Half h, ByteBuf frame, long start) {
    byte[] raw = ByteBufUtil.getBytes(frame);
    if (raw[0] != TpktHeader.VERSION) {
      trace.pdu(h.direction, start, "Fast-Path PDU", raw.length + " bytes", null, raw);
      return;
    }
    Pdu pdu;
    boolean licensing = false;
    try {
      X224Tpdu tpdu = X224Tpdu.decode(frame.duplicate());
      pdu = tpdu instanceof X224Data ? McsPdu.decodeFramed(frame.duplicate()) : tpdu;
      if (h == server && pdu instanceof SendDataIndication && licensingInClear(frame)) {
        pdu = ServerSlowPath.decodeFramed(frame.duplicate()).pdu();
        licensing = true;
      }
    } catch (DecodeException e) {
      if (h == client && ErectDomainRequest.isFixedFieldForm(frame)) {
        // tshark decodes it too; a server takes it (the emulator's McsServer does the same)
        if (Phase.CHANNEL_CONNECT.isAfter(trace.phase())) {
          trace.phase(Phase.CHANNEL_CONNECT);
        }
        trace.pdu(
            h.direction,
            start,
            ErectDomainRequest.NAME,
            ErectDomainRequest.FIXED_FIELD_FORM,
            null,
            raw);
        return;
      }
      malformed(h, frame, start, e, "MCS PDU");
      return;
    }
    Phase phase = licensing ? Phase.LICENSING : phaseOf(pdu, h);
    if (phase != null && phase.isAfter(trace.phase())) {
      trace.phase(phase);
    }
    trace.pdu(h.direction, start, pdu.name(), pdu.summary(), pdu, raw);
    if (h == server && pdu instanceof DisconnectProviderUltimatum dpum) {
      judge(
          CloseKind.REFUSED_BY_SERVER,
          "the server ended the MCS domain: Disconnect Provider Ultimatum (" + dpum.reason() + ")");
    } else if (h == server && pdu instanceof X224DisconnectRequest dr) {
      judge(
          CloseKind.REFUSED_BY_SERVER,
          "the server sent an X.224 Disconnect Request (" + dr.reason() + ")");
    }
  }

  /** Frames of a decrypted TLS stream, each framed by what it starts with. */
  private void drainInner(Half h) {
    while (h.mode == Mode.INNER && h.framer.pending() > 0) {
      ByteBuf pending = h.framer.pendingBytes();
      int first = pending.getUnsignedByte(pending.readerIndex());
      FrameHint hint;
      if (first == 0x30) {
        hint = FrameHint.TS_REQUEST;
      } else if (first == TpktHeader.VERSION) {
        hint = SLOW_OR_FAST_PATH;
      } else if (h == server
          && !earlyAuthorizationSeen
          && selected.contains(SecurityProtocols.HYBRID_EX)
          && trace.phase() == Phase.CREDSSP) {
        hint = FrameHint.EARLY_USER_AUTHORIZATION_RESULT;
      } else {
        hint = SLOW_OR_FAST_PATH;
      }
      ByteBuf frame;
      try {
        frame = h.framer.next(hint);
      } catch (DecodeException e) {
        unframeable(h, hint, e);
        return;
      }
      if (frame == null) {
        return;
      }
      long start = trace.offset(h.direction); // under TLS: where the stream is now
      inner(h, hint, frame, start);
    }
  }

  private void inner(Half h, FrameHint hint, ByteBuf frame, long start) {
    byte[] raw = ByteBufUtil.getBytes(frame);
    if (h == client && (hint == FrameHint.TS_REQUEST || isClientInfo(frame))) {
      secret(
          hint,
          raw.length,
          start,
          hint == FrameHint.TS_REQUEST ? versionOnly(frame) : clientInfo(frame));
      return;
    }
    Pdu pdu;
    try {
      if (hint == FrameHint.TS_REQUEST) {
        pdu = TsRequest.decode(frame.duplicate());
      } else if (hint == FrameHint.EARLY_USER_AUTHORIZATION_RESULT) {
        pdu = EarlyUserAuthorizationResult.decode(frame.duplicate());
        earlyAuthorizationSeen = true;
        trace.phase(Phase.EARLY_USER_AUTH);
      } else if (h == client
          && trace.phase() == Phase.LICENSING
          && (clientSecurityFlags(frame) & SecurityFlags.SEC_LICENSE_PKT) != 0) {
        // the client's licensing answer, a License PDU as the probe records it (MS-RDPBCGR
        // 2.2.1.12); under TLS it carries no secret: the premaster is encrypted to the server.
        // Only while licensing: later PDUs have no security header, and the low byte of a Share
        // Control Header's length can look like these flags
        pdu = LicensePdu.decodeFramed(frame.duplicate()).pdu();
      } else if (h == server
          && isSendDataIndication(frame)
          && trace.phase().isAfter(Phase.CHANNEL_CONNECT)) {
        pdu = ServerSlowPath.decodeFramed(frame.duplicate()).pdu();
        // the server's Synchronize, Control and Font Map PDUs answer the client's finalization
        // (MS-RDPBCGR 1.3.1.1, Connection Finalization), as a probe records them
        Phase phase =
            pdu instanceof DemandActivePdu
                ? Phase.CAPABILITIES
                : pdu instanceof LicensePdu
                    ? Phase.LICENSING
                    : pdu instanceof SynchronizePdu
                            || pdu instanceof ControlPdu
                            || pdu instanceof FontMapPdu
                        ? Phase.FINALIZATION
                        : null;
        if (phase != null && phase.isAfter(trace.phase())) {
          trace.phase(phase);
        }
      } else {
        slowPath(h, frame, start);
        return;
      }
    } catch (DecodeException e) {
      malformed(h, frame, start, e, hint.name());
      return;
    }
    trace.pdu(h.direction, start, pdu.name(), pdu.summary(), pdu, raw);
  }

  /**
   * A client PDU that may carry its user's secrets (a TSRequest with an NTLM AUTHENTICATE or
   * TSCredentials, a Client Info PDU with a password): named with its size, its bytes kept out of
   * the trace (ARCHITECTURE.md, Rules: secrets are never printed).
   */
  private void secret(FrameHint hint, int length, long start, Pdu withoutSecrets) {
    boolean info = hint != FrameHint.TS_REQUEST;
    if (info) {
      // the Secure Settings step sends it and goes on: the probe records it in the next phase
      trace.phase(Phase.LICENSING);
    } else if (Phase.CREDSSP.isAfter(trace.phase())) {
      trace.phase(Phase.CREDSSP);
    }
    trace.pdu(
        Direction.CLIENT_TO_SERVER,
        start,
        info ? ClientInfoPdu.NAME : TsRequest.NAME,
        length + " bytes, kept out of the trace: the client's may hold its user's secrets",
        withoutSecrets,
        new byte[0]);
  }

  /**
   * A client's TSRequest as its version alone ({@code TsRequest.of(version)}, no token, no
   * credentials, no pubKeyAuth) as the event's record, for what reads the client's CredSSP version
   * (a replay); {@code null} when it does not decode.
   */
  private static TsRequest versionOnly(ByteBuf frame) {
    try {
      return TsRequest.of(TsRequest.decode(frame.duplicate()).version());
    } catch (DecodeException | IllegalArgumentException e) {
      return null; // a malformed TSRequest: size only
    }
  }

  /**
   * The Client Info PDU in {@code frame} without its secrets ({@link ClientInfoPdu#withoutSecrets})
   * as the event's record, for what reads the client's flags (a replay); {@code null} when it is
   * encrypted or does not decode. Its bytes stay out of the trace.
   */
  private static ClientInfoPdu clientInfo(ByteBuf frame) {
    try {
      if (McsPdu.decodeFramed(frame.duplicate()) instanceof SendDataRequest r) {
        ByteBuf user = r.userData().asByteBuf();
        try {
          return ClientInfoPdu.decode(user).withoutSecrets();
        } finally {
          user.release();
        }
      }
    } catch (DecodeException | IllegalArgumentException e) {
      // an encrypted Info Packet (Standard RDP Security) or a malformed one: size only
    }
    return null;
  }

  /**
   * Whether a client's TPKT frame is the Client Info PDU: a Send Data Request after the channel
   * joins whose security header has SEC_INFO_PKT (MS-RDPBCGR 2.2.1.11.1).
   */
  private boolean isClientInfo(ByteBuf frame) {
    // after licensing, PDUs have no security header (see the License PDU above)
    return !trace.phase().isAfter(Phase.LICENSING)
        && (clientSecurityFlags(frame) & SecurityFlags.SEC_INFO_PKT) != 0;
  }

  /**
   * The low byte of the security header's flags (MS-RDPBCGR 2.2.8.1.1.2.1) of a client's Send Data
   * Request after the channel joins, or 0 for any other frame.
   */
  private int clientSecurityFlags(ByteBuf frame) {
    if (!trace.phase().isAfter(Phase.BASIC_SETTINGS) || frame.readableBytes() < 20) {
      return 0;
    }
    try {
      SendDataHeader header = SendDataHeader.decodeFramed(frame.duplicate());
      int flagsAt = frame.readerIndex() + frame.readableBytes() - header.userDataLength();
      return frame.getUnsignedByte(flagsAt);
    } catch (DecodeException e) {
      return 0;
    }
  }

  /** Whether a TPKT frame holds an MCS Send Data Indication (T.125, choice 26). */
  private static boolean isSendDataIndication(ByteBuf frame) {
    int at = frame.readerIndex() + X224Data.HEADER_SIZE;
    return frame.readableBytes() > X224Data.HEADER_SIZE
        && frame.getUnsignedByte(frame.readerIndex()) == TpktHeader.VERSION
        && frame.getUnsignedByte(at) >> 2 == DomainMcsPdu.CHOICE_SEND_DATA_INDICATION;
  }

  /**
   * Whether a server's Send Data Indication under Standard RDP Security is a licensing PDU in
   * clear: SEC_LICENSE_PKT without SEC_ENCRYPT in its security header (MS-RDPBCGR 2.2.1.12, 5.3.6),
   * which tshark decodes too. What SEC_ENCRYPT protects stays counted, not decoded.
   */
  private boolean licensingInClear(ByteBuf frame) {
    if (selected == null || selected.usesTls() || !trace.phase().isAfter(Phase.CHANNEL_CONNECT)) {
      return false;
    }
    SecurityFlags flags = securityFlags(frame);
    return flags != null
        && flags.has(SecurityFlags.SEC_LICENSE_PKT)
        && !flags.has(SecurityFlags.SEC_ENCRYPT);
  }

  /** The flags of the security header a Send Data PDU's user data starts with, or {@code null}. */
  private static SecurityFlags securityFlags(ByteBuf frame) {
    try {
      SendDataHeader header = SendDataHeader.decodeFramed(frame.duplicate());
      if (header.userDataLength() < 4) {
        return null;
      }
      int flagsAt = frame.readerIndex() + frame.readableBytes() - header.userDataLength();
      return new SecurityFlags(frame.getUnsignedShortLE(flagsAt));
    } catch (DecodeException e) {
      return null;
    }
  }

  /** The phase a client's PDU opens under Standard RDP Security, or {@code null}. */
  private Phase phaseOf(Pdu pdu, Half h) {
    if (h != client) {
      return null;
    }
    if (pdu instanceof McsConnectInitial) {
      return Phase.BASIC_SETTINGS;
    }
    if (pdu instanceof ErectDomainRequest
        || pdu instanceof AttachUserRequest
        || pdu instanceof ChannelJoinRequest) {
      return Phase.CHANNEL_CONNECT;
    }
    if (pdu instanceof SendDataRequest) {
      // the Security Exchange PDU first, then the Client Info PDU (MS-RDPBCGR 1.3.1.1)
      // no Security Exchange under TLS: the Client Info PDU comes first
      return trace.phase().isAfter(Phase.CHANNEL_CONNECT) || selected.usesTls()
          ? Phase.SECURE_SETTINGS
          : Phase.SECURITY_EXCHANGE;
    }
    return null;
  }

  private void unframeable(Half h, FrameHint hint, DecodeException e) {
    ByteBuf pending = h.framer.pendingBytes();
    long start = trace.offset(h.direction) - pending.readableBytes();
    String detail =
        hint.describeUnframeable(pending).replaceFirst("^peer", who(h.direction))
            + ": "
            + e.getMessage();
    byte[] raw =
        ByteBufUtil.getBytes(
            pending,
            pending.readerIndex(),
            Math.min(pending.readableBytes(), MAX_UNDECODABLE_BYTES));
    trace.undecodable(h.direction, start, awaitedFrom(h), e.kind().name(), detail, e.offset(), raw);
    h.framer.skip(pending.readableBytes());
    h.mode = Mode.LOST;
    if (h == server) {
      judgeUnlessServerCloses(CloseKind.MALFORMED_PDU, detail);
    }
  }

  private void malformed(Half h, ByteBuf frame, long start, DecodeException e, String expected) {
    String detail =
        "the "
            + who(h.direction)
            + "'s "
            + frame.readableBytes()
            + "-byte TPKT frame is not a valid "
            + expected
            + ": "
            + e.getMessage();
    byte[] raw =
        ByteBufUtil.getBytes(
            frame, frame.readerIndex(), Math.min(frame.readableBytes(), MAX_UNDECODABLE_BYTES));
    trace.undecodable(h.direction, start, expected, e.kind().name(), detail, e.offset(), raw);
    if (h == server) {
      judgeUnlessServerCloses(CloseKind.MALFORMED_PDU, detail);
    }
  }

  private String awaitedFrom(Half h) {
    if (h == server) {
      return confirmed ? "MCS PDU" : X224ConnectionConfirm.NAME;
    }
    return X224ConnectionRequest.NAME;
  }

  // ---- TLS ------------------------------------------------------------------------------------

  private void feedTls(Half h, byte[] bytes) {
    TlsSide sender = h == client ? TlsSide.CLIENT : TlsSide.SERVER;
    long start = trace.offset(h.direction) - bytes.length;
    try {
      tls.feed(sender, bytes);
    } catch (DecodeException e) {
      notTls(h, sender, bytes, start, e);
    }
  }

  /** Bytes where a TLS record was due: a PDU in clear (named), or undecodable. */
  private void notTls(Half h, TlsSide sender, byte[] bytes, long start, DecodeException e) {
    h.mode = Mode.LOST;
    ByteBuf in = Unpooled.wrappedBuffer(bytes);
    StrayBytes.Stray stray = StrayBytes.recognize(in, sender);
    String where = "where a TLS record was due";
    if (stray != null && stray.pdu() != null) {
      trace.pdu(
          h.direction,
          start,
          stray.name(),
          stray.pdu().summary() + ", " + where,
          stray.pdu(),
          Arrays.copyOf(bytes, stray.length()));
      if (h == server) {
        judgeUnlessServerCloses(
            stray.isGoodbye() ? CloseKind.REFUSED_BY_SERVER : CloseKind.MALFORMED_PDU,
            "the server sent " + stray.name() + " in the clear " + where);
      }
      return;
    }
    String detail = TlsRecordObserver.describeNotTls(sender, in) + ": " + e.getMessage();
    trace.undecodable(
        h.direction,
        start,
        tlsDone ? "TLS record" : h == server ? "TLS ServerHello" : "TLS ClientHello",
        e.kind().name(),
        detail,
        e.offset(),
        Arrays.copyOf(bytes, Math.min(bytes.length, MAX_UNDECODABLE_BYTES)));
    if (h == server) {
      judgeUnlessServerCloses(CloseKind.MALFORMED_PDU, detail);
    }
  }

  /** Turns what the record observer sees into trace events. */
  private final class Observer implements TlsObserver {
    @Override
    public void message(TlsMessage m) {
      Direction d =
          m.sender() == TlsSide.CLIENT ? Direction.CLIENT_TO_SERVER : Direction.SERVER_TO_CLIENT;
      Object detail = m.decoded();
      if (detail instanceof TlsClientHello ch && m.sender() == TlsSide.CLIENT) {
        clientHello = ch;
        decrypter.clientRandom(ch.random().toByteArray());
      }
      if (detail instanceof TlsServerHello sh && m.sender() == TlsSide.SERVER) {
        serverHello = sh;
        decrypter.serverHello(
            sh.random().toByteArray(),
            sh.selectedVersion(),
            sh.cipherSuite(),
            sh.extension(TlsExtension.ENCRYPT_THEN_MAC).isPresent());
        tls13 = !sh.isHelloRetryRequest() && sh.selectedVersion() == TlsVersion.TLS_1_3.wireValue();
      }
      if (detail instanceof TlsCertificateMessage cert
          && m.sender() == TlsSide.SERVER
          && !certificateChecked) {
        certificateChecked = true;
        detail = check(cert);
      }
      if (tlsDone && m.encrypted()) {
        trace.tls(d, "encrypted application data", m.length() + " bytes", m.length(), true, null);
        return;
      }
      trace.tls(d, m.name(), m.summary(), m.length(), m.encrypted(), detail);
      if (m.encrypted() && serverHello != null) {
        if (m.sender() == TlsSide.CLIENT) {
          clientEncrypted = true;
        } else {
          serverEncrypted = true;
        }
        if (clientEncrypted && serverEncrypted && !tlsDone) {
          handshakeDone();
        }
      }
    }

    @Override
    public void applicationData(TlsSide sender, byte[] plaintext) {
      Half h = sender == TlsSide.CLIENT ? client : server;
      if (!tlsDone || h.mode == Mode.LOST) {
        return;
      }
      h.mode = Mode.INNER;
      h.framer.append(plaintext);
      drainInner(h);
    }

    @Override
    public void alert(TlsAlert a) {
      Direction d =
          a.sender() == TlsSide.CLIENT ? Direction.CLIENT_TO_SERVER : Direction.SERVER_TO_CLIENT;
      trace.tlsAlert(d, a.levelName(), a.descriptionName(), a.description(), a.cause());
      if (a.level() == TlsAlert.FATAL) {
        judge(
            CloseKind.TLS_ALERT,
            "the "
                + who(d)
                + " sent a fatal TLS alert: "
                + a.descriptionName()
                + " ("
                + a.description()
                + ")");
      }
    }
  }

  private CertificateCheck check(TlsCertificateMessage cert) {
    String host = clientHello == null ? null : sni(clientHello);
    return certificates.check(cert.certificates(), trace.header().wallClock(trace.now()), host);
  }

  private static String sni(TlsClientHello hello) {
    try {
      return hello.serverName().orElse(null);
    } catch (DecodeException e) {
      return null;
    }
  }

  private void handshakeDone() {
    tlsDone = true;
    TlsVersion version = TlsVersion.fromWire(serverHello.selectedVersion()).orElse(null);
    String suite = CipherSuites.name(serverHello.cipherSuite());
    trace.note(
        "TLS handshake complete: " + (version == null ? "unknown version" : version) + ", " + suite,
        new TlsHandshakeComplete(version, suite));
    boolean credSsp =
        selected.contains(SecurityProtocols.HYBRID)
            || selected.contains(SecurityProtocols.HYBRID_EX);
    trace.phase(credSsp ? Phase.CREDSSP : Phase.BASIC_SETTINGS);
    if (decrypter.hasSecrets()) {
      trace.note("the key log holds this connection's TLS secrets: what follows is decrypted");
    } else {
      trace.note(
          "what follows is encrypted: without the connection's TLS secrets its PDUs are named by"
              + " their sizes only");
    }
  }

  // ---- the close ------------------------------------------------------------------------------

  /**
   * What the trace so far says the connection's end is about, as the client's sequence would finish
   * on it; the first judgment stays. A client that finishes on a PDU closes at once: its judgment
   * stands whoever's FIN or RST the capture shows first.
   */
  private void judge(CloseKind kind, String detail) {
    if (judged == null) {
      judged = kind;
      judgedDetail = detail;
    }
  }

  /**
   * A judgment on bytes the client cannot use where a frame was due: a client waits a moment for
   * the server's own close there (ARCHITECTURE.md, the connector), so it stands only when the
   * client closes first.
   */
  private void judgeUnlessServerCloses(CloseKind kind, String detail) {
    if (judged == null) {
      judge(kind, detail);
      judgedUntilPeerCloses = true;
    }
  }

  /**
   * The first FIN or RST decides how the connection ended; the close is recorded when the flow is
   * over, so that what the other side still sent (a ClientHello already on its way) comes before
   * it, as in the trace of the side that read the close.
   */
  private void closed(TcpReassembler.Side sender, boolean reset, long epochNanos, long packet) {
    if (trace == null || ending != null) {
      return;
    }
    ClosedBy by = sender == clientSide ? ClosedBy.CLIENT : ClosedBy.SERVER;
    CloseKind kind =
        by == ClosedBy.SERVER
            ? (reset ? CloseKind.PEER_RST : CloseKind.PEER_FIN)
            : (reset ? CloseKind.CLIENT_RST : CloseKind.CLIENT_FIN);
    String how =
        "the "
            + who(by.sends())
            + " "
            + (reset ? "reset the connection (RST" : "closed the connection (FIN")
            + ", packet "
            + packet
            + ")";
    String detail = how;
    if (judged != null && judgedUntilPeerCloses && by == ClosedBy.SERVER) {
      detail = how + ", after this: " + judgedDetail;
    } else if (judged != null) {
      // the kind says the client closed on what it read (CloseKind): so it would, whoever's FIN
      // or RST the capture shows first; the detail tells which
      kind = judged;
      by = judged.closedBy();
      detail = judgedDetail + "; then " + how;
    }
    ending =
        new Ending(kind, by, detail, epochNanos - startNanos, server.framer.pending(), awaiting());
  }

  /** How the flow ended, decided at its first FIN or RST. */
  private record Ending(
      CloseKind kind, ClosedBy by, String detail, long nanos, int pending, String awaiting) {}

  private Ending ending;

  private String awaiting() {
    if (!confirmed) {
      return X224ConnectionConfirm.NAME;
    }
    if (tls != null && !tlsDone) {
      return serverHello == null ? "TLS ServerHello" : "rest of the TLS handshake";
    }
    return "";
  }
}
