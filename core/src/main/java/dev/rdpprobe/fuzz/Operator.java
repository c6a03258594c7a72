package dev.rdpprobe.fuzz;

/**
 * The mutations the fuzzer applies to a PDU, by family: through the project's records (the PDU
 * stays well-formed, a value is wrong), on the record's located fields (a length, count, number,
 * string or block disagrees with the rest), on the body's bytes, and on the frame around it.
 */
public enum Operator {
  /** An integer component set to a boundary or unusual value, re-encoded. */
  RECORD_NUMBER(Family.RECORD, "an integer field set to a boundary value, PDU re-encoded"),
  /** A flag set with a bit flipped, all set, none set or an undefined bit set, re-encoded. */
  RECORD_FLAGS(Family.RECORD, "a flag set changed (a bit flipped, all, none, an undefined bit)"),
  /** A code or enumeration set to another or an undefined value, re-encoded. */
  RECORD_CODE(Family.RECORD, "a code or enumeration set to another or an undefined value"),
  /** A string replaced (empty, long, format specifiers, NUL, non-Latin, a lone surrogate). */
  RECORD_STRING(Family.RECORD, "a string replaced (empty, long, NUL, non-Latin, format text)"),
  /** A blob emptied, doubled, shortened or randomised, re-encoded. */
  RECORD_BLOB(Family.RECORD, "a blob emptied, doubled, shortened or randomised"),
  /** A list emptied, an element dropped, duplicated or two swapped, re-encoded. */
  RECORD_LIST(Family.RECORD, "a list of blocks emptied, an element dropped, duplicated or swapped"),
  /** An optional nested block left out, re-encoded. */
  RECORD_ABSENT(Family.RECORD, "an optional nested block left out"),
  /** A length field set to a wrong value; the rest as planned. */
  LENGTH(Family.FIELD, "a length field set to a wrong value (0, off by one, maximum, doubled)"),
  /** A count field set to a wrong value. */
  COUNT(Family.FIELD, "a count field set to a wrong value"),
  /** A number's bytes set to a value the record would not allow. */
  NUMBER_BYTES(Family.FIELD, "a number's bytes overwritten (maximum, zero, high bit, random)"),
  /** A string's or blob's bytes overwritten at the same length. */
  CONTENT(Family.FIELD, "a string's or blob's bytes overwritten at the same length"),
  /** A nested block's bytes repeated in place, its enclosing lengths unchanged. */
  BLOCK_DUPLICATE(Family.FIELD, "a nested block repeated, its enclosing lengths unchanged"),
  /** A nested block's bytes removed, its enclosing lengths unchanged. */
  BLOCK_DELETE(Family.FIELD, "a nested block removed, its enclosing lengths unchanged"),
  /** The body cut at a field boundary. */
  TRUNCATE(Family.FIELD, "the PDU cut short at a field boundary"),
  /** Bytes appended to the body. */
  EXTEND(Family.FIELD, "bytes appended to the PDU"),
  /** One bit of the body flipped. */
  BIT_FLIP(Family.BYTES, "one bit flipped"),
  /** One byte of the body set to 00, 01, 7F, 80 or FF. */
  BYTE_VALUE(Family.BYTES, "one byte set to 00, 01, 7f, 80 or ff"),
  /** A run of the body's bytes randomised. */
  RANDOM_RUN(Family.BYTES, "a run of bytes randomised"),
  /** Random bytes inserted into the body. */
  INSERT_BYTES(Family.BYTES, "random bytes inserted"),
  /** A run of the body's bytes removed. */
  DELETE_BYTES(Family.BYTES, "a run of bytes removed"),
  /** The TPKT length set to a wrong value. */
  FRAME_LENGTH(Family.FRAME, "the TPKT length set to a wrong value"),
  /** The frame cut short, its envelope's lengths unchanged. */
  FRAME_TRUNCATE(Family.FRAME, "the frame cut short, its lengths unchanged"),
  /** Bytes after the frame, its lengths unchanged. */
  FRAME_APPEND(Family.FRAME, "bytes after the frame, its lengths unchanged");

  /** How a mutation relates to the PDU's structure. */
  public enum Family {
    /** Through the records: the encoding is consistent, a value is wrong. */
    RECORD,
    /** On located fields: one field disagrees with the rest; the envelope is rewritten. */
    FIELD,
    /** On the body's bytes, blind to fields; the envelope is rewritten. */
    BYTES,
    /** On the frame: the envelope itself is wrong. */
    FRAME
  }

  private final Family family;
  private final String description;

  Operator(Family family, String description) {
    this.family = family;
    this.description = description;
  }

  /** The family. */
  public Family family() {
    return family;
  }

  /** What it does, in a phrase. */
  public String description() {
    return description;
  }
}
