package dev.rdpprobe.cli;

import dev.rdpprobe.ProbeResult;
import dev.rdpprobe.ProbeSpec;
import dev.rdpprobe.RdpProbe;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The probe of a lone target ({@code rdp-probe HOST[:PORT]} and nothing else on the command line),
 * started on its own thread before picocli has built its model of every command's options: with no
 * option given, the spec is the default one and known from the argument alone, so the connection
 * opens while the command line is still being read. {@link ProbeCommand} takes it over, and it is
 * the same probe, listener and output as without it.
 */
final class EarlyProbe {
  private static final AtomicReference<CompletableFuture<EarlyProbe>> STARTED =
      new AtomicReference<>();

  final ProbeSpec spec;
  final Progress progress;
  final RdpProbe probe;
  final CompletableFuture<ProbeResult> result;

  private EarlyProbe(
      ProbeSpec spec, Progress progress, RdpProbe probe, CompletableFuture<ProbeResult> result) {
    this.spec = spec;
    this.progress = progress;
    this.probe = probe;
    this.result = result;
  }

  /**
   * Starts the probe of {@code target} as {@code ProbeCommand} would with every option at its
   * default, unless it does not parse as a target (the command line then says why, as usual).
   */
  static void start(String target) {
    CompletableFuture<EarlyProbe> started = new CompletableFuture<>();
    if (!STARTED.compareAndSet(null, started)) {
      return;
    }
    // even the spec is made on the new thread: its first building loads the TLS offer's tables
    Thread t =
        new Thread(
            () -> {
              try {
                ProbeSpec spec = new ProbeOptions().builder(Target.parseLine(target)).build();
                Progress progress = Progress.of("targets", 1, System.out);
                RdpProbe probe =
                    ProbeCommand.newRdpProbe(ProbeCommand.DEFAULT_CONCURRENCY, progress);
                started.complete(new EarlyProbe(spec, progress, probe, probe.probe(spec)));
              } catch (RuntimeException e) {
                // not a target, or a probe that could not start: the command runs as without it,
                // and says what is wrong
                started.complete(null);
              }
            },
            "rdp-probe-early");
    t.setDaemon(true);
    t.start();
  }

  /**
   * The probe started for {@code specs}, when they are the one spec it was started with; {@code
   * null} otherwise (and a probe started for something else is cancelled and closed).
   */
  static EarlyProbe takeFor(java.util.List<ProbeSpec> specs) {
    CompletableFuture<EarlyProbe> started = STARTED.getAndSet(null);
    if (started == null) {
      return null;
    }
    EarlyProbe early = started.join();
    if (early == null) {
      return null;
    }
    if (specs.size() == 1 && specs.get(0).toString().equals(early.spec.toString())) {
      return early;
    }
    early.result.cancel(true);
    early.probe.close();
    early.progress.close();
    return null;
  }
}
