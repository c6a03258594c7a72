package dev.rdpprobe.doctor;

import dev.rdpprobe.diagnose.Cause;
import dev.rdpprobe.diagnose.CauseId;
import dev.rdpprobe.doctor.Finding.Status;
import dev.rdpprobe.trace.CloseKind;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A TCP connect that failed (refused, unanswered, unreachable), weighed against the other addresses
 * of the name. From outside, the causes of one ending look alike: the diagnosis's most likely one
 * is confirmed, the others stay unconfirmed.
 */
final class TcpConfirmation implements Confirmation {
  @Override
  public Set<CauseId> causes() {
    return EnumSet.of(
        CauseId.NOT_LISTENING,
        CauseId.FIREWALL_REJECTS,
        CauseId.PORT_FILTERED,
        CauseId.HOST_UNREACHABLE);
  }

  @Override
  public Optional<Finding> confirm(Cause c, Context ctx) {
    List<Probed> others = ctx.of(FollowUp.Kind.ADDRESS);
    CloseKind kind = ctx.baseline().closed().kind();
    List<Probed> same = others.stream().filter(p -> p.result().closed().kind() == kind).toList();
    Cause top = ctx.topOf(causes());
    if (top.id() != c.id()) {
      return Optional.of(
          Findings.lookalike(
              c, top, "only a look at the server tells them apart", Probed.numbers(same)));
    }
    List<String> where = new ArrayList<>();
    if (!ctx.addresses().isEmpty()) {
      where.add(ctx.addresses().get(0).getHostAddress());
    }
    same.forEach(p -> where.add(p.name()));
    boolean everywhere = same.size() == others.size();
    String ending = Outcomes.describe(ctx.baseline());
    int port = ctx.spec().port();
    String text =
        everywhere && where.size() > 1
            ? c.title()
                + ": on every address of "
                + ctx.spec().host()
                + " ("
                + Outcomes.and(where)
                + "), a connection to port "
                + port
                + " ended the same way ("
                + ending
                + ")."
            : c.title()
                + " at "
                + Outcomes.and(where)
                + " port "
                + port
                + " ("
                + ending
                + ")."
                + (everywhere ? "" : " Other addresses of the name behave differently.");
    return Optional.of(Findings.on(c, Status.CONFIRMED, text, Probed.numbers(same)));
  }
}
