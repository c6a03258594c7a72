package dev.rdpprobe.testing;

import dev.rdpprobe.tls.TlsHandshakeComplete;
import dev.rdpprobe.trace.CloseKind;
import dev.rdpprobe.trace.Direction;
import dev.rdpprobe.trace.Trace;
import dev.rdpprobe.trace.TraceEvent;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Compares a trace's times with a capture of the same connection: every event that moved bytes and
 * the close are matched to the packet that carried their bytes (by stream offset), and each
 * interval between consecutive packets (the X.224 round trip, a silence, "N ms after our X") is
 * compared on both sides. The capture is the oracle: the trace promises wire times.
 */
public final class WireTimes {
  /** One TCP segment of the capture. */
  record Segment(
      double epochSeconds,
      boolean fromServer,
      long start,
      long length,
      boolean syn,
      boolean fin,
      boolean rst) {
    boolean carries(long offset) {
      return offset >= start && offset < start + length;
    }
  }

  /**
   * An event matched to the segment that carried it.
   *
   * @param event what the trace says
   * @param traceMs the event's time after the Connection Request, in the trace
   * @param wireMs the segment's time after the Connection Request, in the capture
   * @param errorMs how far the interval from the previous matched segment to this one is, in the
   *     trace, from the same interval on the wire; NaN for an event carried by the same segment as
   *     the one before it (nothing new to compare)
   */
  public record Match(String event, double traceMs, double wireMs, double errorMs) {
    boolean judged() {
      return !Double.isNaN(errorMs);
    }
  }

  /**
   * What the comparison found.
   *
   * @param matches every matched event, in trace order; each interval between two segments is
   *     judged once, so one late stamp counts once, not again for every event after it
   * @param unmatched events that moved bytes but no segment carried them
   * @param complete whether the capture holds the connection from the client's SYN: dumpcap says it
   *     is capturing a moment before it is, and a capture that began after the first segments
   *     numbers the stream from a later one, so its matches mean nothing
   */
  public record Result(List<Match> matches, List<String> unmatched, boolean complete) {
    /** The largest disagreement, in milliseconds. */
    public double worstMs() {
      return matches.stream().filter(Match::judged).mapToDouble(Match::errorMs).max().orElse(0);
    }

    /** Whether the trace is the wire: median and worst disagreement within the bounds given. */
    public boolean within(double medianBoundMs, double worstBoundMs) {
      return complete && medianMs() <= medianBoundMs && worstMs() <= worstBoundMs;
    }

    /** The median disagreement, in milliseconds. */
    public double medianMs() {
      double[] e =
          matches.stream().filter(Match::judged).mapToDouble(Match::errorMs).sorted().toArray();
      return e.length == 0 ? 0 : e[e.length / 2];
    }

    @Override
    public String toString() {
      if (!complete) {
        return "a capture that missed the connection's start\n";
      }
      StringBuilder b = new StringBuilder();
      b.append(String.format("median %.3f ms, worst %.3f ms%n", medianMs(), worstMs()));
      for (Match m : matches) {
        b.append(
            String.format(
                "  %9.3f trace %9.3f wire %7s  %s%n",
                m.traceMs(),
                m.wireMs(),
                m.judged() ? String.format("%.3f", m.errorMs()) : "",
                m.event()));
      }
      unmatched.forEach(u -> b.append("  unmatched: ").append(u).append('\n'));
      return b.toString();
    }
  }

  private WireTimes() {}

  /**
   * The first run within the bounds, or else the one with the smallest worst disagreement (for the
   * failure message): a stamp on a busy machine can be late once, so a case gets several runs.
   */
  public static Result best(List<Result> runs, double medianBoundMs, double worstBoundMs) {
    return runs.stream()
        .filter(r -> r.within(medianBoundMs, worstBoundMs))
        .findFirst()
        .orElseGet(
            () ->
                runs.stream()
                    .min((a, b) -> Double.compare(a.worstMs(), b.worstMs()))
                    .orElseThrow());
  }

  /** Compares {@code trace} with the connection to {@code serverPort} in {@code capture}. */
  public static Result compare(Trace trace, PacketCapture capture, int serverPort)
      throws IOException, InterruptedException {
    List<Segment> segments = new ArrayList<>();
    for (String line :
        capture.tshark(
            "-o",
            "tcp.relative_sequence_numbers:TRUE",
            "-T",
            "fields",
            "-E",
            "separator=,",
            "-e",
            "frame.time_epoch",
            "-e",
            "tcp.srcport",
            "-e",
            "tcp.seq",
            "-e",
            "tcp.len",
            "-e",
            "tcp.flags.syn",
            "-e",
            "tcp.flags.fin",
            "-e",
            "tcp.flags.reset")) {
      String[] f = line.split(",");
      if (f.length < 7) {
        continue;
      }
      segments.add(
          new Segment(
              Double.parseDouble(f[0]),
              Integer.parseInt(f[1]) == serverPort,
              Long.parseLong(f[2]) - 1,
              Long.parseLong(f[3]),
              isSet(f[4]),
              isSet(f[5]),
              isSet(f[6])));
    }
    if (segments.stream().noneMatch(s -> !s.fromServer() && s.syn())) {
      return new Result(List.of(), List.of(), false);
    }
    Segment requestSegment =
        segments.stream().filter(s -> !s.fromServer() && s.length() > 0).findFirst().orElseThrow();
    TraceEvent.Pdu request =
        trace.pdus().stream()
            .filter(p -> p.direction() == Direction.CLIENT_TO_SERVER)
            .findFirst()
            .orElseThrow();
    List<Match> matches = new ArrayList<>();
    List<String> unmatched = new ArrayList<>();
    boolean encrypted = false;
    Segment previous = null;
    double lastTraceMs = 0;
    double lastWireMs = 0;
    for (TraceEvent e : trace.events()) {
      if (e instanceof TraceEvent.Note n && n.detail() instanceof TlsHandshakeComplete) {
        encrypted = true;
      }
      Segment s = segmentOf(e, segments, encrypted);
      if (s == null) {
        if (movesBytes(e)) {
          unmatched.add(e.toString());
        }
        continue;
      }
      double traceMs = (e.nanos() - request.nanos()) / 1e6;
      double wireMs = (s.epochSeconds() - requestSegment.epochSeconds()) * 1e3;
      double error =
          previous == null
              ? 0
              : s == previous
                  ? Double.NaN
                  : Math.abs((traceMs - lastTraceMs) - (wireMs - lastWireMs));
      matches.add(new Match(describe(e), traceMs, wireMs, error));
      if (s != previous) {
        previous = s;
        lastTraceMs = traceMs;
        lastWireMs = wireMs;
      }
    }
    return new Result(matches, unmatched, true);
  }

  private static boolean isSet(String flag) {
    return flag.equals("1") || flag.equalsIgnoreCase("true") || flag.equals("True");
  }

  private static boolean movesBytes(TraceEvent e) {
    return e instanceof TraceEvent.Pdu p && !p.name().startsWith("UDP ")
        || e instanceof TraceEvent.Tls
        || e instanceof TraceEvent.TlsAlert;
  }

  /** The segment that carried what {@code e} records, or {@code null}. */
  private static Segment segmentOf(TraceEvent e, List<Segment> segments, boolean encrypted) {
    if (e instanceof TraceEvent.Closed c) {
      if (c.kind() != CloseKind.PEER_FIN && c.kind() != CloseKind.PEER_RST) {
        return null;
      }
      boolean rst = c.kind() == CloseKind.PEER_RST;
      return segments.stream()
          .filter(s -> s.fromServer() && (rst ? s.rst() : s.fin()))
          .findFirst()
          .orElse(null);
    }
    if (!movesBytes(e)) {
      return null;
    }
    boolean fromServer = e.direction() == Direction.SERVER_TO_CLIENT;
    long offset;
    if (!fromServer) {
      offset = e.clientOffset(); // a write's first byte
    } else if (e instanceof TraceEvent.Pdu p && !encrypted) {
      offset = e.serverOffset() + p.length() - 1; // the PDU's last byte completed it
    } else {
      offset = e.serverOffset() - 1; // the last byte of the read it came in
    }
    for (Segment s : segments) {
      if (s.fromServer() == fromServer && s.carries(offset)) {
        return s;
      }
    }
    return null;
  }

  private static String describe(TraceEvent e) {
    if (e instanceof TraceEvent.Pdu p) {
      return e.direction().arrow() + " " + p.name();
    }
    if (e instanceof TraceEvent.Tls t) {
      return e.direction().arrow() + " TLS " + t.message();
    }
    if (e instanceof TraceEvent.TlsAlert a) {
      return e.direction().arrow() + " alert " + a.description();
    }
    if (e instanceof TraceEvent.Closed c) {
      return "closed " + c.kind();
    }
    return e.toString();
  }
}
