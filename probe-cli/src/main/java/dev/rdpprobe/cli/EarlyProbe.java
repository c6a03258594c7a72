package dev.rdpprobe.cli;

import dev.rdpprobe.RdpProbe;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The {@link RdpProbe} of a lone target ({@code rdp-probe HOST[:PORT]} and nothing else on the
 * command line), made on its own thread as the process starts: its event loop and its warm-ups take
 * about as long, cold, as the main thread's reading of the command and building of the spec, and
 * the two run side by side. {@link ProbeCommand} takes it over for its one target; the probe is the
 * same as without it, made as {@link ProbeCommand#newRdpProbe} makes it.
 */
final class EarlyProbe {
  private static final AtomicReference<CompletableFuture<EarlyProbe>> STARTED =
      new AtomicReference<>();

  final Progress progress;
  final RdpProbe probe;

  private EarlyProbe(Progress progress, RdpProbe probe) {
    this.progress = progress;
    this.probe = probe;
  }

  /** Starts making the probe of one target with every option at its default. */
  static void start() {
    CompletableFuture<EarlyProbe> started = new CompletableFuture<>();
    if (!STARTED.compareAndSet(null, started)) {
      return;
    }
    Thread t =
        new Thread(
            () -> {
              try {
                Progress progress = Progress.of("targets", 1, System.out);
                started.complete(
                    new EarlyProbe(
                        progress,
                        ProbeCommand.newRdpProbe(ProbeCommand.DEFAULT_CONCURRENCY, progress)));
              } catch (RuntimeException e) {
                // the command makes its own, and says what is wrong if it cannot either
                started.complete(null);
              }
            },
            "rdp-probe-early");
    t.setDaemon(true);
    t.start();
  }

  /**
   * The probe made for one target when the command has {@code targets} of them, one, at the default
   * concurrency; {@code null} otherwise (and a probe made for nothing is closed).
   */
  static EarlyProbe takeFor(int targets, int concurrency) {
    CompletableFuture<EarlyProbe> started = STARTED.getAndSet(null);
    if (started == null) {
      return null;
    }
    EarlyProbe early = started.join();
    if (early == null) {
      return null;
    }
    if (targets == 1 && concurrency == ProbeCommand.DEFAULT_CONCURRENCY) {
      return early;
    }
    early.probe.close();
    early.progress.close();
    return null;
  }
}
