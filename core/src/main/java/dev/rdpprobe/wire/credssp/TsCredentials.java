package dev.rdpprobe.wire.credssp;

import dev.rdpprobe.wire.DecodeException;
import dev.rdpprobe.wire.Octets;
import io.netty.buffer.ByteBuf;
import java.util.Arrays;

/**
 * TSCredentials (MS-CSSP 2.2.1.2), the structure a CredSSP client encrypts into {@code authInfo} to
 * delegate its credentials:
 *
 * <pre>
 * TSCredentials ::= SEQUENCE {
 *   credType    [0] INTEGER,       -- 1 password, 2 smart card, 6 Remote Credential Guard
 *   credentials [1] OCTET STRING   -- the DER of TSPasswordCreds, TSSmartCardCreds, ...
 * }
 * </pre>
 *
 * <p><b>Decode only.</b> The probe proves credentials with NTLM and {@code pubKeyAuth} and never
 * delegates them, so there is deliberately no encoder here; the emulator decodes what a real client
 * sends. The credentials are secret: this object holds them in an array of its own that {@link
 * #close()} overwrites, and {@link #toString()} shows only the type and the length.
 */
public final class TsCredentials implements AutoCloseable {
  public static final String NAME = "TSCredentials";

  /** credType 1: TSPasswordCreds. */
  public static final int CRED_TYPE_PASSWORD = 1;

  /** credType 2: TSSmartCardCreds. */
  public static final int CRED_TYPE_SMART_CARD = 2;

  /** credType 6: TSRemoteGuardCreds (Remote Credential Guard). */
  public static final int CRED_TYPE_REMOTE_GUARD = 6;

  /**
   * The TSCredentials a client sends in Restricted Admin mode: TSPasswordCreds with an empty
   * domain, user and password (MS-RDPBCGR 5.4.5.4.1 "restricted admin"), DER-encoded. It carries no
   * secret.
   */
  public static final Octets RESTRICTED_ADMIN =
      Octets.fromHex("30 1a a0 03 02 01 01 a1 13 04 11 30 0f a0 02 04 00 a1 02 04 00 a2 02 04 00");

  private final int credType;
  private final byte[] credentials;

  private TsCredentials(int credType, byte[] credentials) {
    this.credType = credType;
    this.credentials = credentials;
  }

  /** Reads one TSCredentials (the plaintext of an {@code authInfo}); bytes after it are left. */
  public static TsCredentials decode(ByteBuf in) {
    Der.Reader r = new Der.Reader(in, NAME);
    r.enter(Der.TAG_SEQUENCE, NAME, DecodeException.Kind.UNEXPECTED_MESSAGE_TYPE);
    r.enter(Der.context(0), "credType", DecodeException.Kind.INVALID_FIELD);
    int credType = r.readInteger("credType");
    r.leave("credType");
    r.enter(Der.context(1), "credentials", DecodeException.Kind.INVALID_FIELD);
    byte[] credentials = r.readOctetStringBytes("credentials", TsRequest.MAX_LENGTH);
    try {
      r.leave("credentials");
      r.leave(NAME);
    } catch (DecodeException e) {
      Arrays.fill(credentials, (byte) 0);
      throw e;
    }
    return new TsCredentials(credType, credentials);
  }

  /** credType as sent. */
  public int credType() {
    return credType;
  }

  /** The number of octets of {@code credentials}. */
  public int credentialsLength() {
    return credentials.length;
  }

  /**
   * Decodes {@code credentials} as TSPasswordCreds.
   *
   * @throws DecodeException if credType is not 1 or the octets are not a TSPasswordCreds (offsets
   *     are within {@code credentials})
   */
  public TsPasswordCreds passwordCreds() {
    if (credType != CRED_TYPE_PASSWORD) {
      throw new DecodeException(
          DecodeException.Kind.UNEXPECTED_MESSAGE_TYPE,
          NAME,
          "credType",
          0,
          credType & 0xFFFFFFFFL,
          "1 (password)");
    }
    return TsPasswordCreds.decode(credentials);
  }

  /** Overwrites the credentials with zeros. */
  @Override
  public void close() {
    Arrays.fill(credentials, (byte) 0);
  }

  /** The type and the length; never the credentials. */
  @Override
  public String toString() {
    return "TsCredentials[credType="
        + credType
        + ", credentials=<"
        + credentials.length
        + " bytes redacted>]";
  }
}
