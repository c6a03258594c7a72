package dev.rdpprobe.doctor;

import dev.rdpprobe.diagnose.ClientCode;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The doctor's conclusion: what a Windows client would show for the baseline, the findings in order
 * (confirmed problems first, then what was ruled out, then what could not be settled, then facts),
 * and all of it in a paragraph for a Windows administrator.
 *
 * @param clientCode what a Windows client would report for the baseline (its code pair, or that it
 *     would carry on)
 * @param findings the conclusions, confirmed ones first
 * @param text one paragraph: the codes, the confirmed cause or the most likely one, and the next
 *     step
 */
public record Verdict(ClientCode clientCode, List<Finding> findings, String text) {
  public Verdict {
    Objects.requireNonNull(clientCode, "clientCode");
    findings = List.copyOf(findings);
    Objects.requireNonNull(text, "text");
  }

  /** The findings with this status, in order. */
  public List<Finding> withStatus(Finding.Status status) {
    return findings.stream().filter(f -> f.status() == status).toList();
  }

  /** The first confirmed finding, if any: the problem to fix first. */
  public Optional<Finding> firstConfirmed() {
    return withStatus(Finding.Status.CONFIRMED).stream().findFirst();
  }
}
