package dev.rdpprobe.wire.mcs;

import dev.rdpprobe.wire.Wire;
import io.netty.buffer.ByteBuf;
import java.util.Objects;

/**
 * MCS Disconnect Provider Ultimatum PDU (MS-RDPBCGR 2.2.2.3, T.125 DisconnectProviderUltimatum):
 * the 3-bit reason follows the 6-bit CHOICE directly, so it spans the low 2 bits of the first octet
 * and the top bit of the second: {@code 21 80} is rn-user-requested (3), {@code 22 00}
 * rn-channel-purged (4).
 *
 * @param reason reason
 */
public record DisconnectProviderUltimatum(DisconnectProviderReason reason)
    implements DomainMcsPdu, CarriesUltimatumReason {
  public static final String NAME = "MCS Disconnect Provider Ultimatum";

  public static final int FIXED_PART_SIZE =
      1 // CHOICE (6 bits), reason (2 high bits)
          + 1; // reason (low bit) and padding

  public DisconnectProviderUltimatum {
    Objects.requireNonNull(reason, "reason");
  }

  @Override
  public int ultimatumReason() {
    return reason.value();
  }

  /** An ultimatum with this reason. */
  public static DisconnectProviderUltimatum of(DisconnectProviderReason reason) {
    return new DisconnectProviderUltimatum(reason);
  }

  /** Reads the MCS PDU. */
  public static DisconnectProviderUltimatum decode(ByteBuf in) {
    int first = DomainMcsPdu.readChoice(in, CHOICE_DISCONNECT_PROVIDER_ULTIMATUM, 0x3, NAME);
    Wire.ensure(in, 1, NAME, "reason");
    int second = in.readUnsignedByte();
    if ((second & 0x7F) != 0) {
      throw Wire.invalid(NAME, "padding bits", in.readerIndex() - 1, second, "low 7 bits 0");
    }
    return new DisconnectProviderUltimatum(
        new DisconnectProviderReason((first & 3) << 1 | second >> 7));
  }

  /** Reads the PDU in its TPKT and X.224 Data TPDU. */
  public static DisconnectProviderUltimatum decodeFramed(ByteBuf in) {
    return McsFrame.decode(in, DisconnectProviderUltimatum::decode, NAME);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public int size() {
    return FIXED_PART_SIZE;
  }

  @Override
  public void encode(ByteBuf out) {
    int r = reason.value();
    out.writeByte(CHOICE_DISCONNECT_PROVIDER_ULTIMATUM << 2 | r >> 1);
    out.writeByte((r & 1) << 7);
  }

  @Override
  public String summary() {
    return "reason=" + reason;
  }
}
