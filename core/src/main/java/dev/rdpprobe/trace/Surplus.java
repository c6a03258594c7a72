package dev.rdpprobe.trace;

import dev.rdpprobe.wire.Limits;
import java.util.Map;

/**
 * Events past a trace's caps ({@link Limits#TRACE_EVENTS}, {@link Limits#TRACE_BYTES}), counted by
 * kind instead of recorded one by one: the value of the note that says so, just before the close.
 *
 * @param events how many
 * @param byKind how many of each kind, e.g. {@code TLS HelloRequest}
 */
public record Surplus(long events, Map<String, Long> byKind) {
  public Surplus {
    byKind = Map.copyOf(byKind);
  }
}
