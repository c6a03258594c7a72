package dev.rdpprobe.wire.credssp;

import dev.rdpprobe.wire.DecodeException;
import dev.rdpprobe.wire.Octets;
import dev.rdpprobe.wire.Pdu;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Objects;

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
 * <p>The probe proves credentials with NTLM and {@code pubKeyAuth} and never delegates a password:
 * the only TSCredentials it encodes is {@link #RESTRICTED_ADMIN}, which carries none. The emulator
 * decodes what a client sends and refuses what does not decode. Encoding is DER as {@link Der}
 * writes it (minimal lengths, minimal INTEGER), the same DER the decoder reads back. The
 * credentials are secret: this object holds them in an array of its own that {@link #close()}
 * overwrites, and {@link #toString()} and {@link #summary()} show only the type and the length.
 */
public final class TsCredentials implements Pdu, AutoCloseable {
  public static final String NAME = "TSCredentials";

  /** credType 1: TSPasswordCreds. */
  public static final int CRED_TYPE_PASSWORD = 1;

  /** credType 2: TSSmartCardCreds. */
  public static final int CRED_TYPE_SMART_CARD = 2;

  /** credType 6: TSRemoteGuardCreds (Remote Credential Guard). */
  public static final int CRED_TYPE_REMOTE_GUARD = 6;

  /**
   * The TSCredentials a client sends in Restricted Admin mode: credType 1 and a TSPasswordCreds
   * with an empty domain, user and password ({@link TsPasswordCreds#empty()}), DER-encoded by
   * {@link #encode}: {@code 30 17 a0 03 02 01 01 a1 10 04 0e 30 0c a0 02 04 00 a1 02 04 00 a2 02 04
   * 00}. It carries no secret.
   */
  public static final Octets RESTRICTED_ADMIN = Octets.encode(password(TsPasswordCreds.empty()));

  private final int credType;
  private final byte[] credentials;

  private TsCredentials(int credType, byte[] credentials) {
    this.credType = credType;
    this.credentials = credentials;
  }

  /**
   * A TSCredentials to encode; {@code credentials} (the DER of the structure credType names) is
   * copied.
   *
   * @throws IllegalArgumentException if the credentials are longer than a TSRequest may be
   */
  public static TsCredentials of(int credType, byte[] credentials) {
    Objects.requireNonNull(credentials, "credentials");
    if (credentials.length > TsRequest.MAX_LENGTH) {
      throw new IllegalArgumentException(
          "credentials longer than " + TsRequest.MAX_LENGTH + " octets");
    }
    return new TsCredentials(credType, credentials.clone());
  }

  /** A TSCredentials of credType 1 around the DER of {@code creds}. */
  public static TsCredentials password(TsPasswordCreds creds) {
    byte[] der = new byte[creds.size()];
    ByteBuf out = Unpooled.wrappedBuffer(der);
    out.writerIndex(0);
    creds.encode(out);
    return new TsCredentials(CRED_TYPE_PASSWORD, der);
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

  // --- encoding -------------------------------------------------------------------------------

  private int contentSize() {
    return Der.tlvSize(Der.integerSize(credType)) + Der.tlvSize(Der.tlvSize(credentials.length));
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public int size() {
    return Der.tlvSize(contentSize());
  }

  @Override
  public void encode(ByteBuf out) {
    Der.writeHeader(out, Der.TAG_SEQUENCE, contentSize());
    Der.writeHeader(out, Der.context(0), Der.integerSize(credType));
    Der.writeInteger(out, credType);
    Der.writeHeader(out, Der.context(1), Der.tlvSize(credentials.length));
    Der.writeHeader(out, Der.TAG_OCTET_STRING, credentials.length);
    out.writeBytes(credentials);
  }

  /** The type and the length; never the credentials. */
  @Override
  public String summary() {
    return "credType=" + credType + ", credentials " + credentials.length + " bytes";
  }

  /** The same credType and credentials (compared in constant time). */
  @Override
  public boolean equals(Object o) {
    return o instanceof TsCredentials other
        && credType == other.credType
        && MessageDigest.isEqual(credentials, other.credentials);
  }

  /** The hash of credType and the length; the credentials stay out of it. */
  @Override
  public int hashCode() {
    return 31 * credType + credentials.length;
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
