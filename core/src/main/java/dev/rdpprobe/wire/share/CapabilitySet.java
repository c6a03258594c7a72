package dev.rdpprobe.wire.share;

import dev.rdpprobe.wire.DecodeException;
import dev.rdpprobe.wire.Octets;
import dev.rdpprobe.wire.Pdu;
import dev.rdpprobe.wire.Wire;
import io.netty.buffer.ByteBuf;

/**
 * A capability set, TS_CAPS_SET (MS-RDPBCGR 2.2.1.13.1.1.1): capabilitySetType, lengthCapability
 * (this header included) and the data. The General, Bitmap and Order sets are decoded when their
 * length is the specified one; every other set, and a decoded type of another length, stays a
 * {@link RawCapabilitySet} that re-encodes as it came.
 */
public sealed interface CapabilitySet extends Pdu
    permits GeneralCapabilitySet, BitmapCapabilitySet, OrderCapabilitySet, RawCapabilitySet {

  String NAME = "TS_CAPS_SET";

  /** capabilitySetType and lengthCapability. */
  int HEADER_SIZE =
      2 // capabilitySetType
          + 2; // lengthCapability

  /** capabilitySetType. */
  int capabilitySetType();

  /** The type with its name. */
  default CapabilitySetType type() {
    return new CapabilitySetType(capabilitySetType());
  }

  /** Reads one set, chosen by its type and length. */
  static CapabilitySet decode(ByteBuf in) {
    int start = in.readerIndex();
    Wire.ensure(in, HEADER_SIZE, NAME, "capabilitySetType");
    int type = in.getUnsignedShortLE(start);
    int length = in.getUnsignedShortLE(start + 2);
    if (length < HEADER_SIZE) {
      throw Wire.invalid(NAME, "lengthCapability", start + 2, length, "at least 4");
    }
    if (length > in.readableBytes()) {
      throw new DecodeException(
          DecodeException.Kind.NOT_ENOUGH_BYTES,
          NAME,
          "lengthCapability",
          start + 2,
          in.readableBytes(),
          length + " bytes");
    }
    in.skipBytes(HEADER_SIZE);
    int dataLength = length - HEADER_SIZE;
    if (type == CapabilitySetType.CAPSTYPE_GENERAL
        && dataLength == GeneralCapabilitySet.DATA_SIZE) {
      return GeneralCapabilitySet.decodeData(in);
    }
    if (type == CapabilitySetType.CAPSTYPE_BITMAP && dataLength == BitmapCapabilitySet.DATA_SIZE) {
      return BitmapCapabilitySet.decodeData(in);
    }
    if (type == CapabilitySetType.CAPSTYPE_ORDER && dataLength == OrderCapabilitySet.DATA_SIZE) {
      return OrderCapabilitySet.decodeData(in);
    }
    return new RawCapabilitySet(type, Octets.read(in, dataLength, NAME, "data"));
  }

  /** Whether a set of this type and data length has a record of its own. */
  static boolean isTyped(int type, int dataLength) {
    return (type == CapabilitySetType.CAPSTYPE_GENERAL
            && dataLength == GeneralCapabilitySet.DATA_SIZE)
        || (type == CapabilitySetType.CAPSTYPE_BITMAP
            && dataLength == BitmapCapabilitySet.DATA_SIZE)
        || (type == CapabilitySetType.CAPSTYPE_ORDER && dataLength == OrderCapabilitySet.DATA_SIZE);
  }
}
