package dev.rdpprobe.tls;

import dev.rdpprobe.wire.DecodeException;
import dev.rdpprobe.wire.Wire;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;

/**
 * A passive observer of a TLS connection on the wire: fed the exact bytes each side sent, it cuts
 * records, follows the plaintext handshake (ClientHello, ServerHello, Certificate,
 * ServerKeyExchange, ... up to each side's ChangeCipherSpec, or up to the ServerHello in TLS 1.3)
 * and reports each message and plaintext alert to a {@link TlsObserver}. After that it reports only
 * what is visible: {@code encrypted handshake record}, {@code application data}, {@code encrypted
 * alert}, or in TLS 1.3 {@code encrypted record}, with the record's length.
 *
 * <p>It is a decoder of untrusted bytes: records longer than {@link TlsRecordHeader#MAX_LENGTH},
 * handshake messages longer than 128 KiB, and anything that does not parse end that direction with
 * a {@link DecodeException}, whose offset counts bytes from the start of that direction's stream.
 * Bytes that are not TLS at all are also described to {@link TlsObserver#notTls}. After an error
 * the direction is dead: later bytes for it are counted and ignored.
 *
 * <p>Use it on captures and relayed streams. A {@link TlsSession} does not need it: it sees its own
 * handshake in plaintext, TLS 1.3 included.
 */
public final class TlsRecordObserver {
  private final HandshakeTracker tracker;
  private final TlsObserver observer;
  private final Stream client = new Stream(TlsSide.CLIENT);
  private final Stream server = new Stream(TlsSide.SERVER);

  private static final class Stream {
    final TlsSide sender;
    final ByteQueue pending = new ByteQueue();
    long offset; // stream offset of the first pending byte
    boolean dead;

    Stream(TlsSide sender) {
      this.sender = sender;
    }
  }

  /** Opens a protected record when the session's secrets are known (a capture with its key log). */
  public interface Decrypter {
    /**
     * The content of a protected record, or {@code null} when it cannot be opened (no secrets, a
     * cipher not implemented, a record that does not authenticate).
     *
     * @param record the whole record, its 5-byte header first
     */
    Plaintext open(TlsSide sender, byte[] record);
  }

  /**
   * A protected record's content.
   *
   * @param contentType its real content type (in TLS 1.3, the inner one)
   * @param data its plaintext
   */
  public record Plaintext(int contentType, byte[] data) {}

  private Decrypter decrypter;

  /** Opens protected records with {@code decrypter} from now on; {@code null} for none. */
  public void decrypter(Decrypter decrypter) {
    this.decrypter = decrypter;
  }

  /** An observer that reports to {@code observer}. */
  public TlsRecordObserver(TlsObserver observer) {
    this.observer = Objects.requireNonNull(observer, "observer");
    this.tracker = new HandshakeTracker(observer, true);
  }

  /**
   * Takes every readable byte of {@code bytes} (without releasing it) as the next bytes {@code
   * sender} sent.
   *
   * @throws DecodeException if the bytes are not TLS or a record or message is malformed; the
   *     direction is dead afterwards
   */
  public void feed(TlsSide sender, ByteBuf bytes) {
    byte[] copy = new byte[bytes.readableBytes()];
    bytes.readBytes(copy);
    feed(sender, copy, 0, copy.length);
  }

  /** {@link #feed(TlsSide, ByteBuf)} for an array. */
  public void feed(TlsSide sender, byte[] bytes) {
    feed(sender, bytes, 0, bytes.length);
  }

  /** {@link #feed(TlsSide, ByteBuf)} for part of an array. */
  public void feed(TlsSide sender, byte[] bytes, int off, int len) {
    Stream s = sender == TlsSide.CLIENT ? client : server;
    if (s.dead || len == 0) {
      return;
    }
    s.pending.add(bytes, off, len);
    while (s.pending.size() > 0) {
      int recordSize;
      ByteBuf view = Unpooled.wrappedBuffer(s.pending.array(), s.pending.start(), s.pending.size());
      try {
        recordSize = TlsRecordHeader.frameLength(view);
      } catch (DecodeException e) {
        s.dead = true;
        if (e.kind() != DecodeException.Kind.TOO_LARGE) {
          notTls(sender, describeNotTls(sender, view));
        }
        s.pending.clear();
        throw shift(e, s.offset);
      } finally {
        view.release();
      }
      if (recordSize < 0 || s.pending.size() < recordSize) {
        return;
      }
      byte[] record = s.pending.take(recordSize);
      long at = s.offset;
      s.offset += recordSize;
      try {
        record(s, record, at);
      } catch (DecodeException e) {
        s.dead = true;
        s.pending.clear();
        throw e;
      }
    }
  }

  private void record(Stream s, byte[] record, long at) {
    int type = record[0] & 0xFF;
    int length = record.length - TlsRecordHeader.FIXED_PART_SIZE;
    boolean plainAlert = type == TlsMessage.ALERT && length == 2; // an encrypted one is longer
    if (tracker.encrypting(s.sender) && type != TlsMessage.CHANGE_CIPHER_SPEC && !plainAlert) {
      Plaintext p = decrypter == null ? null : decrypter.open(s.sender, record);
      if (p == null) {
        tracker.opaque(s.sender, type, length);
      } else if (p.contentType() == TlsMessage.APPLICATION_DATA) {
        try {
          observer.applicationData(s.sender, p.data());
        } catch (RuntimeException e) {
          // an observer cannot break the observation
        }
      } else {
        tracker.plaintext(s.sender, p.contentType(), p.data(), 0, p.data().length, true, at + 5);
      }
      return;
    }
    tracker.plaintext(
        s.sender, type, record, TlsRecordHeader.FIXED_PART_SIZE, length, false, at + 5);
  }

  private void notTls(TlsSide sender, String description) {
    try {
      observer.notTls(sender, description);
    } catch (RuntimeException e) {
      // an observer cannot break the observation
    }
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

  /** The version the ServerHello chose, if one went by. */
  public Optional<Integer> selectedVersion() {
    int v = tracker.selectedVersion();
    return v < 0 ? Optional.empty() : Optional.of(v);
  }

  /** The client's ClientHello, if one went by. */
  public Optional<TlsClientHello> clientHello() {
    return Optional.ofNullable(tracker.clientHello());
  }

  /** The server's ServerHello (or HelloRetryRequest), if one went by. */
  public Optional<TlsServerHello> serverHello() {
    return Optional.ofNullable(tracker.serverHello());
  }

  /** The server's plaintext Certificate message (TLS 1.2 and older), if one went by. */
  public Optional<TlsCertificateMessage> serverCertificate() {
    return Optional.ofNullable(tracker.serverCertificate());
  }

  /**
   * What bytes that arrived where a TLS record was due look like, in a sentence such as {@code
   * server sent 19 bytes of a TPKT (length 19: an X.224 or MCS PDU) instead of a TLS record}. The
   * readable bytes are described without being consumed; when they start like a TLS record the
   * answer says so.
   */
  public static String describeNotTls(TlsSide sender, ByteBuf in) {
    int n = in.readableBytes();
    String who = sender.word() + " sent ";
    if (n == 0) {
      return who + "nothing";
    }
    int i = in.readerIndex();
    int b0 = in.getUnsignedByte(i);
    String count = n + (n == 1 ? " byte" : " bytes");
    String what = null;
    if (b0 == 0x03 && n == 1) {
      what = "what may be a TPKT";
    } else if (b0 == 0x03 && in.getUnsignedByte(i + 1) == 0x00) {
      what =
          n >= 4
              ? "a TPKT (length " + in.getUnsignedShort(i + 2) + ": an X.224 or MCS PDU)"
              : "a TPKT";
    } else if (TlsRecordHeader.isContentType(b0) && (n == 1 || in.getUnsignedByte(i + 1) == 3)) {
      return who + count + " that start a TLS " + TlsRecordHeader.contentTypeName(b0) + " record";
    } else if (startsWith(in, "HTTP/")) {
      what = "an HTTP response (" + firstLine(in) + ")";
    } else if (startsWith(in, "GET ")
        || startsWith(in, "POST ")
        || startsWith(in, "HEAD ")
        || startsWith(in, "CONNECT ")) {
      what = "an HTTP request (" + firstLine(in) + ")";
    } else if (startsWith(in, "SSH-")) {
      what = "an SSH banner (" + firstLine(in) + ")";
    } else if ((b0 & 0x80) != 0 && n >= 3 && in.getUnsignedByte(i + 2) == 0x01) {
      what = "an SSLv2-format ClientHello";
    } else if (b0 == 0x30) {
      what = "a DER SEQUENCE (a CredSSP TSRequest without TLS?)";
    } else if (printable(in)) {
      what = "text (\"" + firstLine(in) + "\")";
    }
    if (what != null) {
      return who + count + " of " + what + " instead of a TLS record";
    }
    StringBuilder hex = new StringBuilder();
    for (int k = 0; k < Math.min(n, 8); k++) {
      hex.append(k == 0 ? "" : " ").append(Wire.hex(in.getUnsignedByte(i + k)).substring(2));
    }
    return who + count + " that are not a TLS record (first bytes: " + hex + ")";
  }

  private static boolean startsWith(ByteBuf in, String ascii) {
    if (in.readableBytes() < ascii.length()) {
      return false;
    }
    for (int k = 0; k < ascii.length(); k++) {
      if (in.getUnsignedByte(in.readerIndex() + k) != ascii.charAt(k)) {
        return false;
      }
    }
    return true;
  }

  private static boolean printable(ByteBuf in) {
    int n = Math.min(in.readableBytes(), 16);
    for (int k = 0; k < n; k++) {
      int b = in.getUnsignedByte(in.readerIndex() + k);
      if ((b < 0x20 || b > 0x7e) && b != '\r' && b != '\n' && b != '\t') {
        return false;
      }
    }
    return true;
  }

  /** Up to 60 characters of the first line, non-printable bytes shown as dots. */
  private static String firstLine(ByteBuf in) {
    StringBuilder out = new StringBuilder();
    for (int k = 0; k < Math.min(in.readableBytes(), 60); k++) {
      int b = in.getUnsignedByte(in.readerIndex() + k);
      if (b == '\r' || b == '\n') {
        break;
      }
      out.append(b >= 0x20 && b <= 0x7e ? (char) b : '.');
    }
    return new String(
        out.toString().getBytes(StandardCharsets.US_ASCII), StandardCharsets.US_ASCII);
  }
}
