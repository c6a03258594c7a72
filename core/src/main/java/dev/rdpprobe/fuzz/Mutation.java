package dev.rdpprobe.fuzz;

import dev.rdpprobe.trace.Phase;
import dev.rdpprobe.wire.Octets;
import java.util.Objects;

/**
 * One mutated PDU: a pure function of the case seed and the planned PDU, so the same seed on the
 * same planned bytes gives the same bytes again.
 *
 * @param seed the case seed
 * @param phase the phase of the PDU
 * @param pdu the PDU's name, e.g. {@code X.224 Connection Request}
 * @param operator what was done
 * @param field the field it was done to (a record path such as {@code negotiationRequest.flags}, or
 *     {@code @offset} for a byte-level mutation)
 * @param detail the change in words, e.g. {@code 0x0008 -> 0x0000}
 * @param planned the bytes as planned
 * @param sent the bytes sent instead
 */
public record Mutation(
    long seed,
    Phase phase,
    String pdu,
    Operator operator,
    String field,
    String detail,
    Octets planned,
    Octets sent) {
  public Mutation {
    Objects.requireNonNull(phase, "phase");
    Objects.requireNonNull(pdu, "pdu");
    Objects.requireNonNull(operator, "operator");
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(detail, "detail");
    Objects.requireNonNull(planned, "planned");
    Objects.requireNonNull(sent, "sent");
  }

  /** One line: operator, field and change. */
  public String summary() {
    return operator.name() + " " + field + (detail.isEmpty() ? "" : ": " + detail);
  }
}
