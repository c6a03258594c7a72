package dev.rdpprobe.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rdpprobe.ProbeResult;
import dev.rdpprobe.ProbeSpec;
import dev.rdpprobe.RdpProbe;
import dev.rdpprobe.emulate.RdpEmulator;
import dev.rdpprobe.emulate.Scenario;
import dev.rdpprobe.facts.StandardSecurityFacts;
import dev.rdpprobe.testing.JsonSchemas;
import dev.rdpprobe.testing.SharedProbe;
import dev.rdpprobe.trace.Phase;
import dev.rdpprobe.wire.x224.SecurityProtocols;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The probe document's Standard RDP Security and timing facts, from probes of the emulator: what
 * the facts say is what the document says, and the document still matches its schema.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ProbeJsonFactsTest {
  private static final RdpProbe probe = SharedProbe.get();

  private static ProbeReport probe(Scenario scenario) throws Exception {
    try (RdpEmulator e = RdpEmulator.start(scenario)) {
      ProbeSpec spec =
          ProbeSpec.builder("127.0.0.1")
              .port(e.port())
              .requestedProtocols(SecurityProtocols.SSL)
              .idleTimeout(Duration.ofMillis(1500))
              .deadline(Duration.ofSeconds(10))
              .stopAfter(Phase.FINALIZATION)
              .build();
      ProbeResult r = probe.probe(spec).orTimeout(20, TimeUnit.SECONDS).join();
      return ProbeReport.of(r).withScenario(scenario);
    }
  }

  private static JsonObject facts(ProbeReport report) {
    return (JsonObject) report.toJsonValue().get("facts");
  }

  private static double number(JsonValue v) {
    return ((JsonNumber) v).value().doubleValue();
  }

  @Test
  void aStandardSecurityServerShowsItsMethodLevelAndCertificate() throws Exception {
    ProbeReport report = probe(Scenario.RDP_SECURITY_HIGH);
    JsonSchemas.assertValid(report.toJson());
    StandardSecurityFacts f = report.facts().standardSecurity();
    assertTrue(f != null, report.trace().toString());
    JsonObject s = (JsonObject) facts(report).get("standardSecurity");
    assertEquals(new JsonString("ENCRYPTION_METHOD_128BIT"), s.get("method"), s.toJson());
    assertEquals(JsonNumber.of(2), s.get("methodValue"));
    assertEquals(new JsonString("ENCRYPTION_LEVEL_HIGH"), s.get("level"));
    assertEquals(JsonNumber.of(3), s.get("levelValue"));
    assertEquals(JsonBoolean.TRUE, s.get("methodOffered"));
    assertEquals(JsonBoolean.TRUE, s.get("clientEncrypts"));
    assertEquals(JsonBoolean.TRUE, s.get("serverEncrypts"));
    assertEquals(JsonBoolean.TRUE, s.get("exchangeSent"));
    assertEquals(new JsonString(f.certificate().name()), s.get("certificate"));
    assertEquals(JsonNumber.of(f.keyBits()), s.get("keyBits"));
    assertTrue(f.keyBits() > 0, f.summary());
    assertEquals(new JsonString(f.serverRandom().toHex()), s.get("serverRandom"));
    assertEquals(64, ((JsonString) s.get("serverRandom")).value().length(), "32 bytes");
    assertEquals(new JsonString(f.signature().name()), s.get("signature"));
    assertEquals(JsonArray.EMPTY, s.get("badSignatures"), "both ends keyed alike");
    assertEquals(new JsonString(f.summary()), s.get("summary"));
    List<String> offered =
        ((JsonArray) s.get("offeredMethods"))
            .elements().stream().map(v -> ((JsonString) v).value()).toList();
    assertTrue(offered.contains("ENCRYPTION_METHOD_128BIT"), offered.toString());
    assertEquals(f.offeredMethods().names(), offered);
  }

  @Test
  void aTlsServerHasNoStandardSecurityFactsAndItsTimingIsInOrder() throws Exception {
    ProbeReport report = probe(Scenario.HEALTHY);
    JsonSchemas.assertValid(report.toJson());
    assertFalse(facts(report).has("standardSecurity"), facts(report).toJson());
    JsonObject timing = (JsonObject) facts(report).get("timing");
    int events = report.trace().events().size();

    List<JsonObject> phases =
        ((JsonArray) timing.get("phases")).elements().stream().map(JsonObject.class::cast).toList();
    assertEquals(
        new JsonString(Phase.TCP_CONNECT.name()), phases.get(0).get("phase"), timing.toJson());
    assertTrue(
        phases.stream()
            .anyMatch(p -> p.get("phase").equals(new JsonString(Phase.FINALIZATION.name()))),
        timing.toJson());
    double previousAt = -1;
    int previousEvent = -1;
    for (JsonObject p : phases) {
      double at = number(p.get("atMs"));
      int event = (int) number(p.get("event"));
      assertTrue(at >= previousAt && event > previousEvent, "phases in order: " + timing.toJson());
      assertTrue(event < events, p.toJson());
      previousAt = at;
      previousEvent = event;
    }

    List<JsonObject> trips =
        ((JsonArray) timing.get("roundTrips"))
            .elements().stream().map(JsonObject.class::cast).toList();
    assertTrue(trips.size() >= 5, "TCP, X.224, TLS, MCS, activation: " + timing.toJson());
    assertEquals(new JsonString("TCP SYN"), trips.get(0).get("sent"));
    double slowest = 0;
    for (JsonObject t : trips) {
      assertTrue(number(t.get("ms")) >= 0, t.toJson());
      assertTrue(number(t.get("sentEvent")) <= number(t.get("answerEvent")), t.toJson());
      assertTrue(number(t.get("answerEvent")) < events, t.toJson());
      slowest = Math.max(slowest, number(t.get("ms")));
    }
    assertEquals(slowest, number(((JsonObject) timing.get("slowestRoundTrip")).get("ms")));

    JsonObject wait = (JsonObject) timing.get("activationWait");
    assertTrue(number(wait.get("ms")) > 0, wait.toJson());
    assertTrue(number(wait.get("fromEvent")) < number(wait.get("toEvent")), wait.toJson());
    assertNotEquals(new JsonString("bytes"), wait.get("to"), "a PDU the probe decoded");
    JsonObject from =
        (JsonObject)
            ((JsonArray) report.toJsonValue().get("events"))
                .elements()
                .get((int) number(wait.get("fromEvent")));
    assertEquals(new JsonString("MCS Connect Initial"), from.get("name"), from.toJson());
  }
}
