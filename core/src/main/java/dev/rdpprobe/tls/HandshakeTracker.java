package dev.rdpprobe.tls;

import dev.rdpprobe.wire.DecodeException;
import dev.rdpprobe.wire.Octets;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.tls.SignatureScheme;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the plaintext of a TLS connection in both directions: cuts handshake messages out of
 * handshake records (a message may span records, a record may hold several), names and summarizes
 * each, and tracks when each side starts to encrypt (after its ChangeCipherSpec up to TLS 1.2;
 * after the ServerHello in TLS 1.3). It reports to a {@link TlsObserver}.
 *
 * <p>Two users: a session feeds it the plaintext Bouncy Castle reads and writes (so it sees TLS 1.3
 * encrypted messages too) and it must never throw there ({@code strict = false}: a malformed
 * message is reported with a {@code malformed: ...} summary); a {@link TlsRecordObserver} feeds it
 * what is visible on the wire and wants {@link DecodeException} for malformed input ({@code strict
 * = true}).
 */
final class HandshakeTracker {
  private static final Logger LOG = LoggerFactory.getLogger(HandshakeTracker.class);

  /**
   * The longest handshake message followed. Bouncy Castle's own limit is 32 KiB by default, so a
   * session's peer never gets further than that; a capture may hold longer certificate chains.
   */
  static final int MAX_HANDSHAKE_MESSAGE = 1 << 17;

  private static final String HANDSHAKE = "TLS handshake";

  private final TlsObserver observer;
  private final boolean strict;
  private final Side client = new Side(TlsSide.CLIENT);
  private final Side server = new Side(TlsSide.SERVER);
  private int selectedVersion = -1;
  private boolean helloRetry13;
  private TlsClientHello clientHello;
  private TlsServerHello serverHello;
  private TlsCertificateMessage serverCertificate;
  private boolean certificateRequested;

  /** What is known of one direction. */
  private static final class Side {
    final TlsSide sender;
    final ByteQueue handshake = new ByteQueue();
    long handshakeOffset; // stream offset of the first byte in `handshake`, for errors
    boolean encrypting;
    boolean dead;
    int encryptedRecords;

    Side(TlsSide sender) {
      this.sender = sender;
    }
  }

  HandshakeTracker(TlsObserver observer, boolean strict) {
    this.observer = observer;
    this.strict = strict;
  }

  private Side side(TlsSide s) {
    return s == TlsSide.CLIENT ? client : server;
  }

  /** Whether records from {@code sender} are protected from now on. */
  boolean encrypting(TlsSide sender) {
    return side(sender).encrypting;
  }

  /** The version the ServerHello chose, or -1 before it. */
  int selectedVersion() {
    return selectedVersion;
  }

  boolean isTls13() {
    return selectedVersion == TlsVersion.TLS_1_3.wireValue();
  }

  TlsClientHello clientHello() {
    return clientHello;
  }

  TlsServerHello serverHello() {
    return serverHello;
  }

  TlsCertificateMessage serverCertificate() {
    return serverCertificate;
  }

  boolean certificateRequested() {
    return certificateRequested;
  }

  /**
   * A record's plaintext content from {@code sender}.
   *
   * @param encrypted whether the record was protected on the wire
   * @param offset the record fragment's offset in the sender's stream, for error offsets
   * @throws DecodeException in strict mode, for malformed content
   */
  void plaintext(
      TlsSide sender,
      int contentType,
      byte[] buf,
      int off,
      int len,
      boolean encrypted,
      long offset) {
    Side s = side(sender);
    if (s.dead) {
      return;
    }
    switch (contentType) {
      case TlsMessage.HANDSHAKE -> handshake(s, buf, off, len, encrypted, offset);
      case TlsMessage.CHANGE_CIPHER_SPEC -> changeCipherSpec(s, buf, off, len, offset);
      case TlsMessage.ALERT -> alerts(s, buf, off, len, offset);
      case TlsMessage.APPLICATION_DATA ->
          emit(new TlsMessage(sender, contentType, -1, "application data", len, "", encrypted));
      default ->
          emit(
              new TlsMessage(
                  sender,
                  contentType,
                  -1,
                  TlsRecordHeader.contentTypeName(contentType),
                  len,
                  "",
                  encrypted));
    }
  }

  /** A protected record whose content is not visible (a wire observer's view). */
  void opaque(TlsSide sender, int contentType, int length) {
    Side s = side(sender);
    s.encryptedRecords++;
    String name;
    if (isTls13()) {
      // TLS 1.3 hides the type: the server's flight until the client answers, and the client's
      // first flight, are handshake; later records may be data or post-handshake messages
      boolean handshake =
          sender == TlsSide.SERVER ? client.encryptedRecords == 0 : s.encryptedRecords == 1;
      name = handshake ? "encrypted handshake record" : "encrypted record";
    } else {
      name =
          switch (contentType) {
            case TlsMessage.HANDSHAKE -> "encrypted handshake record";
            case TlsMessage.APPLICATION_DATA -> "application data";
            case TlsMessage.ALERT -> "encrypted alert";
            default -> "encrypted " + TlsRecordHeader.contentTypeName(contentType) + " record";
          };
    }
    emit(new TlsMessage(sender, contentType, -1, name, length, "", true));
  }

  private void changeCipherSpec(Side s, byte[] buf, int off, int len, long offset) {
    if (len != 1 || buf[off] != 1) {
      fail(
          s,
          new DecodeException(
              DecodeException.Kind.INVALID_FIELD,
              "ChangeCipherSpec",
              "type",
              (int) Math.min(offset, Integer.MAX_VALUE),
              len == 0 ? -1 : buf[off] & 0xFF,
              "one byte 0x01"));
      return;
    }
    emit(
        new TlsMessage(
            s.sender, TlsMessage.CHANGE_CIPHER_SPEC, -1, "ChangeCipherSpec", 1, "", false));
    if (!isTls13() && !helloRetry13) {
      s.encrypting = true; // TLS 1.3's is a compatibility dummy (RFC 8446 D.4), also after an HRR
    }
  }

  private void alerts(Side s, byte[] buf, int off, int len, long offset) {
    if (len == 0 || len % 2 != 0) {
      fail(
          s,
          new DecodeException(
              DecodeException.Kind.INVALID_FIELD,
              "TLS alert",
              "length",
              (int) Math.min(offset, Integer.MAX_VALUE),
              len,
              "2 bytes per alert"));
      return;
    }
    for (int i = 0; i < len; i += 2) {
      observerAlert(new TlsAlert(s.sender, buf[off + i] & 0xFF, buf[off + i + 1] & 0xFF, ""));
    }
  }

  private void handshake(Side s, byte[] buf, int off, int len, boolean encrypted, long offset) {
    if (s.handshake.size() == 0) {
      s.handshakeOffset = offset;
    }
    s.handshake.add(buf, off, len);
    while (s.handshake.size() >= 4 && !s.dead) {
      int type = s.handshake.get(0);
      int length = s.handshake.get(1) << 16 | s.handshake.get(2) << 8 | s.handshake.get(3);
      if (length > MAX_HANDSHAKE_MESSAGE) {
        fail(
            s,
            new DecodeException(
                DecodeException.Kind.TOO_LARGE,
                HANDSHAKE,
                "length",
                (int) Math.min(s.handshakeOffset + 1, Integer.MAX_VALUE),
                length,
                "at most " + MAX_HANDSHAKE_MESSAGE));
        return;
      }
      if (s.handshake.size() < 4 + length) {
        return;
      }
      byte[] message = s.handshake.take(4 + length);
      long at = s.handshakeOffset;
      s.handshakeOffset += 4 + length;
      emit(describe(s, type, message, encrypted, at));
    }
  }

  private TlsMessage describe(Side s, int type, byte[] message, boolean encrypted, long offset) {
    String name = name(type);
    String summary;
    decoded = null;
    ByteBuf body = Unpooled.wrappedBuffer(message, 4, message.length - 4);
    try {
      summary = summarize(s, type, body);
      if (type == TlsServerHello.HANDSHAKE_TYPE
          && serverHello != null
          && s.sender == TlsSide.SERVER) {
        name = serverHello.name();
      }
    } catch (DecodeException e) {
      if (strict) {
        s.dead = true;
        throw shift(e, offset + 4);
      }
      summary = "malformed: " + e.getMessage();
    } finally {
      body.release();
    }
    return new TlsMessage(
        s.sender, TlsMessage.HANDSHAKE, type, name, message.length, summary, encrypted, decoded);
  }

  /** The record {@link #summarize} decoded last, for the message it describes. */
  private Object decoded;

  private String summarize(Side s, int type, ByteBuf body) {
    switch (type) {
      case TlsClientHello.HANDSHAKE_TYPE -> {
        TlsClientHello ch = TlsClientHello.decode(body);
        decoded = ch;
        if (s.sender == TlsSide.CLIENT) {
          clientHello = ch;
        }
        return ch.summary();
      }
      case TlsServerHello.HANDSHAKE_TYPE -> {
        TlsServerHello sh = TlsServerHello.decode(body);
        decoded = sh;
        if (s.sender == TlsSide.SERVER) {
          serverHello = sh;
          if (sh.isHelloRetryRequest()) {
            helloRetry13 = true; // only TLS 1.3 has them; the client's CCS that follows is a dummy
          } else {
            selectedVersion = sh.selectedVersion();
            if (isTls13()) {
              server.encrypting = true;
              client.encrypting = true;
            }
          }
        }
        return sh.summary();
      }
      case TlsCertificateMessage.HANDSHAKE_TYPE -> {
        TlsCertificateMessage cert = TlsCertificateMessage.decode(body, isTls13());
        decoded = cert;
        if (s.sender == TlsSide.SERVER && serverCertificate == null) {
          serverCertificate = cert;
        }
        return cert.summary();
      }
      case 12 -> { // ServerKeyExchange: ECParameters first for ECDHE (RFC 8422 section 5.4)
        if (body.readableBytes() >= 3 && body.getUnsignedByte(body.readerIndex()) == 3) {
          return "group=" + TlsServerHello.groupName(body.getUnsignedShort(body.readerIndex() + 1));
        }
        return "";
      }
      case 13 -> {
        if (s.sender == TlsSide.SERVER) {
          certificateRequested = true;
        }
        return "the server asks for a client certificate";
      }
      case 4 -> { // NewSessionTicket: ticket_lifetime_hint / ticket_lifetime first
        long lifetime = TlsCodec.u16(body, "NewSessionTicket", "ticket_lifetime") * 65536L;
        lifetime += TlsCodec.u16(body, "NewSessionTicket", "ticket_lifetime");
        return "lifetime=" + lifetime + "s";
      }
      case 15 -> { // CertificateVerify: a SignatureScheme first from TLS 1.2 on
        if (selectedVersion >= TlsVersion.TLS_1_2.wireValue()) {
          int scheme = TlsCodec.u16(body, "CertificateVerify", "algorithm");
          String n = SignatureScheme.getName(scheme);
          return "scheme="
              + (n == null || n.startsWith("UNKNOWN") ? "unknown (" + scheme + ")" : n);
        }
        return "";
      }
      case 8 -> { // EncryptedExtensions
        List<TlsExtension> ext = TlsCodec.extensions(body, "EncryptedExtensions");
        List<String> names = new ArrayList<>();
        for (TlsExtension e : ext) {
          names.add(e.name());
        }
        return names.isEmpty() ? "no extensions" : "extensions=" + String.join(",", names);
      }
      case 20 -> {
        return "verify_data=" + body.readableBytes() + " bytes";
      }
      case 24 -> {
        int r = TlsCodec.u8(body, "KeyUpdate", "request_update");
        return r == 1 ? "update_requested" : "update_not_requested";
      }
      default -> {
        return "";
      }
    }
  }

  /** The message's name in the specification's capitalization, e.g. {@code ServerKeyExchange}. */
  static String name(int type) {
    return switch (type) {
      case 0 -> "HelloRequest";
      case 1 -> "ClientHello";
      case 2 -> "ServerHello";
      case 3 -> "HelloVerifyRequest";
      case 4 -> "NewSessionTicket";
      case 5 -> "EndOfEarlyData";
      case 6 -> "HelloRetryRequest";
      case 8 -> "EncryptedExtensions";
      case 11 -> "Certificate";
      case 12 -> "ServerKeyExchange";
      case 13 -> "CertificateRequest";
      case 14 -> "ServerHelloDone";
      case 15 -> "CertificateVerify";
      case 16 -> "ClientKeyExchange";
      case 20 -> "Finished";
      case 21 -> "CertificateURL";
      case 22 -> "CertificateStatus";
      case 23 -> "SupplementalData";
      case 24 -> "KeyUpdate";
      case 25 -> "CompressedCertificate";
      case 254 -> "MessageHash";
      default -> "unknown handshake message (" + type + ")";
    };
  }

  private void fail(Side s, DecodeException e) {
    s.dead = true;
    if (strict) {
      throw e;
    }
    LOG.debug("stopped following the {} handshake: {}", s.sender.word(), e.getMessage());
  }

  private static DecodeException shift(DecodeException e, long base) {
    return new DecodeException(
        e.kind(),
        e.pdu(),
        e.field(),
        (int) Math.min(base + e.offset(), Integer.MAX_VALUE),
        e.received(),
        e.expected());
  }

  private void emit(TlsMessage m) {
    try {
      observer.message(m);
    } catch (RuntimeException e) {
      LOG.warn("TLS observer failed on {}", m.name(), e);
    }
  }

  private void observerAlert(TlsAlert a) {
    try {
      observer.alert(a);
    } catch (RuntimeException e) {
      LOG.warn("TLS observer failed on an alert", e);
    }
  }

  /** The chain the server sent, as DER, leaf first; empty before its Certificate. */
  List<Octets> serverChain() {
    return serverCertificate == null ? List.of() : serverCertificate.certificates();
  }
}
