package dev.rdpprobe.report;

import dev.rdpprobe.diagnose.Cause;
import dev.rdpprobe.diagnose.ClientCode;
import dev.rdpprobe.diagnose.Diagnosis;
import dev.rdpprobe.diagnose.Evidence;
import dev.rdpprobe.facts.ActivationFacts;
import dev.rdpprobe.facts.BasicSettingsFacts;
import dev.rdpprobe.facts.ChannelFacts;
import dev.rdpprobe.facts.CredSspFacts;
import dev.rdpprobe.facts.LicensingFacts;
import dev.rdpprobe.facts.MultitransportFacts;
import dev.rdpprobe.facts.NegotiationFacts;
import dev.rdpprobe.facts.NtlmIdentity;
import dev.rdpprobe.facts.ServerFacts;
import dev.rdpprobe.tls.CertificateCheck;
import dev.rdpprobe.tls.CertificateFacts;
import dev.rdpprobe.tls.CertificateObjection;
import dev.rdpprobe.tls.TlsSessionFacts;
import dev.rdpprobe.trace.ClosedBy;
import dev.rdpprobe.trace.Trace;
import dev.rdpprobe.trace.TraceEvent;
import dev.rdpprobe.wire.Octets;
import dev.rdpprobe.wire.Wire;
import dev.rdpprobe.wire.share.CapabilitySet;
import dev.rdpprobe.wire.share.ErrorInfo;

/**
 * The probe document's fields, as README.md lists them. Sides and directions are named from the
 * client's side ({@code sent}, {@code PEER}), as a probe sees them.
 */
final class ProbeJson {
  private ProbeJson() {}

  /** The probe document. */
  static JsonObject document(ProbeReport r) {
    JsonObject.Builder root = JsonObject.builder();
    root.put("document", r.kind());
    root.put("schemaVersion", r.schemaVersion());
    root.put("tool", ToolInfo.current().toJsonValue());
    root.put("startedAt", time(r.startedAt()));
    root.put("endedAt", time(r.endedAt()));
    root.put("target", target(r.target().host(), r.target().port()));
    root.put("ip", r.address().orElse(null));
    root.put("tag", r.tag().isEmpty() ? null : r.tag());
    if (r.scenario() != null) {
      root.put(
          "scenario",
          JsonObject.builder()
              .put("name", r.scenario().cliName())
              .put("description", r.scenario().description())
              .build());
    }
    root.put("ok", r.ok());
    root.put("close", close(r.closed()));
    root.put("events", events(r.trace(), ClosedBy.CLIENT));
    root.put("facts", facts(r.facts(), r.trace()));
    root.put("diagnosis", diagnosis(r.diagnosis()));
    return root.build();
  }

  /** An instant in RFC 3339 (UTC, to the microsecond), e.g. {@code 2026-01-02T03:04:05.123456Z}. */
  static String time(java.time.Instant t) {
    return t.truncatedTo(java.time.temporal.ChronoUnit.MICROS).toString();
  }

  /** A flag set as the array of its names, beside which its number is written. */
  private static JsonArray names(java.util.List<String> names) {
    return JsonArray.ofStrings(names);
  }

  static JsonObject target(String host, int port) {
    return JsonObject.builder().put("host", host).put("port", port).build();
  }

  private static JsonObject facts(ServerFacts f, Trace trace) {
    JsonObject.Builder facts = JsonObject.builder();
    if (f.negotiation() != null) {
      facts.put("negotiation", negotiation(f.negotiation()));
    }
    if (f.tls() != null) {
      facts.put("tls", tls(f.tls(), trace));
    }
    if (f.basicSettings() != null) {
      facts.put("mcs", mcs(f.basicSettings()));
    }
    if (f.credssp() != null) {
      facts.put("credssp", credssp(f.credssp()));
    }
    if (f.channels() != null) {
      facts.put("channels", channels(f.channels()));
    }
    if (f.licensing() != null) {
      facts.put("licensing", licensing(f.licensing()));
    }
    if (f.multitransport() != null) {
      facts.put("multitransport", multitransport(f.multitransport()));
    }
    if (f.activation() != null) {
      facts.put("capabilities", capabilities(f.activation()));
    }
    if (f.errorInfo() != null) {
      facts.put("serverErrorInfo", errorInfo(f.errorInfo()));
    }
    return facts.build();
  }

  private static JsonObject negotiation(NegotiationFacts n) {
    return JsonObject.builder()
        .put("requestedProtocols", names(n.requestedProtocols().names()))
        .put("requestedProtocolsValue", n.requestedProtocols().bits() & 0xFFFFFFFFL)
        .put("selectedProtocol", text(n.selectedProtocol()))
        .put(
            "selectedProtocolValue",
            n.selectedProtocol() == null ? null : n.selectedProtocol().bits() & 0xFFFFFFFFL)
        .put("responseFlags", n.responseFlags() == null ? null : names(n.responseFlags().names()))
        .put("responseFlagsValue", n.responseFlags() == null ? null : n.responseFlags().bits())
        .put("failureCode", n.failureCode() == null ? null : n.failureCode().name())
        .put(
            "failureCodeValue",
            n.failureCode() == null ? null : n.failureCode().value() & 0xFFFFFFFFL)
        .put("negotiationDataPresent", n.negotiationDataPresent())
        .build();
  }

  private static JsonObject mcs(BasicSettingsFacts mcs) {
    JsonObject.Builder m = JsonObject.builder().put("result", mcs.result().toString());
    if (mcs.core() != null) {
      var requested = mcs.core().clientRequestedProtocols();
      var early = mcs.core().earlyCapabilityFlags();
      m.put("serverVersion", mcs.core().version().toString())
          .put("clientRequestedProtocols", requested == null ? null : names(requested.names()))
          .put(
              "clientRequestedProtocolsValue",
              requested == null ? null : requested.bits() & 0xFFFFFFFFL)
          .put("earlyCapabilityFlags", early == null ? null : names(early.names()))
          .put("earlyCapabilityFlagsValue", early == null ? null : early.bits() & 0xFFFFFFFFL);
    }
    if (mcs.security() != null) {
      m.put("encryptionMethod", mcs.security().encryptionMethod().toString())
          .put("encryptionLevel", mcs.security().encryptionLevel().toString());
    }
    if (mcs.network() != null) {
      m.put("ioChannel", mcs.network().mcsChannelId())
          .put("staticChannels", JsonArray.ofNumbers(mcs.network().channelIdArray()));
    }
    if (mcs.messageChannel() != null) {
      m.put("messageChannel", mcs.messageChannel().mcsChannelId());
    }
    if (mcs.multitransport() != null) {
      m.put("multitransport", names(mcs.multitransport().flags().names()))
          .put("multitransportValue", mcs.multitransport().flags().bits() & 0xFFFFFFFFL);
    }
    return m.build();
  }

  private static JsonObject channels(ChannelFacts c) {
    return JsonObject.builder()
        .put("userChannel", c.userChannelId())
        .put("joined", JsonArray.ofNumbers(c.joined()))
        .put("refused", JsonArray.ofNumbers(c.refused()))
        .build();
  }

  private static JsonObject licensing(LicensingFacts l) {
    return JsonObject.builder()
        .put("outcome", l.outcome())
        .put("validClient", l.validClient())
        .put("licenseRequested", l.licenseRequested())
        .put("platformChallenge", l.platformChallenge())
        .put("errorCode", l.error() == null ? null : l.error().dwErrorCode().toString())
        .put(
            "errorCodeValue",
            l.error() == null ? null : l.error().dwErrorCode().value() & 0xFFFFFFFFL)
        .build();
  }

  private static JsonObject multitransport(MultitransportFacts mt) {
    JsonArray.Builder requests = JsonArray.builder();
    for (var r : mt.requests()) {
      requests.add(
          JsonObject.builder()
              .put("requestId", r.requestIdUnsigned())
              .put("protocol", r.requestedProtocol().toString())
              .build());
    }
    return JsonObject.builder()
        .put("requests", requests.build())
        .put("answer", text(mt.answer()))
        .put("udpReachable", mt.udp().name())
        .put("udpDetail", mt.udpDetail())
        .build();
  }

  private static JsonObject capabilities(ActivationFacts a) {
    JsonArray.Builder sets = JsonArray.builder();
    for (CapabilitySet s : a.demandActive().capabilitySets().sets()) {
      sets.add(
          JsonObject.builder()
              .put("type", s.type().name())
              .put("length", s.size())
              .put("summary", s.summary())
              .build());
    }
    return JsonObject.builder()
        .put("shareId", a.demandActive().shareId())
        .put("sourceDescriptor", a.demandActive().sourceDescriptorText())
        .put("sets", sets.build())
        .put("confirmActiveSent", a.confirmActiveSent())
        .put("sessionActive", a.fontMapReceived())
        .build();
  }

  private static JsonObject errorInfo(ErrorInfo e) {
    return JsonObject.builder()
        .put("value", e.value() & 0xFFFFFFFFL)
        .put("hex", Wire.hex(e.value() & 0xFFFFFFFFL))
        .put("name", e.name())
        .put("meaning", e.meaning())
        .build();
  }

  private static JsonObject credssp(CredSspFacts c) {
    JsonObject.Builder o =
        JsonObject.builder()
            .put("nla", c.nla() == null ? null : c.nla().name())
            .put("serverVersion", c.serverVersion() == 0 ? null : c.serverVersion());
    NtlmIdentity id = c.identity();
    if (id != null) {
      o.put(
          "ntlm",
          JsonObject.builder()
              .put("targetName", id.targetName())
              .put("nbComputerName", id.nbComputerName())
              .put("nbDomainName", id.nbDomainName())
              .put("dnsComputerName", id.dnsComputerName())
              .put("dnsDomainName", id.dnsDomainName())
              .put("dnsTreeName", id.dnsTreeName())
              .put("productVersion", id.version() == null ? null : id.productVersion())
              .put("serverTime", text(id.serverTime()))
              .put("clockSkewMs", id.clockSkew() == null ? null : id.clockSkew().toMillis())
              .put("negotiateFlags", names(id.negotiateFlags().names()))
              .put("negotiateFlagsValue", id.negotiateFlags().bits() & 0xFFFFFFFFL)
              .build());
    }
    o.put("account", c.account().isEmpty() ? null : c.account())
        .put("credentials", c.outcome() == null ? null : c.outcome().name())
        .put("credentialsDetail", c.outcomeDetail().isEmpty() ? null : c.outcomeDetail());
    if (c.errorCode() != null) {
      o.put(
          "errorCode",
          JsonObject.builder()
              .put("value", c.errorCode().value() & 0xFFFFFFFFL)
              .put("hex", Wire.hex(c.errorCode().value() & 0xFFFFFFFFL))
              .put("name", c.errorCode().name())
              .put("meaning", c.errorCode().meaning())
              .build());
    }
    return o.put(
            "earlyAuthorization",
            c.earlyAuthorization() == null ? null : c.earlyAuthorization().name())
        .build();
  }

  private static JsonObject tls(TlsSessionFacts tls, Trace trace) {
    JsonArray.Builder chain = JsonArray.builder();
    for (CertificateFacts c : tls.serverCertificates()) {
      chain.add(
          JsonObject.builder()
              .put("subject", c.subject())
              .put("issuer", c.issuer())
              .put("serial", c.serialNumber())
              .put("notBefore", c.notBefore().toString())
              .put("notAfter", c.notAfter().toString())
              .put("selfSigned", c.selfSigned())
              .put("keyAlgorithm", c.keyAlgorithm())
              .put("keyBits", c.keyBits())
              .put("signatureAlgorithm", c.signatureAlgorithm())
              .put("dnsNames", JsonArray.ofStrings(c.dnsNames()))
              .put("ipAddresses", JsonArray.ofStrings(c.ipAddresses()))
              .put("sha256", c.sha256Fingerprint())
              .build());
    }
    // every check the trace recorded, as the report's text lists them
    JsonArray.Builder objections = JsonArray.builder();
    for (TraceEvent.Tls t : trace.eventsOf(TraceEvent.Tls.class)) {
      if (t.detail() instanceof CertificateCheck check) {
        for (CertificateObjection ob : check.objections()) {
          objections.add(
              JsonObject.builder()
                  .put("kind", ob.kind().name())
                  .put("detail", ob.detail())
                  .build());
        }
      }
    }
    return JsonObject.builder()
        .put("version", tls.version() == null ? null : tls.version().ianaName())
        .put("cipherSuite", tls.cipherSuite())
        .put("sniSent", tls.sniSent())
        .put("serverName", tls.serverName())
        .put("handshakeComplete", tls.handshakeComplete())
        .put("certificates", chain.build())
        .put("objections", objections.build())
        .build();
  }

  static JsonObject diagnosis(Diagnosis d) {
    JsonObject.Builder o =
        JsonObject.builder()
            .put("windowsClient", windowsClient(d.clientCode()))
            .put("phase", d.phase().name())
            .put("closeKind", d.closeKind().name())
            .put("closedBy", d.closedBy().seenFrom(ClosedBy.CLIENT));
    if (d.serverErrorInfo() != null) {
      o.put("serverErrorInfo", errorInfo(d.serverErrorInfo()));
    }
    JsonArray.Builder causes = JsonArray.builder();
    for (Cause cause : d.causes()) {
      JsonArray.Builder evidence = JsonArray.builder();
      for (Evidence e : cause.evidence()) {
        evidence.add(
            JsonObject.builder()
                .put("event", e.eventIndex())
                .put("description", e.description())
                .build());
      }
      causes.add(
          JsonObject.builder()
              .put("id", cause.id().name())
              .put("title", cause.title())
              .put("confidence", cause.confidence().name())
              .put("why", cause.why())
              .put("evidence", evidence.build())
              .put("advice", JsonArray.ofStrings(cause.advice()))
              .build());
    }
    return o.put("causes", causes.build()).put("verdict", d.verdict()).build();
  }

  static JsonObject windowsClient(ClientCode code) {
    JsonObject.Builder c =
        JsonObject.builder().put("basis", code.basis().name()).put("error", code.isError());
    if (code.basis().hasCode()) {
      c.put("discReason", code.discReason().hex())
          .put("discReasonValue", code.discReason().value() & 0xFFFFFFFFL)
          .put("discReasonName", code.discReason().name())
          .put("extendedReason", code.extendedReason().hex())
          .put("extendedReasonValue", code.extendedReason().value() & 0xFFFFFFFFL)
          .put("extendedReasonName", code.extendedReason().name());
    }
    return c.put("summary", code.summary())
        .put("message", code.message())
        .put("messageSource", code.messageSource().name())
        .build();
  }

  static JsonObject close(TraceEvent.Closed c) {
    return close(c, ClosedBy.CLIENT);
  }

  /**
   * The close, {@code closedBy} named from the side that recorded it ({@code LOCAL}: that side).
   */
  static JsonObject close(TraceEvent.Closed c, ClosedBy recorder) {
    return JsonObject.builder()
        .put("kind", c.kind().name())
        .put("closedBy", c.closedBy().seenFrom(recorder))
        .put("phase", c.phase().name())
        .put("detail", c.detail())
        .put("lastSent", c.lastClientPdu())
        .put("lastReceived", c.lastServerPdu())
        .put("awaiting", c.awaiting())
        .put("atMs", millis(c.nanos()))
        .put("msSinceLastSend", c.millisSinceClientSent())
        .put("msSinceLastReceive", c.millisSinceServerSent())
        .put("pendingBytes", c.pendingBytes())
        .put("bytesSent", c.clientOffset())
        .put("bytesReceived", c.serverOffset())
        .put("exception", c.exception())
        .build();
  }

  /** The events of a trace, directions named from the side that recorded it. */
  static JsonArray events(Trace trace, ClosedBy recorder) {
    JsonArray.Builder events = JsonArray.builder();
    for (TraceEvent e : trace.events()) {
      events.add(event(e, recorder));
    }
    return events.build();
  }

  private static JsonObject event(TraceEvent e, ClosedBy recorder) {
    JsonObject.Builder o =
        JsonObject.builder()
            .put("type", type(e))
            .put("atMs", millis(e.nanos()))
            .put("direction", e.direction().seenFrom(recorder))
            .put("phase", e.phase().name())
            .put("sentOffset", e.clientOffset())
            .put("receivedOffset", e.serverOffset());
    if (e instanceof TraceEvent.Resolved r) {
      o.put("host", r.host())
          .put("addresses", JsonArray.ofStrings(r.addresses()))
          .put("chosen", r.chosen());
    } else if (e instanceof TraceEvent.Connected c) {
      o.put("local", c.local()).put("remote", c.remote()).put("transport", c.transport());
    } else if (e instanceof TraceEvent.Pdu p) {
      o.put("name", p.name())
          .put("summary", p.summary())
          .put("length", p.length())
          .put("hex", Octets.of(p.raw()).toHex());
    } else if (e instanceof TraceEvent.Undecodable u) {
      byte[] raw = u.raw();
      o.put("expected", u.expected())
          .put("errorKind", u.errorKind())
          .put("error", u.error())
          .put("errorOffset", u.errorOffset())
          .put("length", raw.length)
          .put("hex", Octets.of(raw).toHex());
    } else if (e instanceof TraceEvent.Tls t) {
      o.put("message", t.message())
          .put("summary", t.summary())
          .put("length", t.length())
          .put("encrypted", t.encrypted());
    } else if (e instanceof TraceEvent.TlsAlert a) {
      o.put("level", a.level())
          .put("description", a.description())
          .put("code", a.code())
          .put("cause", a.cause());
    } else if (e instanceof TraceEvent.Note n) {
      o.put("text", n.text());
    } else if (e instanceof TraceEvent.Closed c) {
      o.put("kind", c.kind().name())
          .put("closedBy", c.closedBy().seenFrom(recorder))
          .put("detail", c.detail())
          .put("exception", c.exception());
    }
    return o.build();
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

  /** Nanoseconds as milliseconds rounded to the microsecond. */
  private static double millis(long nanos) {
    return Math.round(nanos / 1_000.0) / 1_000.0;
  }

  /** {@code value.toString()}, or {@code null}. */
  private static String text(Object value) {
    return value == null ? null : value.toString();
  }
}
