package dev.rdpprobe.wire.gcc;

import dev.rdpprobe.wire.Octets;
import dev.rdpprobe.wire.Wire;
import io.netty.buffer.ByteBuf;
import java.util.Objects;

/**
 * Server Security Data, TS_UD_SC_SEC1 (MS-RDPBCGR 2.2.1.4.3): the Standard RDP Security method and
 * level the server chose and, when it chose one, its random and certificate.
 *
 * <p>Under TLS or CredSSP, method and level are 0 and the block ends after them (12 bytes). With
 * Standard RDP Security the server adds {@code serverRandomLen}, {@code serverCertLen}, the 32-byte
 * random and the certificate; {@code serverRandom} and {@code serverCertificate} are both null or
 * both present.
 *
 * @param encryptionMethod encryptionMethod: none or one method
 * @param encryptionLevel encryptionLevel
 * @param serverRandom serverRandom (32 bytes from a conforming server), or null when absent
 * @param serverCertificate serverCertificate, or null when absent
 */
public record ServerSecurityData(
    EncryptionMethods encryptionMethod,
    EncryptionLevel encryptionLevel,
    Octets serverRandom,
    ServerCertificate serverCertificate)
    implements ServerDataBlock {
  public static final String NAME = "TS_UD_SC_SEC1";

  public static final int FIXED_PART_SIZE =
      4 // encryptionMethod
          + 4; // encryptionLevel

  /** The length fields in front of the random and the certificate. */
  public static final int LENGTHS_SIZE =
      4 // serverRandomLen
          + 4; // serverCertLen

  /** The length of serverRandom a conforming server sends. */
  public static final int SERVER_RANDOM_SIZE = 32;

  public ServerSecurityData {
    Objects.requireNonNull(encryptionMethod, "encryptionMethod");
    Objects.requireNonNull(encryptionLevel, "encryptionLevel");
    if ((serverRandom == null) != (serverCertificate == null)) {
      throw new IllegalArgumentException("serverRandom and serverCertificate go together");
    }
    if (serverRandom != null
        && UserDataHeader.FIXED_PART_SIZE
                + FIXED_PART_SIZE
                + LENGTHS_SIZE
                + serverRandom.length()
                + serverCertificate.bytes().length()
            > 0xFFFF) {
      throw new IllegalArgumentException("block too long");
    }
  }

  /** Method and level 0 without random and certificate, as under TLS and CredSSP. */
  public static ServerSecurityData none() {
    return new ServerSecurityData(EncryptionMethods.NONE, EncryptionLevel.NONE, null, null);
  }

  /** Reads the block. */
  public static ServerSecurityData decode(ByteBuf in) {
    return DataBlocks.decode(
        in, SC_SECURITY, NAME, FIXED_PART_SIZE, ServerSecurityData::decodeBody);
  }

  private static ServerSecurityData decodeBody(ByteBuf in) {
    EncryptionMethods method = new EncryptionMethods(in.readIntLE());
    EncryptionLevel level = new EncryptionLevel(in.readIntLE());
    if (!in.isReadable()) {
      return new ServerSecurityData(method, level, null, null);
    }
    if (in.readableBytes() < LENGTHS_SIZE) {
      throw Wire.invalid(
          NAME,
          "serverRandomLen",
          in.readerIndex(),
          in.readableBytes(),
          "8 bytes of lengths, or the block ending after encryptionLevel");
    }
    int randomLenOffset = in.readerIndex();
    long randomLen = in.readUnsignedIntLE();
    long certLen = in.readUnsignedIntLE();
    int left = in.readableBytes();
    if (randomLen > left) {
      throw Wire.invalid(
          NAME, "serverRandomLen", randomLenOffset, randomLen, "at most " + left + " (the block)");
    }
    if (certLen != left - randomLen) {
      throw Wire.invalid(
          NAME,
          "serverCertLen",
          randomLenOffset + 4,
          certLen,
          (left - randomLen) + " (the rest of the block)");
    }
    Octets random = Octets.read(in, (int) randomLen, NAME, "serverRandom");
    Octets cert = Octets.read(in, (int) certLen, NAME, "serverCertificate");
    return new ServerSecurityData(method, level, random, new ServerCertificate(cert));
  }

  @Override
  public int type() {
    return SC_SECURITY;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public int size() {
    int size = UserDataHeader.FIXED_PART_SIZE + FIXED_PART_SIZE;
    if (serverRandom != null) {
      size += LENGTHS_SIZE + serverRandom.length() + serverCertificate.bytes().length();
    }
    return size;
  }

  @Override
  public void encode(ByteBuf out) {
    DataBlocks.writeHeader(out, SC_SECURITY, size());
    out.writeIntLE(encryptionMethod.bits());
    out.writeIntLE(encryptionLevel.value());
    if (serverRandom != null) {
      out.writeIntLE(serverRandom.length());
      out.writeIntLE(serverCertificate.bytes().length());
      serverRandom.writeTo(out);
      serverCertificate.bytes().writeTo(out);
    }
  }

  @Override
  public String summary() {
    String s = "encryptionMethod=" + encryptionMethod + ", encryptionLevel=" + encryptionLevel;
    return serverCertificate == null ? s : s + ", serverCertificate=" + serverCertificate;
  }
}
