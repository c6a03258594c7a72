package dev.rdpprobe.wire.credssp;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * DER for tests: builds TSCredentials and TSPasswordCreds, which main code deliberately cannot
 * encode (the probe never delegates credentials). Test-only, for decoder round trips and for the
 * emulator's tests.
 */
public final class TestDer {
  private TestDer() {}

  /** A TLV with minimal length. */
  public static byte[] tlv(int tag, byte[] content) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(tag);
    int n = content.length;
    if (n < 0x80) {
      out.write(n);
    } else if (n <= 0xFF) {
      out.write(0x81);
      out.write(n);
    } else {
      out.write(0x82);
      out.write(n >> 8);
      out.write(n);
    }
    out.writeBytes(content);
    return out.toByteArray();
  }

  /** The concatenation. */
  public static byte[] cat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }

  /** {@code [n] { OCTET STRING value }}. */
  public static byte[] explicitOctets(int n, byte[] value) {
    return tlv(0xA0 | n, tlv(0x04, value));
  }

  /** A TSPasswordCreds of three UTF-16LE strings. */
  public static byte[] passwordCreds(String domain, String user, String password) {
    return tlv(
        0x30,
        cat(
            explicitOctets(0, domain.getBytes(StandardCharsets.UTF_16LE)),
            explicitOctets(1, user.getBytes(StandardCharsets.UTF_16LE)),
            explicitOctets(2, password.getBytes(StandardCharsets.UTF_16LE))));
  }

  /** A TSCredentials with a one-octet credType. */
  public static byte[] credentials(int credType, byte[] credentials) {
    return tlv(
        0x30,
        cat(tlv(0xA0, tlv(0x02, new byte[] {(byte) credType})), explicitOctets(1, credentials)));
  }
}
