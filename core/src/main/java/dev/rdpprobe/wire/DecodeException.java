package dev.rdpprobe.wire;

import java.util.Objects;

/**
 * Malformed input: the bytes do not decode as the PDU that was expected.
 *
 * <p>Every decoder in {@code dev.rdpprobe.wire} raises this, and only this, for bad input: never
 * {@link IndexOutOfBoundsException}, never an allocation sized by the peer. The exception says what
 * (the {@link #kind()}, the {@link #pdu()} and its {@link #field()}) and where (the {@link
 * #offset()} in the decoded buffer), so a caller can switch on the kind and a user can read the
 * message, e.g. {@code X.224 Connection Confirm: length indicator: got 5 (expected: 6 or 14) at
 * offset 4}.
 */
public final class DecodeException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** What went wrong, for callers that react to it. */
  public enum Kind {
    /** The buffer ends before the field. {@code received} and {@code expected} are byte counts. */
    NOT_ENOUGH_BYTES,
    /** A field has a value the specification does not allow here. */
    INVALID_FIELD,
    /** A type or code field names a different PDU than the one expected. */
    UNEXPECTED_MESSAGE_TYPE,
    /** A length exceeds the cap the project sets for this PDU. */
    TOO_LARGE,
    /** Bytes are left over after the PDU, inside its declared length. */
    TRAILING_BYTES
  }

  private final Kind kind;
  private final String pdu;
  private final String field;
  private final int offset;
  private final long received;
  private final String expected;

  /**
   * Creates an exception.
   *
   * @param kind what went wrong
   * @param pdu the PDU (or layer) being decoded, by its specification name
   * @param field the field being read
   * @param offset the byte offset of the field in the buffer being decoded
   * @param received the value or byte count found
   * @param expected what the decoder needed, in words ({@code "6 or 14"}, {@code "0x03"})
   */
  public DecodeException(
      Kind kind, String pdu, String field, int offset, long received, String expected) {
    super(format(pdu, field, offset, received, expected, kind));
    this.kind = Objects.requireNonNull(kind, "kind");
    this.pdu = Objects.requireNonNull(pdu, "pdu");
    this.field = Objects.requireNonNull(field, "field");
    this.offset = offset;
    this.received = received;
    this.expected = Objects.requireNonNull(expected, "expected");
  }

  private static String format(
      String pdu, String field, int offset, long received, String expected, Kind kind) {
    String got =
        switch (kind) {
          case NOT_ENOUGH_BYTES -> received + " bytes";
          case TRAILING_BYTES -> received + " bytes left over";
          case TOO_LARGE -> Long.toString(received);
          default -> Wire.hex(received);
        };
    return pdu
        + ": "
        + field
        + ": got "
        + got
        + " (expected: "
        + expected
        + ") at offset "
        + offset;
  }

  /** What went wrong. */
  public Kind kind() {
    return kind;
  }

  /** The PDU or layer being decoded, e.g. {@code "TPKT"} or {@code "RDP_NEG_RSP"}. */
  public String pdu() {
    return pdu;
  }

  /** The field being read, by its specification name. */
  public String field() {
    return field;
  }

  /** The byte offset of the field in the decoded buffer (relative to the PDU's first byte). */
  public int offset() {
    return offset;
  }

  /** The value found, or for {@link Kind#NOT_ENOUGH_BYTES} the bytes that were left. */
  public long received() {
    return received;
  }

  /** What the decoder needed, in words. */
  public String expected() {
    return expected;
  }
}
