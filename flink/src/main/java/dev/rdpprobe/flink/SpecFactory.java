package dev.rdpprobe.flink;

import dev.rdpprobe.ProbeSpec;
import java.io.Serializable;

/**
 * Turns a target of the stream into what to probe. Flink ships it to every task, so it is
 * serializable: a lambda assigned to this type is.
 */
@FunctionalInterface
public interface SpecFactory extends Serializable {
  /**
   * What to probe for {@code target}.
   *
   * @throws IllegalArgumentException when {@code target} is not a target; the function then emits
   *     nothing for it and counts it ({@code invalidTargets})
   */
  ProbeSpec spec(String target);

  /**
   * {@code HOST}, {@code HOST:PORT}, {@code [V6]:PORT} or a bare IPv6 literal, probed with the
   * library's defaults (port 3389, up to the Demand Active).
   */
  static SpecFactory hostPort() {
    return target -> HostPort.builder(target).build();
  }
}
