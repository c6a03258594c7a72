package dev.rdpprobe.doctor;

import dev.rdpprobe.doctor.Finding.Status;
import dev.rdpprobe.doctor.Finding.Subject;
import java.util.List;
import java.util.Optional;

/**
 * Follow-ups turned away while another connection was open, run again alone: whether the server
 * limits how many connections one client may have open at once.
 */
final class ConnectionsConfirmation implements Confirmation {
  @Override
  public Optional<Finding> observe(Context ctx) {
    if (ctx.connectionsNote() == null) {
      return Optional.empty();
    }
    return Optional.of(
        new Finding(
            Subject.CONNECTIONS,
            Status.OBSERVED,
            null,
            ctx.connectionsNote(),
            ctx.followUps().stream()
                .filter(p -> p.followUp().repeatedAlone())
                .map(Probed::number)
                .toList(),
            List.of()));
  }
}
