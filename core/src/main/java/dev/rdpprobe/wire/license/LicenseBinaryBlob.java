package dev.rdpprobe.wire.license;

import dev.rdpprobe.wire.NamedBits;
import dev.rdpprobe.wire.Octets;
import dev.rdpprobe.wire.Pdu;
import dev.rdpprobe.wire.Wire;
import io.netty.buffer.ByteBuf;
import java.util.Objects;

/**
 * Licensing Binary BLOB, LICENSE_BINARY_BLOB (MS-RDPBCGR 2.2.1.12.1.2): a typed, length-prefixed
 * byte string. The type is kept as sent, whatever it is: with wBlobLen 0 senders leave it
 * unspecified (xrdp's "valid client" message carries {@code 0x1428} there).
 *
 * @param wBlobType wBlobType
 * @param blobData blobData (wBlobLen bytes)
 */
public record LicenseBinaryBlob(int wBlobType, Octets blobData) implements Pdu {
  public static final String NAME = "LICENSE_BINARY_BLOB";

  public static final int FIXED_PART_SIZE =
      2 // wBlobType
          + 2; // wBlobLen

  public static final int BB_DATA_BLOB = 0x0001;
  public static final int BB_RANDOM_BLOB = 0x0002;
  public static final int BB_CERTIFICATE_BLOB = 0x0003;
  public static final int BB_ERROR_BLOB = 0x0004;
  public static final int BB_RSA_KEY_BLOB = 0x0006;
  public static final int BB_RSA_SIGNATURE_BLOB = 0x0008;
  public static final int BB_ENCRYPTED_DATA_BLOB = 0x0009;
  public static final int BB_KEY_EXCHG_ALG_BLOB = 0x000D;
  public static final int BB_SCOPE_BLOB = 0x000E;
  public static final int BB_CLIENT_USER_NAME_BLOB = 0x000F;
  public static final int BB_CLIENT_MACHINE_NAME_BLOB = 0x0010;

  private static final NamedBits TYPES =
      NamedBits.of(
          BB_DATA_BLOB, "BB_DATA_BLOB",
          BB_RANDOM_BLOB, "BB_RANDOM_BLOB",
          BB_CERTIFICATE_BLOB, "BB_CERTIFICATE_BLOB",
          BB_ERROR_BLOB, "BB_ERROR_BLOB",
          BB_RSA_KEY_BLOB, "BB_RSA_KEY_BLOB",
          BB_RSA_SIGNATURE_BLOB, "BB_RSA_SIGNATURE_BLOB",
          BB_ENCRYPTED_DATA_BLOB, "BB_ENCRYPTED_DATA_BLOB",
          BB_KEY_EXCHG_ALG_BLOB, "BB_KEY_EXCHG_ALG_BLOB",
          BB_SCOPE_BLOB, "BB_SCOPE_BLOB",
          BB_CLIENT_USER_NAME_BLOB, "BB_CLIENT_USER_NAME_BLOB",
          BB_CLIENT_MACHINE_NAME_BLOB, "BB_CLIENT_MACHINE_NAME_BLOB");

  public LicenseBinaryBlob {
    if (wBlobType < 0 || wBlobType > 0xFFFF) {
      throw new IllegalArgumentException("wBlobType out of range: " + wBlobType);
    }
    Objects.requireNonNull(blobData, "blobData");
    if (blobData.length() > 0xFFFF) {
      throw new IllegalArgumentException("blob too long: " + blobData.length());
    }
  }

  /** An empty blob of this type. */
  public static LicenseBinaryBlob empty(int wBlobType) {
    return new LicenseBinaryBlob(wBlobType, Octets.EMPTY);
  }

  /** Reads the blob. */
  public static LicenseBinaryBlob decode(ByteBuf in) {
    Wire.ensure(in, FIXED_PART_SIZE, NAME, "wBlobType");
    int type = in.readUnsignedShortLE();
    int length = in.readUnsignedShortLE();
    return new LicenseBinaryBlob(type, Octets.read(in, length, NAME, "blobData"));
  }

  /**
   * Reads a blob that must be of {@code expectedType}, as the field {@code field} of {@code pdu}: a
   * blob of another type is an error unless it is empty (senders leave the type of an empty blob
   * unspecified).
   */
  public static LicenseBinaryBlob decode(ByteBuf in, int expectedType, String pdu, String field) {
    int at = in.readerIndex();
    LicenseBinaryBlob blob = decode(in);
    if (blob.wBlobType != expectedType && blob.blobData.length() != 0) {
      throw Wire.invalid(
          pdu,
          field + ".wBlobType",
          at,
          blob.wBlobType,
          Wire.hex(expectedType) + " (" + TYPES.code(expectedType) + ")");
    }
    return blob;
  }

  /** The type's name, e.g. {@code BB_ERROR_BLOB}, or {@code unknown (0x..)}. */
  public String typeName() {
    return TYPES.code(wBlobType);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public int size() {
    return FIXED_PART_SIZE + blobData.length();
  }

  @Override
  public void encode(ByteBuf out) {
    out.writeShortLE(wBlobType);
    out.writeShortLE(blobData.length());
    blobData.writeTo(out);
  }

  @Override
  public String summary() {
    return "wBlobType=" + typeName() + ", wBlobLen=" + blobData.length();
  }
}
