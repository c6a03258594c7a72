package dev.rdpprobe.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rdpprobe.ProbeResult;
import dev.rdpprobe.ProbeSpec;
import dev.rdpprobe.doctor.ConnectionPacer.Run;
import dev.rdpprobe.testing.TraceBuilder;
import dev.rdpprobe.trace.CloseKind;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The pacer with probes the test ends by hand: the limit, the delay, the deadline, overlaps. */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class ConnectionPacerTest {
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
  private final List<Started> started = new CopyOnWriteArrayList<>();

  record Started(ProbeSpec spec, long at, CompletableFuture<ProbeResult> future) {}

  @AfterEach
  void stop() {
    timer.shutdownNow();
  }

  private CompletableFuture<ProbeResult> start(ProbeSpec spec) {
    CompletableFuture<ProbeResult> f = new CompletableFuture<>();
    started.add(new Started(spec, System.nanoTime(), f));
    return f;
  }

  private static ProbeResult result(ProbeSpec spec) {
    return ProbeResult.of(spec, TraceBuilder.start().close(CloseKind.CONNECT_REFUSED), List.of());
  }

  private void end(int i) {
    Started s = started.get(i);
    s.future().complete(result(s.spec()));
  }

  private void awaitStarted(int n) throws InterruptedException {
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (started.size() < n && System.nanoTime() < until) {
      Thread.sleep(5);
    }
    assertEquals(n, started.size());
  }

  private ConnectionPacer pacer(int limit, Duration delay, Duration deadline) {
    return pacer(limit, 1000, delay, deadline);
  }

  private ConnectionPacer pacer(int limit, int perSecond, Duration delay, Duration deadline) {
    return new ConnectionPacer(
        this::start,
        timer,
        limit,
        perSecond,
        delay,
        System.nanoTime() + deadline.toNanos(),
        System::nanoTime);
  }

  private static ProbeSpec spec(String host) {
    return ProbeSpec.builder(host).deadline(Duration.ofSeconds(5)).build();
  }

  @Test
  void startsNoMoreThanTheLimitAndTheNextOnlyWhenOneEnds() throws Exception {
    ConnectionPacer p = pacer(2, Duration.ZERO, Duration.ofSeconds(10));
    List<CompletableFuture<Run>> runs =
        List.of(p.submit(spec("a")), p.submit(spec("b")), p.submit(spec("c")));
    awaitStarted(2);
    Thread.sleep(100);
    assertEquals(2, started.size(), "the third waits for a free slot");
    end(1);
    awaitStarted(3);
    assertEquals("c", started.get(2).spec().host());
    end(0);
    end(2);
    for (CompletableFuture<Run> r : runs) {
      assertTrue(r.get(5, TimeUnit.SECONDS).started());
    }
    assertEquals(2, p.peak());
    // a and b were open together, and so were a and c
    assertTrue(runs.get(0).join().overlapped());
    assertTrue(runs.get(2).join().overlapped());
  }

  @Test
  void spacesStartsByTheDelay() throws Exception {
    Duration delay = Duration.ofMillis(150);
    ConnectionPacer p = pacer(4, delay, Duration.ofSeconds(10));
    for (String h : List.of("a", "b", "c")) {
      p.submit(spec(h));
    }
    awaitStarted(3);
    for (int i = 1; i < 3; i++) {
      long gap = started.get(i).at() - started.get(i - 1).at();
      assertTrue(gap >= delay.toNanos(), "gap " + gap / 1_000_000 + " ms");
    }
    for (int i = 0; i < 3; i++) {
      end(i);
    }
  }

  @Test
  void startsAtMostPerSecondInAnyOneSecondWindow() throws Exception {
    ConnectionPacer p = pacer(8, 3, Duration.ZERO, Duration.ofSeconds(10));
    for (String h : List.of("a", "b", "c", "d", "e")) {
      p.submit(spec(h));
    }
    awaitStarted(3);
    Thread.sleep(100);
    assertEquals(3, started.size(), "a burst of 3, then the window is full");
    awaitStarted(5);
    for (int i = 3; i < 5; i++) {
      long gap = started.get(i).at() - started.get(i - 3).at();
      assertTrue(gap >= 1_000_000_000L, "start " + i + " only " + gap / 1_000_000 + " ms after");
    }
    for (int i = 0; i < 5; i++) {
      end(i);
    }
  }

  @Test
  void aProbeAloneDidNotOverlap() throws Exception {
    ConnectionPacer p = pacer(1, Duration.ZERO, Duration.ofSeconds(10));
    CompletableFuture<Run> a = p.submit(spec("a"));
    CompletableFuture<Run> b = p.submit(spec("b"));
    awaitStarted(1);
    end(0);
    awaitStarted(2);
    end(1);
    assertFalse(a.get(5, TimeUnit.SECONDS).overlapped());
    assertFalse(b.get(5, TimeUnit.SECONDS).overlapped());
    assertEquals(1, p.peak());
  }

  @Test
  void nothingStartsAfterTheDeadlineButTheBaselineAndDeadlinesAreCut() throws Exception {
    ConnectionPacer p = pacer(1, Duration.ZERO, Duration.ofMillis(600));
    CompletableFuture<Run> a = p.submit(spec("a"));
    CompletableFuture<Run> late = p.submit(spec("late"));
    awaitStarted(1);
    assertTrue(started.get(0).spec().deadline().compareTo(Duration.ofMillis(600)) <= 0);
    Thread.sleep(600);
    end(0);
    assertTrue(a.get(5, TimeUnit.SECONDS).started());
    Run r = late.get(5, TimeUnit.SECONDS);
    assertFalse(r.started());
    assertNull(r.result());
    assertEquals(1, started.size());
    CompletableFuture<Run> baseline = p.submitFirst(spec("baseline"));
    awaitStarted(2);
    assertEquals(ConnectionPacer.MIN_PROBE_TIME, started.get(1).spec().deadline());
    end(1);
    assertTrue(baseline.get(5, TimeUnit.SECONDS).started());
  }

  @Test
  void aLowerLimitAppliesToWhatStartsNext() throws Exception {
    ConnectionPacer p = pacer(3, Duration.ZERO, Duration.ofSeconds(10));
    p.limit(1);
    p.submit(spec("a"));
    p.submit(spec("b"));
    awaitStarted(1);
    Thread.sleep(100);
    assertEquals(1, started.size());
    end(0);
    awaitStarted(2);
    end(1);
  }
}
