package dev.rdpprobe.wire.sec;

import dev.rdpprobe.wire.Pdu;
import dev.rdpprobe.wire.Wire;
import io.netty.buffer.ByteBuf;
import java.util.Objects;

/**
 * Info Packet, TS_INFO_PACKET (MS-RDPBCGR 2.2.1.11.1.1): who logs on, with what shell, from where.
 *
 * <p>The five strings are UTF-16LE with INFO_UNICODE, else one byte per character; each is followed
 * by a NUL terminator that its {@code cb} length does not count. Each {@code cb} is at most 512.
 * The Extended Info Packet follows unless the packet ends after the strings (RDP 4.0 clients).
 * {@link #toString()} does not show the password.
 *
 * @param codePage CodePage (an input locale identifier with INFO_UNICODE)
 * @param flags flags
 * @param domain Domain
 * @param userName UserName
 * @param password Password
 * @param alternateShell AlternateShell
 * @param workingDir WorkingDir
 * @param extraInfo extraInfo, or null when absent
 */
public record InfoPacket(
    int codePage,
    InfoFlags flags,
    String domain,
    String userName,
    String password,
    String alternateShell,
    String workingDir,
    ExtendedInfoPacket extraInfo)
    implements Pdu {
  public static final String NAME = "TS_INFO_PACKET";

  public static final int FIXED_PART_SIZE =
      4 // CodePage
          + 4 // flags
          + 2 // cbDomain
          + 2 // cbUserName
          + 2 // cbPassword
          + 2 // cbAlternateShell
          + 2; // cbWorkingDir

  /** The longest of the five strings, in bytes without the terminator. */
  public static final int MAX_STRING_BYTES = 512;

  private static final String[] FIELDS = {
    "Domain", "UserName", "Password", "AlternateShell", "WorkingDir"
  };

  public InfoPacket {
    Objects.requireNonNull(flags, "flags");
    String[] strings = {domain, userName, password, alternateShell, workingDir};
    boolean unicode = flags.has(InfoFlags.INFO_UNICODE);
    for (int i = 0; i < strings.length; i++) {
      Objects.requireNonNull(strings[i], FIELDS[i]);
      if (!InfoStrings.encodable(strings[i], unicode)) {
        throw new IllegalArgumentException(
            FIELDS[i] + " has characters beyond ISO-8859-1 without INFO_UNICODE");
      }
      if (InfoStrings.byteLength(strings[i], unicode) > MAX_STRING_BYTES) {
        throw new IllegalArgumentException(FIELDS[i] + " longer than 512 bytes");
      }
    }
    if (extraInfo != null) {
      extraInfo.check(unicode);
    }
  }

  /** Reads the packet up to the end of the buffer's readable bytes. */
  public static InfoPacket decode(ByteBuf in) {
    Wire.ensure(in, FIXED_PART_SIZE, NAME, "CodePage");
    int codePage = in.readIntLE();
    InfoFlags flags = new InfoFlags(in.readIntLE());
    boolean unicode = flags.has(InfoFlags.INFO_UNICODE);
    int[] cb = new int[FIELDS.length];
    for (int i = 0; i < cb.length; i++) {
      cb[i] = InfoStrings.readLength(in, MAX_STRING_BYTES, unicode, NAME, "cb" + FIELDS[i]);
    }
    String[] strings = new String[FIELDS.length];
    for (int i = 0; i < strings.length; i++) {
      strings[i] = InfoStrings.read(in, cb[i], unicode, NAME, FIELDS[i]);
      InfoStrings.readTerminator(in, unicode, NAME, FIELDS[i]);
    }
    ExtendedInfoPacket extra =
        in.isReadable() ? ExtendedInfoPacket.decode(in, unicode, NAME) : null;
    return new InfoPacket(
        codePage, flags, strings[0], strings[1], strings[2], strings[3], strings[4], extra);
  }

  private boolean unicode() {
    return flags.has(InfoFlags.INFO_UNICODE);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public int size() {
    boolean unicode = unicode();
    int size = FIXED_PART_SIZE;
    for (String s : new String[] {domain, userName, password, alternateShell, workingDir}) {
      size += InfoStrings.byteLength(s, unicode) + InfoStrings.terminatorSize(unicode);
    }
    return size + (extraInfo == null ? 0 : extraInfo.size(unicode));
  }

  @Override
  public void encode(ByteBuf out) {
    boolean unicode = unicode();
    String[] strings = {domain, userName, password, alternateShell, workingDir};
    out.writeIntLE(codePage);
    out.writeIntLE(flags.bits());
    for (String s : strings) {
      out.writeShortLE(InfoStrings.byteLength(s, unicode));
    }
    for (String s : strings) {
      InfoStrings.write(out, s, unicode);
      InfoStrings.writeTerminator(out, unicode);
    }
    if (extraInfo != null) {
      extraInfo.encode(out, unicode);
    }
  }

  /** Whether the packet carries a user name or a password. */
  public boolean hasCredentials() {
    return !userName.isEmpty() || !password.isEmpty();
  }

  @Override
  public String summary() {
    return "flags="
        + flags
        + ", userName="
        + (userName.isEmpty() ? "(none)" : userName)
        + ", domain="
        + (domain.isEmpty() ? "(none)" : domain)
        + ", password "
        + (password.isEmpty() ? "empty" : "set")
        + (extraInfo == null || extraInfo.clientAddress() == null
            ? ""
            : ", clientAddress=" + extraInfo.clientAddress());
  }

  /** Every field except the password, which shows as {@code <redacted>} when it is not empty. */
  @Override
  public String toString() {
    return "InfoPacket[codePage="
        + Wire.hex(codePage & 0xFFFFFFFFL)
        + ", flags="
        + flags
        + ", domain="
        + domain
        + ", userName="
        + userName
        + ", password="
        + (password.isEmpty() ? "" : "<redacted>")
        + ", alternateShell="
        + alternateShell
        + ", workingDir="
        + workingDir
        + ", extraInfo="
        + extraInfo
        + "]";
  }
}
