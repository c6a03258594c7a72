package dev.rdpprobe.wire.credssp;

import dev.rdpprobe.wire.DecodeException;
import dev.rdpprobe.wire.Wire;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.Arrays;

/**
 * TSPasswordCreds (MS-CSSP 2.2.1.2.1), the password a CredSSP client delegates:
 *
 * <pre>
 * TSPasswordCreds ::= SEQUENCE {
 *   domainName [0] OCTET STRING,   -- UTF-16LE
 *   userName   [1] OCTET STRING,   -- UTF-16LE
 *   password   [2] OCTET STRING    -- UTF-16LE
 * }
 * </pre>
 *
 * <p><b>Decode only</b>, like {@link TsCredentials}. The password is kept in a {@code char[]} that
 * {@link #close()} overwrites; {@link #password()} hands out a copy the caller must clear, and
 * {@link #toString()} never shows it.
 */
public final class TsPasswordCreds implements AutoCloseable {
  public static final String NAME = "TSPasswordCreds";

  /** The longest of the three strings, in octets (Windows caps a password at 256 characters). */
  public static final int MAX_STRING_BYTES = 1024;

  private final String domainName;
  private final String userName;
  private final char[] password;

  private TsPasswordCreds(String domainName, String userName, char[] password) {
    this.domainName = domainName;
    this.userName = userName;
    this.password = password;
  }

  /** Decodes the octets of a TSCredentials {@code credentials} field; offsets are into them. */
  static TsPasswordCreds decode(byte[] bytes) {
    ByteBuf in = Unpooled.wrappedBuffer(bytes);
    Der.Reader r = new Der.Reader(in, NAME);
    r.enter(Der.TAG_SEQUENCE, NAME, DecodeException.Kind.UNEXPECTED_MESSAGE_TYPE);
    String domain = readText(r, in, 0, "domainName");
    String user = readText(r, in, 1, "userName");
    r.enter(Der.context(2), "password", DecodeException.Kind.INVALID_FIELD);
    int start = r.offset();
    byte[] raw = r.readOctetStringBytes("password", MAX_STRING_BYTES);
    try {
      char[] password = utf16(raw, start);
      r.leave("password");
      try {
        r.leave(NAME);
        Wire.ensureEnd(in, NAME);
      } catch (DecodeException e) {
        Arrays.fill(password, '\0');
        throw e;
      }
      return new TsPasswordCreds(domain, user, password);
    } finally {
      Arrays.fill(raw, (byte) 0);
    }
  }

  private static String readText(Der.Reader r, ByteBuf in, int tagNumber, String field) {
    r.enter(Der.context(tagNumber), field, DecodeException.Kind.INVALID_FIELD);
    int start = r.offset();
    byte[] raw = r.readOctetStringBytes(field, MAX_STRING_BYTES);
    r.leave(field);
    return new String(utf16(raw, start));
  }

  private static char[] utf16(byte[] raw, int offset) {
    if (raw.length % 2 != 0) {
      throw Wire.invalid(NAME, "UTF-16 length", offset, raw.length, "an even number of octets");
    }
    char[] out = new char[raw.length / 2];
    for (int i = 0; i < out.length; i++) {
      out[i] = (char) ((raw[2 * i] & 0xFF) | (raw[2 * i + 1] & 0xFF) << 8);
    }
    return out;
  }

  /** domainName. */
  public String domainName() {
    return domainName;
  }

  /** userName. */
  public String userName() {
    return userName;
  }

  /** A copy of the password; the caller overwrites it when done. */
  public char[] password() {
    return password.clone();
  }

  /** Whether the password is empty (a Remote Credential Guard or restricted admin logon). */
  public boolean hasPassword() {
    return password.length > 0;
  }

  /** Overwrites the password with zeros. */
  @Override
  public void close() {
    Arrays.fill(password, '\0');
  }

  /** The domain and user; never the password. */
  @Override
  public String toString() {
    return "TsPasswordCreds[domainName="
        + domainName
        + ", userName="
        + userName
        + ", password="
        + (password.length == 0 ? "" : "<redacted>")
        + "]";
  }
}
