package dev.rdpprobe.diagnose;

import dev.rdpprobe.trace.CloseKind;
import java.util.List;

/** The host name did not resolve. */
final class DnsFailureRule implements Rule {
  @Override
  public List<Cause> evaluate(TraceView view) {
    if (view.closed().kind() != CloseKind.DNS_FAILURE) {
      return List.of();
    }
    return List.of(
        new Cause(
            CauseId.DNS_NAME_NOT_FOUND,
            Confidence.HIGH,
            "the resolver found no address for the name, so no connection was tried",
            List.of(
                new Evidence(
                    view.closedIndex(),
                    "name resolution failed after "
                        + TraceView.duration(view.closed().nanos())
                        + ": "
                        + view.closed().detail())),
            List.of(
                "Check the spelling of the name and whether it needs a domain suffix (a short name"
                    + " resolves only where the suffix search list has the right domain).",
                "Resolve the name from the same machine and network with nslookup or"
                    + " Resolve-DnsName, against the DNS server the client actually uses.",
                "For an internal name reached over a VPN, check that the VPN hands out the internal"
                    + " DNS servers (split DNS) and that the record exists there.",
                "Probe the IP address directly to confirm that everything after DNS works.")));
  }
}
