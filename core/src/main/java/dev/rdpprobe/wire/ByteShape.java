package dev.rdpprobe.wire;

import io.netty.buffer.ByteBuf;
import java.util.function.IntUnaryOperator;

/**
 * What the first bytes of a peer's answer look like, so that "not an RDP listener" is a fact that
 * can be matched on: a TLS record where a TPKT was due, an HTTP response or an SSH banner (the
 * detection step of Netty's {@code HAProxyMessageDecoder.detectProtocol}).
 */
public enum ByteShape {
  /** No bytes. */
  EMPTY(""),
  /** {@code 03 00}: a TPKT header (RFC 1006), as every slow-path RDP PDU starts. */
  TPKT("a TPKT header"),
  /** A TLS record header: content type 20 to 23, then major version 3. */
  TLS_RECORD("a TLS record"),
  /** {@code HTTP/}, {@code <!DOCTYPE} or {@code <html}: a web server. */
  HTTP("an HTTP response"),
  /** {@code SSH-}: an SSH server's banner. */
  SSH("an SSH banner"),
  /** {@code 30}: a DER SEQUENCE, as a CredSSP TSRequest starts. */
  DER_SEQUENCE("a DER SEQUENCE (a CredSSP TSRequest?)"),
  /** Low two bits zero: an RDP fast-path header is possible. */
  FAST_PATH("possibly an RDP fast-path header"),
  /** Nothing recognised. */
  UNKNOWN("");

  private final String description;

  ByteShape(String description) {
    this.description = description;
  }

  /**
   * A short phrase for the shape ({@code "an HTTP response"}), or {@code ""} if nothing is known.
   */
  public String description() {
    return description;
  }

  /** Whether the bytes are certainly another protocol than RDP: TLS, HTTP or SSH. */
  public boolean isForeignProtocol() {
    return this == TLS_RECORD || this == HTTP || this == SSH;
  }

  /** The shape of the readable bytes of {@code in}; reads nothing. */
  public static ByteShape of(ByteBuf in) {
    int base = in.readerIndex();
    return classify(in.readableBytes(), k -> in.getUnsignedByte(base + k));
  }

  /** The shape of {@code bytes}. */
  public static ByteShape of(byte[] bytes) {
    return classify(bytes.length, k -> bytes[k] & 0xFF);
  }

  private static ByteShape classify(int n, IntUnaryOperator at) {
    if (n == 0) {
      return EMPTY;
    }
    int b0 = at.applyAsInt(0);
    if (b0 == 0x03 && n >= 2 && at.applyAsInt(1) == 0x00) {
      return TPKT;
    }
    if (b0 >= 0x14 && b0 <= 0x17 && n >= 2 && at.applyAsInt(1) == 0x03) {
      return TLS_RECORD;
    }
    if (startsWith(n, at, "HTTP/")
        || startsWith(n, at, "<!DOCTYPE")
        || startsWith(n, at, "<html")) {
      return HTTP;
    }
    if (startsWith(n, at, "SSH-")) {
      return SSH;
    }
    if (b0 == 0x30 && n >= 2) {
      return DER_SEQUENCE;
    }
    if ((b0 & 0x03) == 0) {
      return FAST_PATH;
    }
    return UNKNOWN;
  }

  private static boolean startsWith(int n, IntUnaryOperator at, String ascii) {
    if (n < ascii.length()) {
      return false;
    }
    for (int k = 0; k < ascii.length(); k++) {
      if (at.applyAsInt(k) != ascii.charAt(k)) {
        return false;
      }
    }
    return true;
  }
}
