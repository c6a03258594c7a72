package dev.rdpprobe.wire.gcc;

import dev.rdpprobe.wire.Octets;
import dev.rdpprobe.wire.Wire;
import dev.rdpprobe.wire.x224.SecurityProtocols;
import io.netty.buffer.ByteBuf;
import java.util.Objects;

/**
 * Server Core Data, TS_UD_SC_CORE (MS-RDPBCGR 2.2.1.4.2).
 *
 * <p>{@code clientRequestedProtocols} and {@code earlyCapabilityFlags} are optional, the second
 * only with the first: the block length says which are there (8, 12 or 16 bytes). Servers older
 * than RDP 5.0 send only the version; Windows sends all three. Bytes after {@code
 * earlyCapabilityFlags} are kept in {@code extra}.
 *
 * @param version version
 * @param clientRequestedProtocols clientRequestedProtocols: the server's copy of the
 *     requestedProtocols of the client's RDP_NEG_REQ, or null when absent
 * @param earlyCapabilityFlags earlyCapabilityFlags, or null when absent
 * @param extra bytes after earlyCapabilityFlags, empty unless both optional fields are present
 */
public record ServerCoreData(
    RdpVersion version,
    SecurityProtocols clientRequestedProtocols,
    ServerEarlyCapabilityFlags earlyCapabilityFlags,
    Octets extra)
    implements ServerDataBlock {
  public static final String NAME = "TS_UD_SC_CORE";

  public static final int FIXED_PART_SIZE = 4; // version

  /** The optional fields' sizes. */
  public static final int OPTIONAL_PART_SIZE =
      4 // clientRequestedProtocols
          + 4; // earlyCapabilityFlags

  public ServerCoreData {
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(extra, "extra");
    if (earlyCapabilityFlags != null && clientRequestedProtocols == null) {
      throw new IllegalArgumentException("earlyCapabilityFlags needs clientRequestedProtocols");
    }
    if (extra.length() > 0 && earlyCapabilityFlags == null) {
      throw new IllegalArgumentException("extra bytes need every optional field present");
    }
    if (extra.length() > 0xFFFF - UserDataHeader.FIXED_PART_SIZE - FIXED_PART_SIZE - 8) {
      throw new IllegalArgumentException("block too long: " + extra.length());
    }
  }

  /** Core data with all three fields, as Windows sends it. */
  public static ServerCoreData of(
      RdpVersion version,
      SecurityProtocols clientRequestedProtocols,
      ServerEarlyCapabilityFlags earlyCapabilityFlags) {
    return new ServerCoreData(
        version,
        Objects.requireNonNull(clientRequestedProtocols, "clientRequestedProtocols"),
        Objects.requireNonNull(earlyCapabilityFlags, "earlyCapabilityFlags"),
        Octets.EMPTY);
  }

  /** Reads the block. */
  public static ServerCoreData decode(ByteBuf in) {
    return DataBlocks.decode(in, SC_CORE, NAME, FIXED_PART_SIZE, ServerCoreData::decodeBody);
  }

  private static ServerCoreData decodeBody(ByteBuf in) {
    RdpVersion version = new RdpVersion(in.readIntLE());
    SecurityProtocols requested = null;
    ServerEarlyCapabilityFlags flags = null;
    Octets extra = Octets.EMPTY;
    if (present(in, "clientRequestedProtocols")) {
      requested = new SecurityProtocols(in.readIntLE());
      if (present(in, "earlyCapabilityFlags")) {
        flags = new ServerEarlyCapabilityFlags(in.readIntLE());
        extra = Octets.read(in, in.readableBytes(), NAME, "fields after earlyCapabilityFlags");
      }
    }
    return new ServerCoreData(version, requested, flags, extra);
  }

  /** Whether a 4-byte optional field is there; a block that ends inside it is malformed. */
  private static boolean present(ByteBuf in, String field) {
    int left = in.readableBytes();
    if (left == 0) {
      return false;
    }
    if (left < 4) {
      throw Wire.invalid(
          NAME, field, in.readerIndex(), left, "4 bytes, or the block ending before the field");
    }
    return true;
  }

  @Override
  public int type() {
    return SC_CORE;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public int size() {
    return UserDataHeader.FIXED_PART_SIZE
        + FIXED_PART_SIZE
        + (clientRequestedProtocols == null ? 0 : 4)
        + (earlyCapabilityFlags == null ? 0 : 4)
        + extra.length();
  }

  @Override
  public void encode(ByteBuf out) {
    DataBlocks.writeHeader(out, SC_CORE, size());
    out.writeIntLE(version.value());
    if (clientRequestedProtocols != null) {
      out.writeIntLE(clientRequestedProtocols.bits());
      if (earlyCapabilityFlags != null) {
        out.writeIntLE(earlyCapabilityFlags.bits());
        extra.writeTo(out);
      }
    }
  }

  @Override
  public String summary() {
    StringBuilder sb = new StringBuilder("version=").append(version);
    if (clientRequestedProtocols != null) {
      sb.append(", clientRequestedProtocols=").append(clientRequestedProtocols);
    }
    if (earlyCapabilityFlags != null) {
      sb.append(", earlyCapabilityFlags=").append(earlyCapabilityFlags);
    }
    return sb.toString();
  }
}
