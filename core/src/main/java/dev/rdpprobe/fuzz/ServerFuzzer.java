package dev.rdpprobe.fuzz;

import dev.rdpprobe.ProbeResult;
import dev.rdpprobe.ProbeSpec;
import dev.rdpprobe.RdpProbe;
import dev.rdpprobe.capture.ProbePcap;
import dev.rdpprobe.connect.ClientConnector;
import dev.rdpprobe.connect.ConnectorConfig;
import dev.rdpprobe.connect.ConnectorFactory;
import dev.rdpprobe.connect.OutboundInterceptor;
import dev.rdpprobe.report.JsonValue;
import dev.rdpprobe.report.ProbeReport;
import dev.rdpprobe.trace.Direction;
import dev.rdpprobe.trace.Phase;
import dev.rdpprobe.wire.Octets;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Fuzzes a server over the network at one phase: for each case the probe's own connector goes
 * through the valid steps before the target PDU with fresh values, the target PDU is replaced
 * through the {@link OutboundInterceptor} by a {@link Mutator} mutation, and the server's reaction
 * is read from the trace ({@link Reaction}). Between cases a baseline probe checks the server's
 * health ({@link Health}); a failing check is a suspected crash, reported with the case before it.
 *
 * <p>Cases run one at a time, so a crash is attributed to the case that preceded it. The campaign
 * is gentle by default: connections per second capped, it stops at the first suspected crash and at
 * its deadline.
 */
public final class ServerFuzzer implements AutoCloseable {
  /** Cases in flight at most. */
  public static final int MAX_PARALLEL = 64;

  private final Spec spec;
  private final RdpProbe probe;

  /** The case of each connection, found by the configuration its probe was given. */
  private final Map<ConnectorConfig, CaseInterceptor> pending =
      Collections.synchronizedMap(new IdentityHashMap<>());

  /**
   * A campaign.
   *
   * @param base the probe to run for each case (target, timeouts, protocols, credentials)
   * @param phase the phase whose PDU is mutated
   * @param pdu the name of the PDU to mutate (case-insensitive), or {@code ""} for the phase's
   *     first
   * @param cases the number of cases
   * @param seed the campaign seed
   * @param out the output folder, or {@code null} for none
   * @param corpus the corpus folder, or {@code null} ({@code out/corpus} when out is given)
   * @param rate connections per second at most (cases and health checks), 0 for no cap
   * @param deadline how long the campaign may run
   * @param keepGoing whether to go on after a suspected crash
   * @param healthEvery a health check after every this many cases (1: after each)
   * @param traces whether every case's trace document is written, or only interesting ones'
   * @param parallel cases in flight at once (1: one at a time, so a crash is pinned to one case;
   *     more: a suspected crash names the cases since the last health check)
   */
  public record Spec(
      ProbeSpec base,
      Phase phase,
      String pdu,
      int cases,
      long seed,
      Path out,
      Path corpus,
      double rate,
      Duration deadline,
      boolean keepGoing,
      int healthEvery,
      boolean traces,
      int parallel) {
    public Spec {
      Objects.requireNonNull(base, "base");
      Objects.requireNonNull(phase, "phase");
      Objects.requireNonNull(pdu, "pdu");
      Objects.requireNonNull(deadline, "deadline");
      if (phase == Phase.TCP_CONNECT) {
        throw new IllegalArgumentException("TCP_CONNECT has no PDU to mutate");
      }
      if (cases < 0) {
        throw new IllegalArgumentException("cases must not be negative: " + cases);
      }
      if (rate < 0) {
        throw new IllegalArgumentException("rate must not be negative: " + rate);
      }
      if (healthEvery < 1) {
        throw new IllegalArgumentException("healthEvery must be at least 1: " + healthEvery);
      }
      if (parallel < 1 || parallel > MAX_PARALLEL) {
        throw new IllegalArgumentException(
            "parallel must be 1 to " + MAX_PARALLEL + ": " + parallel);
      }
    }

    /** A gentle campaign: 10 connections/s, 10 minutes, stop at the first suspected crash. */
    public static Spec of(ProbeSpec base, Phase phase, int cases, long seed) {
      return new Spec(
          base, phase, "", cases, seed, null, null, 10, Duration.ofMinutes(10), false, 1, true, 1);
    }

    /** This spec with another PDU name. */
    public Spec pdu(String name) {
      return new Spec(
          base,
          phase,
          name,
          cases,
          seed,
          out,
          corpus,
          rate,
          deadline,
          keepGoing,
          healthEvery,
          traces,
          parallel);
    }

    /** This spec writing to {@code dir}. */
    public Spec out(Path dir) {
      return new Spec(
          base,
          phase,
          pdu,
          cases,
          seed,
          dir,
          corpus,
          rate,
          deadline,
          keepGoing,
          healthEvery,
          traces,
          parallel);
    }

    /** This spec with another rate cap (0: none). */
    public Spec rate(double perSecond) {
      return new Spec(
          base,
          phase,
          pdu,
          cases,
          seed,
          out,
          corpus,
          perSecond,
          deadline,
          keepGoing,
          healthEvery,
          traces,
          parallel);
    }

    /** This spec with another deadline. */
    public Spec deadline(Duration d) {
      return new Spec(
          base,
          phase,
          pdu,
          cases,
          seed,
          out,
          corpus,
          rate,
          d,
          keepGoing,
          healthEvery,
          traces,
          parallel);
    }

    /** This spec going on after a suspected crash, or not. */
    public Spec keepGoing(boolean on) {
      return new Spec(
          base,
          phase,
          pdu,
          cases,
          seed,
          out,
          corpus,
          rate,
          deadline,
          on,
          healthEvery,
          traces,
          parallel);
    }

    /** This spec checking health after every {@code n} cases. */
    public Spec healthEvery(int n) {
      return new Spec(
          base, phase, pdu, cases, seed, out, corpus, rate, deadline, keepGoing, n, traces,
          parallel);
    }

    /** This spec writing every case's trace document, or only interesting cases'. */
    public Spec traces(boolean all) {
      return new Spec(
          base,
          phase,
          pdu,
          cases,
          seed,
          out,
          corpus,
          rate,
          deadline,
          keepGoing,
          healthEvery,
          all,
          parallel);
    }

    /** This spec with {@code n} cases in flight at once. */
    public Spec parallel(int n) {
      return new Spec(
          base,
          phase,
          pdu,
          cases,
          seed,
          out,
          corpus,
          rate,
          deadline,
          keepGoing,
          healthEvery,
          traces,
          n);
    }

    /** This spec with a corpus folder. */
    public Spec corpus(Path dir) {
      return new Spec(
          base,
          phase,
          pdu,
          cases,
          seed,
          out,
          dir,
          rate,
          deadline,
          keepGoing,
          healthEvery,
          traces,
          parallel);
    }

    /** The probe each case runs: it stops once the server's answer to the target is in. */
    ProbeSpec caseSpec() {
      return base.toBuilder().stopAfter(observedUntil(phase)).build();
    }
  }

  /**
   * The phase whose completion shows the server's answer to a PDU of {@code phase}: the phase
   * itself, or for a PDU the server does not answer in its phase (the Security Exchange, the Client
   * Info PDU, the Confirm Active) the phase where its answer comes.
   */
  static Phase observedUntil(Phase phase) {
    return switch (phase) {
      case SECURITY_EXCHANGE, SECURE_SETTINGS -> Phase.LICENSING;
      case CAPABILITIES -> Phase.FINALIZATION;
      default -> phase;
    };
  }

  private ServerFuzzer(Spec spec, RdpProbe probe) {
    this.spec = spec;
    this.probe = probe;
  }

  /** A fuzzer for {@code spec}; close it to free its event loop. */
  public static ServerFuzzer create(Spec spec) {
    ServerFuzzer[] self = new ServerFuzzer[1];
    ConnectorFactory factory =
        (config, trace) -> {
          CaseInterceptor c = self[0].pending.remove(config);
          if (c == null) {
            return ConnectorFactory.DEFAULT.create(config, trace);
          }
          // the connector's randomness comes from the case, so planned PDUs repeat with it
          return ClientConnector.builder(config, trace)
              .random(new SplittableRandom(c.seeds.get(0)))
              .interceptor(c)
              .build();
        };
    RdpProbe probe =
        RdpProbe.builder().connectorFactory(factory).threads(spec.parallel() > 1 ? 2 : 1).build();
    self[0] = new ServerFuzzer(spec, probe);
    return self[0];
  }

  @Override
  public void close() {
    probe.close();
  }

  /** How a campaign ended. */
  public record Report(
      Spec spec,
      Health.Outcome baseline,
      List<FuzzCase> cases,
      FuzzCase suspect,
      String stoppedBecause,
      long millis,
      int connections) {
    /** Cases per second. */
    public double casesPerSecond() {
      return millis == 0 ? 0 : cases.size() * 1000.0 / millis;
    }

    /** The reactions per phase ended in, as a table. */
    public ReactionTable table() {
      return ReactionTable.of(cases);
    }
  }

  /** Runs the campaign; {@code progress} sees every case as it ends. */
  public Report run(Consumer<FuzzCase> progress) {
    Pacer pacer = new Pacer(spec.rate());
    long start = System.nanoTime();
    long deadline = start + spec.deadline().toNanos();
    Path casesDir = spec.out() == null ? null : spec.out().resolve("cases");
    Path corpusDir =
        spec.corpus() != null
            ? spec.corpus()
            : spec.out() == null ? null : spec.out().resolve("corpus");
    Corpus corpus = Corpus.open(corpusDir, spec.phase(), spec.pdu());
    int corpusAtStart = corpus.entries().size();
    Health.Outcome baseline = baselineOutcome(pacer);
    List<FuzzCase> done = new ArrayList<>();
    List<FuzzCase> suspects = new ArrayList<>();
    FuzzCase suspect = null;
    String why = "all " + spec.cases() + " cases ran";
    SplittableRandom choice = new SplittableRandom(spec.seed());
    int n = 0;
    if (!baseline.connected()) {
      why = "the baseline probe did not connect (" + baseline.line() + "): nothing to fuzz";
      n = spec.cases();
    }
    while (n < spec.cases() && suspect == null) {
      if (System.nanoTime() > deadline) {
        why = "the campaign deadline (" + spec.deadline() + ") passed";
        break;
      }
      // a batch: the cases up to the next health check, at most `parallel` in flight
      int batch =
          Math.min(
              spec.cases() - n,
              Math.max(spec.parallel(), spec.healthEvery() - n % spec.healthEvery()));
      if (spec.parallel() == 1) {
        batch = 1;
      }
      List<List<Long>> seedsOf = new ArrayList<>();
      List<CompletableFuture<Run>> runs = new ArrayList<>();
      for (int k = 1; k <= batch; k++) {
        List<Long> seeds = new ArrayList<>();
        // half the cases start from a corpus entry found earlier, once there is one
        if (!corpus.entries().isEmpty() && choice.nextBoolean()) {
          List<Long> from = corpus.entries().get(choice.nextInt(corpus.entries().size()));
          if (from.size() < 4) {
            seeds.addAll(from);
          }
        }
        seeds.add(CaseSeeds.of(spec.seed(), n + k));
        seedsOf.add(seeds);
        pacer.await();
        runs.add(start(seeds, null));
        CompletableFuture<?>[] inFlight =
            runs.stream().filter(f -> !f.isDone()).toArray(CompletableFuture[]::new);
        if (inFlight.length >= spec.parallel()) {
          // anyOf of none would never complete: only wait while the window is full
          CompletableFuture.anyOf(inFlight).join();
        }
      }
      CompletableFuture.allOf(runs.toArray(CompletableFuture[]::new)).join();
      int last = n + batch;
      Health.Verdict health = Health.Verdict.UNCHECKED;
      if (last % spec.healthEvery() == 0 || last == spec.cases() || spec.parallel() > 1) {
        health = check(baseline, pacer);
      }
      for (int k = 0; k < batch; k++) {
        n++;
        Run r = runs.get(k).join();
        FuzzCase c =
            caseOf(
                n, seedsOf.get(k), r, k == batch - 1 ? health : Health.Verdict.UNCHECKED, corpus);
        JsonValue trace =
            spec.traces() || c.interesting() || !c.health().ok() ? document(r.result) : null;
        if (casesDir != null) {
          CaseFiles.write(casesDir, c, trace, trace == null ? null : r.pcap());
        }
        if (c.interesting() && corpus.entries().size() < 10_000) {
          corpus.add(c, trace);
        }
        done.add(c);
        progress.accept(c);
      }
      if (!health.ok()) {
        suspect = done.get(done.size() - 1);
        String which =
            batch == 1
                ? "case " + suspect.number()
                : "cases " + (suspect.number() - batch + 1) + " to " + suspect.number();
        why = "a suspected crash after " + which + ": " + health.detail();
        if (spec.keepGoing()) {
          suspect = null;
          suspects.add(done.get(done.size() - 1));
        }
      }
    }
    if (suspect == null && !suspects.isEmpty()) {
      suspect = suspects.get(0);
    }
    long millis = (System.nanoTime() - start) / 1_000_000;
    Report report =
        new Report(spec, baseline, List.copyOf(done), suspect, why, millis, pacer.connections());
    if (spec.out() != null) {
      Summaries.write(spec.out(), report, corpusAtStart);
    }
    return report;
  }

  /**
   * Runs one saved case again: its seeds on a fresh connection, its recorded bytes sent as they
   * were (when it has them), then a health check against a fresh baseline.
   */
  public Reproduction reproduce(CaseFiles.Saved saved) {
    Pacer pacer = new Pacer(spec.rate());
    Health.Outcome baseline = baselineOutcome(pacer);
    pacer.await();
    Run r = runCase(saved.seeds(), saved.sent());
    Health.Verdict health = check(baseline, pacer);
    FuzzCase c =
        new FuzzCase(
            0,
            saved.seeds(),
            spec.phase(),
            spec.pdu(),
            r.mutation,
            Reaction.of(r.result.trace(), Direction.SERVER_TO_CLIENT),
            false,
            health);
    boolean same =
        r.derived != null && saved.sent() != null && r.derived.sent().equals(saved.sent());
    Path dir = null;
    if (spec.out() != null) {
      dir = CaseFiles.write(spec.out(), "reproduced", c, document(r.result), r.pcap());
    }
    return new Reproduction(c, baseline, same, r.result, dir);
  }

  /**
   * A reproduced case.
   *
   * @param result the case as it ran again
   * @param baseline the baseline before it
   * @param seedGivesSameBytes whether the seeds derive the recorded bytes again from the planned
   *     PDU
   * @param probe the probe's result (its trace)
   * @param written the directory the reproduction was written to (its case, trace and pcapng), or
   *     {@code null} without an output folder
   */
  public record Reproduction(
      FuzzCase result,
      Health.Outcome baseline,
      boolean seedGivesSameBytes,
      ProbeResult probe,
      Path written) {}

  /** Probes tried at most for a baseline that does not end in a timeout. */
  private static final int BASELINE_TRIES = 5;

  /**
   * The baseline: a probe without a mutation, after one that warms both ends up (a fresh process's
   * first connections are slow); one that ends in a timeout is tried again a few times.
   */
  private Health.Outcome baselineOutcome(Pacer pacer) {
    pacer.await();
    baseline();
    Health.Outcome outcome = null;
    for (int i = 0; i < BASELINE_TRIES; i++) {
      pacer.await();
      outcome = Health.Outcome.of(baseline().trace());
      if (!outcome.timedOut()) {
        break;
      }
    }
    return outcome;
  }

  private ProbeResult baseline() {
    return probe.probe(spec.caseSpec()).join();
  }

  /** A health check: once more after a pause before the target is suspected. */
  private Health.Verdict check(Health.Outcome baseline, Pacer pacer) {
    pacer.await();
    Health.Verdict v = Health.judge(baseline, Health.Outcome.of(baseline().trace()));
    if (v.ok()) {
      return v;
    }
    try {
      Thread.sleep(250);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return v;
    }
    pacer.await();
    return Health.judge(baseline, Health.Outcome.of(baseline().trace()));
  }

  /**
   * A case as it ran.
   *
   * @param pcap the connection as a pcapng file (with its TLS secrets), or {@code null} when the
   *     campaign writes no files
   */
  private record Run(ProbeResult result, Mutation mutation, Mutation derived, byte[] pcap) {}

  private Run runCase(List<Long> seeds, Octets recorded) {
    return start(seeds, recorded).join();
  }

  private CompletableFuture<Run> start(List<Long> seeds, Octets recorded) {
    CaseInterceptor c = new CaseInterceptor(spec.phase(), spec.pdu(), seeds, recorded);
    ProbeSpec caseSpec = spec.caseSpec();
    // with an output folder each case's connection is kept as a pcapng, written with the case
    ByteArrayOutputStream pcapBytes = spec.out() == null ? null : new ByteArrayOutputStream();
    ProbePcap pcap = null;
    if (pcapBytes != null) {
      try {
        pcap = ProbePcap.create(pcapBytes, ProbePcap.RDP_PORT);
      } catch (IOException e) {
        throw new UncheckedIOException(e); // an in-memory stream does not fail
      }
      caseSpec = caseSpec.toBuilder().pcap(pcap).build();
    }
    ProbeSpec running = caseSpec;
    ProbePcap file = pcap;
    pending.put(running.connectorConfig(), c);
    return probe
        .probe(running)
        .whenComplete((r, e) -> pending.remove(running.connectorConfig()))
        .thenApply(
            result -> {
              byte[] bytes = null;
              if (file != null && file.connections() > 0) {
                bytes = pcapBytes.toByteArray();
              }
              return new Run(result, c.mutation, c.derived, bytes);
            });
  }

  private FuzzCase caseOf(int n, List<Long> seeds, Run r, Health.Verdict health, Corpus corpus) {
    Reaction reaction = Reaction.of(r.result.trace(), Direction.SERVER_TO_CLIENT);
    FuzzCase probeCase =
        new FuzzCase(n, seeds, spec.phase(), spec.pdu(), r.mutation, reaction, false, health);
    boolean interesting = r.mutation != null && corpus.isNew(probeCase.coverageKey());
    return interesting
        ? new FuzzCase(n, seeds, spec.phase(), spec.pdu(), r.mutation, reaction, true, health)
        : probeCase;
  }

  private static JsonValue document(ProbeResult result) {
    return ProbeReport.of(result).toJsonValue();
  }

  /** Mutates the first outbound PDU of the case's phase (and name, when one is given). */
  private static final class CaseInterceptor implements OutboundInterceptor {
    private final Phase phase;
    private final String pdu;
    final List<Long> seeds;
    private final Octets recorded;
    private volatile Mutation mutation;
    private volatile Mutation derived;

    CaseInterceptor(Phase phase, String pdu, List<Long> seeds, Octets recorded) {
      this.phase = phase;
      this.pdu = pdu;
      this.seeds = List.copyOf(seeds);
      this.recorded = recorded;
    }

    @Override
    public byte[] intercept(Outbound o) {
      if (mutation != null
          || o.phase() != phase
          || (!pdu.isEmpty() && !o.name().equalsIgnoreCase(pdu))) {
        return o.bytes();
      }
      Mutation m = stacked(o);
      derived = m;
      if (recorded != null) {
        m =
            new Mutation(
                m.seed(),
                m.phase(),
                m.pdu(),
                m.operator(),
                m.field(),
                m.detail() + " (recorded bytes)",
                m.planned(),
                recorded);
      }
      mutation = m;
      return m.sent().toByteArray();
    }

    /** The seeds applied in turn, each on the bytes the one before produced. */
    private Mutation stacked(Outbound o) {
      Outbound current = o;
      Mutation last = null;
      StringBuilder detail = new StringBuilder();
      for (long s : seeds) {
        last = Mutator.mutate(s, current);
        if (detail.length() > 0) {
          detail.append("; then ");
        }
        detail.append(last.summary());
        current =
            new Outbound(o.phase(), o.ordinal(), o.name(), o.pdu(), last.sent().toByteArray());
      }
      if (seeds.size() == 1) {
        return last;
      }
      return new Mutation(
          last.seed(),
          o.phase(),
          o.name(),
          last.operator(),
          last.field(),
          detail.toString(),
          Octets.of(o.bytes()),
          last.sent());
    }
  }
}
