package dev.rdpprobe.wire.mcs;

import dev.rdpprobe.wire.NamedBits;

/**
 * T.125 Result, in the Connect-Response (BER ENUMERATED), Attach User Confirm and Channel Join
 * Confirm (4-bit PER field). An open set: values the table does not know are kept.
 *
 * @param value the value as sent
 */
public record McsResult(int value) {
  public static final McsResult RT_SUCCESSFUL = new McsResult(0);
  public static final McsResult RT_DOMAIN_MERGING = new McsResult(1);
  public static final McsResult RT_DOMAIN_NOT_HIERARCHICAL = new McsResult(2);
  public static final McsResult RT_NO_SUCH_CHANNEL = new McsResult(3);
  public static final McsResult RT_NO_SUCH_DOMAIN = new McsResult(4);
  public static final McsResult RT_NO_SUCH_USER = new McsResult(5);
  public static final McsResult RT_NOT_ADMITTED = new McsResult(6);
  public static final McsResult RT_OTHER_USER_ID = new McsResult(7);
  public static final McsResult RT_PARAMETERS_UNACCEPTABLE = new McsResult(8);
  public static final McsResult RT_TOKEN_NOT_AVAILABLE = new McsResult(9);
  public static final McsResult RT_TOKEN_NOT_POSSESSED = new McsResult(10);
  public static final McsResult RT_TOO_MANY_CHANNELS = new McsResult(11);
  public static final McsResult RT_TOO_MANY_TOKENS = new McsResult(12);
  public static final McsResult RT_TOO_MANY_USERS = new McsResult(13);
  public static final McsResult RT_UNSPECIFIED_FAILURE = new McsResult(14);
  public static final McsResult RT_USER_REJECTED = new McsResult(15);

  private static final NamedBits NAMES =
      NamedBits.of(
          0, "rt-successful",
          1, "rt-domain-merging",
          2, "rt-domain-not-hierarchical",
          3, "rt-no-such-channel",
          4, "rt-no-such-domain",
          5, "rt-no-such-user",
          6, "rt-not-admitted",
          7, "rt-other-user-id",
          8, "rt-parameters-unacceptable",
          9, "rt-token-not-available",
          10, "rt-token-not-possessed",
          11, "rt-too-many-channels",
          12, "rt-too-many-tokens",
          13, "rt-too-many-users",
          14, "rt-unspecified-failure",
          15, "rt-user-rejected");

  public McsResult {
    if (value < 0) {
      throw new IllegalArgumentException("negative result: " + value);
    }
  }

  /** Whether this is rt-successful. */
  public boolean isSuccessful() {
    return value == 0;
  }

  /** The T.125 name ({@code rt-successful}), or {@code unknown (0x..)}. */
  public String name() {
    return NAMES.code(value);
  }

  @Override
  public String toString() {
    return name();
  }

  /**
   * The record's equality, written out: a record's own links {@code ObjectMethods} at its first
   * call, about 8 ms of a cold process, and every probe compares these (see {@code ColdStartIT}).
   */
  @Override
  public boolean equals(Object o) {
    return o instanceof McsResult other && other.value == value;
  }

  @Override
  public int hashCode() {
    return Integer.hashCode(value);
  }
}
