package dev.rdpprobe.fuzz;

import dev.rdpprobe.connect.OutboundInterceptor;
import dev.rdpprobe.wire.Octets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Mutates one planned PDU, deterministically: the same seed and the same planned PDU give the same
 * bytes. Field-aware over the project's records ({@link FieldMap}, {@link Slots}): values through
 * the records' constructors, lengths, counts, numbers, strings, nested blocks, truncation and
 * extension on the located fields, then blind byte mutations, and mutations of the frame's
 * envelope. Bodies are put back with the envelope's lengths rewritten ({@link Frames}) except by
 * the frame-level operators.
 */
public final class Mutator {
  /** Draws before giving up on the field-aware operators and flipping a bit. */
  private static final int ATTEMPTS = 32;

  /** Appended or inserted bytes at most. */
  private static final int MAX_GROWTH = 64;

  private static final Operator[] RECORD = {
    Operator.RECORD_NUMBER,
    Operator.RECORD_FLAGS,
    Operator.RECORD_CODE,
    Operator.RECORD_STRING,
    Operator.RECORD_BLOB,
    Operator.RECORD_LIST,
    Operator.RECORD_ABSENT
  };
  private static final Operator[] FIELD = {
    Operator.LENGTH,
    Operator.LENGTH,
    Operator.COUNT,
    Operator.NUMBER_BYTES,
    Operator.CONTENT,
    Operator.BLOCK_DUPLICATE,
    Operator.BLOCK_DELETE,
    Operator.TRUNCATE,
    Operator.EXTEND
  };
  private static final Operator[] BYTES = {
    Operator.BIT_FLIP,
    Operator.BYTE_VALUE,
    Operator.RANDOM_RUN,
    Operator.INSERT_BYTES,
    Operator.DELETE_BYTES
  };
  private static final Operator[] FRAME = {
    Operator.FRAME_LENGTH, Operator.FRAME_TRUNCATE, Operator.FRAME_APPEND
  };

  private static final String[] STRINGS = {
    "", "%s%s%s%n", "\u0000admin", "\u00e9\u20ac\u6f22", "\ud800", "..\\..\\..\\", "\r\n", "\u00ff"
  };
  private static final int[] BYTE_VALUES = {0x00, 0x01, 0x7F, 0x80, 0xFF};

  private Mutator() {}

  /** Mutates {@code pdu} with an operator the seed draws. */
  public static Mutation mutate(long seed, OutboundInterceptor.Outbound pdu) {
    return new Run(seed, pdu).mutate(null);
  }

  /**
   * {@link #mutate(long, OutboundInterceptor.Outbound)} with one operator only, when it applies.
   */
  public static Mutation mutate(long seed, OutboundInterceptor.Outbound pdu, Operator only) {
    return new Run(seed, pdu).mutate(only);
  }

  /** One mutation's working state. */
  private static final class Run {
    private final long seed;
    private final OutboundInterceptor.Outbound pdu;
    private final SplittableRandom random;
    private final byte[] planned;
    private final Frames.Frame frame;
    private final FieldMap map;

    Run(long seed, OutboundInterceptor.Outbound pdu) {
      this.seed = seed;
      this.pdu = pdu;
      this.random = new SplittableRandom(seed);
      this.planned = pdu.bytes().clone();
      this.frame = Frames.locate(planned, pdu.pdu());
      FieldMap m = FieldMap.of(pdu.pdu());
      // the record's fields are usable only where its encoding is the frame's body
      this.map = Arrays.equals(m.encoding(), frame.body()) ? m : FieldMap.none(frame.body());
    }

    Mutation mutate(Operator only) {
      for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
        Operator op = only != null ? only : draw();
        Result r = apply(op);
        if (r != null && !Arrays.equals(r.bytes(), planned)) {
          return mutation(op, r);
        }
        if (only != null && attempt > ATTEMPTS / 2) {
          break;
        }
      }
      Result r = bitFlip(planned.length == 0 ? new byte[] {0} : planned, 0);
      return mutation(Operator.BIT_FLIP, r);
    }

    private Mutation mutation(Operator op, Result r) {
      return new Mutation(
          seed,
          pdu.phase(),
          pdu.name(),
          op,
          r.field(),
          r.detail(),
          Octets.of(planned),
          Octets.of(r.bytes()));
    }

    private Operator draw() {
      int family = random.nextInt(100);
      Operator[] ops = family < 30 ? RECORD : family < 70 ? FIELD : family < 90 ? BYTES : FRAME;
      return ops[random.nextInt(ops.length)];
    }

    private Result apply(Operator op) {
      return switch (op) {
        case RECORD_NUMBER -> recordNumber(Slots.Kind.INT);
        case RECORD_FLAGS -> recordNumber(Slots.Kind.FLAGS);
        case RECORD_CODE -> recordNumber(Slots.Kind.CODE);
        case RECORD_STRING -> recordString();
        case RECORD_BLOB -> recordBlob();
        case RECORD_LIST -> recordList();
        case RECORD_ABSENT -> recordAbsent();
        case LENGTH -> numberField(FieldMap.Kind.LENGTH, true);
        case COUNT -> numberField(FieldMap.Kind.COUNT, true);
        case NUMBER_BYTES -> numberBytes();
        case CONTENT -> content();
        case BLOCK_DUPLICATE -> block(true);
        case BLOCK_DELETE -> block(false);
        case TRUNCATE -> truncate();
        case EXTEND -> extend();
        case BIT_FLIP -> body(b -> bitFlip(b, frame.bodyOffset()));
        case BYTE_VALUE -> body(this::byteValue);
        case RANDOM_RUN -> body(this::randomRun);
        case INSERT_BYTES -> body(this::insert);
        case DELETE_BYTES -> body(this::delete);
        case FRAME_LENGTH -> frameLength();
        case FRAME_TRUNCATE -> frameTruncate();
        case FRAME_APPEND -> frameAppend();
      };
    }

    // ---- through the records ------------------------------------------------------------------

    private List<Slots.Slot> slots(Slots.Kind kind) {
      List<Slots.Slot> out = new ArrayList<>();
      for (Slots.Slot s : map.slots()) {
        if (s.kind() == kind) {
          out.add(s);
        }
      }
      return out;
    }

    private Result rebuilt(Slots.Slot s, Object value, String detail) {
      if (value == null) {
        return null;
      }
      Object top;
      try {
        top = s.rebuild().apply(value);
      } catch (RuntimeException e) {
        return null;
      }
      byte[] body = top == null ? null : FieldMap.encode(top);
      return body == null ? null : new Result(frame.with(body), s.path(), detail);
    }

    private Result recordNumber(Slots.Kind kind) {
      List<Slots.Slot> slots = slots(kind);
      if (slots.isEmpty()) {
        return null;
      }
      Slots.Slot s = slots.get(random.nextInt(slots.size()));
      if (s.value() instanceof Enum<?> e) {
        Object[] all = e.getDeclaringClass().getEnumConstants();
        Object other = all[random.nextInt(all.length)];
        return rebuilt(s, other, e + " -> " + other);
      }
      long v = s.number();
      long n = kind == Slots.Kind.FLAGS ? flags(v, s.bits()) : interesting(v, s.bits());
      return rebuilt(s, s.withNumber(n), hex(v) + " -> " + hex(n));
    }

    private Result recordString() {
      List<Slots.Slot> slots = slots(Slots.Kind.STRING);
      if (slots.isEmpty()) {
        return null;
      }
      Slots.Slot s = slots.get(random.nextInt(slots.size()));
      String old = (String) s.value();
      String n =
          switch (random.nextInt(4)) {
            case 0 -> STRINGS[random.nextInt(STRINGS.length)];
            case 1 ->
                "A".repeat(new int[] {1, 63, 64, 255, 256, 511, 512, 1024}[random.nextInt(8)]);
            case 2 -> old + old;
            default -> old.isEmpty() ? "A" : old.substring(0, random.nextInt(old.length()));
          };
      return rebuilt(
          s, n, "'" + shorten(old) + "' -> '" + shorten(n) + "' (" + n.length() + " chars)");
    }

    private Result recordBlob() {
      List<Slots.Slot> slots = slots(Slots.Kind.BLOB);
      if (slots.isEmpty()) {
        return null;
      }
      Slots.Slot s = slots.get(random.nextInt(slots.size()));
      byte[] old = FieldMap.blob(s.value());
      byte[] n =
          switch (random.nextInt(4)) {
            case 0 -> new byte[0];
            case 1 -> concat(old, old);
            case 2 -> Arrays.copyOf(old, old.length == 0 ? 1 : random.nextInt(old.length));
            default -> randomBytes(old.length == 0 ? 1 + random.nextInt(16) : old.length);
          };
      Object value = s.value() instanceof Octets ? Octets.of(n) : n;
      return rebuilt(s, value, old.length + " -> " + n.length + " bytes");
    }

    private Result recordList() {
      List<Slots.Slot> slots = slots(Slots.Kind.LIST);
      slots.removeIf(s -> ((List<?>) s.value()).isEmpty());
      if (slots.isEmpty()) {
        return null;
      }
      Slots.Slot s = slots.get(random.nextInt(slots.size()));
      List<Object> list = new ArrayList<>((List<?>) s.value());
      int i = random.nextInt(list.size());
      String what;
      switch (random.nextInt(5)) {
        case 0 -> {
          list.clear();
          what = "emptied";
        }
        case 1 -> {
          list.remove(i);
          what = "element " + i + " dropped";
        }
        case 2 -> {
          int copies = 1 + random.nextInt(3);
          for (int k = 0; k < copies; k++) {
            list.add(i, list.get(i));
          }
          what = "element " + i + " repeated " + copies + " more times";
        }
        case 3 -> {
          int j = random.nextInt(list.size());
          Collections.swap(list, i, j);
          what = "elements " + i + " and " + j + " swapped";
        }
        default -> {
          Collections.reverse(list);
          what = "reversed";
        }
      }
      return rebuilt(
          s, list, what + " (" + ((List<?>) s.value()).size() + " -> " + list.size() + ")");
    }

    private Result recordAbsent() {
      List<Slots.Slot> slots = slots(Slots.Kind.BLOCK);
      if (slots.isEmpty()) {
        return null;
      }
      Slots.Slot s = slots.get(random.nextInt(slots.size()));
      Object top;
      try {
        top = s.rebuild().apply(null);
      } catch (RuntimeException e) {
        return null;
      }
      byte[] body = top == null ? null : FieldMap.encode(top);
      return body == null ? null : new Result(frame.with(body), s.path(), "left out");
    }

    // ---- on located fields --------------------------------------------------------------------

    private FieldMap.Field pick(List<FieldMap.Field> fields) {
      return fields.isEmpty() ? null : fields.get(random.nextInt(fields.size()));
    }

    private Result numberField(FieldMap.Kind kind, boolean asLength) {
      FieldMap.Field f = pick(map.fields(kind));
      if (f == null) {
        return null;
      }
      byte[] body = frame.body();
      long v = f.read(body);
      long n = asLength ? badLength(v, f.width(), body.length) : interesting(v, f.width() * 8);
      f.write(body, n);
      return new Result(frame.with(body), field(f), hex(v) + " -> " + hex(n & mask(f.width() * 8)));
    }

    private Result numberBytes() {
      List<FieldMap.Field> fields = new ArrayList<>(map.fields(FieldMap.Kind.INT));
      fields.addAll(map.fields(FieldMap.Kind.FLAGS));
      fields.addAll(map.fields(FieldMap.Kind.CODE));
      FieldMap.Field f = pick(fields);
      if (f == null) {
        return null;
      }
      byte[] body = frame.body();
      long v = f.read(body);
      long n =
          switch (random.nextInt(4)) {
            case 0 -> mask(f.width() * 8);
            case 1 -> 0;
            case 2 -> v ^ (1L << (f.width() * 8 - 1));
            default -> random.nextLong();
          };
      f.write(body, n);
      return new Result(frame.with(body), field(f), hex(v) + " -> " + hex(n & mask(f.width() * 8)));
    }

    private Result content() {
      List<FieldMap.Field> fields = new ArrayList<>(map.fields(FieldMap.Kind.STRING));
      fields.addAll(map.fields(FieldMap.Kind.BLOB));
      FieldMap.Field f = pick(fields);
      if (f == null) {
        return null;
      }
      byte[] body = frame.body();
      int fill = new int[] {0x00, 0xFF, 0x41, 0x25, -1}[random.nextInt(5)];
      for (int i = f.offset(); i < f.end(); i++) {
        body[i] = (byte) (fill < 0 ? random.nextInt(256) : fill);
      }
      return new Result(
          frame.with(body),
          field(f),
          f.width() + " bytes set to " + (fill < 0 ? "random" : String.format("%02x", fill)));
    }

    private Result block(boolean duplicate) {
      FieldMap.Field f = pick(map.fields(FieldMap.Kind.BLOCK));
      if (f == null) {
        return null;
      }
      byte[] body = frame.body();
      byte[] n =
          duplicate
              ? Frames.splice(body, f.end(), f.end(), Arrays.copyOfRange(body, f.offset(), f.end()))
              : Frames.splice(body, f.offset(), f.end(), new byte[0]);
      return new Result(
          frame.with(n), field(f), (duplicate ? "repeated, " : "removed, ") + f.width() + " bytes");
    }

    private Result truncate() {
      byte[] body = frame.body();
      if (body.length == 0) {
        return null;
      }
      int cut;
      if (!map.fields().isEmpty() && random.nextBoolean()) {
        FieldMap.Field f = pick(map.fields());
        cut = random.nextBoolean() ? f.offset() : Math.max(f.offset(), f.end() - 1);
      } else {
        cut = random.nextInt(body.length);
      }
      return new Result(
          frame.with(Arrays.copyOf(body, cut)),
          "@" + (frame.bodyOffset() + cut),
          body.length + " -> " + cut + " bytes");
    }

    private Result extend() {
      byte[] body = frame.body();
      int n = 1 + random.nextInt(MAX_GROWTH);
      byte[] tail = growth(n);
      return new Result(frame.with(concat(body, tail)), "@" + frame.bodyEnd(), "+" + n + " bytes");
    }

    // ---- blind bytes ----------------------------------------------------------------------------

    private interface BodyMutation {
      Result apply(byte[] body);
    }

    private Result body(BodyMutation m) {
      byte[] body = frame.body();
      if (body.length == 0) {
        return null;
      }
      Result r = m.apply(body);
      return r == null ? null : new Result(frame.with(r.bytes()), r.field(), r.detail());
    }

    private Result bitFlip(byte[] b, int base) {
      byte[] out = b.clone();
      int i = random.nextInt(out.length);
      int bit = random.nextInt(8);
      out[i] ^= (byte) (1 << bit);
      return new Result(out, "@" + (base + i), "bit " + bit + " flipped");
    }

    private Result byteValue(byte[] b) {
      int i = random.nextInt(b.length);
      int v = BYTE_VALUES[random.nextInt(BYTE_VALUES.length)];
      int old = b[i] & 0xFF;
      b[i] = (byte) v;
      return new Result(b, "@" + (frame.bodyOffset() + i), String.format("%02x -> %02x", old, v));
    }

    private Result randomRun(byte[] b) {
      int i = random.nextInt(b.length);
      int n = 1 + random.nextInt(Math.min(16, b.length - i));
      for (int k = i; k < i + n; k++) {
        b[k] = (byte) random.nextInt(256);
      }
      return new Result(b, "@" + (frame.bodyOffset() + i), n + " bytes randomised");
    }

    private Result insert(byte[] b) {
      int i = random.nextInt(b.length + 1);
      int n = 1 + random.nextInt(MAX_GROWTH);
      return new Result(
          Frames.splice(b, i, i, growth(n)), "@" + (frame.bodyOffset() + i), n + " bytes inserted");
    }

    private Result delete(byte[] b) {
      int i = random.nextInt(b.length);
      int n = 1 + random.nextInt(Math.min(16, b.length - i));
      return new Result(
          Frames.splice(b, i, i + n, new byte[0]),
          "@" + (frame.bodyOffset() + i),
          n + " bytes removed");
    }

    // ---- the frame ------------------------------------------------------------------------------

    private Result frameLength() {
      if (frame.envelope() == Frames.Envelope.NONE) {
        return null;
      }
      byte[] out = planned.clone();
      int v = ((out[2] & 0xFF) << 8) | (out[3] & 0xFF);
      int n = (int) badLength(v, 2, out.length) & 0xFFFF;
      out[2] = (byte) (n >>> 8);
      out[3] = (byte) n;
      return new Result(out, "TPKT length", hex(v) + " -> " + hex(n));
    }

    private Result frameTruncate() {
      if (planned.length < 2) {
        return null;
      }
      int cut = 1 + random.nextInt(planned.length - 1);
      return new Result(
          Arrays.copyOf(planned, cut),
          "@" + cut,
          planned.length + " -> " + cut + " bytes, lengths unchanged");
    }

    private Result frameAppend() {
      int n = 1 + random.nextInt(MAX_GROWTH);
      return new Result(
          concat(planned, growth(n)), "@" + planned.length, "+" + n + " bytes after the frame");
    }

    // ---- values
    // -----------------------------------------------------------------------------------

    private long interesting(long v, int bits) {
      long max = mask(bits);
      long n =
          switch (random.nextInt(12)) {
            case 0 -> 0;
            case 1 -> 1;
            case 2 -> max;
            case 3 -> max - 1;
            case 4 -> 1L << (bits - 1);
            case 5 -> (1L << (bits - 1)) - 1;
            case 6 -> v + 1;
            case 7 -> v - 1;
            case 8 -> v * 2;
            case 9 -> v ^ (1L << random.nextInt(bits));
            case 10 ->
                new long[] {0x7F, 0x80, 0xFF, 0x100, 0x7FFF, 0x8000, 0xFFFF}[random.nextInt(7)];
            default -> random.nextLong();
          };
      return n & max;
    }

    private long flags(long v, int bits) {
      long max = mask(bits);
      long n =
          switch (random.nextInt(4)) {
            case 0 -> v ^ (1L << random.nextInt(bits));
            case 1 -> max;
            case 2 -> 0;
            default -> v | (1L << (bits - 1 - random.nextInt(Math.max(1, bits / 2))));
          };
      return n & max;
    }

    private long badLength(long v, int width, int available) {
      long max = mask(width * 8);
      long n =
          switch (random.nextInt(9)) {
            case 0 -> 0;
            case 1 -> v - 1;
            case 2 -> v + 1;
            case 3 -> max;
            case 4 -> v * 2;
            case 5 -> v + 1 + random.nextInt(64);
            case 6 -> Math.max(0, v - 1 - random.nextInt(8));
            case 7 -> available;
            default -> 1L << (width * 8 - 1);
          };
      return n & max;
    }

    private byte[] growth(int n) {
      int fill = new int[] {0x00, 0xFF, 0x41, -1}[random.nextInt(4)];
      byte[] b = new byte[n];
      for (int i = 0; i < n; i++) {
        b[i] = (byte) (fill < 0 ? random.nextInt(256) : fill);
      }
      return b;
    }

    private byte[] randomBytes(int n) {
      byte[] b = new byte[n];
      for (int i = 0; i < n; i++) {
        b[i] = (byte) random.nextInt(256);
      }
      return b;
    }

    private String field(FieldMap.Field f) {
      return f.path()
          + " ("
          + f.kind().name().toLowerCase(java.util.Locale.ROOT)
          + " @"
          + (frame.bodyOffset() + f.offset())
          + ")";
    }
  }

  /** Mutated bytes with what changed. */
  private record Result(byte[] bytes, String field, String detail) {}

  static long mask(int bits) {
    return bits >= 64 ? -1L : (1L << bits) - 1;
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  private static String hex(long v) {
    return "0x" + Long.toHexString(v);
  }

  private static String shorten(String s) {
    String t = s.length() > 24 ? s.substring(0, 24) + "..." : s;
    StringBuilder b = new StringBuilder();
    for (char c : t.toCharArray()) {
      b.append(c < 0x20 || c > 0x7E ? String.format("\\u%04x", (int) c) : String.valueOf(c));
    }
    return b.toString();
  }
}
