package dev.rdpprobe.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rdpprobe.ProbeResult;
import dev.rdpprobe.ProbeSpec;
import dev.rdpprobe.RdpProbe;
import dev.rdpprobe.diagnose.Evidence;
import dev.rdpprobe.emulate.RdpEmulator;
import dev.rdpprobe.emulate.Scenario;
import dev.rdpprobe.facts.StandardSecurityFacts;
import dev.rdpprobe.report.ProbeReport;
import dev.rdpprobe.testing.TraceBuilder;
import dev.rdpprobe.trace.CloseKind;
import dev.rdpprobe.trace.ClosedBy;
import dev.rdpprobe.trace.Phase;
import dev.rdpprobe.trace.Trace;
import dev.rdpprobe.wire.x224.SecurityProtocols;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The text report's detail: numbered lines, the close line whole, -v's tree, -x's dump. */
class TextReportTest {
  private static final String LONG_DETAIL =
      "the server \"rdp.example\" reset the connection while we waited for the X.224 Connection"
          + " Confirm, which is what a listener does that refuses every client of this address"
          + " range, or a firewall in front of it that rejects the connection on its behalf";

  private static ProbeReport report() {
    Trace t =
        TraceBuilder.start()
            .resolved("rdp.example", "192.0.2.10")
            .after(2)
            .connected()
            .connectionRequest(
                SecurityProtocols.of(SecurityProtocols.SSL, SecurityProtocols.HYBRID))
            .undecodable("HTTP/1.1 400 Bad Request\r\n".getBytes())
            .after(3)
            .close(CloseKind.PEER_RST, ClosedBy.SERVER, LONG_DETAIL);
    return ProbeReport.of(ProbeResult.of(ProbeSpec.builder("rdp.example").build(), t, List.of()));
  }

  private static List<String> lines(String text) {
    return text.lines().toList();
  }

  @Test
  void timingShowsThePhaseStartsAndTheSlowestRoundTrip() {
    List<String> out = lines(TextReport.render(report(), false, false, false));
    assertTrue(
        out.contains("phases: TCP_CONNECT 0.000 ms (#0), X224_NEGOTIATION 2.000 ms (#2)"),
        String.join("\n", out));
    // the connect took 2 ms, the answer to the request came at once
    assertTrue(
        out.contains("timing: 2 round trip(s), slowest 2.000 ms (#0 TCP SYN -> #1 SYN+ACK)"),
        String.join("\n", out));
  }

  @Test
  void aStandardSecurityServerShowsItsMethodLevelAndCertificate() throws Exception {
    ProbeResult r;
    try (RdpEmulator e = RdpEmulator.start(Scenario.RDP_SECURITY_HIGH);
        RdpProbe probe = RdpProbe.create()) {
      ProbeSpec spec =
          ProbeSpec.builder("127.0.0.1")
              .port(e.port())
              .requestedProtocols(SecurityProtocols.SSL)
              .idleTimeout(Duration.ofMillis(1500))
              .deadline(Duration.ofSeconds(10))
              .stopAfter(Phase.FINALIZATION)
              .build();
      r = probe.probe(spec).orTimeout(20, TimeUnit.SECONDS).join();
    }
    String text = TextReport.render(ProbeReport.of(r), false, false, false);
    StandardSecurityFacts f = r.facts().standardSecurity();
    assertTrue(f != null, text);
    assertTrue(text.contains("\nrdp security: " + f.summary() + "\n"), text);
    assertTrue(f.summary().startsWith("RC4_128 at level ENCRYPTION_LEVEL_HIGH, "), f.summary());
    assertTrue(
        text.contains("client encrypts: yes, server encrypts: yes, server random 32 bytes"), text);
    assertTrue(text.contains(", Security Exchange sent\n"), text);
    assertFalse(text.contains("bad signature"), text);
    assertTrue(text.contains("\nphases: TCP_CONNECT "), text);
    assertTrue(text.contains(" FINALIZATION "), text);
    assertTrue(text.contains(", activation wait "), text);
  }

  @Test
  void traceLinesAreNumberedAsTheEvidenceCitesThem() {
    ProbeReport r = report();
    List<String> out = lines(TextReport.render(r, false, false, false));
    for (var cause : r.diagnosis().causes()) {
      for (Evidence e : cause.evidence()) {
        String cited = "#" + e.eventIndex() + " ";
        String line = out.stream().filter(l -> l.startsWith(cited)).findFirst().orElseThrow();
        String event = TextReport.describe(r.trace().events().get(e.eventIndex()));
        assertTrue(line.contains(event.substring(0, Math.min(30, event.length()))), line);
      }
    }
    assertTrue(out.stream().anyMatch(l -> l.startsWith("#2 ") && l.contains("Connection Request")));
  }

  @Test
  void theCloseLineIsNeverCutAndWrapsToTheTerminal() {
    String whole = String.join("\n", lines(TextReport.render(report(), false, false, false)));
    assertTrue(whole.contains(LONG_DETAIL), "not cut without a terminal: " + whole);
    List<String> wrapped = lines(TextReport.render(report(), false, false, false, 72));
    int first = -1;
    for (int i = 0; i < wrapped.size(); i++) {
      if (wrapped.get(i).contains("closed: PEER_RST")) {
        first = i;
      }
    }
    assertTrue(first >= 0, String.join("\n", wrapped));
    StringBuilder joined = new StringBuilder(wrapped.get(first).strip());
    for (int i = first + 1; i < wrapped.size() && wrapped.get(i).startsWith("    "); i++) {
      assertTrue(wrapped.get(i).length() <= 72, "within the width: " + wrapped.get(i));
      joined.append(' ').append(wrapped.get(i).strip());
    }
    assertTrue(wrapped.get(first).length() <= 72, wrapped.get(first));
    assertTrue(joined.toString().contains(LONG_DETAIL), "every word kept: " + joined);
  }

  @Test
  void wrappingKeepsEveryWordAndNeverBreaksOne() {
    String word = "x".repeat(100);
    String line = "    evidence #3: a " + word + " b c";
    String w = TextReport.wrap(line, 9, 40);
    assertEquals(
        line, String.join(" ", w.lines().map(String::strip).toList()).replaceFirst("^", "    "));
    assertTrue(w.contains(word), "a word longer than a line stays whole");
    assertEquals("short", TextReport.wrap("short", 4, 40));
    assertEquals(line, TextReport.wrap(line, 9, 0), "not on a terminal");
  }

  @Test
  void verboseShowsAnIndentedTreeOfSpecFieldsInDecimalAndHex() {
    List<String> out = lines(TextReport.render(report(), true, false, false));
    assertTrue(
        out.stream().anyMatch(l -> l.matches(" +negotiationRequest: NegotiationRequest .*")),
        out.toString());
    assertTrue(
        out.stream().anyMatch(l -> l.matches(" +requestedProtocols: SSL\\|HYBRID \\(3\\)")),
        out.toString());
    assertFalse(out.stream().anyMatch(l -> l.contains("X224ConnectionRequest[")), "no toString()");
    assertEquals(
        List.of("dstRef: 0", "srcRef: 4660 (0x1234)"), FieldTree.lines(new Refs(0, 0x1234)));
  }

  /** Two numbers, as a PDU record holds them. */
  private record Refs(int dstRef, int srcRef) {}

  @Test
  void hexShowsOffsetsAndAnAsciiColumn() {
    String out = TextReport.render(report(), false, true, false);
    assertTrue(out.contains("|00000000| 48 54 54 50 2f 31 2e 31"), out);
    assertTrue(out.contains("|HTTP/1.1 400 Bad|"), "the ASCII column: " + out);
  }

  @org.junit.jupiter.api.Test
  void instantsAreWrittenAsInstantToStringWritesThem() {
    java.util.SplittableRandom random = new java.util.SplittableRandom(23);
    long last = java.time.Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();
    long first = java.time.Instant.parse("0000-01-01T00:00:00Z").getEpochSecond();
    for (int i = 0; i < 100_000; i++) {
      java.time.Instant t = java.time.Instant.ofEpochSecond(random.nextLong(first, last + 1));
      assertEquals(t.toString(), TextReport.isoInstant(t));
    }
    for (String edge :
        List.of(
            "0000-01-01T00:00:00Z",
            "1970-01-01T00:00:00Z",
            "2000-02-29T12:00:00Z",
            "9999-12-31T23:59:59Z",
            "+10000-01-01T00:00:00Z",
            "-0001-12-31T23:59:59Z",
            "2026-12-07T11:27:17.500Z")) {
      java.time.Instant t = java.time.Instant.parse(edge);
      assertEquals(t.toString(), TextReport.isoInstant(t), edge);
    }
  }
}
