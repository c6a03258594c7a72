package dev.rdpprobe.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import dev.rdpprobe.ProbeListener;
import dev.rdpprobe.ProbeResult;
import dev.rdpprobe.ProbeSpec;
import dev.rdpprobe.RdpProbe;
import dev.rdpprobe.emulate.RdpEmulator;
import dev.rdpprobe.emulate.Scenario;
import dev.rdpprobe.trace.CloseKind;
import dev.rdpprobe.trace.Phase;
import dev.rdpprobe.trace.TraceEvent;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/**
 * Whole-probe throughput and memory against the in-process emulator, run by {@code
 * benchmarks/scripts/throughput.sh} (JMH measures code; this measures many connections at once):
 *
 * <ul>
 *   <li>{@code tls CONCURRENCY,... SECONDS}: probes to the end of the TLS handshake, each level
 *       kept full (a probe that ends starts the next) for a warm-up and then SECONDS; prints
 *       probes/s, the heap after a full GC with the level's probes in flight, and the GC pauses.
 *   <li>{@code hold PORT ADDRESS...}: emulators that accept and never answer (the probes wait at
 *       the X.224 stage), one per loopback address, until SIGTERM closes them.
 *   <li>{@code in-flight COUNT PORT ADDRESS...}: COUNT probes at once to those emulators, spread
 *       over the addresses (each address is another set of ephemeral ports); once all wait for
 *       their Connection Confirm, the heap after a full GC; then the emulators are told to go and
 *       every probe must end classified.
 * </ul>
 */
public final class ProbeThroughput {
  private ProbeThroughput() {}

  public static void main(String[] args) throws Exception {
    switch (args.length == 0 ? "" : args[0]) {
      case "tls" -> tls(args[1], Integer.parseInt(args[2]));
      case "hold" -> hold(Integer.parseInt(args[1]), List.of(args).subList(2, args.length));
      case "in-flight" ->
          inFlight(
              Integer.parseInt(args[1]),
              Integer.parseInt(args[2]),
              List.of(args).subList(3, args.length));
      default -> {
        System.err.println(
            "usage: tls CONCURRENCY,... SECONDS | hold PORT ADDRESS... | in-flight COUNT PORT"
                + " ADDRESS...");
        System.exit(2);
      }
    }
  }

  // ---- TLS probes/s ---------------------------------------------------------------------------

  private static void tls(String levels, int seconds) throws Exception {
    GcPauses pauses = GcPauses.install();
    try (RdpEmulator emulator =
            RdpEmulator.builder(Scenario.HEALTHY)
                .maxConnections(1_000_000, 1_000_000)
                .idleTimeout(Duration.ofMinutes(5))
                .start();
        RdpProbe probe = RdpProbe.builder().threads(2).build()) {
      ProbeSpec spec =
          ProbeSpec.builder("127.0.0.1")
              .port(emulator.port())
              .stopAfter(Phase.TLS_HANDSHAKE)
              .deadline(Duration.ofSeconds(60))
              .idleTimeout(Duration.ofSeconds(30))
              .connectTimeout(Duration.ofSeconds(30))
              .build();
      for (String level : levels.split(",")) {
        int concurrency = Integer.parseInt(level.trim());
        ClosedLoop loop = new ClosedLoop(probe, spec, concurrency);
        loop.start();
        Thread.sleep(Math.max(3_000, seconds * 500L)); // warm-up at this level
        loop.reset();
        pauses.reset();
        long t0 = System.nanoTime();
        Thread.sleep(seconds * 1000L);
        long done = loop.ok.get() + loop.failed.get();
        double elapsed = (System.nanoTime() - t0) / 1e9;
        GcPauses.Window gc = pauses.window(); // before the full GCs that measure the heap
        long heap = heapAfterGc(); // with this level's probes still in flight
        loop.stop();
        System.out.printf(
            Locale.ROOT,
            "tls concurrency %5d: %7.1f probes/s (%d in %.1f s, %d not ok), heap after GC %.1f MB,"
                + " young GC %d (max %d ms, total %d ms), old GC %d%n",
            concurrency,
            done / elapsed,
            done,
            elapsed,
            loop.failed.get(),
            heap / 1e6,
            gc.youngCount(),
            gc.youngMaxMs(),
            gc.youngTotalMs(),
            gc.oldCount());
        if (!loop.failures.isEmpty()) {
          System.out.println("  not ok: " + loop.failures);
        }
      }
    }
  }

  /** Keeps {@code concurrency} probes in flight: each one that ends starts the next. */
  private static final class ClosedLoop {
    final RdpProbe probe;
    final ProbeSpec spec;
    final int concurrency;
    final AtomicLong ok = new AtomicLong();
    final AtomicLong failed = new AtomicLong();
    final Map<CloseKind, Long> failures = new ConcurrentHashMap<>();
    final AtomicBoolean running = new AtomicBoolean(true);
    final CountDownLatch drained;

    ClosedLoop(RdpProbe probe, ProbeSpec spec, int concurrency) {
      this.probe = probe;
      this.spec = spec;
      this.concurrency = concurrency;
      this.drained = new CountDownLatch(concurrency);
    }

    void start() {
      for (int i = 0; i < concurrency; i++) {
        next();
      }
    }

    private void next() {
      probe
          .probe(spec)
          .whenComplete(
              (r, e) -> {
                if (r != null && r.reachedStopPoint()) {
                  ok.incrementAndGet();
                } else {
                  failed.incrementAndGet();
                  failures.merge(
                      r == null ? CloseKind.LOCAL_ERROR : r.closed().kind(), 1L, Long::sum);
                }
                if (running.get()) {
                  next();
                } else {
                  drained.countDown();
                }
              });
    }

    void reset() {
      ok.set(0);
      failed.set(0);
      failures.clear();
    }

    void stop() throws InterruptedException {
      running.set(false);
      if (!drained.await(120, TimeUnit.SECONDS)) {
        throw new IllegalStateException("probes did not end within 120 s");
      }
    }
  }

  // ---- probes in flight -----------------------------------------------------------------------

  private static void hold(int port, List<String> addresses) throws Exception {
    List<RdpEmulator> emulators = new ArrayList<>();
    for (String a : addresses) {
      emulators.add(
          RdpEmulator.builder(Scenario.ACCEPT_THEN_SILENCE)
              .bindAddress(InetAddress.getByName(a))
              .port(port)
              .maxConnections(1_000_000, 1_000_000)
              .idleTimeout(Duration.ofMinutes(10))
              .maxConnectionTime(Duration.ofMinutes(10))
              .start());
    }
    CountDownLatch closed = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  emulators.forEach(RdpEmulator::close); // every connection ends with a FIN
                  closed.countDown();
                }));
    System.out.println("ready");
    System.out.flush();
    closed.await(); // until the benchmark sends SIGTERM
  }

  private static void inFlight(int count, int port, List<String> addresses) throws Exception {
    AtomicLong waiting = new AtomicLong();
    ProbeListener listener =
        new ProbeListener() {
          @Override
          public void event(ProbeSpec spec, TraceEvent event) {
            if (event instanceof TraceEvent.Pdu) {
              waiting.incrementAndGet(); // the Connection Request went out: waiting for the CC
            }
          }
        };
    Map<CloseKind, Long> closes = new EnumMap<>(CloseKind.class);
    Map<Phase, Long> phases = new EnumMap<>(Phase.class);
    AtomicLong results = new AtomicLong();
    CountDownLatch all = new CountDownLatch(count);
    long t0 = System.nanoTime();
    try (RdpProbe probe = RdpProbe.builder().threads(2).listener(listener).build()) {
      for (int i = 0; i < count; i++) {
        ProbeSpec spec =
            ProbeSpec.builder(addresses.get(i % addresses.size()))
                .port(port)
                .stopAfter(Phase.X224_NEGOTIATION)
                .connectTimeout(Duration.ofSeconds(60))
                .idleTimeout(Duration.ofMinutes(5))
                .deadline(Duration.ofMinutes(5))
                .build();
        probe
            .probe(spec)
            .whenComplete(
                (ProbeResult r, Throwable e) -> {
                  synchronized (closes) {
                    if (r != null) {
                      closes.merge(r.closed().kind(), 1L, Long::sum);
                      phases.merge(r.closed().phase(), 1L, Long::sum);
                      results.incrementAndGet();
                    }
                  }
                  all.countDown();
                });
      }
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
      while (waiting.get() < count && System.nanoTime() < deadline && all.getCount() > 0) {
        Thread.sleep(100);
      }
      double rampUp = (System.nanoTime() - t0) / 1e9;
      long heap = heapAfterGc();
      System.out.printf(
          Locale.ROOT,
          "in flight: %d of %d probes waiting for their Connection Confirm after %.1f s; heap after"
              + " GC %.1f MB (max %.0f MB), RSS %.1f MB, %d threads%n",
          waiting.get(),
          count,
          rampUp,
          heap / 1e6,
          Runtime.getRuntime().maxMemory() / 1e6,
          rssBytes() / 1e6,
          ManagementFactory.getThreadMXBean().getThreadCount());
      System.out.flush();
      // the emulators are told to go (the script closes their input): every probe must end
      if (!all.await(300, TimeUnit.SECONDS)) {
        System.out.println("NOT all ended: " + all.getCount() + " still running");
      }
    }
    System.out.printf(
        Locale.ROOT,
        "classified: %d of %d, by close %s, by phase %s%n",
        results.get(),
        count,
        closes,
        phases);
  }

  // ---- measuring -------------------------------------------------------------------------------

  private static long heapAfterGc() {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return memory.getHeapMemoryUsage().getUsed();
  }

  private static long rssBytes() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
        }
      }
    } catch (Exception e) {
      // not Linux: no figure
    }
    return -1;
  }

  /** GC pauses from the JVM's notifications, by young and old collections. */
  private static final class GcPauses {
    private final AtomicLong youngCount = new AtomicLong();
    private final AtomicLong youngMax = new AtomicLong();
    private final AtomicLong youngTotal = new AtomicLong();
    private final AtomicLong oldCount = new AtomicLong();

    record Window(long youngCount, long youngMaxMs, long youngTotalMs, long oldCount) {}

    static GcPauses install() {
      GcPauses p = new GcPauses();
      for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
        ((NotificationEmitter) gc)
            .addNotificationListener(
                (n, h) -> {
                  if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(
                      n.getType())) {
                    return;
                  }
                  GarbageCollectionNotificationInfo info =
                      GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
                  long ms = info.getGcInfo().getDuration();
                  if (info.getGcAction().contains("minor")) {
                    p.youngCount.incrementAndGet();
                    p.youngTotal.addAndGet(ms);
                    p.youngMax.accumulateAndGet(ms, Math::max);
                  } else {
                    p.oldCount.incrementAndGet();
                  }
                },
                null,
                null);
      }
      return p;
    }

    void reset() {
      youngCount.set(0);
      youngMax.set(0);
      youngTotal.set(0);
      oldCount.set(0);
    }

    Window window() {
      return new Window(youngCount.get(), youngMax.get(), youngTotal.get(), oldCount.get());
    }
  }
}
