package dev.rdpprobe.tls;

import dev.rdpprobe.wire.DecodeException;
import dev.rdpprobe.wire.Limits;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.EOFException;
import java.io.IOException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.AlertLevel;
import org.bouncycastle.tls.TlsContext;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsFatalAlertReceived;
import org.bouncycastle.tls.TlsNoCloseNotifyException;
import org.bouncycastle.tls.TlsProtocol;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One end of a TLS connection as a sans-I/O object over Bouncy Castle's non-blocking protocol
 * classes: the driver hands it every byte received ({@link #receive}), writes what {@link
 * #takeOutput()} returns, and tells it when the peer's transport closed ({@link #peerClosed()}). It
 * never touches a socket, a clock or a thread.
 *
 * <p>Everything that happens is reported to a {@link TlsObserver} as it happens: each handshake
 * message in both directions, in plaintext even where it was encrypted on the wire (Bouncy Castle's
 * record hooks {@code processRecord} and {@code writeRecord} are where the session looks), each
 * alert sent or received, and bytes that are not TLS.
 *
 * <p>A failure is thrown as {@link TlsFailure} and kept ({@link #failure()}); an alert our side
 * raised is still in {@link #takeOutput()} for the driver to send. After a failure or a close,
 * {@link #receive} ignores what it is given.
 *
 * <p>Not thread-safe: drive a session from one thread.
 */
public abstract sealed class TlsSession permits TlsClientSession, TlsServerSession {
  private static final Logger LOG = LoggerFactory.getLogger(TlsSession.class);

  /** Our side. */
  final TlsSide side;

  final TlsObserver observer;
  final HandshakeTracker tracker;
  final BcTlsCrypto crypto;
  private final KeyLogRecorder keyLog;
  private final ByteQueue inbound = new ByteQueue();
  private final List<TlsAlert> alerts = new ArrayList<>();

  private TlsProtocol protocol;
  private boolean started;
  private boolean handshakeComplete;
  private boolean closeNotifyReceived;
  private boolean closedByUs;
  private TlsFailure failure;
  private TlsAlert raisedInCall;
  private TlsAlert receivedInCall;
  private List<CertificateFacts> chainFacts;
  private int chainParsedFrom = -1;

  TlsSession(TlsSide side, TlsObserver observer, boolean keyLog, SecureRandom random) {
    this.side = side;
    this.observer = new SafeObserver(observer);
    this.tracker = new HandshakeTracker(this.observer, false);
    this.crypto = new BcTlsCrypto(random != null ? random : new SecureRandom());
    this.keyLog = keyLog ? new KeyLogRecorder(crypto) : null;
  }

  /** The Bouncy Castle protocol object, with the record hooks calling back into this session. */
  abstract TlsProtocol newProtocol();

  /** Starts it: {@code connect} for a client, {@code accept} for a server. */
  abstract void begin(TlsProtocol protocol) throws IOException;

  /** The Bouncy Castle context, once the protocol has been started. */
  abstract TlsContext context();

  /**
   * Starts the session: a client queues its ClientHello (take it with {@link #takeOutput()}); a
   * server waits for one.
   *
   * @throws TlsFailure if Bouncy Castle refuses to start (it should not with a valid offer)
   * @throws IllegalStateException if already started
   */
  public final void start() throws TlsFailure {
    if (started) {
      throw new IllegalStateException("already started");
    }
    started = true;
    protocol = newProtocol();
    call(() -> begin(protocol));
  }

  /** Whether {@link #start()} was called. */
  public final boolean isStarted() {
    return started;
  }

  /**
   * Takes bytes the peer sent. Whole records go to Bouncy Castle one at a time, so the observer
   * hears a message received before what our side sent in answer; a partial record waits for the
   * rest.
   *
   * @throws TlsFailure when the peer sent a fatal alert, our side raised one, or the bytes are not
   *     TLS
   * @throws IllegalStateException before {@link #start()}
   */
  public final void receive(byte[] data) throws TlsFailure {
    receive(data, 0, data.length);
  }

  /** {@link #receive(byte[])} for part of an array. */
  public final void receive(byte[] data, int off, int len) throws TlsFailure {
    if (!started) {
      throw new IllegalStateException("start() first");
    }
    if (len == 0 || isEnded()) {
      return;
    }
    inbound.add(data, off, len);
    while (inbound.size() > 0 && !isEnded()) {
      int size;
      ByteBuf view = Unpooled.wrappedBuffer(inbound.array(), inbound.start(), inbound.size());
      try {
        size = TlsRecordHeader.frameLength(view);
      } catch (DecodeException e) {
        if (e.kind() == DecodeException.Kind.TOO_LARGE) {
          // TLS, but too long: Bouncy Castle raises record_overflow
          offerAll();
          return;
        }
        notTls(TlsRecordObserver.describeNotTls(side.peer(), view), e);
        return;
      } finally {
        view.release();
      }
      if (size < 0 || inbound.size() < size) {
        return;
      }
      byte[] record = inbound.take(size);
      if ((record[0] & 0xFF) == TlsMessage.CHANGE_CIPHER_SPEC) {
        // reported here: Bouncy Castle drops TLS 1.3's compatibility CCS before any hook sees it
        tracker.plaintext(side.peer(), record[0], record, 5, record.length - 5, false, -1);
      }
      call(() -> protocol.offerInput(record));
    }
  }

  /**
   * Takes every readable byte of {@code data} (without releasing it); see {@link #receive(byte[])}.
   */
  public final void receive(ByteBuf data) throws TlsFailure {
    byte[] bytes = new byte[data.readableBytes()];
    data.readBytes(bytes);
    receive(bytes);
  }

  private void offerAll() throws TlsFailure {
    byte[] rest = inbound.take(inbound.size());
    call(() -> protocol.offerInput(rest));
  }

  private void notTls(String description, DecodeException cause) throws TlsFailure {
    observer.notTls(side.peer(), description);
    TlsAlert alert = null;
    if (inbound.size() >= TlsRecordHeader.FIXED_PART_SIZE) {
      // let Bouncy Castle answer as it would (an alert), and report that alert
      try {
        offerAll();
      } catch (TlsFailure f) {
        alert = f.alert().orElse(null);
      }
    } else {
      inbound.clear();
    }
    TlsFailure f = new TlsFailure(TlsFailure.Kind.NOT_TLS, alert, side, description, cause);
    failure = f;
    throw f;
  }

  /** A Bouncy Castle call; its exceptions become a {@link TlsFailure}. */
  private void call(BcCall action) throws TlsFailure {
    raisedInCall = null;
    receivedInCall = null;
    try {
      action.run();
    } catch (TlsFatalAlertReceived e) {
      TlsAlert a =
          receivedInCall != null
              ? receivedInCall
              : alertOf(side.peer(), e.getAlertDescription(), "");
      fail(
          new TlsFailure(
              TlsFailure.Kind.ALERT_RECEIVED,
              a,
              side.peer(),
              side.peer().word()
                  + " sent fatal alert "
                  + a.descriptionName()
                  + " ("
                  + a.description()
                  + ")",
              e));
    } catch (TlsFatalAlert e) {
      TlsAlert a =
          raisedInCall != null
              ? raisedInCall
              : alertOf(side, e.getAlertDescription(), e.getMessage());
      fail(
          new TlsFailure(
              TlsFailure.Kind.ALERT_SENT,
              a,
              side,
              side.word()
                  + " (this side) raised fatal alert "
                  + a.descriptionName()
                  + " ("
                  + a.description()
                  + ")"
                  + (a.cause().isEmpty() ? "" : ": " + a.cause()),
              e));
    } catch (IOException | RuntimeException e) {
      // an exception without an alert of its own; Bouncy Castle may still have raised one
      TlsFailure.Kind kind =
          raisedInCall != null ? TlsFailure.Kind.ALERT_SENT : TlsFailure.Kind.ERROR;
      String message =
          raisedInCall != null
              ? side.word()
                  + " (this side) raised fatal alert "
                  + raisedInCall.descriptionName()
                  + ": "
                  + e
              : side.word() + " (this side) failed: " + e;
      fail(new TlsFailure(kind, raisedInCall, side, message, e));
    } finally {
      snapshotKeys();
    }
  }

  private void fail(TlsFailure f) throws TlsFailure {
    failure = f;
    inbound.clear();
    throw f;
  }

  private static TlsAlert alertOf(TlsSide sender, short description, String cause) {
    return new TlsAlert(sender, AlertLevel.fatal, description, cause == null ? "" : cause);
  }

  @FunctionalInterface
  private interface BcCall {
    void run() throws IOException;
  }

  /** The bytes to send to the peer, in order, since the last call; empty when there are none. */
  public final byte[] takeOutput() {
    if (protocol == null) {
      return new byte[0];
    }
    int n = protocol.getAvailableOutputBytes();
    byte[] out = new byte[n];
    if (n > 0) {
      protocol.readOutput(out, 0, n);
    }
    return out;
  }

  /** Whether the handshake completed (both Finished messages went through). */
  public final boolean isHandshakeComplete() {
    return handshakeComplete;
  }

  /**
   * Encrypts application data (for RDP: CredSSP and everything after it); the records are in {@link
   * #takeOutput()}.
   *
   * @throws IllegalStateException before the handshake completed or after the end
   * @throws TlsFailure if Bouncy Castle fails to write
   */
  public final void writeApplication(byte[] data) throws TlsFailure {
    if (!handshakeComplete || isEnded()) {
      throw new IllegalStateException("no application data before the handshake or after the end");
    }
    call(() -> protocol.writeApplicationData(data, 0, data.length));
  }

  /** The application data received and decrypted since the last call; empty when there is none. */
  public final byte[] readApplication() {
    if (protocol == null) {
      return new byte[0];
    }
    int n = protocol.getAvailableInputBytes();
    byte[] out = new byte[n];
    if (n > 0) {
      protocol.readInput(out, 0, n);
    }
    return out;
  }

  /**
   * The peer's transport closed (TCP FIN): says how the peer's half of TLS ended. Bytes of an
   * incomplete record still waiting are handed to Bouncy Castle first, so its {@code closeInput()}
   * sees them. Nothing is thrown: the ending is the answer.
   */
  public final TlsEnding peerClosed() {
    int pending = inbound.size();
    if (failure != null) {
      return new TlsEnding(
          TlsEnding.Kind.AFTER_END,
          pending,
          "the session had already failed: " + failure.getMessage());
    }
    if (closeNotifyReceived) {
      return new TlsEnding(
          TlsEnding.Kind.CLOSE_NOTIFY,
          pending,
          side.peer().word() + " sent close_notify, then closed");
    }
    if (closedByUs) {
      return new TlsEnding(
          TlsEnding.Kind.AFTER_END,
          pending,
          side.peer().word() + " closed after our close_notify (nothing is read after it)");
    }
    if (protocol == null) {
      return new TlsEnding(
          TlsEnding.Kind.DURING_HANDSHAKE,
          0,
          side.peer().word() + " closed before the handshake started");
    }
    try {
      if (pending > 0) {
        byte[] rest = inbound.take(pending);
        protocol.offerInput(rest); // less than a record: Bouncy Castle keeps it
      }
      protocol.closeInput();
      return new TlsEnding(
          TlsEnding.Kind.CLOSE_NOTIFY, pending, side.peer().word() + " closed in an orderly way");
    } catch (TlsNoCloseNotifyException e) {
      return new TlsEnding(
          TlsEnding.Kind.NO_CLOSE_NOTIFY,
          pending,
          side.peer().word() + " closed after the handshake without sending close_notify");
    } catch (EOFException e) {
      return new TlsEnding(
          TlsEnding.Kind.PARTIAL_RECORD,
          pending,
          side.peer().word() + " closed after " + pending + " bytes of an incomplete TLS record");
    } catch (TlsFatalAlert e) {
      if (e.getAlertDescription() == AlertDescription.handshake_failure) {
        return new TlsEnding(
            TlsEnding.Kind.DURING_HANDSHAKE,
            pending,
            side.peer().word() + " closed before the handshake completed, " + lastMessageNote());
      }
      return new TlsEnding(TlsEnding.Kind.AFTER_END, pending, "Bouncy Castle: " + e.getMessage());
    } catch (IOException | RuntimeException e) {
      return new TlsEnding(TlsEnding.Kind.AFTER_END, pending, "Bouncy Castle: " + e);
    } finally {
      snapshotKeys();
    }
  }

  private String lastMessageNote() {
    if (tracker.serverHello() == null) {
      return "before any ServerHello";
    }
    return "after the ServerHello";
  }

  /**
   * Ends our half in an orderly way: queues close_notify (and user_canceled during the handshake)
   * for {@link #takeOutput()}. Does nothing after a failure or a second time.
   */
  public final void close() {
    if (protocol == null || isEnded()) {
      return;
    }
    closedByUs = true;
    try {
      protocol.close();
    } catch (IOException | RuntimeException e) {
      LOG.debug("closing TLS: {}", e.toString());
    }
  }

  /** Whether the session failed, was closed by us, or received the peer's close_notify. */
  public final boolean isEnded() {
    return failure != null
        || closedByUs
        || closeNotifyReceived
        || (protocol != null && protocol.isClosed());
  }

  /** The failure, if the session failed. */
  public final Optional<TlsFailure> failure() {
    return Optional.ofNullable(failure);
  }

  /** Every alert sent or received so far, in order. */
  public final List<TlsAlert> alerts() {
    return List.copyOf(alerts);
  }

  /**
   * The NSS key log lines for this session's secrets so far; empty unless the key log was turned
   * on. These are secrets: write them only where the user asked.
   */
  public final List<KeyLogLine> keyLog() {
    return keyLog == null ? List.of() : keyLog.lines();
  }

  /** What the session learned so far. */
  public final TlsSessionFacts facts() {
    TlsServerHello sh = tracker.serverHello();
    boolean realHello = sh != null && !sh.isHelloRetryRequest();
    TlsVersion version =
        realHello ? TlsVersion.fromWire(tracker.selectedVersion()).orElse(null) : null;
    String suite = realHello ? sh.cipherSuiteName() : "";
    TlsClientHello ch = tracker.clientHello();
    String sni = "";
    if (ch != null) {
      try {
        sni = ch.serverName().orElse("");
      } catch (DecodeException e) {
        sni = "";
      }
    }
    String alpn = "";
    TlsContext ctx = context();
    if (ctx != null
        && ctx.getSecurityParametersConnection() != null
        && ctx.getSecurityParametersConnection().getApplicationProtocol() != null) {
      alpn = ctx.getSecurityParametersConnection().getApplicationProtocol().getUtf8Decoding();
    }
    return new TlsSessionFacts(
        version,
        suite,
        serverChain(),
        alpn,
        ch != null && ch.extension(TlsExtension.SERVER_NAME).isPresent(),
        sni,
        tracker.certificateRequested(),
        handshakeComplete);
  }

  private List<CertificateFacts> serverChain() {
    List<dev.rdpprobe.wire.Octets> ders = tracker.serverChain();
    if (chainFacts == null || chainParsedFrom != ders.size()) {
      List<CertificateFacts> out = new ArrayList<>();
      for (dev.rdpprobe.wire.Octets der : ders) {
        try {
          out.add(CertificateFacts.parse(der));
        } catch (DecodeException e) {
          LOG.debug("server certificate does not parse: {}", e.getMessage());
        }
      }
      chainFacts = List.copyOf(out);
      chainParsedFrom = ders.size();
    }
    return chainFacts;
  }

  // --- called by the Bouncy Castle peer and protocol subclasses ---------------------------------

  /** Bouncy Castle read a record and decrypted it (if it was protected). */
  final void inboundRecord(short type, byte[] buf, int off, int len) {
    if (type == TlsMessage.HANDSHAKE) {
      tracker.plaintext(side.peer(), type, buf, off, len, tracker.encrypting(side.peer()), -1);
    }
    snapshotKeys();
  }

  /** Bouncy Castle is about to write a record (and encrypt it, if keys are in place). */
  final void outboundRecord(short type, byte[] buf, int off, int len) {
    if (type == TlsMessage.HANDSHAKE || type == TlsMessage.CHANGE_CIPHER_SPEC) {
      tracker.plaintext(
          side, type, buf, off, len, type == TlsMessage.HANDSHAKE && tracker.encrypting(side), -1);
    }
    snapshotKeys();
  }

  final void alertRaised(short level, short description, String message, Throwable cause) {
    snapshotKeys(); // before Bouncy Castle clears the handshake's secrets
    String why = alertCause(description, message, cause);
    TlsAlert a = new TlsAlert(side, level, description, why);
    if (level == AlertLevel.fatal) {
      raisedInCall = a;
    }
    alerts.add(a);
    observer.alert(a);
  }

  /**
   * Why our side raised an alert, in words: the detail of the {@code TlsFatalAlert} when it has one
   * (e.g. "No selectable cipher suite"), else Bouncy Castle's message and its cause's.
   */
  private static String alertCause(short description, String message, Throwable cause) {
    String base = message == null ? "" : message;
    if (cause == null || cause.getMessage() == null) {
      return base;
    }
    String text = cause.getMessage();
    String limit = probeLimit(text);
    if (limit != null) {
      return limit;
    }
    String prefix = AlertDescription.getText(description); // TlsFatalAlert: "name(n); detail"
    if (text.startsWith(prefix)) {
      text = text.substring(prefix.length());
      text = text.startsWith("; ") ? text.substring(2) : text;
      if (!text.isEmpty()) {
        return text;
      }
      return base;
    }
    return base.isEmpty() ? text : base + ": " + text;
  }

  /**
   * The probe's own limit in words when Bouncy Castle's message says one was hit: the probe's, not
   * the server's fault, and not a limit of Windows clients.
   */
  static String probeLimit(String text) {
    if (text.contains("Handshake message length exceeds the maximum")) {
      return "the server's handshake message is larger than the probe's limit of "
          + (Limits.TLS_HANDSHAKE_MESSAGE >> 10)
          + " KiB (a limit of this probe, not of RDP or of Windows clients): "
          + text;
    }
    if (text.contains("Certificate chain longer than maximum")) {
      return "the server's certificate chain is longer than the probe's limit of "
          + Limits.CERTIFICATE_CHAIN
          + " certificates (a limit of this probe, not of RDP or of Windows clients): "
          + text;
    }
    return null;
  }

  final void alertReceived(short level, short description) {
    snapshotKeys();
    TlsAlert a = new TlsAlert(side.peer(), level, description, "");
    if (description == AlertDescription.close_notify) {
      closeNotifyReceived = true;
    }
    if (level == AlertLevel.fatal) {
      receivedInCall = a;
    }
    alerts.add(a);
    observer.alert(a);
  }

  final void handshakeCompleted() {
    handshakeComplete = true;
    snapshotKeys();
  }

  private void snapshotKeys() {
    if (keyLog != null) {
      try {
        keyLog.snapshot(context());
      } catch (RuntimeException e) {
        LOG.debug("key log snapshot failed: {}", e.toString());
      }
    }
  }
}
