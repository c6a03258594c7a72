package dev.rdpprobe.flink;

import dev.rdpprobe.ProbeSpec;
import dev.rdpprobe.RdpProbe;
import dev.rdpprobe.report.ProbeReport;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.datastream.AsyncDataStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.functions.async.ResultFuture;
import org.apache.flink.streaming.api.functions.async.RichAsyncFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Flink Async I/O over the library: each target of the stream is probed by an {@link RdpProbe} (one
 * per parallel instance, opened with the task) and becomes the probe's JSON document, the line
 * {@code rdp-probe --json} prints ({@link ProbeReport#toJson()}).
 *
 * <p>What bounds it: Flink's capacity (how many targets an instance has in flight) and the probe's
 * deadline, which every spec is held to, so a probe always completes before Flink's timeout ({@link
 * #flinkTimeout()}); {@link #probe} wires both.
 *
 * <pre>{@code
 * DataStream<String> documents =
 *     RdpProbeFunction.probe(targets, RdpProbeFunction.builder().build(), 256);
 * }</pre>
 */
public final class RdpProbeFunction extends RichAsyncFunction<String, String> {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(RdpProbeFunction.class);

  /** What Flink's timeout leaves the probe beyond its deadline (to hand the result over). */
  static final Duration GRACE = Duration.ofSeconds(5);

  private final SpecFactory specs;
  private final Duration deadline;
  private final int threads;

  private transient RdpProbe probe;
  private transient Counter invalidTargets;

  private RdpProbeFunction(Builder b) {
    this.specs = b.specs;
    this.deadline = b.deadline;
    this.threads = b.threads;
  }

  /** A builder: targets as {@code HOST[:PORT]}, a 30 s deadline, one event loop thread. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Probes every target of {@code targets}, in the order the probes end: at most {@code capacity}
   * in flight per parallel instance, each within the function's deadline.
   */
  public static DataStream<String> probe(
      DataStream<String> targets, RdpProbeFunction function, int capacity) {
    return AsyncDataStream.unorderedWait(
        targets, function, function.flinkTimeout().toMillis(), TimeUnit.MILLISECONDS, capacity);
  }

  /** The timeout to give Flink's Async I/O: the deadline and a grace period. */
  public Duration flinkTimeout() {
    return deadline.plus(GRACE);
  }

  @Override
  public void open(OpenContext context) {
    probe = RdpProbe.builder().threads(threads).build();
    invalidTargets = getRuntimeContext().getMetricGroup().counter("invalidTargets");
  }

  @Override
  public void close() {
    if (probe != null) {
      probe.close();
    }
  }

  @Override
  public void asyncInvoke(String target, ResultFuture<String> out) {
    ProbeSpec spec;
    try {
      spec = bounded(specs.spec(target));
    } catch (IllegalArgumentException e) {
      invalidTargets.inc();
      LOG.warn("not a target, skipped: {}", e.getMessage());
      out.complete(List.of());
      return;
    }
    probe
        .probe(spec)
        .whenComplete(
            (result, error) -> {
              if (error != null) {
                out.completeExceptionally(error); // only when the probe was closed under it
              } else {
                out.complete(List.of(ProbeReport.of(result).toJson()));
              }
            });
  }

  /** The spec held to this function's deadline (and its connect timeout within it). */
  ProbeSpec bounded(ProbeSpec spec) {
    if (spec.deadline().compareTo(deadline) <= 0) {
      return spec;
    }
    ProbeSpec.Builder b = spec.toBuilder().deadline(deadline);
    if (spec.connectTimeout().compareTo(deadline) > 0) {
      b.connectTimeout(deadline);
    }
    return b.build();
  }

  /** Builds a {@link RdpProbeFunction}. */
  public static final class Builder {
    private SpecFactory specs = SpecFactory.hostPort();
    private Duration deadline = Duration.ofSeconds(30);
    private int threads = 1;

    private Builder() {}

    /** How a target becomes a spec (default: {@link SpecFactory#hostPort()}). */
    public Builder specs(SpecFactory specs) {
      this.specs = Objects.requireNonNull(specs, "specs");
      return this;
    }

    /** The longest a probe may take; a spec with a longer deadline is shortened to it. */
    public Builder deadline(Duration deadline) {
      if (deadline.isNegative() || deadline.isZero()) {
        throw new IllegalArgumentException("deadline " + deadline + " is not positive");
      }
      this.deadline = deadline;
      return this;
    }

    /** The event loop threads of each instance's probe, 1 to 64 (default 1). */
    public Builder threads(int threads) {
      if (threads < 1 || threads > 64) {
        throw new IllegalArgumentException("threads " + threads + " is outside 1..64");
      }
      this.threads = threads;
      return this;
    }

    /** The function. */
    public RdpProbeFunction build() {
      return new RdpProbeFunction(this);
    }
  }
}
