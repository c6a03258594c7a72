package dev.rdpprobe.capture;

import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Puts the TCP segments of a capture back into the two byte streams of each flow (RFC 9293 3.4):
 * ordered by sequence number from the SYN, or from the first segment seen when the capture began
 * mid-flow; retransmitted bytes delivered once; segments that arrive early held until the bytes
 * before them come. Bytes the capture never saw (the peer acknowledged them, the flow ended, too
 * much is held after them, the snapshot length cut them) are a gap, reported with where and how
 * many, and the stream goes on after it. FIN and RST are reported with the capture's time.
 *
 * <p>Memory follows the open flows: a flow is forgotten once it is reset or both sides have sent
 * their FIN, at most {@link CaptureLimits#OPEN_FLOWS} are followed (the one idle the longest is
 * ended first), and each direction holds at most {@link CaptureLimits#OUT_OF_ORDER_BYTES} early
 * bytes.
 *
 * <p>Not thread-safe.
 */
public final class TcpReassembler {
  /** The two sides of a flow: the one that opened it (sent the SYN) and the other. */
  public enum Side {
    INITIATOR,
    RESPONDER;

    public Side other() {
      return this == INITIATOR ? RESPONDER : INITIATOR;
    }
  }

  /**
   * A flow as first seen.
   *
   * @param number the flow's number in the capture, from 1, in the order flows were first seen
   * @param initiator the side that sent the SYN (or, without a SYN, the first segment's sender)
   * @param responder the other side
   * @param sawSyn whether the capture holds the flow's SYN
   * @param firstPacket the number of the flow's first packet
   * @param epochNanos the capture time of that packet
   */
  public record FlowId(
      long number,
      TcpSegment.Endpoint initiator,
      TcpSegment.Endpoint responder,
      boolean sawSyn,
      long firstPacket,
      long epochNanos) {}

  /** Hears what happens on one flow, in capture order. */
  public interface FlowListener {
    /** Bytes {@code sender} sent, starting at byte {@code offset} of its stream. */
    void data(Side sender, long offset, byte[] bytes, long epochNanos, long packet);

    /** Bytes of {@code sender}'s stream the capture does not hold, from {@code offset}. */
    void gap(Side sender, long offset, long missing, long epochNanos, long packet);

    /** {@code sender} closed its side (FIN), after all its bytes. */
    void fin(Side sender, long epochNanos, long packet);

    /** {@code sender} reset the flow (RST). */
    void rst(Side sender, long epochNanos, long packet);

    /** The flow is over for the reassembler (closed, reset, evicted, or the capture ended). */
    void end(long epochNanos);
  }

  /** Makes the listener of a new flow. */
  public interface FlowOpener {
    FlowListener open(FlowId id);
  }

  /** What the reassembler did with segments that did not simply come in order. */
  public static final class Counts {
    long duplicateSegments;
    long overlappingSegments;
    long outOfOrderSegments;
    long gaps;
    long missingBytes;
    long evictedFlows;

    public long duplicateSegments() {
      return duplicateSegments;
    }

    public long overlappingSegments() {
      return overlappingSegments;
    }

    public long outOfOrderSegments() {
      return outOfOrderSegments;
    }

    public long gaps() {
      return gaps;
    }

    public long missingBytes() {
      return missingBytes;
    }

    public long evictedFlows() {
      return evictedFlows;
    }
  }

  private record Key(TcpSegment.Endpoint a, TcpSegment.Endpoint b) {
    static Key of(TcpSegment.Endpoint x, TcpSegment.Endpoint y) {
      int c = Arrays.compare(x.address(), y.address());
      return c < 0 || (c == 0 && x.port() <= y.port()) ? new Key(x, y) : new Key(y, x);
    }
  }

  /** Bytes of a segment held or delivered; {@code cut} bytes after them were not captured. */
  private record Chunk(byte[] data, int cut, long nanos, long packet) {
    long length() {
      return (long) data.length + cut;
    }
  }

  private final FlowOpener opener;
  private final Counts counts = new Counts();
  private final LinkedHashMap<Key, Flow> flows = new LinkedHashMap<>(64, 0.75f, true);
  private long flowNumber;
  private long lastNanos;

  public TcpReassembler(FlowOpener opener) {
    this.opener = Objects.requireNonNull(opener, "opener");
  }

  public Counts counts() {
    return counts;
  }

  /** Flows open now. */
  public int openFlows() {
    return flows.size();
  }

  /** Takes the next segment of the capture. */
  public void segment(TcpSegment s) {
    lastNanos = Math.max(lastNanos, s.epochNanos());
    Key key = Key.of(s.source(), s.destination());
    Flow flow = flows.get(key);
    if (flow == null) {
      // a flow starts with a SYN or with data; a lone ACK or RST of a forgotten flow starts none
      if (!s.has(TcpSegment.SYN) && s.payloadLength() == 0) {
        return;
      }
      boolean synAck = s.has(TcpSegment.SYN) && s.has(TcpSegment.ACK);
      TcpSegment.Endpoint initiator = synAck ? s.destination() : s.source();
      TcpSegment.Endpoint responder = synAck ? s.source() : s.destination();
      FlowId id =
          new FlowId(
              ++flowNumber,
              initiator,
              responder,
              s.has(TcpSegment.SYN),
              s.packet(),
              s.epochNanos());
      flow = new Flow(id, opener.open(id));
      flows.put(key, flow);
      if (flows.size() > CaptureLimits.OPEN_FLOWS) {
        Iterator<Map.Entry<Key, Flow>> eldest = flows.entrySet().iterator();
        Flow old = eldest.next().getValue();
        eldest.remove();
        counts.evictedFlows++;
        old.end(lastNanos);
      }
    }
    if (flow.segment(s)) {
      flows.remove(key);
    }
  }

  /** The capture ended: every open flow ends, with its missing bytes as gaps. */
  public void finish() {
    for (Flow f : flows.values()) {
      f.end(lastNanos);
    }
    flows.clear();
  }

  /** One direction of a flow. */
  private final class Half {
    final Side side;
    boolean started;
    long base; // the sequence number of stream byte 0
    long next; // the stream offset of the next byte to deliver
    long finAt = -1;
    boolean finDelivered;
    final TreeMap<Long, Chunk> held = new TreeMap<>();
    long heldBytes;

    Half(Side side) {
      this.side = side;
    }

    void start(long firstByteSeq) {
      started = true;
      base = firstByteSeq;
    }

    /** The stream offset of {@code seq}, unwrapped around {@link #next}. */
    long offset(long seq) {
      return next + (int) (seq - base - next);
    }
  }

  private final class Flow {
    final FlowId id;
    final FlowListener listener;
    final Half initiator = new Half(Side.INITIATOR);
    final Half responder = new Half(Side.RESPONDER);
    boolean ended;

    Flow(FlowId id, FlowListener listener) {
      this.id = id;
      this.listener = listener;
    }

    /** Takes a segment; returns whether the flow is over. */
    boolean segment(TcpSegment s) {
      Side side = s.source().equals(id.initiator()) ? Side.INITIATOR : Side.RESPONDER;
      Half h = half(side);
      Half o = half(side.other());
      long nanos = s.epochNanos();
      if (s.has(TcpSegment.SYN) && !h.started) {
        h.start(s.seq() + 1);
      }
      if (s.has(TcpSegment.ACK) && o.started) {
        long acked = o.offset(s.ack());
        long limit = o.finAt >= 0 ? Math.min(acked, o.finAt) : acked;
        if (limit > o.next && limit - o.next <= Integer.MAX_VALUE) {
          // the receiver had these bytes: the capture missed them
          gapUpTo(o, limit, nanos, s.packet());
        }
      }
      if (s.payloadLength() > 0 || s.has(TcpSegment.FIN)) {
        if (!h.started) {
          h.start(s.seq());
        }
        long seq = s.has(TcpSegment.SYN) ? s.seq() + 1 : s.seq();
        long start = h.offset(seq);
        if (s.payloadLength() > 0) {
          add(
              h,
              start,
              new Chunk(s.payload(), s.payloadLength() - s.payload().length, nanos, s.packet()));
        }
        if (s.has(TcpSegment.FIN) && h.finAt < 0) {
          h.finAt = start + s.payloadLength();
          finIfDue(h, nanos, s.packet());
        }
      }
      if (s.has(TcpSegment.RST)) {
        flush(initiator, nanos, s.packet());
        flush(responder, nanos, s.packet());
        listener.rst(side, nanos, s.packet());
        end(nanos);
        return true;
      }
      if (initiator.finDelivered && responder.finDelivered) {
        end(nanos);
        return true;
      }
      return false;
    }

    Half half(Side side) {
      return side == Side.INITIATOR ? initiator : responder;
    }

    void add(Half h, long start, Chunk c) {
      long end = start + c.length();
      if (end <= h.next) {
        counts.duplicateSegments++;
        return;
      }
      if (start < h.next) {
        counts.overlappingSegments++;
        c = trim(c, h.next - start);
        start = h.next;
      }
      if (start == h.next) {
        deliver(h, c);
        drain(h);
        return;
      }
      counts.outOfOrderSegments++;
      Chunk there = h.held.get(start);
      if (there == null || there.length() < c.length()) {
        h.held.put(start, c);
        h.heldBytes += c.data().length - (there == null ? 0 : there.data().length);
      }
      if (h.heldBytes > CaptureLimits.OUT_OF_ORDER_BYTES) {
        gapUpTo(h, h.held.firstKey(), c.nanos(), c.packet());
      }
    }

    /** {@code c} without its first {@code n} bytes (a part already delivered). */
    Chunk trim(Chunk c, long n) {
      if (n <= c.data().length) {
        return new Chunk(
            Arrays.copyOfRange(c.data(), (int) n, c.data().length), c.cut(), c.nanos(), c.packet());
      }
      return new Chunk(new byte[0], (int) (c.length() - n), c.nanos(), c.packet());
    }

    void deliver(Half h, Chunk c) {
      if (c.data().length > 0) {
        listener.data(h.side, h.next, c.data(), c.nanos(), c.packet());
        h.next += c.data().length;
      }
      if (c.cut() > 0) {
        counts.gaps++;
        counts.missingBytes += c.cut();
        listener.gap(h.side, h.next, c.cut(), c.nanos(), c.packet());
        h.next += c.cut();
      }
      finIfDue(h, c.nanos(), c.packet());
    }

    void drain(Half h) {
      while (!h.held.isEmpty() && h.held.firstKey() <= h.next) {
        Map.Entry<Long, Chunk> e = h.held.pollFirstEntry();
        h.heldBytes -= e.getValue().data().length;
        long start = e.getKey();
        Chunk c = e.getValue();
        if (start + c.length() > h.next) {
          deliver(h, start < h.next ? trim(c, h.next - start) : c);
        } else {
          counts.duplicateSegments++;
        }
      }
    }

    void gapUpTo(Half h, long target, long nanos, long packet) {
      if (target > h.next) {
        counts.gaps++;
        counts.missingBytes += target - h.next;
        listener.gap(h.side, h.next, target - h.next, nanos, packet);
        h.next = target;
      }
      drain(h);
      finIfDue(h, nanos, packet);
    }

    void finIfDue(Half h, long nanos, long packet) {
      if (h.finAt >= 0 && !h.finDelivered && h.next >= h.finAt) {
        h.finDelivered = true;
        listener.fin(h.side, nanos, packet);
      }
    }

    /** Delivers everything held, the missing bytes before each as a gap. */
    void flush(Half h, long nanos, long packet) {
      while (!h.held.isEmpty()) {
        gapUpTo(h, h.held.firstKey(), nanos, packet);
      }
      if (h.finAt > h.next) {
        gapUpTo(h, h.finAt, nanos, packet);
      }
    }

    void end(long nanos) {
      if (ended) {
        return;
      }
      ended = true;
      flush(initiator, nanos, 0);
      flush(responder, nanos, 0);
      listener.end(nanos);
    }
  }
}
