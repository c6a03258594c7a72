package dev.rdpprobe.doctor;

import dev.rdpprobe.ProbeResult;
import dev.rdpprobe.diagnose.Cause;
import dev.rdpprobe.diagnose.CauseId;
import dev.rdpprobe.diagnose.ClientCode;
import dev.rdpprobe.diagnose.Diagnosis;
import dev.rdpprobe.doctor.Finding.Status;
import dev.rdpprobe.doctor.Finding.Subject;
import dev.rdpprobe.doctor.FollowUpPlanner.Planned;
import dev.rdpprobe.tls.TlsSessionFacts;
import dev.rdpprobe.tls.TlsVersion;
import dev.rdpprobe.trace.CloseKind;
import dev.rdpprobe.trace.Phase;
import dev.rdpprobe.wire.x224.NegotiationFailureCode;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Weighs the follow-ups against the baseline's causes: which each confirms, which it rules out,
 * which facts it establishes, and writes the verdict. A pure function of the results.
 */
final class Assessor {
  /** A follow-up as planned, with how it went. */
  record Entry(Planned planned, FollowUp followUp) {
    ProbeResult result() {
      return followUp.result();
    }

    int number() {
      return followUp.number();
    }
  }

  private static final Set<CauseId> TCP_CAUSES =
      EnumSet.of(
          CauseId.NOT_LISTENING,
          CauseId.FIREWALL_REJECTS,
          CauseId.PORT_FILTERED,
          CauseId.HOST_UNREACHABLE);

  private static final Set<CauseId> LISTENER_CAUSES =
      EnumSet.of(
          CauseId.LISTENER_REFUSES,
          CauseId.MIDDLEBOX_CLOSES,
          CauseId.CONNECTION_REQUEST_REJECTED,
          CauseId.NOT_RDP_LISTENER);

  private static final List<String> OLD_TLS_ADVICE =
      List.of(
          "Enable TLS 1.2 on the server. Windows Server 2008 R2 and Windows 7 need the update"
              + " that adds it to Remote Desktop (KB3080079), then"
              + " HKLM\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Protocols"
              + "\\TLS 1.2\\Server with Enabled=1 and DisabledByDefault=0, and a restart; on xrdp,"
              + " ssl_protocols=TLSv1.2, TLSv1.3 in xrdp.ini.",
          "Only as a stopgap, enable the old version on the clients (the SCHANNEL Protocols"
              + " Client keys): it weakens every TLS connection those clients make.");

  private static final List<String> NEW_TLS_ADVICE =
      List.of(
          "Enable TLS 1.2 on the server next to the newer version (SCHANNEL Protocols\\TLS 1.2"
              + "\\Server Enabled=1 on Windows, ssl_protocols in xrdp.ini), or move the clients"
              + " to a Windows version that offers the newer one (TLS 1.3: Windows 11, Windows"
              + " Server 2022).");

  private static final List<String> SERVER_TLS_ADVICE =
      List.of(
          "Check the certificate the RDP listener uses (the Remote Desktop certificate store, or"
              + " SSLCertificateSHA1Hash of Win32_TSGeneralSetting): it must come with its private"
              + " key, and its key type (RSA or ECDSA) must fit a suite the server enables.",
          "Check that the server's cipher suite policy (the 'SSL Cipher Suite Order' group policy"
              + " and the SCHANNEL Ciphers, Hashes and KeyExchangeAlgorithms keys; tls_ciphers in"
              + " xrdp.ini) leaves at least one TLS 1.2 ECDHE suite with AES-GCM enabled.",
          "If a TLS-inspecting firewall or load balancer sits in front of the server, probe from"
              + " the server's own network: the refusal may be the device's.");

  private static final List<String> ADDRESS_ADVICE =
      List.of(
          "Make every address the name resolves to reach the same working RDP listener, or remove"
              + " the DNS records (A or AAAA) of the addresses that do not.",
          "On the server, check that the listener and the firewall rule ('Remote Desktop - User"
              + " Mode (TCP-In)') cover every address, IPv6 included: netstat -an | findstr"
              + " :PORT shows what listens where.",
          "Windows clients try IPv6 first when they have an IPv6 route, so the address a user's"
              + " client picks may not be the one that works from your desk.");

  private static final List<String> NEGOTIATION_BROKEN_ADVICE =
      List.of(
          "Check the listener's security settings on the server: 'Require use of specific"
              + " security layer for remote (RDP) connections' and 'Require user authentication"
              + " for remote connections by using Network Level Authentication' (SecurityLayer and"
              + " UserAuthentication of the RDP-Tcp listener; security_layer in xrdp.ini), then"
              + " restart Remote Desktop Services.",
          "Check that nothing in front of the server (a gateway, a load balancer, another RDP"
              + " service on the port) answers for it: probe from the server's own network.");

  private static final List<String> MTU_ADVICE =
      List.of(
          "Find the path MTU: ping with don't-fragment set and growing sizes (ping -f -l 1472 on"
              + " Windows) until replies stop.",
          "Allow ICMP 'fragmentation needed' (type 3 code 4) and ICMPv6 'packet too big' through"
              + " the firewalls on the path.",
          "On VPNs and tunnels, lower the tunnel MTU or clamp the TCP MSS.");

  private static final List<String> SILENT_ADVICE =
      List.of(
          "Check the Remote Desktop Services service on the server (and its event logs:"
              + " TerminalServices-RemoteConnectionManager, RemoteDesktopServices-RdpCoreTS): it"
              + " accepts connections but does not answer.",
          "Probe from the server's own network: if it answers there, a device on the path"
              + " swallows the traffic.");

  private final DoctorSpec spec;
  private final List<InetAddress> addresses;
  private final ProbeResult baseline;
  private final Diagnosis diagnosis;
  private final List<Entry> entries;
  private final String lookupFailure;
  private final String connectionsNote;
  private final List<Finding> findings = new ArrayList<>();

  /**
   * @param lookupFailure why the doctor's own name lookup failed, or {@code null}
   * @param connectionsNote what running turned-away follow-ups again alone showed, or {@code null}
   */
  Assessor(
      DoctorSpec spec,
      List<InetAddress> addresses,
      ProbeResult baseline,
      Diagnosis diagnosis,
      List<Entry> entries,
      String lookupFailure,
      String connectionsNote) {
    this.spec = spec;
    this.addresses = addresses;
    this.baseline = baseline;
    this.diagnosis = diagnosis;
    this.entries = entries;
    this.lookupFailure = lookupFailure;
    this.connectionsNote = connectionsNote;
  }

  Verdict verdict() {
    assessAddresses();
    assessProtocols();
    Map<CauseId, Finding> byCause = new LinkedHashMap<>();
    for (Cause c : diagnosis.causes()) {
      byCause.put(c.id(), assessCause(c));
    }
    // what the follow-ups settle about causes the baseline's diagnosis did not name
    for (Finding f :
        java.util.Arrays.asList(tlsVersionCause(), cipherCause(), mtuCause(), silenceCause())) {
      if (f != null
          && (f.status() == Status.CONFIRMED || f.status() == Status.RULED_OUT)
          && !byCause.containsKey(f.cause())) {
        byCause.put(f.cause(), f);
      }
    }
    findings.addAll(byCause.values());
    observeTls();
    observeFlights();
    if (connectionsNote != null) {
      findings.add(
          new Finding(
              Subject.CONNECTIONS,
              Status.OBSERVED,
              null,
              connectionsNote,
              entries.stream()
                  .filter(e -> e.followUp().repeatedAlone())
                  .map(Entry::number)
                  .toList(),
              List.of()));
    }
    List<Finding> ordered = new ArrayList<>(findings);
    ordered.sort(Comparator.comparing(Finding::status)); // stable: confirmed first
    return new Verdict(diagnosis.clientCode(), ordered, text(ordered));
  }

  // ---- addresses ----------------------------------------------------------------------------

  private void assessAddresses() {
    List<Entry> others = of(FollowUp.Kind.ADDRESS);
    if (others.isEmpty() || addresses.isEmpty()) {
      return;
    }
    String base = signature(baseline);
    boolean same = others.stream().allMatch(e -> signature(e.result()).equals(base));
    List<String> parts = new ArrayList<>();
    parts.add(
        addresses.get(0).getHostAddress()
            + ": "
            + Outcomes.describe(baseline)
            + " ("
            + diagnosis.clientCode().summary()
            + ")");
    for (Entry e : others) {
      parts.add(
          e.planned().address().getHostAddress()
              + ": "
              + e.followUp().outcome()
              + " ("
              + e.followUp().diagnosis().clientCode().summary()
              + ")");
    }
    List<Integer> numbers = others.stream().map(Entry::number).toList();
    if (same) {
      findings.add(
          new Finding(
              Subject.ADDRESSES,
              Status.OBSERVED,
              null,
              "All "
                  + addresses.size()
                  + " addresses of "
                  + spec.host()
                  + " end the same way: "
                  + Outcomes.describe(baseline)
                  + ".",
              numbers,
              List.of()));
      return;
    }
    List<String> working = new ArrayList<>();
    if (baseline.reachedStopPoint()) {
      working.add(addresses.get(0).getHostAddress());
    }
    others.stream()
        .filter(e -> e.result().reachedStopPoint())
        .forEach(e -> working.add(e.planned().address().getHostAddress()));
    String tail =
        working.isEmpty()
            ? ""
            : " Only "
                + Outcomes.and(working)
                + " get"
                + (working.size() == 1 ? "s" : "")
                + " as far as the probe asks: a client that picks another address fails while"
                + " one that picks "
                + (working.size() == 1 ? "it" : "them")
                + " connects.";
    findings.add(
        new Finding(
            Subject.ADDRESSES,
            Status.CONFIRMED,
            null,
            "The addresses of "
                + spec.host()
                + " end differently: "
                + String.join("; ", parts)
                + "."
                + tail,
            numbers,
            ADDRESS_ADVICE.stream().map(a -> a.replace(":PORT", ":" + spec.port())).toList()));
  }

  /** What two probes must share to count as ending the same way. */
  private static String signature(ProbeResult r) {
    return r.closed().kind()
        + "@"
        + r.closed().phase()
        + Outcomes.selected(r).map(s -> " selected " + s).orElse("")
        + Outcomes.failureCode(r).map(s -> " failure " + s).orElse("");
  }

  // ---- security protocols -------------------------------------------------------------------

  private void assessProtocols() {
    List<Entry> probes = of(FollowUp.Kind.PROTOCOL);
    if (probes.isEmpty()) {
      return;
    }
    List<String> accepted = new ArrayList<>();
    Map<String, List<String>> others = new LinkedHashMap<>();
    for (Entry e : probes) {
      String name = e.planned().protocol().toString();
      if (acceptedAlone(e)) {
        accepted.add(name);
      } else {
        others.computeIfAbsent(protocolReason(e), k -> new ArrayList<>()).add(name);
      }
    }
    StringBuilder t =
        new StringBuilder("Offered alone, ")
            .append(
                accepted.isEmpty()
                    ? "the server accepts none of the security protocols"
                    : "the server accepts " + Outcomes.and(accepted));
    if (!others.isEmpty()) {
      t.append("; ");
      List<String> groups = new ArrayList<>();
      others.forEach((reason, names) -> groups.add(Outcomes.and(names) + ": " + reason));
      t.append(String.join("; ", groups));
    }
    t.append('.');
    findings.add(
        new Finding(
            Subject.SECURITY_PROTOCOLS,
            Status.OBSERVED,
            null,
            t.toString(),
            probes.stream().map(Entry::number).toList(),
            List.of()));
  }

  /** Whether the server selected exactly the protocol offered alone. */
  private static boolean acceptedAlone(Entry e) {
    return e.result().reachedStopPoint()
        && Outcomes.selected(e.result()).orElse("").equals(e.planned().protocol().toString());
  }

  private static String protocolReason(Entry e) {
    ProbeResult r = e.result();
    Optional<String> code = Outcomes.failureCode(r);
    if (code.isPresent()) {
      return "refused with " + code.get();
    }
    Optional<String> selected = Outcomes.selected(r);
    if (selected.isPresent() && !selected.get().equals(e.planned().protocol().toString())) {
      return "answered by selecting " + selected.get();
    }
    if (r.closed().kind() == CloseKind.PEER_RST) {
      return "reset after the Connection Request";
    }
    if (r.closed().kind() == CloseKind.PEER_FIN) {
      return "closed after the Connection Request";
    }
    if (Outcomes.stalled(r)) {
      return "no answer";
    }
    return e.followUp().outcome();
  }

  // ---- causes -------------------------------------------------------------------------------

  private Finding assessCause(Cause c) {
    CauseId id = c.id();
    if (id == CauseId.DNS_NAME_NOT_FOUND) {
      return lookupFailure != null
          ? cause(
              c,
              Status.CONFIRMED,
              spec.host()
                  + " does not resolve: the doctor's own lookup failed too ("
                  + lookupFailure
                  + ").",
              List.of())
          : cause(
              c,
              Status.UNCONFIRMED,
              "The doctor's own lookup of "
                  + spec.host()
                  + " succeeded ("
                  + Outcomes.and(addresses.stream().map(InetAddress::getHostAddress).toList())
                  + "): the failure comes and goes.",
              List.of());
    }
    if (TCP_CAUSES.contains(id)) {
      return tcpCause(c);
    }
    if (LISTENER_CAUSES.contains(id)) {
      return listenerCause(c);
    }
    if (id.name().startsWith("NEG_")) {
      return negotiationCause(c);
    }
    return switch (id) {
      case PROTOCOL_NOT_OFFERED -> repeatedIn(c, FollowUp.Kind.PROTOCOL);
      case TLS_VERSION_UNSUPPORTED -> orNotTested(c, tlsVersionCause());
      case NO_COMMON_CIPHER -> orNotTested(c, cipherCause());
      case TLS_NOT_STARTED -> orNotTested(c, tlsNotStarted(c));
      case PATH_MTU_BLACK_HOLE -> orNotTested(c, mtuCause());
      case SERVER_SILENT -> orNotTested(c, silenceCause());
      default ->
          cause(c, Status.NOT_TESTED, "No follow-up tests this cause: " + c.why() + ".", List.of());
    };
  }

  private Finding tcpCause(Cause c) {
    List<Entry> others = of(FollowUp.Kind.ADDRESS);
    CloseKind kind = baseline.closed().kind();
    List<Entry> same = others.stream().filter(e -> e.result().closed().kind() == kind).toList();
    boolean top = isTopOfGroup(c, TCP_CAUSES);
    if (!top) {
      return cause(
          c,
          Status.UNCONFIRMED,
          "From outside, this looks the same as \""
              + topOfGroup(TCP_CAUSES).title()
              + "\": only a look at the server tells them apart.",
          numbers(same));
    }
    List<String> where = new ArrayList<>();
    if (!addresses.isEmpty()) {
      where.add(addresses.get(0).getHostAddress());
    }
    same.forEach(e -> where.add(e.planned().address().getHostAddress()));
    boolean everywhere = same.size() == others.size();
    String text =
        everywhere && where.size() > 1
            ? c.title()
                + ": on every address of "
                + spec.host()
                + " ("
                + Outcomes.and(where)
                + "), a connection to port "
                + spec.port()
                + " ended the same way ("
                + Outcomes.describe(baseline)
                + ")."
            : c.title()
                + " at "
                + Outcomes.and(where)
                + " port "
                + spec.port()
                + " ("
                + Outcomes.describe(baseline)
                + ")."
                + (everywhere ? "" : " Other addresses of the name behave differently.");
    return cause(c, Status.CONFIRMED, text, numbers(same));
  }

  private Finding listenerCause(Cause c) {
    List<Entry> probes = of(FollowUp.Kind.PROTOCOL);
    if (probes.isEmpty()) {
      return cause(c, Status.NOT_TESTED, "No offer could be varied.", List.of());
    }
    List<Entry> accepted = probes.stream().filter(Assessor::acceptedAlone).toList();
    if (!accepted.isEmpty()) {
      return cause(
          c,
          Status.RULED_OUT,
          "The listener does answer: offered alone, "
              + Outcomes.and(accepted.stream().map(e -> e.planned().protocol().toString()).toList())
              + " "
              + (accepted.size() == 1 ? "is" : "are")
              + " accepted. It is the offer "
              + baseline.spec().requestedProtocols()
              + " that the server turns away.",
          numbers(accepted));
    }
    CloseKind kind = baseline.closed().kind();
    List<Entry> same =
        probes.stream()
            .filter(e -> e.result().closed().kind() == kind)
            .filter(e -> e.result().facts().negotiation() == null)
            .toList();
    if (same.size() < probes.size()) {
      return cause(
          c,
          Status.UNCONFIRMED,
          "The offers alone ended in different ways, none of them accepted; see the security"
              + " protocols.",
          numbers(probes));
    }
    if (!isTopOfGroup(c, LISTENER_CAUSES)) {
      return cause(
          c,
          Status.UNCONFIRMED,
          "From outside, this looks the same as \""
              + topOfGroup(LISTENER_CAUSES).title()
              + "\": probe from the server's own network to tell them apart.",
          numbers(probes));
    }
    return cause(
        c,
        Status.CONFIRMED,
        c.title()
            + ": the server ended every Connection Request the same way ("
            + protocolReason(probes.get(0))
            + "), whatever security protocol it offered ("
            + Outcomes.and(probes.stream().map(e -> e.planned().protocol().toString()).toList())
            + " alone). The offer is not the problem: the RDP listener, or a device in front of"
            + " it, turns every connection away.",
        numbers(probes));
  }

  /** For each RDP_NEG_FAILURE code, the protocols that a client offering them gets through with. */
  private static Set<String> remedies(NegotiationFailureCode code) {
    return switch (code.value()) {
      case 1 -> Set.of("SSL", "HYBRID", "HYBRID_EX");
      case 2, 3 -> Set.of("RDP");
      case 5 -> Set.of("HYBRID", "HYBRID_EX");
      default -> Set.of();
    };
  }

  private Finding negotiationCause(Cause c) {
    List<Entry> probes = of(FollowUp.Kind.PROTOCOL);
    Optional<String> code = Outcomes.failureCode(baseline);
    if (probes.isEmpty() || code.isEmpty()) {
      return cause(c, Status.NOT_TESTED, "No offer could be varied.", List.of());
    }
    NegotiationFailureCode failure = baseline.facts().negotiation().failureCode();
    Set<String> remedies = remedies(failure);
    List<Entry> sameRefusal =
        probes.stream().filter(e -> Outcomes.failureCode(e.result()).equals(code)).toList();
    List<Entry> remedyAccepted =
        probes.stream()
            .filter(Assessor::acceptedAlone)
            .filter(e -> remedies.contains(e.planned().protocol().toString()))
            .toList();
    List<Entry> remedyRefused =
        sameRefusal.stream()
            .filter(e -> remedies.contains(e.planned().protocol().toString()))
            .toList();
    String refusedNames = names(sameRefusal);
    if (!remedyAccepted.isEmpty()) {
      List<Entry> cited = new ArrayList<>(sameRefusal);
      cited.addAll(remedyAccepted);
      return cause(
          c,
          Status.CONFIRMED,
          c.title()
              + ": offered alone, "
              + names(remedyAccepted)
              + (remedyAccepted.size() == 1 ? " is" : " are")
              + " accepted"
              + (sameRefusal.isEmpty()
                  ? ""
                  : ", while "
                      + refusedNames
                      + " get"
                      + (sameRefusal.size() == 1 ? "s " : " ")
                      + code.get())
              + ". A client offering "
              + names(remedyAccepted)
              + " gets through.",
          numbers(cited));
    }
    if (!sameRefusal.isEmpty()) {
      String text =
          "The server insists on "
              + code.get()
              + ": it refused "
              + refusedNames
              + " offered alone with it.";
      if (remedyRefused.isEmpty()) {
        return cause(c, Status.CONFIRMED, text, numbers(sameRefusal));
      }
      return new Finding(
          Subject.CAUSE,
          Status.CONFIRMED,
          c.id(),
          text
              + " It refused "
              + names(remedyRefused)
              + " the same way, although "
              + (remedyRefused.size() == 1 ? "that is" : "those are")
              + " what the code asks for: no security protocol a client can offer gets through,"
              + " so the server's settings contradict themselves.",
          numbers(sameRefusal),
          NEGOTIATION_BROKEN_ADVICE);
    }
    return cause(
        c,
        Status.UNCONFIRMED,
        "Offered alone, no protocol got " + code.get() + " again; see the security protocols.",
        numbers(probes));
  }

  /** A cause that holds when the follow-ups of one kind all end like the baseline. */
  private Finding repeatedIn(Cause c, FollowUp.Kind kind) {
    List<Entry> probes = of(kind);
    if (probes.isEmpty()) {
      return cause(c, Status.NOT_TESTED, "No follow-up tests this cause.", List.of());
    }
    List<Entry> same =
        probes.stream()
            .filter(e -> e.result().closed().kind() == baseline.closed().kind())
            .toList();
    return same.size() == probes.size()
        ? cause(
            c,
            Status.CONFIRMED,
            c.title() + ": every follow-up of this kind ended the same way.",
            numbers(same))
        : cause(
            c,
            Status.UNCONFIRMED,
            "Only " + same.size() + " of " + probes.size() + " follow-ups ended the same way.",
            numbers(probes));
  }

  // ---- TLS ----------------------------------------------------------------------------------

  /** The TLS version cause, or {@code null} when no version was tried. */
  private Finding tlsVersionCause() {
    List<Entry> probes = of(FollowUp.Kind.TLS_VERSION);
    if (probes.isEmpty()) {
      return null;
    }
    Set<TlsVersion> offered = baseline.spec().tlsOffer().versions();
    List<Entry> works = probes.stream().filter(e -> Outcomes.tlsComplete(e.result())).toList();
    Set<TlsVersion> worksV = new TreeSet<>();
    works.forEach(e -> worksV.add(e.planned().version()));
    if (worksV.isEmpty()) {
      return cause(
          CauseId.TLS_VERSION_UNSUPPORTED,
          Status.UNCONFIRMED,
          "No TLS version completes a handshake offered alone either ("
              + reasons(probes)
              + "), so the versions the client offers do not explain the failure by themselves.",
          numbers(probes),
          List.of());
    }
    Set<TlsVersion> common = new TreeSet<>(worksV);
    common.retainAll(offered);
    if (!common.isEmpty()) {
      return cause(
          CauseId.TLS_VERSION_UNSUPPORTED,
          Status.RULED_OUT,
          "Offered alone, "
              + Outcomes.versions(common)
              + " completes a handshake, and the client offered it: the TLS version is not why"
              + " the handshake failed.",
          numbers(works),
          List.of());
    }
    TlsVersion lowestOffered = offered.iterator().next();
    TlsVersion highestWorking = last(worksV);
    String what;
    List<String> advice;
    if (highestWorking.compareTo(lowestOffered) < 0) {
      what = "The server only speaks an old TLS version";
      advice = OLD_TLS_ADVICE;
    } else if (worksV.iterator().next().compareTo(last(offered)) > 0) {
      what = "The server only speaks a newer TLS version than the client offers";
      advice = NEW_TLS_ADVICE;
    } else {
      what = "The server speaks only TLS versions the client does not offer";
      advice = OLD_TLS_ADVICE;
    }
    List<Entry> failing = probes.stream().filter(e -> !Outcomes.tlsComplete(e.result())).toList();
    return cause(
        CauseId.TLS_VERSION_UNSUPPORTED,
        Status.CONFIRMED,
        what
            + ": offered alone, only "
            + Outcomes.versions(worksV)
            + " completes a handshake"
            + (failing.isEmpty() ? "" : " (" + reasons(failing) + ")")
            + ", while the client offered "
            + Outcomes.versions(offered)
            + ".",
        numbers(probes),
        advice);
  }

  /** The cipher cause, or {@code null} when no family was tried. */
  private Finding cipherCause() {
    List<Entry> probes = of(FollowUp.Kind.CIPHER_FAMILY);
    if (probes.isEmpty()) {
      return null;
    }
    List<Entry> works = probes.stream().filter(e -> Outcomes.tlsComplete(e.result())).toList();
    List<Entry> versionWorks =
        of(FollowUp.Kind.TLS_VERSION).stream()
            .filter(e -> Outcomes.tlsComplete(e.result()))
            .toList();
    if (works.isEmpty()) {
      if (!versionWorks.isEmpty()) {
        return cause(
            CauseId.NO_COMMON_CIPHER,
            Status.UNCONFIRMED,
            "No TLS 1.0 to 1.2 cipher family completes a handshake alone ("
                + reasons(probes)
                + "), but "
                + names(versionWorks)
                + " does: the families cannot tell.",
            numbers(probes),
            List.of());
      }
      List<Entry> all = new ArrayList<>(of(FollowUp.Kind.TLS_VERSION));
      all.addAll(probes);
      return cause(
          CauseId.NO_COMMON_CIPHER,
          Status.CONFIRMED,
          "The server refuses every TLS offer we can make: each TLS version alone and each"
              + " cipher family ("
              + Outcomes.and(probes.stream().map(e -> e.planned().family().title()).toList())
              + ") ended without a handshake ("
              + reasons(all)
              + "). Changing the client's offer will not help: the server's TLS setup leaves"
              + " nothing a Windows client offers.",
          numbers(all),
          SERVER_TLS_ADVICE);
    }
    List<String> offeredSuites = baseline.spec().tlsOffer().cipherSuites();
    Set<TlsVersion> offeredV = baseline.spec().tlsOffer().versions();
    List<Entry> suiteOffered =
        works.stream()
            .filter(e -> offeredSuites.contains(e.result().facts().tls().cipherSuite()))
            .toList();
    if (suiteOffered.isEmpty()) {
      return cause(
          CauseId.NO_COMMON_CIPHER,
          Status.CONFIRMED,
          "The server takes only "
              + Outcomes.and(works.stream().map(e -> e.planned().family().title()).toList())
              + " suites ("
              + Outcomes.and(
                  works.stream().map(e -> e.result().facts().tls().cipherSuite()).toList())
              + "), and the client offers none of them.",
          numbers(works),
          List.of(
              "Enable one of those suites on the clients (the 'SSL Cipher Suite Order' group"
                  + " policy), or better, a TLS 1.2 ECDHE suite with AES-GCM on the server."));
    }
    Entry first = suiteOffered.get(0);
    TlsSessionFacts tls = first.result().facts().tls();
    boolean versionOffered = tls.version() != null && offeredV.contains(tls.version());
    return cause(
        CauseId.NO_COMMON_CIPHER,
        Status.RULED_OUT,
        "The server completes a handshake with "
            + tls.cipherSuite()
            + ", which the client offers"
            + (versionOffered
                ? " too: the cipher suites are not the problem."
                : ", at "
                    + tls.version()
                    + ", which it does not: the version is the problem,"
                    + " not the suites."),
        numbers(suiteOffered),
        List.of());
  }

  private Finding tlsNotStarted(Cause c) {
    List<Entry> probes = new ArrayList<>(of(FollowUp.Kind.TLS_VERSION));
    probes.addAll(of(FollowUp.Kind.CIPHER_FAMILY));
    if (probes.isEmpty()) {
      return null;
    }
    List<Entry> works = probes.stream().filter(e -> Outcomes.tlsComplete(e.result())).toList();
    if (!works.isEmpty()) {
      return cause(
          c,
          Status.RULED_OUT,
          "The server does start TLS: offered alone, "
              + names(works)
              + " completes a handshake. It is the client's offer it will not answer.",
          numbers(works));
    }
    CloseKind kind = baseline.closed().kind();
    List<Entry> same =
        probes.stream()
            .filter(e -> e.result().closed().kind() == kind)
            .filter(e -> Outcomes.receivedAlert(e.result()).isEmpty())
            .toList();
    if (same.size() == probes.size()) {
      return cause(
          c,
          Status.CONFIRMED,
          c.title()
              + ": every ClientHello we sent (each TLS version alone, each cipher family) ended the"
              + " same way ("
              + Outcomes.shortReason(baseline)
              + ", without an alert): the server selects TLS but cannot run it.",
          numbers(probes));
    }
    return cause(
        c,
        Status.UNCONFIRMED,
        "The TLS offers alone ended in different ways (" + reasons(probes) + ").",
        numbers(probes));
  }

  private void observeTls() {
    List<Entry> versions = of(FollowUp.Kind.TLS_VERSION);
    if (!versions.isEmpty()) {
      findings.add(
          new Finding(
              Subject.TLS_VERSIONS,
              Status.OBSERVED,
              null,
              "Offered alone: " + tlsList(versions, e -> Outcomes.version(e.planned().version())),
              numbers(versions),
              List.of()));
    }
    List<Entry> families = of(FollowUp.Kind.CIPHER_FAMILY);
    if (!families.isEmpty()) {
      findings.add(
          new Finding(
              Subject.CIPHER_FAMILIES,
              Status.OBSERVED,
              null,
              "Offered alone: " + tlsList(families, e -> e.planned().family().title()),
              numbers(families),
              List.of()));
    }
  }

  private static String tlsList(
      List<Entry> probes, java.util.function.Function<Entry, String> name) {
    List<String> parts = new ArrayList<>();
    for (Entry e : probes) {
      TlsSessionFacts tls = e.result().facts().tls();
      parts.add(
          name.apply(e)
              + (Outcomes.tlsComplete(e.result())
                  ? " completes a handshake (" + tls.version() + ", " + tls.cipherSuite() + ")"
                  : " fails (" + Outcomes.shortReason(e.result()) + ")"));
    }
    return String.join("; ", parts) + ".";
  }

  // ---- silence and flights ------------------------------------------------------------------

  private Finding mtuCause() {
    Optional<Entry> small = first(FollowUp.Kind.SMALL_FLIGHT);
    Optional<Entry> full = first(FollowUp.Kind.FULL_FLIGHT);
    if (small.isEmpty() || full.isEmpty()) {
      return null;
    }
    boolean smallAnswered = !Outcomes.stalled(small.get().result());
    boolean fullAnswered = !Outcomes.stalled(full.get().result());
    List<Integer> both = List.of(small.get().number(), full.get().number());
    if (smallAnswered && !fullAnswered) {
      return cause(
          CauseId.PATH_MTU_BLACK_HOLE,
          Status.CONFIRMED,
          "Large packets are lost on the path: the small first flight ("
              + flight(small.get())
              + ") got an answer ("
              + small.get().followUp().outcome()
              + "), the full-size one ("
              + flight(full.get())
              + ") got none ("
              + full.get().followUp().outcome()
              + ").",
          both,
          MTU_ADVICE);
    }
    if (!smallAnswered && !fullAnswered) {
      return cause(
          CauseId.PATH_MTU_BLACK_HOLE,
          Status.RULED_OUT,
          "Even the small first flight ("
              + flight(small.get())
              + ") got no answer: the size is"
              + " not the problem.",
          both,
          List.of());
    }
    return cause(
        CauseId.PATH_MTU_BLACK_HOLE,
        Status.UNCONFIRMED,
        smallAnswered
            ? "Neither flight stalled this time: the stall comes and goes."
            : "The small flight stalled and the full-size one did not: the stall comes and goes,"
                + " not with the size.",
        both,
        List.of());
  }

  private Finding silenceCause() {
    Optional<Entry> small = first(FollowUp.Kind.SMALL_FLIGHT);
    Optional<Entry> full = first(FollowUp.Kind.FULL_FLIGHT);
    if (small.isPresent() && full.isPresent()) {
      boolean smallStalled = Outcomes.stalled(small.get().result());
      boolean fullStalled = Outcomes.stalled(full.get().result());
      List<Integer> both = List.of(small.get().number(), full.get().number());
      if (smallStalled && fullStalled) {
        return cause(
            CauseId.SERVER_SILENT,
            Status.CONFIRMED,
            "The server stops answering after our ClientHello whatever its size ("
                + flight(small.get())
                + " and "
                + flight(full.get())
                + ").",
            both,
            SILENT_ADVICE);
      }
      if (!smallStalled) {
        return cause(
            CauseId.SERVER_SILENT,
            Status.RULED_OUT,
            fullStalled
                ? "The server answers a small first flight ("
                    + small.get().followUp().outcome()
                    + "): it is not the server that falls silent."
                : "Both flights got an answer this time: the server does answer.",
            both,
            List.of());
      }
      return cause(
          CauseId.SERVER_SILENT,
          Status.UNCONFIRMED,
          "The small flight went unanswered and the full-size one did not: the silence comes and"
              + " goes.",
          both,
          List.of());
    }
    if (!Outcomes.stalled(baseline) || baseline.closed().phase() != Phase.X224_NEGOTIATION) {
      return null;
    }
    List<Entry> probes = of(FollowUp.Kind.PROTOCOL);
    if (probes.isEmpty()) {
      return null;
    }
    List<Entry> silent = probes.stream().filter(e -> Outcomes.stalled(e.result())).toList();
    if (silent.size() == probes.size()) {
      return cause(
          CauseId.SERVER_SILENT,
          Status.CONFIRMED,
          "The server stayed silent after every Connection Request, whatever it offered ("
              + names(probes)
              + " alone): it accepts TCP connections, but nothing answers RDP.",
          numbers(probes),
          SILENT_ADVICE);
    }
    List<Entry> answered = probes.stream().filter(e -> !Outcomes.stalled(e.result())).toList();
    return cause(
        CauseId.SERVER_SILENT,
        Status.RULED_OUT,
        "The server does answer: offered alone, "
            + names(answered)
            + " got an answer; see the security protocols.",
        numbers(answered),
        List.of());
  }

  private void observeFlights() {
    Optional<Entry> small = first(FollowUp.Kind.SMALL_FLIGHT);
    Optional<Entry> full = first(FollowUp.Kind.FULL_FLIGHT);
    if (small.isEmpty() || full.isEmpty()) {
      return;
    }
    findings.add(
        new Finding(
            Subject.FIRST_FLIGHT,
            Status.OBSERVED,
            null,
            "Small first flight ("
                + flight(small.get())
                + "): "
                + small.get().followUp().outcome()
                + "; full-size ("
                + flight(full.get())
                + "): "
                + full.get().followUp().outcome()
                + ".",
            List.of(small.get().number(), full.get().number()),
            List.of()));
  }

  private static String flight(Entry e) {
    int n = Outcomes.clientHelloLength(e.result());
    return n < 0 ? "no ClientHello sent" : "ClientHello of " + Outcomes.bytes(n);
  }

  // ---- the verdict --------------------------------------------------------------------------

  private String text(List<Finding> ordered) {
    StringBuilder t = new StringBuilder(codeSentence());
    Optional<Finding> confirmed =
        ordered.stream().filter(f -> f.status() == Status.CONFIRMED).findFirst();
    if (confirmed.isPresent()) {
      Finding f = confirmed.get();
      t.append(" Confirmed: ").append(f.text());
      long more = ordered.stream().filter(x -> x.status() == Status.CONFIRMED).count() - 1;
      if (more > 0) {
        t.append(" (and ")
            .append(more)
            .append(" more confirmed finding")
            .append(more == 1 ? "" : "s")
            .append(" below)");
      }
      if (!f.advice().isEmpty()) {
        t.append(" What to do: ").append(f.advice().get(0));
      }
    } else if (diagnosis.isFailure()) {
      Optional<Cause> top = diagnosis.topCause();
      if (top.isPresent()) {
        t.append(" The follow-ups confirm no cause; the most likely one is still: ")
            .append(top.get().title())
            .append(", because ")
            .append(top.get().why())
            .append('.');
        if (!top.get().advice().isEmpty()) {
          t.append(" What to check: ").append(top.get().advice().get(0));
        }
      } else {
        t.append(" Neither the diagnosis nor the follow-ups name a cause.");
      }
    } else {
      t.append(" Nothing to fix in the steps probed.");
    }
    List<String> ruledOut =
        ordered.stream()
            .filter(f -> f.status() == Status.RULED_OUT && f.cause() != null)
            .map(f -> f.cause().title())
            .toList();
    if (!ruledOut.isEmpty()) {
      t.append(" Ruled out: ").append(String.join("; ", ruledOut)).append('.');
    }
    if (confirmed.isEmpty() || confirmed.get().subject() != Subject.SECURITY_PROTOCOLS) {
      ordered.stream()
          .filter(f -> f.subject() == Subject.SECURITY_PROTOCOLS)
          .findFirst()
          .ifPresent(f -> t.append(' ').append(f.text()));
    }
    return t.toString();
  }

  private String codeSentence() {
    ClientCode code = diagnosis.clientCode();
    String who = "A Windows client connecting to " + spec.target();
    return switch (code.basis()) {
      case NO_ERROR ->
          who + " would get through every step probed (up to " + diagnosis.phase() + "): no error.";
      case MODEL ->
          who
              + " would show error code "
              + code.discReason().hex()
              + " with extended error code "
              + code.extendedReason().hex()
              + " ("
              + code.discReason().name()
              + ", "
              + code.extendedReason().name()
              + ").";
      case NO_DOCUMENTED_CODE ->
          who
              + " would fail in "
              + diagnosis.phase()
              + " with no documented error code: "
              + code.message()
              + (code.message().endsWith(".") ? "" : ".");
      case NOT_APPLICABLE ->
          "The baseline probe itself failed ("
              + baseline.closed().detail()
              + "), so it says nothing about what a Windows client would see.";
    };
  }

  // ---- helpers ------------------------------------------------------------------------------

  private List<Entry> of(FollowUp.Kind kind) {
    return entries.stream().filter(e -> e.followUp().kind() == kind).toList();
  }

  private Optional<Entry> first(FollowUp.Kind kind) {
    return of(kind).stream().findFirst();
  }

  private boolean isTopOfGroup(Cause c, Set<CauseId> group) {
    return topOfGroup(group).id() == c.id();
  }

  private Cause topOfGroup(Set<CauseId> group) {
    return diagnosis.causes().stream()
        .filter(x -> group.contains(x.id()))
        .findFirst()
        .orElseThrow();
  }

  private static Finding cause(Cause c, Status status, String text, List<Integer> followUps) {
    return new Finding(
        Subject.CAUSE,
        status,
        c.id(),
        text,
        followUps,
        status == Status.CONFIRMED ? c.advice() : List.of());
  }

  private Finding cause(
      CauseId id, Status status, String text, List<Integer> followUps, List<String> advice) {
    // the doctor's advice is the more specific; without it, the diagnosis's for the cause
    List<String> all = new ArrayList<>(advice);
    if (status == Status.CONFIRMED && all.isEmpty()) {
      diagnosis.causes().stream()
          .filter(c -> c.id() == id)
          .findFirst()
          .ifPresent(c -> all.addAll(c.advice()));
    }
    return new Finding(
        Subject.CAUSE, status, id, text, followUps, status == Status.CONFIRMED ? all : List.of());
  }

  /** The doctor's finding for a cause of the diagnosis, re-keyed to it, or not tested. */
  private static Finding orNotTested(Cause c, Finding f) {
    if (f == null) {
      return cause(
          c, Status.NOT_TESTED, "No follow-up tests this cause: " + c.why() + ".", List.of());
    }
    return f;
  }

  private static List<Integer> numbers(List<Entry> entries) {
    return entries.stream().map(Entry::number).toList();
  }

  private static String names(List<Entry> entries) {
    return Outcomes.and(entries.stream().map(Assessor::name).toList());
  }

  private static String name(Entry e) {
    Planned p = e.planned();
    if (p.protocol() != null) {
      return p.protocol().toString();
    }
    if (p.version() != null) {
      return Outcomes.version(p.version());
    }
    if (p.family() != null) {
      return p.family().title();
    }
    if (p.address() != null) {
      return p.address().getHostAddress();
    }
    return p.tested();
  }

  /** {@code TLS 1.1, TLS 1.2: protocol_version alert; TLS 1.3: reset}, grouped by reason. */
  private static String reasons(List<Entry> entries) {
    Map<String, List<String>> byReason = new LinkedHashMap<>();
    for (Entry e : entries) {
      String reason =
          Outcomes.tlsComplete(e.result()) ? "complete" : Outcomes.shortReason(e.result());
      byReason.computeIfAbsent(reason, k -> new ArrayList<>()).add(name(e));
    }
    List<String> parts = new ArrayList<>();
    byReason.forEach((reason, names) -> parts.add(Outcomes.and(names) + ": " + reason));
    return String.join("; ", parts);
  }

  private static TlsVersion last(Set<TlsVersion> versions) {
    TlsVersion l = null;
    for (TlsVersion v : versions) {
      l = v;
    }
    return l;
  }
}
