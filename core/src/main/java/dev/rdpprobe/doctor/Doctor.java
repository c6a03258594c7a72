package dev.rdpprobe.doctor;

import dev.rdpprobe.ProbeResult;
import dev.rdpprobe.ProbeSpec;
import dev.rdpprobe.RdpProbe;
import dev.rdpprobe.diagnose.Diagnosis;
import dev.rdpprobe.doctor.ConnectionPacer.Run;
import dev.rdpprobe.doctor.FollowUpPlanner.Plan;
import dev.rdpprobe.doctor.FollowUpPlanner.Planned;
import dev.rdpprobe.trace.TraceEvent;
import dev.rdpprobe.wire.x224.SecurityProtocols;
import io.netty.util.NetUtil;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs the probes that confirm or rule out the causes of a failure, the way an experienced
 * administrator would follow up on a failed connection: first a baseline probe with the user's
 * settings on the first resolved address, then, planned from its diagnosis,
 *
 * <ul>
 *   <li>the baseline again on every other address the name resolves to (IPv4 and IPv6, several A
 *       records), to find an address that behaves differently;
 *   <li>each security protocol offered alone (RDP, SSL, HYBRID, HYBRID_EX, RDSTLS), stopping after
 *       the negotiation, to learn which ones the server accepts;
 *   <li>whenever the server selected TLS or the handshake was refused: each TLS version alone and
 *       each {@link CipherFamily} alone, to find what the server takes and which clients it refuses
 *       even when the baseline's own offer goes through;
 *   <li>when the TLS handshake stalled: a small and a full-size first flight, to tell a path that
 *       loses large packets from a server that stops answering.
 * </ul>
 *
 * <p>When the baseline got through the channel joins over TLS, one more probe advertises UDP
 * multitransport and sends an RDP-UDP SYN if the server asks for UDP; otherwise the report lists it
 * as not run ({@link DoctorReport#notRun()}).
 *
 * <p>The follow-ups run side by side, each submitted as soon as what it depends on is known (the
 * baseline's diagnosis and address, the result of Standard RDP Security offered alone for the
 * encryption methods), with no pause between one group and the next. The doctor is polite with the
 * server all the same: at most {@link DoctorSpec#maxConcurrentConnections()} connections at once,
 * at most {@link DoctorSpec#maxNewConnectionsPerSecond()} connection starts in any second and at
 * least {@link DoctorSpec#delayBetweenConnections()} between two (by default 4 at once, 20 new per
 * second, no fixed delay; {@link DoctorSpec.Builder#gentle()} runs one at a time, 200 ms apart),
 * nothing started after {@link DoctorSpec#deadline()}, and each probe's own deadline cut to what is
 * left. A follow-up that the server turned away while another connection was open is run again with
 * no other connection open, and the rest of the examination runs one connection at a time, so a
 * server that allows one connection per client is not mistaken for a broken one.
 *
 * <pre>{@code
 * try (RdpProbe probe = RdpProbe.create()) {
 *   DoctorReport report = Doctor.create(probe).examine(DoctorSpec.builder("rdp.example.com").build()).join();
 *   System.out.println(report.verdict().text());
 * }
 * }</pre>
 *
 * <p>Thread-safe; examinations run independently (each paces its own connections). The doctor keeps
 * no thread alive while idle, so it needs no closing; the {@link RdpProbe} it uses belongs to the
 * caller.
 */
public final class Doctor {
  /** Resolves a host name to every address it has, in the order a client would try them. */
  @FunctionalInterface
  public interface Resolver {
    /** Every address of {@code host}, at least one; blocking is fine (it runs off the I/O loop). */
    List<InetAddress> resolve(String host) throws UnknownHostException;

    /** {@link InetAddress#getAllByName(String)}: the system resolver. */
    Resolver SYSTEM = host -> Arrays.asList(InetAddress.getAllByName(host));
  }

  private final RdpProbe probe;
  private final Resolver resolver;
  private final ScheduledThreadPoolExecutor timer;
  private final ExecutorService lookups;

  private Doctor(Builder b) {
    this.probe = b.probe;
    this.resolver = b.resolver;
    this.timer = new ScheduledThreadPoolExecutor(1, daemon("rdp-doctor-timer"));
    timer.setKeepAliveTime(5, TimeUnit.SECONDS);
    timer.allowCoreThreadTimeOut(true);
    timer.setRemoveOnCancelPolicy(true);
    ThreadPoolExecutor pool =
        new ThreadPoolExecutor(
            4, 4, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), daemon("rdp-doctor"));
    pool.allowCoreThreadTimeOut(true);
    this.lookups = pool;
  }

  /** A doctor that probes with {@code probe} and resolves names with the system resolver. */
  public static Doctor create(RdpProbe probe) {
    return builder(probe).build();
  }

  /** A builder for a doctor that probes with {@code probe}. */
  public static Builder builder(RdpProbe probe) {
    return new Builder(probe);
  }

  /**
   * Examines a server. The future completes with the report once every follow-up has ended, within
   * the spec's deadline plus the scheduling slack of the last probes; it completes exceptionally
   * only if the {@link RdpProbe} is closed meanwhile.
   */
  public CompletableFuture<DoctorReport> examine(DoctorSpec spec) {
    Objects.requireNonNull(spec, "spec");
    return new Examination(spec).run();
  }

  private static ThreadFactory daemon(String name) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, name + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  /** Builds a {@link Doctor}. */
  public static final class Builder {
    private final RdpProbe probe;
    private Resolver resolver = Resolver.SYSTEM;

    private Builder(RdpProbe probe) {
      this.probe = Objects.requireNonNull(probe, "probe");
    }

    /** How host names are resolved (default: {@link Resolver#SYSTEM}). */
    public Builder resolver(Resolver resolver) {
      this.resolver = Objects.requireNonNull(resolver, "resolver");
      return this;
    }

    /** The doctor. */
    public Doctor build() {
      return new Doctor(this);
    }
  }

  /** One examination: its pacer, its addresses, its probes so far. */
  private final class Examination {
    /** How long past the deadline the doctor waits for a probe that has not reported. */
    private static final Duration SLACK = Duration.ofSeconds(10);

    /** The run of a probe that had not reported by the deadline plus the slack. */
    private static final Run GAVE_UP = new Run(null, true);

    private final DoctorSpec spec;
    private final long start = System.nanoTime();
    private final ConnectionPacer pacer;
    private final List<NotRun> notRun = new ArrayList<>();
    private List<InetAddress> addresses = List.of();
    private String lookupFailure;
    private ProbeResult baseline;
    private Diagnosis diagnosis;
    private final List<Planned> planned = new ArrayList<>();
    private final List<Run> runs = new ArrayList<>();
    private final List<Boolean> repeated = new ArrayList<>();
    private final List<CompletableFuture<Run>> pending = new ArrayList<>();
    private String connectionsNote;
    private InetAddress target;

    Examination(DoctorSpec spec) {
      this.spec = spec;
      this.pacer =
          new ConnectionPacer(
              probe::probe,
              timer,
              spec.maxConcurrentConnections(),
              spec.maxNewConnectionsPerSecond(),
              spec.delayBetweenConnections(),
              start + spec.deadline().toNanos(),
              System::nanoTime);
    }

    CompletableFuture<DoctorReport> run() {
      return lookup()
          .thenCompose(this::runBaseline)
          .thenCompose(this::runAddresses)
          .thenCompose(this::runOffers)
          .thenCompose(v -> allSubmitted())
          .thenCompose(v -> repeatTurnedAway())
          .thenApplyAsync(v -> report(), lookups);
    }

    // ---- steps ------------------------------------------------------------------------------

    private CompletableFuture<List<InetAddress>> lookup() {
      String host = spec.host();
      Duration bound = min(spec.baseline().deadline(), spec.deadline());
      return CompletableFuture.supplyAsync(
              () -> {
                try {
                  List<InetAddress> all = resolver.resolve(host);
                  if (all == null || all.isEmpty()) {
                    throw new UnknownHostException(host + ": no address");
                  }
                  return List.copyOf(all);
                } catch (UnknownHostException e) {
                  throw new CompletionException(e);
                }
              },
              lookups)
          .orTimeout(bound.toNanos(), TimeUnit.NANOSECONDS)
          .handle(
              (all, error) -> {
                if (error != null) {
                  Throwable cause = error instanceof CompletionException ? error.getCause() : error;
                  lookupFailure =
                      cause instanceof TimeoutException
                          ? "no answer within " + bound.toMillis() + " ms"
                          : String.valueOf(cause.getMessage());
                  return List.of();
                }
                return all;
              });
    }

    private CompletableFuture<Void> runBaseline(List<InetAddress> resolved) {
      this.addresses = resolved;
      ProbeSpec b = spec.baselineProbe(); // the one probe that proves credentials
      if (!resolved.isEmpty()) {
        b = b.toBuilder().address(resolved.get(0)).build();
      }
      return pacer
          .submitFirst(b)
          .thenAccept(
              r -> {
                baseline = r.result();
                diagnosis = baseline.diagnose();
                if (addresses.isEmpty()) {
                  addresses = resolvedBy(baseline); // our lookup failed, the probe's did not
                }
              });
    }

    /** The baseline again on every other address; completes with the first that connected. */
    private CompletableFuture<InetAddress> runAddresses(Void ignored) {
      List<Planned> others = FollowUpPlanner.addresses(spec.baseline(), addresses);
      List<CompletableFuture<Run>> futures = submitAll(others);
      if (Outcomes.connected(baseline)) {
        InetAddress chosen = chosen(baseline);
        return CompletableFuture.completedFuture(chosen);
      }
      return CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new))
          .thenApply(
              v -> {
                for (int i = 0; i < others.size(); i++) {
                  Run r = futures.get(i).join();
                  if (r.started() && Outcomes.connected(r.result())) {
                    return others.get(i).address();
                  }
                }
                return null;
              });
    }

    /**
     * Submits every offer follow-up at once, then the encryption methods as soon as the one probe
     * they depend on (Standard RDP Security offered alone) has ended, not after all of them; the
     * future completes once the encryption methods are submitted.
     */
    private CompletableFuture<Void> runOffers(InetAddress target) {
      this.target = target;
      Plan plan = FollowUpPlanner.offers(spec.baseline(), baseline, diagnosis, target);
      notRun.addAll(plan.notRun());
      List<CompletableFuture<Run>> futures = submitAll(plan.probes());
      List<CompletableFuture<Run>> rdpAlone = new ArrayList<>();
      for (int i = 0; i < futures.size(); i++) {
        if (offersRdpAlone(plan.probes().get(i))) {
          rdpAlone.add(futures.get(i));
        }
      }
      return CompletableFuture.allOf(rdpAlone.toArray(CompletableFuture[]::new))
          .thenCompose(v -> runEncryptionMethods());
    }

    private static boolean offersRdpAlone(Planned p) {
      return p.kind() == FollowUp.Kind.PROTOCOL && SecurityProtocols.RDP.equals(p.protocol());
    }

    /**
     * When the server takes Standard RDP Security (offered alone, or selected for the baseline):
     * submits each encryption method alone, and none, one connection each.
     */
    private CompletableFuture<Void> runEncryptionMethods() {
      boolean takesRdp = Outcomes.selected(baseline).orElse("").equals("RDP");
      synchronized (this) {
        for (int i = 0; i < planned.size(); i++) {
          Planned p = planned.get(i);
          Run r = runs.get(i);
          takesRdp |=
              offersRdpAlone(p)
                  && r != null
                  && r.started()
                  && r.result().reachedStopPoint()
                  && Outcomes.selected(r.result()).orElse("").equals("RDP");
        }
      }
      if (target == null || !takesRdp) {
        notRun.add(
            new NotRun(
                "Standard RDP Security encryption methods offered alone",
                target == null
                    ? "no address of the host accepted a TCP connection"
                    : "the server does not take Standard RDP Security (PROTOCOL_RDP) offered"
                        + " alone"));
        return CompletableFuture.completedFuture(null);
      }
      submitAll(FollowUpPlanner.encryptionMethods(spec.baseline(), target));
      return CompletableFuture.completedFuture(null);
    }

    /**
     * Runs again, alone, each follow-up the server turned away while another connection was open
     * (when it did not turn the baseline away), and carries on one connection at a time.
     */
    private CompletableFuture<Void> repeatTurnedAway() {
      if (Outcomes.turnedAway(baseline)) {
        return CompletableFuture.completedFuture(null);
      }
      List<Integer> again = new ArrayList<>();
      for (int i = 0; i < runs.size(); i++) {
        Run r = runs.get(i);
        if (r != null && r.started() && r.overlapped() && Outcomes.turnedAway(r.result())) {
          again.add(i);
        }
      }
      if (again.isEmpty()) {
        return CompletableFuture.completedFuture(null);
      }
      pacer.limit(1);
      List<CompletableFuture<Void>> done = new ArrayList<>();
      for (int i : again) {
        done.add(
            bounded(pacer.submit(planned.get(i).spec()))
                .thenAccept(
                    r -> {
                      synchronized (this) {
                        if (r.started()) {
                          runs.set(i, r);
                          repeated.set(i, true);
                        }
                      }
                    }));
      }
      return CompletableFuture.allOf(done.toArray(CompletableFuture[]::new))
          .thenRun(
              () -> {
                long better;
                synchronized (this) {
                  better =
                      again.stream()
                          .filter(i -> !Outcomes.turnedAway(runs.get(i).result()))
                          .count();
                }
                connectionsNote =
                    again.size()
                        + " follow-up"
                        + (again.size() == 1 ? " was" : "s were")
                        + " turned away while another connection was open; run again with no"
                        + " other connection open, "
                        + better
                        + " got further"
                        + (better > 0
                            ? ": the server limits how many connections one client may have open"
                                + " at once."
                            : ": the server turns them away whatever else is open.");
              });
    }

    // ---- bookkeeping ------------------------------------------------------------------------

    private List<CompletableFuture<Run>> submitAll(List<Planned> probes) {
      List<CompletableFuture<Run>> out = new ArrayList<>();
      for (Planned p : probes) {
        int index;
        synchronized (this) {
          index = planned.size();
          planned.add(p);
          runs.add(null);
          repeated.add(false);
        }
        CompletableFuture<Run> f =
            bounded(pacer.submit(p.spec()))
                .thenApply(
                    r -> {
                      synchronized (this) {
                        runs.set(index, r);
                      }
                      return r;
                    });
        synchronized (this) {
          pending.add(f);
        }
        out.add(f);
      }
      return out;
    }

    private synchronized CompletableFuture<Void> allSubmitted() {
      return CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new));
    }

    /** A run that gives up on a probe that has not reported well after the deadline. */
    private CompletableFuture<Run> bounded(CompletableFuture<Run> run) {
      long left = Math.max(0, start + spec.deadline().toNanos() - System.nanoTime());
      return run.completeOnTimeout(GAVE_UP, left + SLACK.toNanos(), TimeUnit.NANOSECONDS);
    }

    private synchronized DoctorReport report() {
      List<FollowUp> followUps = new ArrayList<>();
      List<Probed> probed = new ArrayList<>();
      for (int i = 0; i < planned.size(); i++) {
        Planned p = planned.get(i);
        Run r = runs.get(i);
        if (r == null || !r.started()) {
          notRun.add(
              new NotRun(
                  p.tested(),
                  r == GAVE_UP
                      ? "it had not ended well after the examination's deadline"
                      : "the examination's deadline passed before it could start"));
          continue;
        }
        FollowUp f =
            new FollowUp(
                followUps.size() + 1,
                p.kind(),
                p.tested(),
                r.result(),
                r.result().diagnose(),
                Outcomes.describe(r.result()),
                repeated.get(i));
        followUps.add(f);
        probed.add(new Probed(p, f));
      }
      Verdict verdict =
          Assessor.verdict(
              new Context(
                  spec, addresses, baseline, diagnosis, probed, lookupFailure, connectionsNote));
      return new DoctorReport(
          spec,
          addresses,
          baseline,
          diagnosis,
          followUps,
          notRun,
          verdict,
          Duration.ofNanos(System.nanoTime() - start),
          pacer.peak());
    }

    private InetAddress chosen(ProbeResult r) {
      if (r.spec().address() != null) {
        return r.spec().address();
      }
      return r.trace().eventsOf(TraceEvent.Resolved.class).stream()
          .findFirst()
          .map(e -> literal(e.chosen()))
          .orElse(null);
    }
  }

  /** The addresses a probe resolved by itself, from its trace. */
  private static List<InetAddress> resolvedBy(ProbeResult r) {
    List<InetAddress> out = new ArrayList<>();
    for (TraceEvent.Resolved e : r.trace().eventsOf(TraceEvent.Resolved.class)) {
      for (String a : e.addresses()) {
        InetAddress address = literal(a);
        if (address != null) {
          out.add(address);
        }
      }
    }
    return List.copyOf(out);
  }

  /** An address literal, parsed without any lookup; {@code null} if it is not one. */
  private static InetAddress literal(String text) {
    byte[] bytes = NetUtil.createByteArrayFromIpAddressString(text);
    if (bytes == null) {
      return null;
    }
    try {
      return InetAddress.getByAddress(bytes);
    } catch (UnknownHostException e) {
      return null;
    }
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }
}
