package dev.rdpprobe.wire.credssp;

import dev.rdpprobe.wire.DecodeException;
import dev.rdpprobe.wire.Pdu;
import dev.rdpprobe.wire.Wire;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.Arrays;
import java.util.Objects;

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
 * <p>The emulator decodes what a client delegates; the probe encodes only {@link #empty()}, the
 * TSPasswordCreds of Restricted Admin mode, and never a password of its own. DER as {@link Der}
 * writes it: each string is {@code [n] { OCTET STRING }} with minimal lengths, so an empty one is
 * {@code a0 02 04 00}. The password is kept in a {@code char[]} that {@link #close()} overwrites;
 * {@link #password()} hands out a copy the caller must clear, and neither {@link #toString()} nor
 * {@link #summary()} shows it.
 */
public final class TsPasswordCreds implements Pdu, AutoCloseable {
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

  /**
   * A TSPasswordCreds to encode. The password is copied: the caller clears its own array, and this
   * object's copy with {@link #close()}.
   *
   * @throws IllegalArgumentException if a string is longer than {@link #MAX_STRING_BYTES} octets in
   *     UTF-16LE
   */
  public static TsPasswordCreds of(String domainName, String userName, char[] password) {
    Objects.requireNonNull(domainName, "domainName");
    Objects.requireNonNull(userName, "userName");
    Objects.requireNonNull(password, "password");
    checkLength("domainName", domainName.length());
    checkLength("userName", userName.length());
    checkLength("password", password.length);
    return new TsPasswordCreds(domainName, userName, password.clone());
  }

  /** The TSPasswordCreds of Restricted Admin mode: empty domain, user and password. */
  public static TsPasswordCreds empty() {
    return new TsPasswordCreds("", "", new char[0]);
  }

  private static void checkLength(String field, int chars) {
    if (chars * 2L > MAX_STRING_BYTES) {
      throw new IllegalArgumentException(
          field + " longer than " + MAX_STRING_BYTES + " octets in UTF-16LE");
    }
  }

  /**
   * Decodes the octets of a TSCredentials {@code credentials} field, all of them; offsets are into
   * them.
   */
  public static TsPasswordCreds decode(byte[] bytes) {
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

  // --- encoding -------------------------------------------------------------------------------

  /** The size of {@code [n] { OCTET STRING }} around {@code octets} octets of text. */
  private static int explicitOctetsSize(int octets) {
    return Der.tlvSize(Der.tlvSize(octets));
  }

  private int contentSize() {
    return explicitOctetsSize(domainName.length() * 2)
        + explicitOctetsSize(userName.length() * 2)
        + explicitOctetsSize(password.length * 2);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public int size() {
    return Der.tlvSize(contentSize());
  }

  /** Writes the DER; the password goes from its array straight into {@code out}. */
  @Override
  public void encode(ByteBuf out) {
    Der.writeHeader(out, Der.TAG_SEQUENCE, contentSize());
    writeText(out, 0, domainName.toCharArray());
    writeText(out, 1, userName.toCharArray());
    writeText(out, 2, password);
  }

  private static void writeText(ByteBuf out, int tagNumber, char[] text) {
    int octets = text.length * 2;
    Der.writeHeader(out, Der.context(tagNumber), Der.tlvSize(octets));
    Der.writeHeader(out, Der.TAG_OCTET_STRING, octets);
    for (char c : text) {
      out.writeShortLE(c);
    }
  }

  /** The domain and user; never the password, only whether there is one. */
  @Override
  public String summary() {
    return "domainName="
        + domainName
        + ", userName="
        + userName
        + ", password "
        + (password.length == 0 ? "empty" : "present");
  }

  /** Overwrites the password with zeros. */
  @Override
  public void close() {
    Arrays.fill(password, '\0');
  }

  /** Equal domain, user and password (compared in time independent of where they differ). */
  @Override
  public boolean equals(Object o) {
    if (!(o instanceof TsPasswordCreds other)) {
      return false;
    }
    int diff = password.length ^ other.password.length;
    for (int i = 0; i < Math.min(password.length, other.password.length); i++) {
      diff |= password[i] ^ other.password[i];
    }
    return diff == 0 && domainName.equals(other.domainName) && userName.equals(other.userName);
  }

  /** The hash of the domain and user; the password stays out of it. */
  @Override
  public int hashCode() {
    return Objects.hash(domainName, userName);
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
