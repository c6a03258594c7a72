package dev.rdpprobe.fuzz;

import dev.rdpprobe.ProbeResult;
import dev.rdpprobe.ProbeSpec;
import dev.rdpprobe.RdpProbe;
import dev.rdpprobe.connect.ClientConnector;
import dev.rdpprobe.connect.ClientPlan;
import dev.rdpprobe.report.JsonObject;
import dev.rdpprobe.report.JsonValue;
import dev.rdpprobe.report.JsonWriter;
import dev.rdpprobe.report.ProbeReport;
import dev.rdpprobe.tls.TlsClientHello;
import dev.rdpprobe.trace.Direction;
import dev.rdpprobe.trace.Phase;
import dev.rdpprobe.trace.Trace;
import dev.rdpprobe.trace.TraceEvent;
import dev.rdpprobe.wire.DecodeException;
import dev.rdpprobe.wire.Octets;
import dev.rdpprobe.wire.credssp.TsRequest;
import dev.rdpprobe.wire.gcc.ConferenceCreateRequest;
import dev.rdpprobe.wire.mcs.McsConnectInitial;
import dev.rdpprobe.wire.mcs.McsPdu;
import dev.rdpprobe.wire.mcs.SendDataRequest;
import dev.rdpprobe.wire.sec.ClientInfoPdu;
import dev.rdpprobe.wire.share.ConfirmActivePdu;
import dev.rdpprobe.wire.x224.X224ConnectionRequest;
import io.netty.buffer.ByteBuf;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Replays the client of a probe's JSON document against a live server: the document's own PDUs
 * become a {@link ClientPlan} (its Connection Request, GCC client data blocks, Client Info and
 * Confirm Active; the probe's plan for what the document lacks), the plan runs again with fresh
 * randomness, and the outcome and each phase's server answers are diffed against the document's,
 * with volatile fields masked.
 */
public final class Replay {
  /** Field names whose values differ on every connection: masked before the diff. */
  static final Pattern VOLATILE =
      Pattern.compile(
          "(?i).*(random|nonce|challenge|time|timing|atMs|^ms|millis|skew|shareId|userChannel|channelId|"
              + "initiator|sessionId|serial|offset|exception|detail|keyLog|notBefore|notAfter|"
              + "fingerprint|hex|length|local|remote|addresses|chosen).*");

  private Replay() {}

  /**
   * One difference.
   *
   * @param where the field, e.g. {@code close.kind} or {@code X224_NEGOTIATION: X.224 Connection
   *     Confirm}
   * @param captured its value in the document
   * @param live its value now
   */
  public record Difference(String where, String captured, String live) {
    /** One line. */
    public String line() {
      return where + ": " + captured + " -> " + live;
    }
  }

  /**
   * A replay's result.
   *
   * @param source what was replayed: a probe's document or a capture's connection
   * @param live the live run's document
   * @param outcome the differences of the outcome (close, phase, Windows code, causes)
   * @param steps the differences of the server's answers, per phase (PDUs and facts)
   * @param plannedFromDocument the PDUs the plan took from the document
   * @param rewritten the fields rewritten for the live server
   * @param notReproduced what of the captured client could not be sent again as it was (the
   *     ClientHello's suites, groups, extension order that Bouncy Castle writes its own way)
   * @param notes what bounds the comparison (a capture's TLS not decrypted, the stop point)
   */
  public record Result(
      ReplaySource source,
      JsonObject live,
      List<Difference> outcome,
      List<Difference> steps,
      List<String> plannedFromDocument,
      List<String> rewritten,
      List<String> notReproduced,
      List<String> notes) {
    /** The document replayed (for a capture, its connection's). */
    public Map<String, Object> captured() {
      return source.document();
    }

    /** Whether the live run answered as the document says, volatile fields aside. */
    public boolean same() {
      return outcome.isEmpty() && steps.isEmpty();
    }

    /** The result as text: the differences first. */
    public String text() {
      StringBuilder b = new StringBuilder();
      if (same()) {
        b.append("no differences (volatile fields masked)\n");
      }
      for (Difference d : outcome) {
        b.append("outcome  ").append(d.line()).append('\n');
      }
      for (Difference d : steps) {
        b.append("step     ").append(d.line()).append('\n');
      }
      b.append("from the ")
          .append(source.kind())
          .append(": ")
          .append(String.join(", ", plannedFromDocument))
          .append('\n');
      if (!rewritten.isEmpty()) {
        b.append("rewritten for the live server: ")
            .append(String.join("; ", rewritten))
            .append('\n');
      }
      for (String n : notReproduced) {
        b.append("not reproduced  ").append(n).append('\n');
      }
      for (String n : notes) {
        b.append("note     ").append(n).append('\n');
      }
      b.append(
          source.clientHello() != null
              ? "randomness and TLS keys are fresh\n"
              : "randomness, TLS keys and the ClientHello are fresh (the probe's offer)\n");
      return b.toString();
    }

    /**
     * The result as JSON ({@code "document": "replay"}, its schema {@code
     * schemas/replay.schema.json}): the diff, then both documents.
     */
    public JsonObject json() {
      return JsonObject.builder()
          .put("document", "replay")
          .put("schemaVersion", dev.rdpprobe.report.ReportDocument.SCHEMA_VERSION)
          .put("same", same())
          .put("outcome", differences(outcome))
          .put("steps", differences(steps))
          .put("plannedFromDocument", dev.rdpprobe.report.JsonArray.ofStrings(plannedFromDocument))
          .put("rewritten", dev.rdpprobe.report.JsonArray.ofStrings(rewritten))
          .put("notReproduced", dev.rdpprobe.report.JsonArray.ofStrings(notReproduced))
          .put("notes", dev.rdpprobe.report.JsonArray.ofStrings(notes))
          .put(
              "source",
              JsonObject.builder().put("kind", source.kind()).put("name", source.name()).build())
          .put("captured", toJson(source.document()))
          .put("live", live)
          .build();
    }

    private static dev.rdpprobe.report.JsonArray differences(List<Difference> ds) {
      dev.rdpprobe.report.JsonArray.Builder a = dev.rdpprobe.report.JsonArray.builder();
      for (Difference d : ds) {
        a.add(
            JsonObject.builder()
                .put("where", d.where())
                .put("captured", d.captured())
                .put("live", d.live())
                .build());
      }
      return a.build();
    }
  }

  /** Reads a probe document. */
  public static Map<String, Object> read(Path document) throws IOException {
    Object v = JsonText.parse(Files.readString(document, StandardCharsets.UTF_8));
    if (!(v instanceof Map<?, ?> m) || !(m.get("events") instanceof List<?>)) {
      throw new IllegalArgumentException(document + " is not a probe document (no events)");
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> doc = (Map<String, Object>) m;
    return doc;
  }

  /**
   * Replays {@code document}'s client against {@code base}'s target (its timeouts and options for
   * what the document does not say).
   */
  public static Result run(Map<String, Object> document, ProbeSpec base) {
    return run(ReplaySource.of(document), base);
  }

  /**
   * Replays {@code source}'s client against {@code base}'s target: a document's PDUs, or a capture
   * connection's Connection Request, ClientHello (as close as Bouncy Castle offers it), and, when
   * its TLS is decrypted or absent, its GCC client data, Client Info flags and Confirm Active.
   */
  public static Result run(ReplaySource source, ProbeSpec base) {
    Map<String, Object> document = source.document();
    X224ConnectionRequest request =
        sent(document, X224ConnectionRequest.NAME, X224ConnectionRequest::decode);
    ConferenceCreateRequest conference =
        sent(
            document,
            McsConnectInitial.NAME,
            in -> {
              McsConnectInitial ci = McsConnectInitial.decodeFramed(in);
              ByteBuf user = ci.userData().asByteBuf();
              try {
                return ConferenceCreateRequest.decode(user);
              } finally {
                user.release();
              }
            });
    ClientInfoPdu info =
        source.clientInfo() != null
            ? source.clientInfo()
            : sent(document, "Client Info PDU", in -> ClientInfoPdu.decode(userData(in)));
    ConfirmActivePdu confirm =
        sent(document, ConfirmActivePdu.NAME, in -> ConfirmActivePdu.decode(userData(in)));
    List<String> notes = new ArrayList<>(source.notes());
    Phase stop = stopPoint(document);
    if (source.isCapture()) {
      // as far as the capture shows: the TLS handshake when its TLS is not opened; the phase
      // where the captured client closed by itself; else on through the finalization
      Phase closedByClient = closedByClient(document);
      stop =
          hasEncryptedData(document)
              ? Phase.TLS_HANDSHAKE
              : closedByClient != null ? closedByClient : Phase.FINALIZATION;
    }
    ProbeSpec.Builder b = base.toBuilder().stopAfter(stop);
    if (request != null && request.negotiationRequest() != null) {
      b.requestedProtocols(request.negotiationRequest().requestedProtocols());
    }
    ProbeSpec spec = b.build();
    ClientPlan own = ClientPlan.of(spec.connectorConfig());
    CapturedHello hello =
        source.clientHello() == null
            ? null
            : CapturedHello.of(source.clientHello(), own.tlsOffer());
    Integer credSsp = source.credSspVersion();
    if (credSsp != null && (credSsp < 2 || credSsp > TsRequest.CURRENT_VERSION)) {
      notes.add(
          "the captured CredSSP version " + credSsp + " is not one the probe speaks: 6 is sent");
      credSsp = null;
    }
    ReplayPlan plan = new ReplayPlan(own, request, conference, info, confirm, hello, credSsp);
    ProbeResult result;
    try (RdpProbe probe =
        RdpProbe.builder()
            .connectorFactory(
                (config, trace) -> ClientConnector.builder(config, trace).plan(plan).build())
            .build()) {
      result = probe.probe(spec).join();
    }
    JsonObject live = ProbeReport.of(result).toJsonValue();
    @SuppressWarnings("unchecked")
    Map<String, Object> liveMap = (Map<String, Object>) JsonText.parse(JsonWriter.write(live));
    List<String> notReproduced = new ArrayList<>();
    if (hello != null) {
      notReproduced.addAll(hello.notOffered());
      TlsClientHello sent = clientHello(result.trace());
      if (sent != null) {
        notReproduced.addAll(CapturedHello.differences(source.clientHello(), sent));
      }
    }
    List<String> rewritten = new ArrayList<>(plan.rewritten());
    if (source.clientInfo() != null) {
      rewritten.add(
          "Client Info: domain, user name, password and auto-reconnect cookie empty (a capture"
              + " keeps none of them)");
    }
    List<Difference> outcome;
    if (source.isCapture() && wentPast(document, stop, liveMap)) {
      notes.add(
          stop == closedByClient(document)
              ? "the captured client closed the connection itself in "
                  + stop
                  + "; the replay stops there too, the outcome compared up to it"
              : "the captured connection went on past the replay's stop point ("
                  + stop
                  + "); the outcome is compared up to it");
      outcome = List.of();
    } else {
      outcome = outcome(document, liveMap);
    }
    if (source.isCapture() && source.clientInfo() == null && sentIn(document, "SECURE_SETTINGS")) {
      notes.add(
          "the captured Client Info PDU is encrypted (Standard RDP Security): the probe's own,"
              + " without credentials, is sent");
    }
    List<Difference> steps =
        steps(document, liveMap, source.isCapture() ? stop : null, stoppedByChoice(liveMap));
    if (source.isCapture()) {
      // what the client itself sent differently is not the server's answer: it is named as such
      for (Difference d : List.copyOf(steps)) {
        if (CAPTURE_BLIND.matcher(d.where()).matches()) {
          steps.remove(d);
        } else if (CLIENT_FACTS.matcher(d.where()).matches()) {
          steps.remove(d);
          notReproduced.add(d.where() + ": captured " + d.captured() + ", sent " + d.live());
        }
      }
    }
    return new Result(
        source, live, outcome, steps, plan.captured(), rewritten, notReproduced, notes);
  }

  /** Facts of what the client sent, not of what the server answered: the SNI, its joins. */
  private static final Pattern CLIENT_FACTS =
      Pattern.compile("facts\\.(tls\\.(sniSent|serverName|offered.*)|channels\\.joined)");

  /**
   * Facts that a client sent this or that PDU, which a capture cannot say of the PDUs it names by
   * their MCS envelope only (the Security Exchange, the Confirm Active).
   */
  private static final Pattern CAPTURE_BLIND = Pattern.compile("facts\\..*(?<!sni)Sent");

  private static boolean stoppedByChoice(Map<String, Object> doc) {
    return doc.get("close") instanceof Map<?, ?> c && "STOP_POINT_REACHED".equals(c.get("kind"));
  }

  /** Whether the document's client sent a PDU in {@code phase}. */
  private static boolean sentIn(Map<String, Object> doc, String phase) {
    for (Object o : (List<?>) doc.get("events")) {
      if (o instanceof Map<?, ?> e
          && "pdu".equals(e.get("type"))
          && "sent".equals(e.get("direction"))
          && phase.equals(e.get("phase"))) {
        return true;
      }
    }
    return false;
  }

  /** The ClientHello a trace's client sent, or {@code null}. */
  private static TlsClientHello clientHello(Trace trace) {
    for (TraceEvent e : trace.events()) {
      if (e instanceof TraceEvent.Tls t
          && t.direction() == Direction.CLIENT_TO_SERVER
          && t.detail() instanceof TlsClientHello h) {
        return h;
      }
    }
    return null;
  }

  /** The phase where the document's client closed the connection by itself, or null. */
  private static Phase closedByClient(Map<String, Object> doc) {
    if (doc.get("close") instanceof Map<?, ?> c
        && "LOCAL".equals(c.get("closedBy"))
        && String.valueOf(c.get("kind")).startsWith("CLIENT_")
        && c.get("phase") instanceof String p) {
      try {
        return Phase.valueOf(p);
      } catch (IllegalArgumentException e) {
        return null;
      }
    }
    return null;
  }

  /** Whether the document's client sent TLS application data the capture could not open. */
  private static boolean hasEncryptedData(Map<String, Object> doc) {
    for (Object o : (List<?>) doc.get("events")) {
      if (o instanceof Map<?, ?> e
          && "tls".equals(e.get("type"))
          && "encrypted application data".equals(e.get("message"))) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether the captured connection was still going at the replay's stop point, which the live run
   * reached: the capture ended in a later phase, or at that phase after the client's PDUs.
   */
  private static boolean wentPast(
      Map<String, Object> captured, Phase stop, Map<String, Object> live) {
    if (!(live.get("close") instanceof Map<?, ?> lc)
        || !"STOP_POINT_REACHED".equals(lc.get("kind"))
        || !(captured.get("close") instanceof Map<?, ?> cc)
        || !(cc.get("phase") instanceof String p)) {
      return false;
    }
    Phase ended;
    try {
      ended = Phase.valueOf(p);
    } catch (IllegalArgumentException e) {
      return false;
    }
    // the captured client may itself have ended there, as the replay does
    return ended.isAfter(stop)
        || ended == stop
            && "LOCAL".equals(cc.get("closedBy"))
            && String.valueOf(cc.get("kind")).startsWith("CLIENT_");
  }

  private static ByteBuf userData(ByteBuf framed) {
    McsPdu pdu = McsPdu.decodeFramed(framed);
    if (!(pdu instanceof SendDataRequest r)) {
      throw new DecodeException(
          DecodeException.Kind.UNEXPECTED_MESSAGE_TYPE, "MCS", "choice", 0, 0, "Send Data Request");
    }
    return r.userData().asByteBuf();
  }

  /**
   * The first PDU of {@code name} the document's client sent, decoded; null if none decodes. A
   * capture names the client's PDUs on the I/O channel by their MCS envelope, so those are tried
   * too.
   */
  private static <T> T sent(Map<String, Object> doc, String name, Function<ByteBuf, T> decoder) {
    for (Object o : (List<?>) doc.get("events")) {
      if (o instanceof Map<?, ?> e
          && "pdu".equals(e.get("type"))
          && "sent".equals(e.get("direction"))
          && (name.equals(e.get("name")) || SendDataRequest.NAME.equals(e.get("name")))
          && e.get("hex") instanceof String hex
          && !hex.isEmpty()) {
        ByteBuf in = Octets.fromHex(hex).asByteBuf();
        try {
          return decoder.apply(in);
        } catch (DecodeException | IllegalArgumentException | ClassCastException x) {
          // another PDU, or one the fuzzer or a replay rewrote: the probe's plan stands in
        } finally {
          in.release();
        }
      }
    }
    return null;
  }

  /** Where the document's probe stopped by choice, or the probe's default stop point. */
  private static Phase stopPoint(Map<String, Object> doc) {
    if (doc.get("close") instanceof Map<?, ?> c
        && "STOP_POINT_REACHED".equals(c.get("kind"))
        && c.get("phase") instanceof String p) {
      return Phase.valueOf(p);
    }
    return Phase.CAPABILITIES;
  }

  private static final List<String> OUTCOME = List.of("kind", "closedBy", "phase", "lastReceived");

  private static List<Difference> outcome(Map<String, Object> a, Map<String, Object> b) {
    List<Difference> out = new ArrayList<>();
    Map<?, ?> ca = (Map<?, ?>) a.get("close");
    Map<?, ?> cb = (Map<?, ?>) b.get("close");
    for (String k : OUTCOME) {
      compare("close." + k, ca == null ? null : ca.get(k), cb == null ? null : cb.get(k), out);
    }
    Map<?, ?> da = (Map<?, ?>) a.get("diagnosis");
    Map<?, ?> db = (Map<?, ?>) b.get("diagnosis");
    compare(
        "windowsClient", pick(da, "windowsClient", "code"), pick(db, "windowsClient", "code"), out);
    compare("causes", causes(da), causes(db), out);
    return out;
  }

  private static Object pick(Map<?, ?> m, String k1, String k2) {
    return m != null && m.get(k1) instanceof Map<?, ?> n ? n.get(k2) : null;
  }

  private static String causes(Map<?, ?> d) {
    if (d == null || !(d.get("causes") instanceof List<?> l)) {
      return "";
    }
    List<String> ids = new ArrayList<>();
    for (Object o : l) {
      if (o instanceof Map<?, ?> c) {
        ids.add(String.valueOf(c.get("id")));
      }
    }
    return String.join(",", ids.subList(0, Math.min(3, ids.size())));
  }

  /** Per phase: the server's PDUs (name and masked summary), then the facts, masked. */
  private static List<Difference> steps(
      Map<String, Object> a, Map<String, Object> b, Phase upTo, boolean liveStopped) {
    List<Difference> out = new ArrayList<>();
    Map<String, List<String>> pa = answers(a, upTo != null);
    Map<String, List<String>> pb = answers(b, false);
    List<String> phases = new ArrayList<>(pa.keySet());
    pb.keySet().stream().filter(k -> !pa.containsKey(k)).forEach(phases::add);
    for (String phase : phases) {
      if (upTo != null && isAfter(phase, upTo)) {
        continue; // a capture goes on past the replay's stop point
      }
      if (upTo != null && pa.getOrDefault(phase, List.of()).contains(HIDDEN)) {
        // what the capture saw only as encrypted records: compared as far as it shows them
        List<String> seen = pa.get(phase).stream().filter(x -> !x.equals(HIDDEN)).toList();
        List<String> live =
            pb.getOrDefault(phase, List.of()).stream()
                .filter(x -> seen.stream().anyMatch(y -> name(y).equals(name(x))))
                .toList();
        compare(phase, String.join(" | ", seen), String.join(" | ", live), out);
        continue;
      }
      if (upTo != null && liveStopped && phase.equals(upTo.name())) {
        // the live run stopped once its answer was in; the capture's later answers are past it
        List<String> seen = pa.getOrDefault(phase, List.of());
        List<String> live = pb.getOrDefault(phase, List.of());
        compare(
            phase,
            String.join(" | ", seen.subList(0, Math.min(seen.size(), live.size()))),
            String.join(" | ", live),
            out);
        continue;
      }
      compare(
          phase,
          String.join(" | ", pa.getOrDefault(phase, List.of())),
          String.join(" | ", pb.getOrDefault(phase, List.of())),
          out);
    }
    Map<String, String> fa = new LinkedHashMap<>();
    Map<String, String> fb = new LinkedHashMap<>();
    flatten("facts", a.get("facts"), fa);
    flatten("facts", b.get("facts"), fb);
    List<String> keys = new ArrayList<>(fa.keySet());
    fb.keySet().stream().filter(k -> !fa.containsKey(k)).forEach(keys::add);
    for (String k : keys) {
      if (upTo != null
          && (!fa.containsKey(k) || !fb.containsKey(k) || isNull(fa.get(k)) || isNull(fb.get(k)))) {
        continue; // a fact one side could not see (the capture's encrypted part, the stop point)
      }
      compare(k, fa.get(k), fb.get(k), out);
    }
    return out;
  }

  /** What a capture shows of an encrypted record: it stands for whatever it held. */
  private static final String HIDDEN = "(encrypted)";

  private static boolean isNull(String v) {
    return v == null || v.equals("null") || v.equals("[]");
  }

  private static String name(String answer) {
    int paren = answer.indexOf(" (");
    return paren < 0 ? answer : answer.substring(0, paren);
  }

  private static boolean isAfter(String phase, Phase stop) {
    try {
      return Phase.valueOf(phase).isAfter(stop);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static final Pattern MASK_IN_SUMMARY =
      Pattern.compile(
          "(?i)\\b(shareId|initiator|channelId|userId|user|random|serverRandom|nonce|challenge|"
              + "sessionId|verify_data)=[^,\\s]+");

  private static Map<String, List<String>> answers(Map<String, Object> doc, boolean capture) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (Object o : (List<?>) doc.get("events")) {
      if (capture
          && o instanceof Map<?, ?> e
          && "received".equals(e.get("direction"))
          && "tls".equals(e.get("type"))
          && String.valueOf(e.get("message")).startsWith("encrypted ")) {
        List<String> l =
            out.computeIfAbsent(String.valueOf(e.get("phase")), k -> new ArrayList<>());
        if (!l.contains(HIDDEN)) {
          l.add(HIDDEN);
        }
        continue;
      }
      if (o instanceof Map<?, ?> e
          && "received".equals(e.get("direction"))
          && ("pdu".equals(e.get("type")) || "tls".equals(e.get("type")))) {
        String name =
            String.valueOf("pdu".equals(e.get("type")) ? e.get("name") : e.get("message"));
        String summary = String.valueOf(e.get("summary"));
        out.computeIfAbsent(String.valueOf(e.get("phase")), k -> new ArrayList<>())
            .add(
                name
                    + (summary.isEmpty()
                        ? ""
                        : " (" + MASK_IN_SUMMARY.matcher(summary).replaceAll("$1=*") + ")"));
      }
    }
    return out;
  }

  private static void flatten(String path, Object v, Map<String, String> out) {
    if (v instanceof Map<?, ?> m) {
      for (Map.Entry<?, ?> e : m.entrySet()) {
        String k = String.valueOf(e.getKey());
        if (!VOLATILE.matcher(k).matches()) {
          flatten(path + "." + k, e.getValue(), out);
        }
      }
    } else if (v instanceof List<?> l) {
      out.put(path, String.valueOf(l));
    } else {
      out.put(path, String.valueOf(v));
    }
  }

  private static void compare(String where, Object a, Object b, List<Difference> out) {
    String sa = a == null ? "(none)" : String.valueOf(a);
    String sb = b == null ? "(none)" : String.valueOf(b);
    if (!Objects.equals(sa, sb)) {
      out.add(new Difference(where, sa, sb));
    }
  }

  /** A document read by {@link JsonText} as the report's JSON model again. */
  static JsonValue toJson(Object v) {
    if (v instanceof Map<?, ?> m) {
      JsonObject.Builder o = JsonObject.builder();
      m.forEach((k, x) -> o.put(String.valueOf(k), toJson(x)));
      return o.build();
    }
    if (v instanceof List<?> l) {
      dev.rdpprobe.report.JsonArray.Builder a = dev.rdpprobe.report.JsonArray.builder();
      l.forEach(x -> a.add(toJson(x)));
      return a.build();
    }
    if (v instanceof String s) {
      return new dev.rdpprobe.report.JsonString(s);
    }
    if (v instanceof Boolean b) {
      return dev.rdpprobe.report.JsonBoolean.of(b);
    }
    if (v instanceof Long n) {
      return dev.rdpprobe.report.JsonNumber.of(n);
    }
    if (v instanceof Number n) {
      return dev.rdpprobe.report.JsonNumber.of(n.doubleValue());
    }
    return dev.rdpprobe.report.JsonNull.NULL;
  }
}
