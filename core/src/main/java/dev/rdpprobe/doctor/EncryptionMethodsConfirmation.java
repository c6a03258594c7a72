package dev.rdpprobe.doctor;

import dev.rdpprobe.ProbeResult;
import dev.rdpprobe.diagnose.Remedy;
import dev.rdpprobe.doctor.Finding.Status;
import dev.rdpprobe.doctor.Finding.Subject;
import dev.rdpprobe.facts.StandardSecurityFacts;
import dev.rdpprobe.rdpsec.EncryptionMethod;
import dev.rdpprobe.wire.gcc.EncryptionLevel;
import dev.rdpprobe.wire.x224.SecurityProtocols;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Standard RDP Security's encryption methods offered one at a time (40-, 56-, 128-bit RC4, FIPS,
 * none): which ones the server takes and at which level, and the exposures the security protocols
 * and methods offered alone show, each a finding with a subject of its own that scanners can match
 * ({@link Subject#STANDARD_SECURITY_ONLY}, {@link Subject#WEAK_RDP_ENCRYPTION}, {@link
 * Subject#NO_RDP_ENCRYPTION}, {@link Subject#FIPS_NOT_REQUIRED}, {@link Subject#TLS_NOT_REQUIRED},
 * {@link Subject#NLA_NOT_REQUIRED}).
 *
 * <p>A method counts as taken only when the server's Security Data selects that very method: xrdp
 * 0.9 answers a client whose offer lacks its method with its own method all the same (it logs
 * "Client and server do not both support the same encryption" and goes on), which a scanner that
 * counts every Connect Response as acceptance reports as support.
 */
final class EncryptionMethodsConfirmation implements Confirmation {
  @Override
  public List<Finding> observations(Context ctx) {
    List<Finding> out = new ArrayList<>();
    List<Probed> methods = ctx.of(FollowUp.Kind.ENCRYPTION_METHOD);
    List<EncryptionMethod> taken = new ArrayList<>();
    for (Probed p : methods) {
      taken(p).ifPresent(taken::add);
    }
    if (!methods.isEmpty()) {
      out.add(methodsFinding(methods));
    }
    List<Probed> protocols = ctx.of(FollowUp.Kind.PROTOCOL);
    boolean rdp = accepted(protocols, SecurityProtocols.RDP);
    boolean ssl = accepted(protocols, SecurityProtocols.SSL);
    boolean nla =
        accepted(protocols, SecurityProtocols.HYBRID)
            || accepted(protocols, SecurityProtocols.HYBRID_EX);
    boolean rdstls = accepted(protocols, SecurityProtocols.RDSTLS);
    List<Integer> protocolNumbers = Probed.numbers(protocols);
    if (rdp && !ssl && !nla && !rdstls) {
      out.add(
          exposure(
              Subject.STANDARD_SECURITY_ONLY,
              "Offered alone, the server takes Standard RDP Security and no other security"
                  + " protocol: clients cannot authenticate it.",
              protocolNumbers,
              Remedy.STANDARD_SECURITY_ONLY));
    }
    List<Integer> methodNumbers = Probed.numbers(methods);
    List<String> weak = new ArrayList<>();
    for (EncryptionMethod m : taken) {
      if (m == EncryptionMethod.RC4_40 || m == EncryptionMethod.RC4_56) {
        weak.add(name(m));
      }
    }
    if (!weak.isEmpty()) {
      out.add(
          exposure(
              Subject.WEAK_RDP_ENCRYPTION,
              "The server takes " + Outcomes.and(weak) + " under Standard RDP Security.",
              methodNumbers,
              Remedy.WEAK_RDP_ENCRYPTION));
    }
    if (taken.contains(EncryptionMethod.NONE)) {
      out.add(
          exposure(
              Subject.NO_RDP_ENCRYPTION,
              "The server takes Standard RDP Security without encryption (level NONE).",
              methodNumbers,
              Remedy.NO_RDP_ENCRYPTION));
    }
    if (taken.contains(EncryptionMethod.FIPS) && taken.size() > 1) {
      out.add(
          exposure(
              Subject.FIPS_NOT_REQUIRED,
              "The server takes FIPS, and "
                  + Outcomes.and(
                      taken.stream()
                          .filter(m -> m != EncryptionMethod.FIPS)
                          .map(EncryptionMethodsConfirmation::name)
                          .toList())
                  + " as well.",
              methodNumbers,
              Remedy.FIPS_NOT_REQUIRED));
    }
    if (ssl && rdp) {
      out.add(
          exposure(
              Subject.TLS_NOT_REQUIRED,
              "Offered alone, the server takes TLS and Standard RDP Security as well.",
              protocolNumbers,
              Remedy.TLS_NOT_REQUIRED));
    }
    if (nla && (ssl || rdp)) {
      out.add(
          exposure(
              Subject.NLA_NOT_REQUIRED,
              "Offered alone, the server takes Network Level Authentication and "
                  + (ssl && rdp
                      ? "TLS and Standard RDP Security"
                      : ssl ? "TLS" : "Standard RDP" + " Security")
                  + " without it as well.",
              protocolNumbers,
              Remedy.NLA_NOT_REQUIRED));
    }
    return out;
  }

  /** The observation: each method, taken or what the server did instead, and the level. */
  private static Finding methodsFinding(List<Probed> methods) {
    List<String> taken = new ArrayList<>();
    Map<String, List<String>> others = new LinkedHashMap<>();
    EncryptionLevel level = null;
    for (Probed p : methods) {
      StandardSecurityFacts f = p.result().facts().standardSecurity();
      if (f != null && level == null) {
        level = f.level();
      }
      Optional<EncryptionMethod> m = taken(p);
      String name = name(offered(p));
      if (m.isPresent()) {
        taken.add(name);
      } else {
        others.computeIfAbsent(refusal(p), k -> new ArrayList<>()).add(name);
      }
    }
    StringBuilder t =
        new StringBuilder("Offered alone under Standard RDP Security, ")
            .append(
                taken.isEmpty()
                    ? "the server takes none of the encryption methods"
                    : "the server takes " + Outcomes.and(taken));
    if (level != null) {
      t.append(" (encryption level ").append(level).append(')');
    }
    if (!others.isEmpty()) {
      List<String> groups = new ArrayList<>();
      others.forEach((reason, names) -> groups.add(Outcomes.and(names) + ": " + reason));
      t.append("; ").append(String.join("; ", groups));
    }
    t.append('.');
    return new Finding(
        Subject.ENCRYPTION_METHODS,
        Status.OBSERVED,
        null,
        t.toString(),
        Probed.numbers(methods),
        List.of());
  }

  /** The method a follow-up offered alone (NONE: an empty offer), from its MCS Connect Initial. */
  private static EncryptionMethod offered(Probed p) {
    StandardSecurityFacts f = p.result().facts().standardSecurity();
    if (f != null) {
      try {
        return EncryptionMethod.of(f.offeredMethods());
      } catch (IllegalArgumentException e) {
        // not one method: not a follow-up of this family
      }
    }
    return EncryptionMethod.of(p.planned().spec().connectorConfig().encryptionMethods());
  }

  /**
   * The method a follow-up offered, when the server's Security Data selected that very method
   * (method and level NONE together for an empty offer).
   */
  static Optional<EncryptionMethod> taken(Probed p) {
    ProbeResult r = p.result();
    StandardSecurityFacts f = r.facts().standardSecurity();
    if (!r.reachedStopPoint() || f == null) {
      return Optional.empty();
    }
    EncryptionMethod offered = offered(p);
    return f.method().bits() == offered.toEncryptionMethods().bits()
        ? Optional.of(offered)
        : Optional.empty();
  }

  /** What the server did with an offer it did not take, in a few words. */
  private static String refusal(Probed p) {
    StandardSecurityFacts f = p.result().facts().standardSecurity();
    if (f != null && p.result().facts().basicSettings() != null) {
      return "answered with "
          + f.selectedMethod()
              .map(EncryptionMethodsConfirmation::name)
              .orElse(f.method().toString())
          + ", which was not offered";
    }
    return ProtocolsConfirmation.reason(p);
  }

  private static boolean accepted(List<Probed> protocols, SecurityProtocols protocol) {
    return protocols.stream()
        .anyMatch(p -> protocol.equals(p.planned().protocol()) && p.acceptedAlone());
  }

  private static Finding exposure(
      Subject subject, String text, List<Integer> followUps, Remedy remedy) {
    return new Finding(subject, Status.CONFIRMED, null, text, followUps, remedy.steps());
  }

  /** {@code 40-bit RC4}, {@code FIPS}, {@code no encryption}. */
  static String name(EncryptionMethod m) {
    return switch (m) {
      case NONE -> "no encryption";
      case RC4_40 -> "40-bit RC4";
      case RC4_56 -> "56-bit RC4";
      case RC4_128 -> "128-bit RC4";
      case FIPS -> "FIPS";
    };
  }
}
