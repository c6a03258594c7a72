package dev.rdpprobe.wire.share;

import dev.rdpprobe.wire.DecodeException;
import dev.rdpprobe.wire.Wire;
import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The capability sets of a Demand Active or Confirm Active PDU (MS-RDPBCGR 2.2.1.13.1.1,
 * 2.2.1.13.2.1): numberCapabilities, pad2Octets and the sets in wire order, the part
 * lengthCombinedCapabilities measures. Duplicates and unknown types are kept as they came.
 *
 * @param pad2Octets pad2Octets, kept as sent
 * @param sets the sets in wire order
 */
public record CapabilitySets(int pad2Octets, List<CapabilitySet> sets) {
  /** The most sets decoded (the specification's table has 28 types). */
  public static final int MAX_SETS = 64;

  public static final int FIXED_PART_SIZE =
      2 // numberCapabilities
          + 2; // pad2Octets

  public CapabilitySets {
    sets = List.copyOf(sets);
    if (sets.size() > MAX_SETS) {
      throw new IllegalArgumentException("more than " + MAX_SETS + " capability sets");
    }
    if (pad2Octets < 0 || pad2Octets > 0xFFFF) {
      throw new IllegalArgumentException("pad2Octets out of range: " + pad2Octets);
    }
  }

  /** These sets with pad2Octets 0. */
  public static CapabilitySets of(List<CapabilitySet> sets) {
    return new CapabilitySets(0, sets);
  }

  /**
   * Reads numberCapabilities, pad2Octets and the sets: the whole readable part of {@code in}, which
   * the caller bounds to lengthCombinedCapabilities. Sets that end before that length leave bytes
   * over, reported as {@link DecodeException.Kind#TRAILING_BYTES} of lengthCombinedCapabilities.
   */
  static CapabilitySets decode(ByteBuf in, String pdu) {
    Wire.ensure(in, FIXED_PART_SIZE, pdu, "numberCapabilities");
    int countAt = in.readerIndex();
    int count = in.readUnsignedShortLE();
    int pad = in.readUnsignedShortLE();
    if (count > MAX_SETS) {
      throw new DecodeException(
          DecodeException.Kind.TOO_LARGE,
          pdu,
          "numberCapabilities",
          countAt,
          count,
          "at most " + MAX_SETS);
    }
    List<CapabilitySet> sets = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      sets.add(CapabilitySet.decode(in));
    }
    if (in.isReadable()) {
      throw new DecodeException(
          DecodeException.Kind.TRAILING_BYTES,
          pdu,
          "lengthCombinedCapabilities",
          in.readerIndex(),
          in.readableBytes(),
          "0 bytes after " + count + " capability sets");
    }
    return new CapabilitySets(pad, sets);
  }

  /** lengthCombinedCapabilities: numberCapabilities, pad2Octets and the sets. */
  public int size() {
    int size = FIXED_PART_SIZE;
    for (CapabilitySet set : sets) {
      size += set.size();
    }
    return size;
  }

  /** Writes numberCapabilities, pad2Octets and the sets. */
  public void encode(ByteBuf out) {
    out.writeShortLE(sets.size());
    out.writeShortLE(pad2Octets);
    for (CapabilitySet set : sets) {
      set.encode(out);
    }
  }

  /** The first set of this capabilitySetType. */
  public Optional<CapabilitySet> get(int capabilitySetType) {
    return sets.stream().filter(s -> s.capabilitySetType() == capabilitySetType).findFirst();
  }

  /** The first set of this record type. */
  public <T extends CapabilitySet> Optional<T> find(Class<T> kind) {
    return sets.stream().filter(kind::isInstance).map(kind::cast).findFirst();
  }

  /** The decoded General Capability Set. */
  public Optional<GeneralCapabilitySet> general() {
    return find(GeneralCapabilitySet.class);
  }

  /** The decoded Bitmap Capability Set. */
  public Optional<BitmapCapabilitySet> bitmap() {
    return find(BitmapCapabilitySet.class);
  }

  /** The decoded Order Capability Set. */
  public Optional<OrderCapabilitySet> order() {
    return find(OrderCapabilitySet.class);
  }

  /** The sets' type names in wire order, e.g. {@code CAPSTYPE_SHARE, CAPSTYPE_GENERAL}. */
  public List<String> typeNames() {
    return sets.stream().map(s -> s.type().name()).collect(Collectors.toList());
  }

  /** The sets' types and lengths, e.g. {@code CAPSTYPE_GENERAL(24), CAPSTYPE_BITMAP(28)}. */
  public String summary() {
    return sets.stream()
        .map(s -> s.type().name() + "(" + s.size() + ")")
        .collect(Collectors.joining(", "));
  }
}
