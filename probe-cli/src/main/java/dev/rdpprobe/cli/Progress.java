package dev.rdpprobe.cli;

import dev.rdpprobe.ProbeListener;
import dev.rdpprobe.ProbeResult;
import dev.rdpprobe.ProbeSpec;
import dev.rdpprobe.diagnose.ClientCode;
import dev.rdpprobe.trace.CloseKind;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Counts a command's probes as an {@link RdpProbe}'s listener: while stderr is a terminal, one line
 * there that says how many are done and in flight, the rate and the time elapsed, redrawn every
 * second and after each result; at the end, one line of counts by close kind and by the code a
 * Windows client would show.
 *
 * <p>Whatever the command prints to stdout goes through {@link #print(String)}, which takes the
 * line off the terminal first and puts it back after.
 */
final class Progress implements ProbeListener, AutoCloseable {
  private final String noun;
  private final int total;
  private final PrintStream out;
  private final PrintStream err;
  private final boolean live;
  private final long start = System.nanoTime();
  private final Map<CloseKind, Integer> kinds = new TreeMap<>();
  private final Map<String, Integer> codes = new LinkedHashMap<>();
  private final ScheduledExecutorService ticker;
  private int started;
  private int done;
  private boolean shown;

  /**
   * @param noun what is counted, in the plural ({@code targets}, {@code probes}, {@code scenarios})
   * @param total how many there will be, or -1 when unknown
   * @param live whether to draw the progress line (stderr is a terminal)
   */
  Progress(String noun, int total, PrintStream out, PrintStream err, boolean live) {
    this.noun = noun;
    this.total = total;
    this.out = out;
    this.err = err;
    this.live = live;
    if (live) {
      ticker =
          Executors.newSingleThreadScheduledExecutor(
              r -> {
                Thread t = new Thread(r, "rdp-probe-progress");
                t.setDaemon(true);
                return t;
              });
      ticker.scheduleAtFixedRate(this::redraw, 1, 1, TimeUnit.SECONDS);
    } else {
      ticker = null;
    }
  }

  /** A progress for a command whose stderr is {@link Terminal#stderrIsTerminal()} or not. */
  static Progress of(String noun, int total, PrintStream out) {
    return new Progress(noun, total, out, System.err, Terminal.stderrIsTerminal());
  }

  @Override
  public synchronized void probeStart(ProbeSpec spec) {
    started++;
    redraw();
  }

  @Override
  public synchronized void probeEnd(ProbeResult result) {
    done++;
    kinds.merge(result.closed().kind(), 1, Integer::sum);
    codes.merge(codeKey(result.diagnose().clientCode()), 1, Integer::sum);
    redraw();
  }

  /** How many probes have ended. */
  synchronized int done() {
    return done;
  }

  /** How many ended with {@code kind}. */
  synchronized int count(CloseKind kind) {
    return kinds.getOrDefault(kind, 0);
  }

  /** Prints {@code text} to stdout as is, with the progress line out of its way. */
  synchronized void print(String text) {
    clear();
    out.print(text);
    out.flush();
    redraw();
  }

  /** The progress line, e.g. {@code 12/50 targets done, 8 in flight, 3.1/s, 0:04 elapsed}. */
  synchronized String line() {
    double seconds = (System.nanoTime() - start) / 1e9;
    long s = (long) seconds;
    return String.format(
        Locale.ROOT,
        "%s %s done, %d in flight, %.1f/s, %d:%02d elapsed",
        total >= 0 ? done + "/" + total : String.valueOf(done),
        noun,
        started - done,
        seconds > 0 ? done / seconds : 0.0,
        s / 60,
        s % 60);
  }

  /**
   * The closing line, e.g. {@code 50 targets in 12.3 s: 40 STOP_POINT_REACHED, 6 CONNECT_TIMEOUT, 4
   * PEER_RST; Windows client: 40 no error, 6 0x204/0x0, 4 0x904/0x7}.
   */
  synchronized String summary() {
    StringJoiner byKind = new StringJoiner(", ");
    kinds.forEach((k, n) -> byKind.add(n + " " + k));
    StringJoiner byCode = new StringJoiner(", ");
    codes.entrySet().stream()
        .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
        .forEach(e -> byCode.add(e.getValue() + " " + e.getKey()));
    return String.format(
        Locale.ROOT,
        "%s %s in %.1f s: %s; Windows client: %s",
        total < 0 || done == total ? String.valueOf(done) : done + " of " + total,
        noun,
        (System.nanoTime() - start) / 1e9,
        done == 0 ? "none ended" : byKind,
        done == 0 ? "-" : byCode);
  }

  /** The summary on stderr, the progress line gone. */
  synchronized void printSummary() {
    clear();
    err.println("rdp-probe: " + summary());
    err.flush();
  }

  /** A code as {@code explain} reads it back: {@code 0x904/0x7}, or the basis in words. */
  static String codeKey(ClientCode code) {
    return code.basis().hasCode()
        ? code.discReason().hex() + "/" + code.extendedReason().hex()
        : code.summary();
  }

  private synchronized void redraw() {
    if (live) {
      err.print("\r" + line() + "\033[K");
      err.flush();
      shown = true;
    }
  }

  private void clear() {
    if (shown) {
      err.print("\r\033[K");
      err.flush();
      shown = false;
    }
  }

  /** Stops redrawing and takes the line off the terminal. */
  @Override
  public synchronized void close() {
    if (ticker != null) {
      ticker.shutdownNow();
    }
    clear();
  }
}
