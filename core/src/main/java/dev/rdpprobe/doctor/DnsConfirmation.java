package dev.rdpprobe.doctor;

import dev.rdpprobe.diagnose.Cause;
import dev.rdpprobe.diagnose.CauseId;
import dev.rdpprobe.doctor.Finding.Status;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** A name that did not resolve, weighed against the doctor's own lookup of it. */
final class DnsConfirmation implements Confirmation {
  @Override
  public Set<CauseId> causes() {
    return Set.of(CauseId.DNS_NAME_NOT_FOUND);
  }

  @Override
  public Optional<Finding> confirm(Cause c, Context ctx) {
    String host = ctx.spec().host();
    return Optional.of(
        ctx.lookupFailure() != null
            ? Findings.on(
                c,
                Status.CONFIRMED,
                host
                    + " does not resolve: the doctor's own lookup failed too ("
                    + ctx.lookupFailure()
                    + ").",
                List.of())
            : Findings.on(
                c,
                Status.UNCONFIRMED,
                "The doctor's own lookup of "
                    + host
                    + " succeeded ("
                    + Outcomes.and(
                        ctx.addresses().stream().map(InetAddress::getHostAddress).toList())
                    + "): the failure comes and goes.",
                List.of()));
  }
}
