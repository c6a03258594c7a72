package dev.rdpprobe.doctor;

import dev.rdpprobe.diagnose.Cause;
import dev.rdpprobe.diagnose.CauseId;
import dev.rdpprobe.doctor.Finding.Status;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Weighs the follow-ups against the baseline's diagnosis, as the diagnoser weighs a trace against
 * its rules: each {@link Confirmation} answers for one family of causes or one fact about the
 * server. Every cause the diagnosis named gets its family's finding (not tested when no family
 * weighs it); a cause it did not name gets a finding only when the follow-ups confirm it, or rule
 * it out for a baseline that failed. A pure function of the results.
 */
final class Assessor {
  /** In the order their facts are listed: addresses, protocols, TLS, flights, connections. */
  static final List<Confirmation> CONFIRMATIONS =
      List.of(
          new AddressesConfirmation(),
          new ProtocolsConfirmation(),
          new DowngradeConfirmation(),
          new DnsConfirmation(),
          new TcpConfirmation(),
          new ListenerConfirmation(),
          new NegotiationConfirmation(),
          new TlsVersionConfirmation(),
          new CipherConfirmation(),
          new RefusedClientsConfirmation(),
          new WeakTlsConfirmation(),
          new TlsStartConfirmation(),
          new TlsCutConfirmation(),
          new FirstFlightConfirmation(),
          new SilenceConfirmation(),
          new ConnectionsConfirmation(),
          new EncryptionMethodsConfirmation());

  private static final Map<CauseId, Confirmation> FAMILY = new EnumMap<>(CauseId.class);

  static {
    for (Confirmation c : CONFIRMATIONS) {
      for (CauseId id : c.causes()) {
        if (FAMILY.putIfAbsent(id, c) != null) {
          throw new IllegalStateException(id + " belongs to two families");
        }
      }
    }
  }

  private Assessor() {}

  /**
   * The verdict: findings ordered by status (confirmed first); within a status, facts about the
   * server first, then causes as the diagnosis ranked them, then those it did not name.
   */
  static Verdict verdict(Context ctx) {
    Map<CauseId, Finding> causes = new LinkedHashMap<>();
    for (Cause c : ctx.diagnosis().causes()) {
      causes.put(
          c.id(),
          Optional.ofNullable(FAMILY.get(c.id()))
              .flatMap(family -> family.confirm(c, ctx))
              .orElseGet(() -> Findings.notTested(c)));
    }
    List<Finding> ordered = new ArrayList<>();
    for (Confirmation family : CONFIRMATIONS) {
      ordered.addAll(family.observations(ctx));
      for (CauseId id : family.causes()) {
        if (!causes.containsKey(id)) {
          family.settle(id, ctx).filter(f -> settled(f, ctx)).ifPresent(f -> causes.put(id, f));
        }
      }
    }
    ordered.addAll(causes.values());
    ordered.sort(Comparator.comparing(Finding::status)); // stable
    return new Verdict(ctx.diagnosis().clientCode(), ordered, VerdictText.of(ctx, ordered));
  }

  /**
   * Whether the follow-ups settle a cause nobody named: confirmed, or ruled out for a baseline that
   * failed (where the baseline went through, nothing needed ruling out).
   */
  private static boolean settled(Finding f, Context ctx) {
    return f.status() == Status.CONFIRMED
        || (f.status() == Status.RULED_OUT && ctx.diagnosis().isFailure());
  }
}
