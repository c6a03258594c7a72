package dev.rdpprobe.wire.ntlm;

import dev.rdpprobe.wire.Octets;
import dev.rdpprobe.wire.Utf16;
import io.netty.buffer.ByteBuf;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * AV_PAIR (MS-NLMP 2.2.2.1): one attribute of a TargetInfo or of an NTLMv2 client challenge, {@code
 * AvId(2) AvLen(2) Value(AvLen)}, little-endian. The names, the flags and the timestamp are records
 * of their own; every other pair, and a pair whose length does not fit its id (an odd length for a
 * name, a flags value that is not four octets), is {@link Raw}, so nothing a peer sends is lost and
 * every pair re-encodes as it came. MsvAvEOL is not a pair of the list: {@link AvPairs} writes it.
 */
public sealed interface AvPair permits AvPair.Name, AvPair.Flags, AvPair.Timestamp, AvPair.Raw {
  /** AvId(2) and AvLen(2). */
  int HEADER_SIZE = 4;

  /** The largest value: AvLen is 16 bits. */
  int MAX_VALUE_LENGTH = 0xFFFF;

  /** The pair's AvId. */
  AvId avId();

  /** AvLen: the octets of the value. */
  int valueLength();

  /** Writes the value (not the header). */
  void writeValue(ByteBuf out);

  /** The size of the whole pair. */
  default int size() {
    return HEADER_SIZE + valueLength();
  }

  /** Writes AvId, AvLen and the value. */
  default void encode(ByteBuf out) {
    out.writeShortLE(avId().value());
    out.writeShortLE(valueLength());
    writeValue(out);
  }

  /**
   * The record a value decodes to: {@link Name}, {@link Flags} or {@link Timestamp} when the id and
   * length fit, else {@link Raw}.
   */
  static AvPair of(AvId id, Octets value) {
    if (id.isName() && value.length() % 2 == 0) {
      char[] chars = new char[value.length() / 2];
      for (int i = 0; i < chars.length; i++) {
        chars[i] = (char) (value.get(2 * i) | value.get(2 * i + 1) << 8);
      }
      return new Name(id, new String(chars));
    }
    if (id.equals(AvId.MSV_AV_FLAGS) && value.length() == 4) {
      return new Flags(new AvFlags(value.getIntLE(0)));
    }
    if (id.equals(AvId.MSV_AV_TIMESTAMP) && value.length() == 8) {
      return new Timestamp((value.getIntLE(0) & 0xFFFFFFFFL) | (long) value.getIntLE(4) << 32);
    }
    return new Raw(id, value);
  }

  /**
   * A name: MsvAvNbComputerName, MsvAvNbDomainName, MsvAvDnsComputerName, MsvAvDnsDomainName,
   * MsvAvDnsTreeName or MsvAvTargetName, in UTF-16LE without a terminator. Code units are kept as
   * sent (see {@link Utf16}).
   *
   * @param avId one of the six name ids
   * @param value the name
   */
  record Name(AvId avId, String value) implements AvPair {
    public Name {
      Objects.requireNonNull(avId, "avId");
      Objects.requireNonNull(value, "value");
      if (!avId.isName()) {
        throw new IllegalArgumentException(avId + " does not hold a name");
      }
      if (2L * value.length() > MAX_VALUE_LENGTH) {
        throw new IllegalArgumentException(avId + " longer than 65535 octets");
      }
    }

    @Override
    public int valueLength() {
      return 2 * value.length();
    }

    @Override
    public void writeValue(ByteBuf out) {
      Utf16.write(out, value);
    }

    @Override
    public String toString() {
      return avId + "=" + value;
    }
  }

  /**
   * MsvAvFlags.
   *
   * @param flags the value
   */
  record Flags(AvFlags flags) implements AvPair {
    public Flags {
      Objects.requireNonNull(flags, "flags");
    }

    @Override
    public AvId avId() {
      return AvId.MSV_AV_FLAGS;
    }

    @Override
    public int valueLength() {
      return 4;
    }

    @Override
    public void writeValue(ByteBuf out) {
      out.writeIntLE(flags.bits());
    }

    @Override
    public String toString() {
      return "MsvAvFlags=" + flags;
    }
  }

  /**
   * MsvAvTimestamp: a FILETIME, the number of 100-nanosecond intervals since 1601-01-01 UTC, kept
   * as the unsigned 64-bit value sent.
   *
   * @param fileTime the FILETIME
   */
  record Timestamp(long fileTime) implements AvPair {
    /** 1601-01-01T00:00:00Z, where FILETIME counts from. */
    public static final Instant FILETIME_EPOCH = Instant.parse("1601-01-01T00:00:00Z");

    /** The FILETIME of an instant at or after 1601-01-01. */
    public static Timestamp of(Instant instant) {
      Duration since = Duration.between(FILETIME_EPOCH, instant);
      if (since.isNegative()) {
        throw new IllegalArgumentException("before 1601: " + instant);
      }
      long ticks =
          Math.addExact(Math.multiplyExact(since.getSeconds(), 10_000_000L), since.getNano() / 100);
      return new Timestamp(ticks);
    }

    /** The instant, to the 100 ns (exact for every unsigned 64-bit FILETIME). */
    public Instant instant() {
      long seconds = Long.divideUnsigned(fileTime, 10_000_000L);
      long ticks = Long.remainderUnsigned(fileTime, 10_000_000L);
      return FILETIME_EPOCH.plusSeconds(seconds).plusNanos(ticks * 100);
    }

    @Override
    public AvId avId() {
      return AvId.MSV_AV_TIMESTAMP;
    }

    @Override
    public int valueLength() {
      return 8;
    }

    @Override
    public void writeValue(ByteBuf out) {
      out.writeLongLE(fileTime);
    }

    @Override
    public String toString() {
      return "MsvAvTimestamp=" + instant();
    }
  }

  /**
   * Any other pair: MsvAvSingleHost, MsvAvChannelBindings, ids the specification does not define,
   * and pairs whose length does not fit their id. Never MsvAvEOL, and never a value that would
   * decode as {@link Name}, {@link Flags} or {@link Timestamp}.
   *
   * @param avId AvId
   * @param value Value
   */
  record Raw(AvId avId, Octets value) implements AvPair {
    public Raw {
      Objects.requireNonNull(avId, "avId");
      Objects.requireNonNull(value, "value");
      if (avId.equals(AvId.MSV_AV_EOL)) {
        throw new IllegalArgumentException("MsvAvEOL ends the list; it is not a pair of it");
      }
      if (value.length() > MAX_VALUE_LENGTH) {
        throw new IllegalArgumentException(avId + " longer than 65535 octets");
      }
      if ((avId.isName() && value.length() % 2 == 0)
          || (avId.equals(AvId.MSV_AV_FLAGS) && value.length() == 4)
          || (avId.equals(AvId.MSV_AV_TIMESTAMP) && value.length() == 8)) {
        throw new IllegalArgumentException(avId + " of " + value.length() + " octets is typed");
      }
    }

    @Override
    public int valueLength() {
      return value.length();
    }

    @Override
    public void writeValue(ByteBuf out) {
      value.writeTo(out);
    }

    @Override
    public String toString() {
      return avId + "=" + value;
    }
  }
}
