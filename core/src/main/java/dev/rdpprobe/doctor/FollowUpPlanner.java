package dev.rdpprobe.doctor;

import dev.rdpprobe.ProbeResult;
import dev.rdpprobe.ProbeSpec;
import dev.rdpprobe.diagnose.CauseId;
import dev.rdpprobe.diagnose.Diagnosis;
import dev.rdpprobe.rdpsec.EncryptionMethod;
import dev.rdpprobe.tls.TlsOffer;
import dev.rdpprobe.tls.TlsVersion;
import dev.rdpprobe.trace.CloseKind;
import dev.rdpprobe.trace.Phase;
import dev.rdpprobe.wire.x224.SecurityProtocols;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Plans the follow-ups from the baseline: which probes can confirm or rule out its causes, and
 * which questions are left (with why). A pure function of the baseline and its diagnosis.
 */
final class FollowUpPlanner {
  private FollowUpPlanner() {}

  /** The security protocols offered one at a time, as an enumeration does. */
  static final List<SecurityProtocols> PROTOCOLS =
      List.of(
          SecurityProtocols.RDP,
          SecurityProtocols.SSL,
          SecurityProtocols.HYBRID,
          SecurityProtocols.HYBRID_EX,
          SecurityProtocols.RDSTLS);

  /** The smallest ClientHello worth sending: TLS 1.2, three common suites, no SNI. */
  static final TlsOffer SMALL_OFFER =
      new TlsOffer(
          EnumSet.of(TlsVersion.TLS_1_2),
          List.of(
              "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
              "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
              "TLS_RSA_WITH_AES_128_GCM_SHA256"),
          false);

  /** What the UDP follow-up is called in a report. */
  static final String UDP_PROBE = "UDP multitransport probe";

  /**
   * One planned follow-up, with the one thing it varies.
   *
   * @param protocol the protocol offered alone, for {@code PROTOCOL}
   * @param version the TLS version offered alone, for {@code TLS_VERSION}
   * @param family the cipher family offered alone, for {@code CIPHER_FAMILY}
   * @param address the address, for {@code ADDRESS}
   */
  record Planned(
      FollowUp.Kind kind,
      String tested,
      ProbeSpec spec,
      SecurityProtocols protocol,
      TlsVersion version,
      CipherFamily family,
      InetAddress address) {
    /** A follow-up that varies nothing a field here names (a flight size, the UDP probe). */
    Planned(FollowUp.Kind kind, String tested, ProbeSpec spec) {
      this(kind, tested, spec, null, null, null, null);
    }
  }

  /**
   * What Standard RDP Security is offered with, one connection each: each encryption method of
   * CS_SECURITY alone, and none at all.
   */
  static final List<EncryptionMethod> ENCRYPTION_METHODS =
      List.of(
          EncryptionMethod.RC4_40,
          EncryptionMethod.RC4_56,
          EncryptionMethod.RC4_128,
          EncryptionMethod.FIPS,
          EncryptionMethod.NONE);

  /** Planned follow-ups and the questions left out. */
  record Plan(List<Planned> probes, List<NotRun> notRun) {}

  /**
   * Standard RDP Security offered alone with each encryption method alone (and with none), against
   * {@code target}, each stopping after the server's Security Data: which methods the server takes
   * and its level.
   */
  static List<Planned> encryptionMethods(ProbeSpec baseline, InetAddress target) {
    List<Planned> out = new ArrayList<>();
    ProbeSpec base =
        baseline.toBuilder()
            .address(target)
            .requestedProtocols(SecurityProtocols.RDP)
            .stopAfter(Phase.BASIC_SETTINGS)
            .build();
    for (EncryptionMethod m : ENCRYPTION_METHODS) {
      out.add(
          new Planned(
              FollowUp.Kind.ENCRYPTION_METHOD,
              "offer RDP only, encryption method " + m + " only",
              base.toBuilder().encryptionMethods(m.toEncryptionMethods()).build()));
    }
    return out;
  }

  /** The baseline again on each address but the first. */
  static List<Planned> addresses(ProbeSpec baseline, List<InetAddress> addresses) {
    List<Planned> out = new ArrayList<>();
    for (int i = 1; i < addresses.size(); i++) {
      InetAddress a = addresses.get(i);
      out.add(
          new Planned(
              FollowUp.Kind.ADDRESS,
              "address " + a.getHostAddress(),
              baseline.toBuilder().address(a).build(),
              null,
              null,
              null,
              a));
    }
    return out;
  }

  /**
   * The follow-ups that vary the offer, run against {@code target} (an address that took a TCP
   * connection), or none with why when there is no such address.
   */
  static Plan offers(ProbeSpec baseline, ProbeResult result, Diagnosis d, InetAddress target) {
    List<Planned> out = new ArrayList<>();
    List<NotRun> notRun = new ArrayList<>();
    if (target == null) {
      notRun.add(
          new NotRun(
              "security protocols, TLS versions, cipher families and first-flight sizes",
              result.closed().kind() == CloseKind.DNS_FAILURE
                  ? "the host name does not resolve"
                  : "no address of the host accepted a TCP connection, so no offer can make a"
                      + " difference"));
      notRun.add(new NotRun(UDP_PROBE, "no address of the host accepted a TCP connection"));
      return new Plan(out, notRun);
    }
    ProbeSpec base = baseline.toBuilder().address(target).build();
    for (SecurityProtocols p : PROTOCOLS) {
      out.add(
          new Planned(
              FollowUp.Kind.PROTOCOL,
              "offer " + p + " only",
              base.toBuilder().requestedProtocols(p).stopAfter(Phase.X224_NEGOTIATION).build(),
              p,
              null,
              null,
              null));
    }
    boolean failedInTls = !result.reachedStopPoint() && d.phase() == Phase.TLS_HANDSHAKE;
    boolean stalled =
        Outcomes.stalled(result)
            || d.causes().stream().anyMatch(c -> c.id() == CauseId.PATH_MTU_BLACK_HOLE);
    boolean sni = baseline.tlsOffer().sni();
    // which clients the server refuses matters even when the baseline's own offer goes through
    boolean tlsSelected =
        result.facts().negotiation() != null
            && result.facts().negotiation().accepted()
            && result.facts().negotiation().selectedProtocol().usesTls();
    if ((failedInTls || tlsSelected) && !stalled) {
      for (TlsVersion v : TlsVersion.values()) {
        out.add(
            new Planned(
                FollowUp.Kind.TLS_VERSION,
                Outcomes.version(v) + " only",
                base.toBuilder()
                    .tlsOffer(TlsOffer.only(v).withSni(sni))
                    .stopAfter(Phase.TLS_HANDSHAKE)
                    .build(),
                null,
                v,
                null,
                null));
      }
      for (CipherFamily f : CipherFamily.values()) {
        out.add(
            new Planned(
                FollowUp.Kind.CIPHER_FAMILY,
                "cipher family " + f.title() + " only",
                base.toBuilder().tlsOffer(f.offer(sni)).stopAfter(Phase.TLS_HANDSHAKE).build(),
                null,
                null,
                f,
                null));
      }
    } else {
      notRun.add(
          new NotRun(
              "TLS versions and cipher families offered alone",
              stalled && failedInTls
                  ? "the baseline stalled in the TLS handshake rather than being refused: the"
                      + " first-flight sizes ask the question instead"
                  : stalled
                      ? "the baseline stalled before its TLS handshake"
                      : "the server did not select TLS for the baseline, so its TLS handshake"
                          + " was never reached"));
    }
    if (failedInTls && stalled) {
      TlsOffer full = fullOffer(baseline.tlsOffer());
      out.add(
          new Planned(
              FollowUp.Kind.SMALL_FLIGHT,
              "small first flight (ClientHello with TLS 1.2, "
                  + SMALL_OFFER.cipherSuites().size()
                  + " suites, no SNI)",
              base.toBuilder().tlsOffer(SMALL_OFFER).stopAfter(Phase.TLS_HANDSHAKE).build()));
      out.add(
          new Planned(
              FollowUp.Kind.FULL_FLIGHT,
              "full-size first flight (ClientHello with TLS 1.0 to 1.3, "
                  + full.cipherSuites().size()
                  + " suites, SNI)",
              base.toBuilder().tlsOffer(full).stopAfter(Phase.TLS_HANDSHAKE).build()));
    } else {
      notRun.add(
          new NotRun(
              "small and full-size first flight",
              "the baseline did not stall in the TLS handshake"
                  + (Outcomes.stalled(result) ? " (it stalled before it)" : "")));
    }
    if (result.facts().channels() != null
        && result.facts().negotiation().selectedProtocol().usesTls()) {
      out.add(
          new Planned(
              FollowUp.Kind.UDP,
              UDP_PROBE + " (multitransport advertised, one RDP-UDP SYN when the server asks)",
              base.toBuilder()
                  .multitransport(true)
                  .udpProbe(true, baseline.udpTimeout())
                  .stopAfter(Phase.CAPABILITIES)
                  .build()));
    } else {
      notRun.add(
          new NotRun(
              UDP_PROBE,
              "the baseline did not get through the channel joins over TLS, after which a server"
                  + " asks for UDP"));
    }
    return new Plan(out, notRun);
  }

  /** The largest ClientHello the probe makes: every version, the offer's suites then Windows'. */
  static TlsOffer fullOffer(TlsOffer base) {
    Set<String> suites = new LinkedHashSet<>(base.cipherSuites());
    suites.addAll(TlsOffer.WINDOWS_CIPHER_SUITES);
    return new TlsOffer(EnumSet.allOf(TlsVersion.class), new ArrayList<>(suites), true);
  }
}
