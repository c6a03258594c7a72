package dev.rdpprobe.diagnose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rdpprobe.testing.TraceBuilder;
import dev.rdpprobe.trace.Trace;
import dev.rdpprobe.wire.x224.NegotiationResponse;
import dev.rdpprobe.wire.x224.NegotiationResponseFlags;
import dev.rdpprobe.wire.x224.SecurityProtocols;
import java.util.List;

/** Synthetic traces and assertions shared by the diagnosis tests. */
final class SyntheticTraces {
  private SyntheticTraces() {}

  static final SecurityProtocols OFFER =
      SecurityProtocols.of(
          SecurityProtocols.SSL, SecurityProtocols.HYBRID, SecurityProtocols.HYBRID_EX);

  static NegotiationResponse selects(SecurityProtocols p) {
    return new NegotiationResponse(NegotiationResponseFlags.NONE, p);
  }

  /** Connected, Connection Request sent, 3 ms later. */
  static TraceBuilder afterRequest() {
    return TraceBuilder.start()
        .resolved("rdp.example", "192.0.2.10")
        .after(2)
        .connected()
        .connectionRequest(OFFER)
        .after(3);
  }

  /** The server selected SSL and we sent a ClientHello of 300 bytes. */
  static TraceBuilder afterClientHello() {
    return afterRequest().connectionConfirm(selects(SecurityProtocols.SSL)).clientHello(300);
  }

  static void assertPair(Diagnosis d, int disc, int ext) {
    WindowsClientCodesTest.assertPair(d.clientCode(), disc, ext);
    assertEquals(disc, d.discReason().value());
    assertEquals(ext, d.extendedReason().value());
  }

  static void assertTop(Diagnosis d, CauseId id, Confidence confidence) {
    assertFalse(d.causes().isEmpty(), d.verdict());
    Cause top = d.topCause().orElseThrow();
    assertEquals(id, top.id(), d.causes().toString());
    assertEquals(confidence, top.confidence(), top.toString());
    assertTrue(d.verdict().contains("Most likely: " + id.title()), d.verdict());
  }

  static List<CauseId> ids(Diagnosis d) {
    return d.causes().stream().map(Cause::id).toList();
  }

  /** The evidence of the top cause cites these events, in this order. */
  static void assertEvidenceAt(Diagnosis d, Trace t, int... indexes) {
    List<Evidence> ev = d.topCause().orElseThrow().evidence();
    assertEquals(indexes.length, ev.size(), ev.toString());
    for (int i = 0; i < indexes.length; i++) {
      assertEquals(indexes[i], ev.get(i).eventIndex(), ev.toString());
      assertTrue(indexes[i] < t.events().size());
    }
  }
}
