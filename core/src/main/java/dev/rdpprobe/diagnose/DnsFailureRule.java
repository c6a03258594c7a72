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
                        + Words.duration(view.closed().nanos())
                        + ": "
                        + view.closed().detail())),
            Remedy.DNS_NAME_NOT_FOUND));
  }
}
