package dev.rdpprobe.doctor;

import dev.rdpprobe.ProbeResult;
import dev.rdpprobe.diagnose.Words;
import dev.rdpprobe.doctor.FollowUpPlanner.Planned;
import dev.rdpprobe.tls.TlsSessionFacts;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** A follow-up as planned, with how it went: what the confirmations weigh. */
record Probed(Planned planned, FollowUp followUp) {
  ProbeResult result() {
    return followUp.result();
  }

  int number() {
    return followUp.number();
  }

  /** What it varied, in a word or two: {@code HYBRID}, {@code TLS 1.0}, {@code 192.0.2.1}. */
  String name() {
    if (planned.protocol() != null) {
      return planned.protocol().toString();
    }
    if (planned.version() != null) {
      return Outcomes.version(planned.version());
    }
    if (planned.family() != null) {
      return planned.family().title();
    }
    if (planned.address() != null) {
      return planned.address().getHostAddress();
    }
    return planned.tested();
  }

  /** Whether its TLS handshake completed. */
  boolean tlsComplete() {
    return Outcomes.tlsComplete(result());
  }

  /** Whether the server selected exactly the protocol it offered alone. */
  boolean acceptedAlone() {
    return result().reachedStopPoint()
        && Outcomes.selected(result()).orElse("").equals(planned.protocol().toString());
  }

  /** Its first flight: {@code ClientHello of 517 bytes}, or that it sent none. */
  String flight() {
    int n = Outcomes.clientHelloLength(result());
    return n < 0 ? "no ClientHello sent" : "ClientHello of " + Words.bytes(n);
  }

  static List<Integer> numbers(List<Probed> probes) {
    return probes.stream().map(Probed::number).toList();
  }

  /** {@code SSL, HYBRID and HYBRID_EX}. */
  static String names(List<Probed> probes) {
    return Outcomes.and(probes.stream().map(Probed::name).toList());
  }

  /** {@code TLS 1.1, TLS 1.2: protocol_version alert; TLS 1.3: reset}, grouped by reason. */
  static String reasons(List<Probed> probes) {
    Map<String, List<String>> byReason = new LinkedHashMap<>();
    for (Probed p : probes) {
      String reason = p.tlsComplete() ? "complete" : Outcomes.shortReason(p.result());
      byReason.computeIfAbsent(reason, k -> new ArrayList<>()).add(p.name());
    }
    List<String> parts = new ArrayList<>();
    byReason.forEach((reason, names) -> parts.add(Outcomes.and(names) + ": " + reason));
    return String.join("; ", parts);
  }

  /** {@code TLS 1.0 completes a handshake (TLSv1.0, TLS_...); TLS 1.1 fails (reset).} */
  static String handshakes(List<Probed> probes, Function<Probed, String> name) {
    List<String> parts = new ArrayList<>();
    for (Probed p : probes) {
      TlsSessionFacts tls = p.result().facts().tls();
      parts.add(
          name.apply(p)
              + (p.tlsComplete()
                  ? " completes a handshake (" + tls.version() + ", " + tls.cipherSuite() + ")"
                  : " fails (" + Outcomes.shortReason(p.result()) + ")"));
    }
    return String.join("; ", parts) + ".";
  }
}
