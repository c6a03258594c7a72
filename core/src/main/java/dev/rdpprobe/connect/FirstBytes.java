package dev.rdpprobe.connect;

import io.netty.buffer.ByteBuf;

/**
 * Says what unexpected bytes look like, so "not an RDP listener" becomes evidence: a TLS record
 * where a TPKT was due, an HTTP or SSH banner, an RDP fast-path header.
 */
public final class FirstBytes {
  private FirstBytes() {}

  /** A short description of what the readable bytes look like, or {@code ""} if nothing known. */
  public static String describe(ByteBuf in) {
    int n = in.readableBytes();
    if (n == 0) {
      return "";
    }
    int i = in.readerIndex();
    int b0 = in.getUnsignedByte(i);
    if (b0 == 0x03 && n >= 2 && in.getUnsignedByte(i + 1) == 0x00) {
      return "a TPKT header";
    }
    if ((b0 == 0x16 || b0 == 0x15 || b0 == 0x17 || b0 == 0x14)
        && n >= 2
        && in.getUnsignedByte(i + 1) == 0x03) {
      return "a TLS record (content type " + b0 + ")";
    }
    if (startsWith(in, "HTTP/") || startsWith(in, "<!DOCTYPE") || startsWith(in, "<html")) {
      return "an HTTP response";
    }
    if (startsWith(in, "SSH-")) {
      return "an SSH banner";
    }
    if (b0 == 0x30 && n >= 2) {
      return "a DER SEQUENCE (a CredSSP TSRequest?)";
    }
    if ((b0 & 0x03) == 0) {
      return "possibly an RDP fast-path header";
    }
    return "";
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
}
