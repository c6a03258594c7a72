package dev.rdpprobe.wire.ntlm;

import dev.rdpprobe.wire.DecodeException;
import dev.rdpprobe.wire.Octets;
import dev.rdpprobe.wire.Pdu;
import dev.rdpprobe.wire.Wire;
import io.netty.buffer.ByteBuf;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A list of AV_PAIR structures (MS-NLMP 2.2.2.1) ending with MsvAvEOL: the TargetInfo of a
 * CHALLENGE_MESSAGE (2.2.1.2) and the AvPairs of an NTLMv2_CLIENT_CHALLENGE (2.2.2.7).
 *
 * <p>The list is read up to MsvAvEOL, which must be there and have AvLen 0. Octets after it are
 * kept as {@code trailing}: a Windows client writes four zero octets there in its NTLMv2 response
 * (the {@code Z(4)} of MS-NLMP 3.3.2), and they are part of what its MAC covers. Decoding reads to
 * the end of the buffer's readable bytes. Pairs keep their order and duplicates.
 *
 * @param pairs the pairs before MsvAvEOL
 * @param trailing the octets after MsvAvEOL
 */
public record AvPairs(List<AvPair> pairs, Octets trailing) implements Pdu {
  public static final String NAME = "AV_PAIR list";

  /** The list with no pair: only MsvAvEOL. */
  public static final AvPairs EMPTY = new AvPairs(List.of(), Octets.EMPTY);

  public AvPairs {
    pairs = List.copyOf(pairs);
    Objects.requireNonNull(trailing, "trailing");
  }

  /** The pairs, with no trailing octets. */
  public static AvPairs of(AvPair... pairs) {
    return new AvPairs(List.of(pairs), Octets.EMPTY);
  }

  /**
   * Reads pairs up to MsvAvEOL and keeps the rest of the readable bytes as trailing octets.
   *
   * @throws DecodeException if a pair runs past the end, or MsvAvEOL is missing or has a value
   */
  public static AvPairs decode(ByteBuf in) {
    return decode(in, NAME);
  }

  /** {@link #decode(ByteBuf)} naming {@code pdu} in errors (the message that holds the list). */
  static AvPairs decode(ByteBuf in, String pdu) {
    List<AvPair> pairs = new ArrayList<>();
    while (true) {
      int start = in.readerIndex();
      if (in.readableBytes() < AvPair.HEADER_SIZE) {
        throw Wire.invalid(
            pdu,
            "MsvAvEOL",
            start,
            in.readableBytes(),
            "an AV_PAIR list ending with MsvAvEOL (00 00 00 00)");
      }
      int id = in.readUnsignedShortLE();
      int length = in.readUnsignedShortLE();
      if (id == AvId.MSV_AV_EOL.value()) {
        if (length != 0) {
          throw Wire.invalid(pdu, "MsvAvEOL AvLen", start + 2, length, "0");
        }
        break;
      }
      if (length > in.readableBytes()) {
        throw Wire.invalid(
            pdu,
            "AvLen",
            start + 2,
            length,
            "at most " + in.readableBytes() + " (the rest of the list)");
      }
      pairs.add(AvPair.of(new AvId(id), Octets.read(in, length, pdu, "Value")));
    }
    Octets trailing = Octets.read(in, in.readableBytes(), pdu, "after MsvAvEOL");
    return new AvPairs(pairs, trailing);
  }

  // --- lookups --------------------------------------------------------------------------------

  /** The first pair with this id. */
  public Optional<AvPair> get(AvId id) {
    for (AvPair p : pairs) {
      if (p.avId().equals(id)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }

  /** The first name pair with this id (e.g. {@link AvId#MSV_AV_DNS_COMPUTER_NAME}). */
  public Optional<String> name(AvId id) {
    return get(id).filter(AvPair.Name.class::isInstance).map(p -> ((AvPair.Name) p).value());
  }

  /** The MsvAvFlags value, if a well-formed one is present. */
  public Optional<AvFlags> flags() {
    return get(AvId.MSV_AV_FLAGS)
        .filter(AvPair.Flags.class::isInstance)
        .map(p -> ((AvPair.Flags) p).flags());
  }

  /** The MsvAvTimestamp, if a well-formed one is present. */
  public Optional<AvPair.Timestamp> timestamp() {
    return get(AvId.MSV_AV_TIMESTAMP)
        .filter(AvPair.Timestamp.class::isInstance)
        .map(AvPair.Timestamp.class::cast);
  }

  /** The MsvAvTimestamp as an instant. */
  public Optional<Instant> time() {
    return timestamp().map(AvPair.Timestamp::instant);
  }

  /**
   * This list with {@code pair} in place of the first pair of its id, or added at the end if there
   * is none.
   */
  public AvPairs with(AvPair pair) {
    List<AvPair> out = new ArrayList<>(pairs);
    for (int i = 0; i < out.size(); i++) {
      if (out.get(i).avId().equals(pair.avId())) {
        out.set(i, pair);
        return new AvPairs(out, trailing);
      }
    }
    out.add(pair);
    return new AvPairs(out, trailing);
  }

  /** This list with other trailing octets. */
  public AvPairs withTrailing(Octets value) {
    return new AvPairs(pairs, value);
  }

  // --- encoding -------------------------------------------------------------------------------

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public int size() {
    int size = AvPair.HEADER_SIZE + trailing.length(); // MsvAvEOL
    for (AvPair p : pairs) {
      size += p.size();
    }
    return size;
  }

  @Override
  public void encode(ByteBuf out) {
    for (AvPair p : pairs) {
      p.encode(out);
    }
    out.writeIntLE(0); // MsvAvEOL
    trailing.writeTo(out);
  }

  @Override
  public String summary() {
    StringBuilder sb = new StringBuilder();
    for (AvPair p : pairs) {
      if (!sb.isEmpty()) {
        sb.append(", ");
      }
      sb.append(p);
    }
    return sb.toString();
  }
}
