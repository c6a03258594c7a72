package dev.rdpprobe.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rdpprobe.ProbeResult;
import dev.rdpprobe.diagnose.Cause;
import dev.rdpprobe.diagnose.ClientCode;
import dev.rdpprobe.diagnose.Diagnosis;
import dev.rdpprobe.diagnose.Evidence;
import dev.rdpprobe.doctor.DoctorReport;
import dev.rdpprobe.doctor.Finding;
import dev.rdpprobe.doctor.FollowUp;
import dev.rdpprobe.doctor.NotRun;
import dev.rdpprobe.facts.ActivationFacts;
import dev.rdpprobe.facts.BasicSettingsFacts;
import dev.rdpprobe.facts.CredSspFacts;
import dev.rdpprobe.facts.MultitransportFacts;
import dev.rdpprobe.facts.NegotiationFacts;
import dev.rdpprobe.facts.NtlmIdentity;
import dev.rdpprobe.facts.ServerFacts;
import dev.rdpprobe.tls.CertificateCheck;
import dev.rdpprobe.tls.CertificateFacts;
import dev.rdpprobe.tls.CertificateObjection;
import dev.rdpprobe.tls.TlsSessionFacts;
import dev.rdpprobe.trace.ClosedBy;
import dev.rdpprobe.trace.TraceEvent;
import dev.rdpprobe.wire.Octets;
import dev.rdpprobe.wire.Wire;
import dev.rdpprobe.wire.share.CapabilitySet;

/**
 * The writer of the JSON documents the CLI had before the core's report model, built on Jackson's
 * tree model, kept unchanged as the oracle of {@link JsonDocumentsTest}: the core must write the
 * same bytes for every result.
 */
final class FormerJsonReport {
  /** The version of the document's shape. */
  static final int SCHEMA_VERSION = 1;

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private FormerJsonReport() {}

  /** One line of JSON for a result. */
  static String line(ProbeResult result) {
    return document(result).toString();
  }

  static ObjectNode document(ProbeResult result) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("schemaVersion", SCHEMA_VERSION);
    ObjectNode target = root.putObject("target");
    target.put("host", result.spec().host());
    target.put("port", result.spec().port());
    root.put("ok", result.reachedStopPoint());
    root.set("close", close(result.closed()));
    ArrayNode events = root.putArray("events");
    for (TraceEvent e : result.trace().events()) {
      events.add(event(e));
    }
    ObjectNode facts = root.putObject("facts");
    NegotiationFacts n = result.facts().negotiation();
    if (n != null) {
      ObjectNode neg = facts.putObject("negotiation");
      neg.put("requestedProtocols", n.requestedProtocols().toString());
      neg.put(
          "selectedProtocol",
          n.selectedProtocol() == null ? null : n.selectedProtocol().toString());
      neg.put("responseFlags", n.responseFlags() == null ? null : n.responseFlags().toString());
      neg.put("failureCode", n.failureCode() == null ? null : n.failureCode().name());
      neg.put("negotiationDataPresent", n.negotiationDataPresent());
    }
    TlsSessionFacts tls = result.facts().tls();
    if (tls != null) {
      facts.set("tls", tls(tls, result));
    }
    BasicSettingsFacts mcs = result.facts().basicSettings();
    if (mcs != null) {
      ObjectNode m = facts.putObject("mcs");
      m.put("result", mcs.result().toString());
      if (mcs.core() != null) {
        m.put("serverVersion", mcs.core().version().toString());
        m.put(
            "clientRequestedProtocols",
            mcs.core().clientRequestedProtocols() == null
                ? null
                : mcs.core().clientRequestedProtocols().toString());
        m.put(
            "earlyCapabilityFlags",
            mcs.core().earlyCapabilityFlags() == null
                ? null
                : mcs.core().earlyCapabilityFlags().toString());
      }
      if (mcs.security() != null) {
        m.put("encryptionMethod", mcs.security().encryptionMethod().toString());
        m.put("encryptionLevel", mcs.security().encryptionLevel().toString());
      }
      if (mcs.network() != null) {
        m.put("ioChannel", mcs.network().mcsChannelId());
        ArrayNode ids = m.putArray("staticChannels");
        mcs.network().channelIdArray().forEach(ids::add);
      }
      if (mcs.messageChannel() != null) {
        m.put("messageChannel", mcs.messageChannel().mcsChannelId());
      }
      if (mcs.multitransport() != null) {
        m.put("multitransport", mcs.multitransport().flags().toString());
      }
    }
    if (result.facts().credssp() != null) {
      facts.set("credssp", credssp(result.facts().credssp()));
    }
    if (result.facts().channels() != null) {
      ObjectNode c = facts.putObject("channels");
      c.put("userChannel", result.facts().channels().userChannelId());
      ArrayNode joined = c.putArray("joined");
      result.facts().channels().joined().forEach(joined::add);
      ArrayNode refused = c.putArray("refused");
      result.facts().channels().refused().forEach(refused::add);
    }
    activation(facts, result.facts());
    root.set("diagnosis", diagnosis(result.diagnose()));
    return root;
  }

  private static void activation(ObjectNode facts, ServerFacts f) {
    if (f.licensing() != null) {
      ObjectNode l = facts.putObject("licensing");
      l.put("outcome", f.licensing().outcome());
      l.put("validClient", f.licensing().validClient());
      l.put("licenseRequested", f.licensing().licenseRequested());
      l.put("platformChallenge", f.licensing().platformChallenge());
      l.put(
          "errorCode",
          f.licensing().error() == null ? null : f.licensing().error().dwErrorCode().toString());
    }
    MultitransportFacts mt = f.multitransport();
    if (mt != null) {
      ObjectNode m = facts.putObject("multitransport");
      ArrayNode requests = m.putArray("requests");
      for (var r : mt.requests()) {
        ObjectNode o = requests.addObject();
        o.put("requestId", r.requestIdUnsigned());
        o.put("protocol", r.requestedProtocol().toString());
      }
      m.put("answer", mt.answer() == null ? null : mt.answer().toString());
      m.put("udpReachable", mt.udp().name());
      m.put("udpDetail", mt.udpDetail());
    }
    ActivationFacts a = f.activation();
    if (a != null) {
      ObjectNode c = facts.putObject("capabilities");
      c.put("shareId", a.demandActive().shareId());
      c.put("sourceDescriptor", a.demandActive().sourceDescriptorText());
      ArrayNode sets = c.putArray("sets");
      for (CapabilitySet s : a.demandActive().capabilitySets().sets()) {
        ObjectNode o = sets.addObject();
        o.put("type", s.type().name());
        o.put("length", s.size());
        o.put("summary", s.summary());
      }
      c.put("confirmActiveSent", a.confirmActiveSent());
      c.put("sessionActive", a.fontMapReceived());
    }
    if (f.errorInfo() != null) {
      ObjectNode e = facts.putObject("serverErrorInfo");
      e.put("value", f.errorInfo().value());
      e.put("name", f.errorInfo().name());
      e.put("meaning", f.errorInfo().meaning());
    }
  }

  private static ObjectNode credssp(CredSspFacts c) {
    ObjectNode o = MAPPER.createObjectNode();
    o.put("nla", c.nla() == null ? null : c.nla().name());
    o.put("serverVersion", c.serverVersion() == 0 ? null : c.serverVersion());
    NtlmIdentity id = c.identity();
    if (id != null) {
      ObjectNode n = o.putObject("ntlm");
      n.put("targetName", id.targetName());
      n.put("nbComputerName", id.nbComputerName());
      n.put("nbDomainName", id.nbDomainName());
      n.put("dnsComputerName", id.dnsComputerName());
      n.put("dnsDomainName", id.dnsDomainName());
      n.put("dnsTreeName", id.dnsTreeName());
      n.put("productVersion", id.version() == null ? null : id.productVersion());
      n.put("serverTime", id.serverTime() == null ? null : id.serverTime().toString());
      n.put("clockSkewMs", id.clockSkew() == null ? null : id.clockSkew().toMillis());
      n.put("negotiateFlags", id.negotiateFlags().toString());
    }
    o.put("account", c.account().isEmpty() ? null : c.account());
    o.put("credentials", c.outcome() == null ? null : c.outcome().name());
    o.put("credentialsDetail", c.outcomeDetail().isEmpty() ? null : c.outcomeDetail());
    if (c.errorCode() != null) {
      ObjectNode e = o.putObject("errorCode");
      e.put("value", Wire.hex(c.errorCode().value() & 0xFFFFFFFFL));
      e.put("name", c.errorCode().name());
      e.put("meaning", c.errorCode().meaning());
    }
    o.put(
        "earlyAuthorization",
        c.earlyAuthorization() == null ? null : c.earlyAuthorization().name());
    return o;
  }

  private static ObjectNode tls(TlsSessionFacts tls, ProbeResult result) {
    ObjectNode o = MAPPER.createObjectNode();
    o.put("version", tls.version() == null ? null : tls.version().ianaName());
    o.put("cipherSuite", tls.cipherSuite());
    o.put("sniSent", tls.sniSent());
    o.put("serverName", tls.serverName());
    o.put("handshakeComplete", tls.handshakeComplete());
    ArrayNode chain = o.putArray("certificates");
    for (CertificateFacts c : tls.serverCertificates()) {
      ObjectNode x = chain.addObject();
      x.put("subject", c.subject());
      x.put("issuer", c.issuer());
      x.put("serial", c.serialNumber());
      x.put("notBefore", c.notBefore().toString());
      x.put("notAfter", c.notAfter().toString());
      x.put("selfSigned", c.selfSigned());
      x.put("keyAlgorithm", c.keyAlgorithm());
      x.put("keyBits", c.keyBits());
      x.put("signatureAlgorithm", c.signatureAlgorithm());
      ArrayNode names = x.putArray("dnsNames");
      c.dnsNames().forEach(names::add);
      ArrayNode ips = x.putArray("ipAddresses");
      c.ipAddresses().forEach(ips::add);
      x.put("sha256", c.sha256Fingerprint());
    }
    ArrayNode objections = o.putArray("objections");
    for (TraceEvent.Tls t : result.trace().eventsOf(TraceEvent.Tls.class)) {
      if (t.detail() instanceof CertificateCheck check) {
        for (CertificateObjection ob : check.objections()) {
          ObjectNode x = objections.addObject();
          x.put("kind", ob.kind().name());
          x.put("detail", ob.detail());
        }
      }
    }
    return o;
  }

  /**
   * One line of JSON for a doctor's report: the baseline's probe document, the follow-ups, what did
   * not run, and the verdict with its findings.
   */
  static String doctorLine(DoctorReport report) {
    return doctor(report).toString();
  }

  static ObjectNode doctor(DoctorReport r) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("schemaVersion", SCHEMA_VERSION);
    root.put("document", "doctor");
    ObjectNode target = root.putObject("target");
    target.put("host", r.spec().host());
    target.put("port", r.spec().port());
    root.put("ok", r.baselineSucceeded());
    ArrayNode addresses = root.putArray("addresses");
    r.addresses().forEach(a -> addresses.add(a.getHostAddress()));
    ObjectNode pacing = root.putObject("pacing");
    pacing.put("maxConcurrentConnections", r.spec().maxConcurrentConnections());
    pacing.put("delayBetweenConnectionsMs", r.spec().delayBetweenConnections().toMillis());
    pacing.put("deadlineMs", r.spec().deadline().toMillis());
    pacing.put("peakConnections", r.peakConnections());
    pacing.put("elapsedMs", r.elapsed().toMillis());
    ObjectNode baseline = document(r.baseline());
    baseline.remove("schemaVersion");
    root.set("baseline", baseline);
    ArrayNode followUps = root.putArray("followUps");
    for (FollowUp f : r.followUps()) {
      ObjectNode o = followUps.addObject();
      o.put("number", f.number());
      o.put("kind", f.kind().name());
      o.put("tested", f.tested());
      o.put("outcome", f.outcome());
      o.put("ok", f.succeeded());
      o.put("repeatedAlone", f.repeatedAlone());
      o.put(
          "address",
          f.result().spec().address() == null
              ? null
              : f.result().spec().address().getHostAddress());
      o.set("close", close(f.result().closed()));
      o.set("windowsClient", windowsClient(f.diagnosis().clientCode()));
      o.put("topCause", f.diagnosis().topCause().map(c -> c.id().name()).orElse(null));
    }
    ArrayNode notRun = root.putArray("notRun");
    for (NotRun n : r.notRun()) {
      ObjectNode o = notRun.addObject();
      o.put("what", n.what());
      o.put("why", n.why());
    }
    ObjectNode verdict = root.putObject("verdict");
    verdict.set("windowsClient", windowsClient(r.verdict().clientCode()));
    ArrayNode findings = verdict.putArray("findings");
    for (Finding f : r.verdict().findings()) {
      ObjectNode o = findings.addObject();
      o.put("subject", f.subject().name());
      o.put("status", f.status().name());
      o.put("cause", f.cause() == null ? null : f.cause().name());
      o.put("causeTitle", f.cause() == null ? null : f.cause().title());
      o.put("text", f.text());
      ArrayNode numbers = o.putArray("followUps");
      f.followUps().forEach(numbers::add);
      ArrayNode advice = o.putArray("advice");
      f.advice().forEach(advice::add);
    }
    verdict.put("text", r.verdict().text());
    return root;
  }

  private static ObjectNode windowsClient(ClientCode code) {
    ObjectNode c = MAPPER.createObjectNode();
    c.put("basis", code.basis().name());
    c.put("error", code.isError());
    if (code.basis().hasCode()) {
      c.put("discReason", code.discReason().hex());
      c.put("discReasonName", code.discReason().name());
      c.put("extendedReason", code.extendedReason().hex());
      c.put("extendedReasonName", code.extendedReason().name());
    }
    c.put("summary", code.summary());
    c.put("message", code.message());
    c.put("messageSource", code.messageSource().name());
    return c;
  }

  private static ObjectNode diagnosis(Diagnosis d) {
    ObjectNode o = MAPPER.createObjectNode();
    o.set("windowsClient", windowsClient(d.clientCode()));
    o.put("phase", d.phase().name());
    o.put("closeKind", d.closeKind().name());
    o.put("closedBy", d.closedBy().seenFrom(ClosedBy.CLIENT));
    if (d.serverErrorInfo() != null) {
      ObjectNode e = o.putObject("serverErrorInfo");
      e.put("value", d.serverErrorInfo().value());
      e.put("name", d.serverErrorInfo().name());
      e.put("meaning", d.serverErrorInfo().meaning());
    }
    ArrayNode causes = o.putArray("causes");
    for (Cause cause : d.causes()) {
      ObjectNode x = causes.addObject();
      x.put("id", cause.id().name());
      x.put("title", cause.title());
      x.put("confidence", cause.confidence().name());
      x.put("why", cause.why());
      ArrayNode ev = x.putArray("evidence");
      for (Evidence e : cause.evidence()) {
        ObjectNode y = ev.addObject();
        y.put("event", e.eventIndex());
        y.put("description", e.description());
      }
      ArrayNode advice = x.putArray("advice");
      cause.advice().forEach(advice::add);
    }
    o.put("verdict", d.verdict());
    return o;
  }

  private static ObjectNode close(TraceEvent.Closed c) {
    ObjectNode o = MAPPER.createObjectNode();
    o.put("kind", c.kind().name());
    o.put("closedBy", c.closedBy().seenFrom(ClosedBy.CLIENT));
    o.put("phase", c.phase().name());
    o.put("detail", c.detail());
    o.put("lastSent", c.lastClientPdu());
    o.put("lastReceived", c.lastServerPdu());
    o.put("awaiting", c.awaiting());
    o.put("atMs", millis(c.nanos()));
    o.put("msSinceLastSend", c.millisSinceClientSent());
    o.put("msSinceLastReceive", c.millisSinceServerSent());
    o.put("pendingBytes", c.pendingBytes());
    o.put("bytesSent", c.clientOffset());
    o.put("bytesReceived", c.serverOffset());
    return o;
  }

  private static ObjectNode event(TraceEvent e) {
    ObjectNode o = MAPPER.createObjectNode();
    o.put("type", type(e));
    o.put("atMs", millis(e.nanos()));
    o.put("direction", e.direction().seenFrom(ClosedBy.CLIENT));
    o.put("phase", e.phase().name());
    o.put("sentOffset", e.clientOffset());
    o.put("receivedOffset", e.serverOffset());
    if (e instanceof TraceEvent.Resolved r) {
      o.put("host", r.host());
      ArrayNode a = o.putArray("addresses");
      r.addresses().forEach(a::add);
      o.put("chosen", r.chosen());
    } else if (e instanceof TraceEvent.Connected c) {
      o.put("local", c.local());
      o.put("remote", c.remote());
      o.put("transport", c.transport());
    } else if (e instanceof TraceEvent.Pdu p) {
      o.put("name", p.name());
      o.put("summary", p.summary());
      o.put("length", p.length());
      o.put("hex", Octets.of(p.raw()).toHex());
    } else if (e instanceof TraceEvent.Undecodable u) {
      o.put("expected", u.expected());
      o.put("errorKind", u.errorKind());
      o.put("error", u.error());
      o.put("errorOffset", u.errorOffset());
      o.put("length", u.raw().length);
      o.put("hex", Octets.of(u.raw()).toHex());
    } else if (e instanceof TraceEvent.Tls t) {
      o.put("message", t.message());
      o.put("summary", t.summary());
      o.put("length", t.length());
      o.put("encrypted", t.encrypted());
    } else if (e instanceof TraceEvent.TlsAlert a) {
      o.put("level", a.level());
      o.put("description", a.description());
      o.put("code", a.code());
      o.put("cause", a.cause());
    } else if (e instanceof TraceEvent.Note n) {
      o.put("text", n.text());
    } else if (e instanceof TraceEvent.Closed c) {
      o.put("kind", c.kind().name());
      o.put("closedBy", c.closedBy().seenFrom(ClosedBy.CLIENT));
      o.put("detail", c.detail());
    }
    return o;
  }

  private static String type(TraceEvent e) {
    if (e instanceof TraceEvent.Resolved) {
      return "resolved";
    } else if (e instanceof TraceEvent.Connected) {
      return "connected";
    } else if (e instanceof TraceEvent.Pdu) {
      return "pdu";
    } else if (e instanceof TraceEvent.Undecodable) {
      return "undecodable";
    } else if (e instanceof TraceEvent.Tls) {
      return "tls";
    } else if (e instanceof TraceEvent.TlsAlert) {
      return "tlsAlert";
    } else if (e instanceof TraceEvent.Note) {
      return "note";
    }
    return "closed";
  }

  private static double millis(long nanos) {
    return Math.round(nanos / 1_000.0) / 1_000.0;
  }
}
