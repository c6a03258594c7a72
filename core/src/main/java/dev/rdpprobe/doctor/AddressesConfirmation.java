package dev.rdpprobe.doctor;

import dev.rdpprobe.ProbeResult;
import dev.rdpprobe.diagnose.Remedy;
import dev.rdpprobe.doctor.Finding.Status;
import dev.rdpprobe.doctor.Finding.Subject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The baseline again on every other address of the name: whether they all end the same way, or a
 * client's luck depends on the address it picks.
 */
final class AddressesConfirmation implements Confirmation {
  @Override
  public Optional<Finding> observe(Context ctx) {
    List<Probed> others = ctx.of(FollowUp.Kind.ADDRESS);
    if (others.isEmpty() || ctx.addresses().isEmpty()) {
      return Optional.empty();
    }
    ProbeResult baseline = ctx.baseline();
    String first = ctx.addresses().get(0).getHostAddress();
    String base = signature(baseline);
    List<Integer> numbers = Probed.numbers(others);
    if (others.stream().allMatch(p -> signature(p.result()).equals(base))) {
      return Optional.of(
          new Finding(
              Subject.ADDRESSES,
              Status.OBSERVED,
              null,
              "All "
                  + ctx.addresses().size()
                  + " addresses of "
                  + ctx.spec().host()
                  + " end the same way: "
                  + Outcomes.describe(baseline)
                  + ".",
              numbers,
              List.of()));
    }
    List<String> parts = new ArrayList<>();
    parts.add(
        first
            + ": "
            + Outcomes.describe(baseline)
            + " ("
            + ctx.diagnosis().clientCode().summary()
            + ")");
    for (Probed p : others) {
      parts.add(
          p.name()
              + ": "
              + p.followUp().outcome()
              + " ("
              + p.followUp().diagnosis().clientCode().summary()
              + ")");
    }
    List<String> working = new ArrayList<>();
    if (baseline.reachedStopPoint()) {
      working.add(first);
    }
    others.stream().filter(p -> p.result().reachedStopPoint()).forEach(p -> working.add(p.name()));
    String tail =
        working.isEmpty()
            ? ""
            : " Only "
                + Outcomes.and(working)
                + " get"
                + (working.size() == 1 ? "s" : "")
                + " as far as the probe asks: a client that picks another address fails while"
                + " one that picks "
                + (working.size() == 1 ? "it" : "them")
                + " connects.";
    return Optional.of(
        new Finding(
            Subject.ADDRESSES,
            Status.CONFIRMED,
            null,
            "The addresses of "
                + ctx.spec().host()
                + " end differently: "
                + String.join("; ", parts)
                + "."
                + tail,
            numbers,
            Remedy.ADDRESSES_DIFFER.steps("port", ctx.spec().port())));
  }

  /** What two probes must share to count as ending the same way. */
  private static String signature(ProbeResult r) {
    return r.closed().kind()
        + "@"
        + r.closed().phase()
        + Outcomes.selected(r).map(s -> " selected " + s).orElse("")
        + Outcomes.failureCode(r).map(s -> " failure " + s).orElse("");
  }
}
