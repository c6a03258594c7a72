package dev.rdpprobe.wire.share;

import dev.rdpprobe.wire.Octets;
import io.netty.buffer.ByteBuf;
import java.util.Objects;

/**
 * A capability set this codec does not decode, or a decoded type whose length is not the specified
 * one: its capabilitySetType, named, and the data after the four-byte header, re-encoded as they
 * came (MS-RDPBCGR 2.2.1.13.1.1.1).
 *
 * @param capabilitySetType capabilitySetType
 * @param data capabilityData: the bytes after capabilitySetType and lengthCapability
 */
public record RawCapabilitySet(int capabilitySetType, Octets data) implements CapabilitySet {
  public RawCapabilitySet {
    if (capabilitySetType < 0 || capabilitySetType > 0xFFFF) {
      throw new IllegalArgumentException("capabilitySetType out of range: " + capabilitySetType);
    }
    Objects.requireNonNull(data, "data");
    if (data.length() > 0xFFFF - HEADER_SIZE) {
      throw new IllegalArgumentException("capability set too long: " + data.length());
    }
    if (CapabilitySet.isTyped(capabilitySetType, data.length())) {
      throw new IllegalArgumentException(type() + " of this length has its own record");
    }
  }

  @Override
  public CapabilitySetType type() {
    return new CapabilitySetType(capabilitySetType);
  }

  /** {@code TS_CAPS_SET CAPSTYPE_INPUT}. */
  @Override
  public String name() {
    return NAME + " " + type().name();
  }

  @Override
  public int size() {
    return HEADER_SIZE + data.length();
  }

  @Override
  public void encode(ByteBuf out) {
    out.writeShortLE(capabilitySetType);
    out.writeShortLE(size());
    data.writeTo(out);
  }

  @Override
  public String summary() {
    return type().name() + ", " + size() + " bytes";
  }
}
