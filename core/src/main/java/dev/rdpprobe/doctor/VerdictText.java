package dev.rdpprobe.doctor;

import dev.rdpprobe.diagnose.Cause;
import dev.rdpprobe.diagnose.ClientCode;
import dev.rdpprobe.diagnose.Diagnosis;
import dev.rdpprobe.doctor.Finding.Status;
import dev.rdpprobe.doctor.Finding.Subject;
import dev.rdpprobe.trace.CloseKind;
import java.util.List;
import java.util.Optional;

/**
 * The verdict's paragraph: what a Windows client would show, the first confirmed finding and its
 * first step (or the diagnosis's most likely cause), what was ruled out, and which protocols the
 * server accepts.
 */
final class VerdictText {
  private VerdictText() {}

  static String of(Context ctx, List<Finding> ordered) {
    Diagnosis diagnosis = ctx.diagnosis();
    StringBuilder t = new StringBuilder(codeSentence(ctx));
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

  private static String codeSentence(Context ctx) {
    Diagnosis diagnosis = ctx.diagnosis();
    ClientCode code = diagnosis.clientCode();
    String who = "A Windows client connecting to " + ctx.spec().target();
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
          ctx.baseline().closed().kind() == CloseKind.NOT_FOLLOWED
              ? code.message()
              : "The baseline probe itself failed ("
                  + ctx.baseline().closed().detail()
                  + "), so it says nothing about what a Windows client would see.";
    };
  }
}
