package dev.rdpprobe.wire.license;

import dev.rdpprobe.wire.NamedBits;
import dev.rdpprobe.wire.Octets;
import dev.rdpprobe.wire.Wire;
import io.netty.buffer.ByteBuf;
import java.util.HexFormat;
import java.util.Objects;

/**
 * Client New License Request, CLIENT_NEW_LICENSE_REQUEST (MS-RDPELE 2.2.2.2, bMsgType
 * NEW_LICENSE_REQUEST 0x13): the client's answer to a Server License Request when it holds no
 * license. It carries the client random and the premaster secret encrypted to the server's
 * certificate key, from which both sides derive the licensing keys (MS-RDPELE 5.1.3), and the
 * user's and the machine's names. A Windows server goes on with a Server Platform Challenge; xrdp
 * answers with the "valid client" message.
 *
 * <p>The names are kept as the blobs that carry them, so a message re-encodes byte for byte; {@link
 * #userName()} and {@link #machineName()} read them. {@link #of} makes one from text. The probe's
 * answer to a server's request is made by {@code dev.rdpprobe.license.ClientLicensing}. {@code
 * toString} and {@link #summary()} show the sizes of the random and the encrypted secret, never
 * their bytes.
 *
 * @param preferredKeyExchangeAlg PreferredKeyExchangeAlg ({@link #KEY_EXCHANGE_ALG_RSA})
 * @param platformId PlatformId: the client's operating system in the top byte, the vendor of its
 *     image in the next ({@link #PLATFORM_ID_WINDOWS})
 * @param clientRandom ClientRandom (32 bytes)
 * @param encryptedPreMasterSecret EncryptedPreMasterSecret (BB_RANDOM_BLOB): the 48-byte premaster
 *     secret RSA-encrypted to the server's key, little-endian, with 8 zero bytes after it
 * @param clientUserName ClientUserName (BB_CLIENT_USER_NAME_BLOB): ANSI, NUL-terminated
 * @param clientMachineName ClientMachineName (BB_CLIENT_MACHINE_NAME_BLOB): ANSI, NUL-terminated
 */
public record NewLicenseRequest(
    int preferredKeyExchangeAlg,
    int platformId,
    Octets clientRandom,
    LicenseBinaryBlob encryptedPreMasterSecret,
    LicenseBinaryBlob clientUserName,
    LicenseBinaryBlob clientMachineName)
    implements LicenseMessage {
  public static final String NAME = "CLIENT_NEW_LICENSE_REQUEST";

  public static final int FIXED_PART_SIZE =
      4 // PreferredKeyExchangeAlg
          + 4 // PlatformId
          + 32 // ClientRandom
          + 3 * LicenseBinaryBlob.FIXED_PART_SIZE; // the three blobs' wBlobType and wBlobLen

  /** The length of ClientRandom. */
  public static final int CLIENT_RANDOM_LENGTH = 32;

  /** PreferredKeyExchangeAlg: KEY_EXCHANGE_ALG_RSA, the only one defined. */
  public static final int KEY_EXCHANGE_ALG_RSA = 0x00000001;

  public static final int CLIENT_OS_ID_WINNT_351 = 0x01000000;
  public static final int CLIENT_OS_ID_WINNT_40 = 0x02000000;
  public static final int CLIENT_OS_ID_WINNT_50 = 0x03000000;
  public static final int CLIENT_OS_ID_WINNT_POST_52 = 0x04000000;
  public static final int CLIENT_IMAGE_ID_MICROSOFT = 0x00010000;
  public static final int CLIENT_IMAGE_ID_CITRIX = 0x00020000;

  /**
   * CLIENT_OS_ID_WINNT_POST_52 | CLIENT_IMAGE_ID_MICROSOFT (0x04010000): what Windows clients and
   * FreeRDP send.
   */
  public static final int PLATFORM_ID_WINDOWS =
      CLIENT_OS_ID_WINNT_POST_52 | CLIENT_IMAGE_ID_MICROSOFT;

  private static final NamedBits OS_IDS =
      NamedBits.of(
          CLIENT_OS_ID_WINNT_351 >>> 24, "CLIENT_OS_ID_WINNT_351",
          CLIENT_OS_ID_WINNT_40 >>> 24, "CLIENT_OS_ID_WINNT_40",
          CLIENT_OS_ID_WINNT_50 >>> 24, "CLIENT_OS_ID_WINNT_50",
          CLIENT_OS_ID_WINNT_POST_52 >>> 24, "CLIENT_OS_ID_WINNT_POST_52");

  private static final NamedBits IMAGE_IDS =
      NamedBits.of(
          CLIENT_IMAGE_ID_MICROSOFT >>> 16, "CLIENT_IMAGE_ID_MICROSOFT",
          CLIENT_IMAGE_ID_CITRIX >>> 16, "CLIENT_IMAGE_ID_CITRIX");

  public NewLicenseRequest {
    Objects.requireNonNull(clientRandom, "clientRandom");
    Objects.requireNonNull(encryptedPreMasterSecret, "encryptedPreMasterSecret");
    Objects.requireNonNull(clientUserName, "clientUserName");
    Objects.requireNonNull(clientMachineName, "clientMachineName");
    if (clientRandom.length() != CLIENT_RANDOM_LENGTH) {
      throw new IllegalArgumentException("ClientRandom is not 32 bytes: " + clientRandom.length());
    }
    requireType(encryptedPreMasterSecret, LicenseBinaryBlob.BB_RANDOM_BLOB);
    requireType(clientUserName, LicenseBinaryBlob.BB_CLIENT_USER_NAME_BLOB);
    requireType(clientMachineName, LicenseBinaryBlob.BB_CLIENT_MACHINE_NAME_BLOB);
    int size =
        FIXED_PART_SIZE
            + encryptedPreMasterSecret.blobData().length()
            + clientUserName.blobData().length()
            + clientMachineName.blobData().length();
    if (size > 0xFFFF - LicensePreamble.FIXED_PART_SIZE) {
      throw new IllegalArgumentException("message too long: " + size);
    }
  }

  private static void requireType(LicenseBinaryBlob blob, int type) {
    if (blob.wBlobType() != type && blob.blobData().length() != 0) {
      throw new IllegalArgumentException(
          "a " + blob.typeName() + " where " + LicenseBinaryBlob.empty(type).typeName() + " goes");
    }
  }

  /**
   * The message with these names, written NUL-terminated in ISO-8859-1 (each char must be 1 to
   * 0xFF).
   *
   * @param encryptedPreMasterSecret the data of EncryptedPreMasterSecret, padding included
   */
  public static NewLicenseRequest of(
      int preferredKeyExchangeAlg,
      int platformId,
      Octets clientRandom,
      Octets encryptedPreMasterSecret,
      String userName,
      String machineName) {
    return new NewLicenseRequest(
        preferredKeyExchangeAlg,
        platformId,
        clientRandom,
        new LicenseBinaryBlob(LicenseBinaryBlob.BB_RANDOM_BLOB, encryptedPreMasterSecret),
        new LicenseBinaryBlob(
            LicenseBinaryBlob.BB_CLIENT_USER_NAME_BLOB,
            ServerLicenseRequest.ansiz(userName, "userName")),
        new LicenseBinaryBlob(
            LicenseBinaryBlob.BB_CLIENT_MACHINE_NAME_BLOB,
            ServerLicenseRequest.ansiz(machineName, "machineName")));
  }

  /**
   * Reads the message. A blob of the wrong type is an error unless it is empty.
   *
   * @throws dev.rdpprobe.wire.DecodeException if a field runs past the end or a blob's type is
   *     wrong
   */
  public static NewLicenseRequest decode(ByteBuf in) {
    Wire.ensure(in, 4 + 4 + CLIENT_RANDOM_LENGTH, NAME, "PreferredKeyExchangeAlg");
    int alg = in.readIntLE();
    int platform = in.readIntLE();
    Octets random = Octets.read(in, CLIENT_RANDOM_LENGTH, NAME, "ClientRandom");
    LicenseBinaryBlob secret =
        LicenseBinaryBlob.decode(
            in, LicenseBinaryBlob.BB_RANDOM_BLOB, NAME, "EncryptedPreMasterSecret");
    LicenseBinaryBlob user =
        LicenseBinaryBlob.decode(
            in, LicenseBinaryBlob.BB_CLIENT_USER_NAME_BLOB, NAME, "ClientUserName");
    LicenseBinaryBlob machine =
        LicenseBinaryBlob.decode(
            in, LicenseBinaryBlob.BB_CLIENT_MACHINE_NAME_BLOB, NAME, "ClientMachineName");
    return new NewLicenseRequest(alg, platform, random, secret, user, machine);
  }

  /** The user name, up to its first NUL (ISO-8859-1). */
  public String userName() {
    return ServerLicenseRequest.ansi(clientUserName.blobData());
  }

  /** The machine name, up to its first NUL (ISO-8859-1). */
  public String machineName() {
    return ServerLicenseRequest.ansi(clientMachineName.blobData());
  }

  /**
   * PlatformId named, e.g. {@code CLIENT_OS_ID_WINNT_POST_52|CLIENT_IMAGE_ID_MICROSOFT
   * (0x04010000)}; the low 16 bits (the build) are shown when not 0.
   */
  public String platformName() {
    StringBuilder sb =
        new StringBuilder(OS_IDS.code(platformId >>> 24))
            .append('|')
            .append(IMAGE_IDS.code((platformId >>> 16) & 0xFF));
    if ((platformId & 0xFFFF) != 0) {
      sb.append("|build ").append(platformId & 0xFFFF);
    }
    return sb.append(" (0x").append(HexFormat.of().toHexDigits(platformId)).append(')').toString();
  }

  @Override
  public LicenseMessageType messageType() {
    return LicenseMessageType.NEW_LICENSE_REQUEST;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public int size() {
    return FIXED_PART_SIZE
        - 3 * LicenseBinaryBlob.FIXED_PART_SIZE
        + encryptedPreMasterSecret.size()
        + clientUserName.size()
        + clientMachineName.size();
  }

  @Override
  public void encode(ByteBuf out) {
    out.writeIntLE(preferredKeyExchangeAlg);
    out.writeIntLE(platformId);
    clientRandom.writeTo(out);
    encryptedPreMasterSecret.encode(out);
    clientUserName.encode(out);
    clientMachineName.encode(out);
  }

  /**
   * The names, the platform and the sizes, e.g. {@code ClientUserName=rdpprobe,
   * ClientMachineName=rdpprobe, PreferredKeyExchangeAlg=KEY_EXCHANGE_ALG_RSA, PlatformId=...,
   * EncryptedPreMasterSecret 72 bytes}.
   */
  @Override
  public String summary() {
    return "ClientUserName="
        + userName()
        + ", ClientMachineName="
        + machineName()
        + ", PreferredKeyExchangeAlg="
        + (preferredKeyExchangeAlg == KEY_EXCHANGE_ALG_RSA
            ? "KEY_EXCHANGE_ALG_RSA"
            : "unknown (" + Wire.hex(preferredKeyExchangeAlg & 0xFFFFFFFFL) + ")")
        + ", PlatformId="
        + platformName()
        + ", EncryptedPreMasterSecret "
        + encryptedPreMasterSecret.blobData().length()
        + " bytes";
  }

  /** Every field, with the sizes of ClientRandom and EncryptedPreMasterSecret in place of bytes. */
  @Override
  public String toString() {
    return "NewLicenseRequest[preferredKeyExchangeAlg="
        + Wire.hex(preferredKeyExchangeAlg & 0xFFFFFFFFL)
        + ", platformId="
        + platformName()
        + ", clientRandom="
        + clientRandom.length()
        + " bytes, encryptedPreMasterSecret="
        + encryptedPreMasterSecret.summary()
        + ", clientUserName="
        + clientUserName.summary()
        + " "
        + userName()
        + ", clientMachineName="
        + clientMachineName.summary()
        + " "
        + machineName()
        + "]";
  }
}
