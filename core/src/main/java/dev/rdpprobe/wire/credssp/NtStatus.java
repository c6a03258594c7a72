package dev.rdpprobe.wire.credssp;

import dev.rdpprobe.wire.Wire;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An NTSTATUS value (MS-ERREF 2.3), as a CredSSP server sends it in the {@code errorCode} of a
 * TSRequest (MS-CSSP 2.2.1) when the authentication failed. An open set: values the table does not
 * know are kept and named {@code unknown (0x..)} (ARCHITECTURE.md, Rules: unknown values survive).
 *
 * <p>The table holds the statuses a logon over CredSSP can end with. The values are winpr's ({@code
 * winpr/include/winpr/nt.h} in FreeRDP, which copies Windows' {@code ntstatus.h}); the ten FreeRDP
 * maps to its own connect errors are listed in FreeRDP's {@code include/freerdp/error.h}. The
 * meanings are ours, one line each.
 *
 * @param value the 32-bit status as sent (a negative int for error statuses)
 */
public record NtStatus(int value) {
  private record Row(String name, String meaning) {}

  private static final Map<Integer, Row> ROWS = new LinkedHashMap<>();

  /** STATUS_SUCCESS. */
  public static final NtStatus SUCCESS = row(0x00000000, "STATUS_SUCCESS", "success");

  // --- the ten statuses FreeRDP turns into a connect error of its own (FreeRDP
  // include/freerdp/error.h) -------

  /** STATUS_LOGON_FAILURE: the user name or password is wrong (Windows' usual answer). */
  public static final NtStatus LOGON_FAILURE =
      row(0xC000006D, "STATUS_LOGON_FAILURE", "the user name or password is wrong");

  /** STATUS_WRONG_PASSWORD. */
  public static final NtStatus WRONG_PASSWORD =
      row(0xC000006A, "STATUS_WRONG_PASSWORD", "the password is wrong");

  /** STATUS_PASSWORD_EXPIRED. */
  public static final NtStatus PASSWORD_EXPIRED =
      row(0xC0000071, "STATUS_PASSWORD_EXPIRED", "the password has expired");

  /** STATUS_PASSWORD_MUST_CHANGE. */
  public static final NtStatus PASSWORD_MUST_CHANGE =
      row(
          0xC0000224,
          "STATUS_PASSWORD_MUST_CHANGE",
          "the password must be changed before the first logon");

  /** STATUS_ACCESS_DENIED. */
  public static final NtStatus ACCESS_DENIED =
      row(0xC0000022, "STATUS_ACCESS_DENIED", "access is denied");

  /** STATUS_ACCOUNT_DISABLED. */
  public static final NtStatus ACCOUNT_DISABLED =
      row(0xC0000072, "STATUS_ACCOUNT_DISABLED", "the account is disabled");

  /** STATUS_ACCOUNT_RESTRICTION, e.g. a blank password refused for a network logon. */
  public static final NtStatus ACCOUNT_RESTRICTION =
      row(
          0xC000006E,
          "STATUS_ACCOUNT_RESTRICTION",
          "an account restriction prevents the logon (e.g. a blank password)");

  /** STATUS_ACCOUNT_LOCKED_OUT. */
  public static final NtStatus ACCOUNT_LOCKED_OUT =
      row(0xC0000234, "STATUS_ACCOUNT_LOCKED_OUT", "the account is locked out");

  /** STATUS_ACCOUNT_EXPIRED. */
  public static final NtStatus ACCOUNT_EXPIRED =
      row(0xC0000193, "STATUS_ACCOUNT_EXPIRED", "the account has expired");

  /** STATUS_LOGON_TYPE_NOT_GRANTED: no "Allow log on through Remote Desktop Services" right. */
  public static final NtStatus LOGON_TYPE_NOT_GRANTED =
      row(
          0xC000015B,
          "STATUS_LOGON_TYPE_NOT_GRANTED",
          "the user is not granted the right to log on this way (e.g. through Remote Desktop"
              + " Services)");

  // --- other logon statuses -------------------------------------------------------------------

  /** STATUS_NO_SUCH_USER. */
  public static final NtStatus NO_SUCH_USER =
      row(0xC0000064, "STATUS_NO_SUCH_USER", "the account does not exist");

  /** STATUS_INVALID_LOGON_HOURS. */
  public static final NtStatus INVALID_LOGON_HOURS =
      row(
          0xC000006F,
          "STATUS_INVALID_LOGON_HOURS",
          "the account may not log on at this time of day");

  /** STATUS_INVALID_WORKSTATION. */
  public static final NtStatus INVALID_WORKSTATION =
      row(
          0xC0000070,
          "STATUS_INVALID_WORKSTATION",
          "the account may not log on from this workstation");

  /** STATUS_TIME_DIFFERENCE_AT_DC. */
  public static final NtStatus TIME_DIFFERENCE_AT_DC =
      row(
          0xC0000133,
          "STATUS_TIME_DIFFERENCE_AT_DC",
          "the clocks of the server and its domain controller differ too much");

  /** STATUS_NO_LOGON_SERVERS. */
  public static final NtStatus NO_LOGON_SERVERS =
      row(
          0xC000005E,
          "STATUS_NO_LOGON_SERVERS",
          "no domain controller is available to check the logon");

  /** STATUS_INVALID_ACCOUNT_NAME. */
  public static final NtStatus INVALID_ACCOUNT_NAME =
      row(0xC0000062, "STATUS_INVALID_ACCOUNT_NAME", "the account name is not valid");

  /** STATUS_ILL_FORMED_PASSWORD. */
  public static final NtStatus ILL_FORMED_PASSWORD =
      row(0xC000006B, "STATUS_ILL_FORMED_PASSWORD", "the password is ill-formed");

  /** STATUS_PASSWORD_RESTRICTION. */
  public static final NtStatus PASSWORD_RESTRICTION =
      row(
          0xC000006C,
          "STATUS_PASSWORD_RESTRICTION",
          "a password restriction (length, history, complexity) was not met");

  /** STATUS_NO_SUCH_DOMAIN. */
  public static final NtStatus NO_SUCH_DOMAIN =
      row(0xC00000DF, "STATUS_NO_SUCH_DOMAIN", "the domain does not exist");

  /** STATUS_INVALID_LOGON_TYPE. */
  public static final NtStatus INVALID_LOGON_TYPE =
      row(0xC000010B, "STATUS_INVALID_LOGON_TYPE", "the logon type is not valid");

  /** STATUS_TRUSTED_DOMAIN_FAILURE. */
  public static final NtStatus TRUSTED_DOMAIN_FAILURE =
      row(
          0xC000018C,
          "STATUS_TRUSTED_DOMAIN_FAILURE",
          "the trust between the server's domain and the account's domain failed");

  /** STATUS_TRUSTED_RELATIONSHIP_FAILURE. */
  public static final NtStatus TRUSTED_RELATIONSHIP_FAILURE =
      row(
          0xC000018D,
          "STATUS_TRUSTED_RELATIONSHIP_FAILURE",
          "the server's trust relationship with its domain failed");

  /** STATUS_NETLOGON_NOT_STARTED. */
  public static final NtStatus NETLOGON_NOT_STARTED =
      row(0xC0000192, "STATUS_NETLOGON_NOT_STARTED", "the Netlogon service is not running");

  /** STATUS_NOLOGON_WORKSTATION_TRUST_ACCOUNT. */
  public static final NtStatus NOLOGON_WORKSTATION_TRUST_ACCOUNT =
      row(
          0xC0000199,
          "STATUS_NOLOGON_WORKSTATION_TRUST_ACCOUNT",
          "the account is a computer's trust account, which cannot log on interactively");

  /** STATUS_DOMAIN_CONTROLLER_NOT_FOUND. */
  public static final NtStatus DOMAIN_CONTROLLER_NOT_FOUND =
      row(
          0xC0000233,
          "STATUS_DOMAIN_CONTROLLER_NOT_FOUND",
          "no domain controller was found for the domain");

  /** STATUS_LOGIN_TIME_RESTRICTION. */
  public static final NtStatus LOGIN_TIME_RESTRICTION =
      row(0xC0000247, "STATUS_LOGIN_TIME_RESTRICTION", "a time restriction prevents the logon");

  /** STATUS_LOGIN_WKSTA_RESTRICTION. */
  public static final NtStatus LOGIN_WKSTA_RESTRICTION =
      row(
          0xC0000248,
          "STATUS_LOGIN_WKSTA_RESTRICTION",
          "a workstation restriction prevents the logon");

  /** STATUS_INSUFFICIENT_LOGON_INFO. */
  public static final NtStatus INSUFFICIENT_LOGON_INFO =
      row(0xC0000250, "STATUS_INSUFFICIENT_LOGON_INFO", "the logon information is insufficient");

  /** STATUS_MUTUAL_AUTHENTICATION_FAILED. */
  public static final NtStatus MUTUAL_AUTHENTICATION_FAILED =
      row(
          0xC00002C3,
          "STATUS_MUTUAL_AUTHENTICATION_FAILED",
          "the server could not be authenticated to the client");

  /** STATUS_DOWNGRADE_DETECTED. */
  public static final NtStatus DOWNGRADE_DETECTED =
      row(
          0xC0000388,
          "STATUS_DOWNGRADE_DETECTED",
          "a downgrade of the authentication package was detected");

  /** STATUS_AUTHENTICATION_FIREWALL_FAILED. */
  public static final NtStatus AUTHENTICATION_FIREWALL_FAILED =
      row(
          0xC0000413,
          "STATUS_AUTHENTICATION_FIREWALL_FAILED",
          "the account may not authenticate to this server (selective authentication)");

  // --- general failures a CredSSP server may report -------------------------------------------

  /** STATUS_UNSUCCESSFUL. */
  public static final NtStatus UNSUCCESSFUL =
      row(0xC0000001, "STATUS_UNSUCCESSFUL", "the operation failed");

  /** STATUS_INVALID_PARAMETER. */
  public static final NtStatus INVALID_PARAMETER =
      row(0xC000000D, "STATUS_INVALID_PARAMETER", "a parameter was not valid");

  /** STATUS_MORE_PROCESSING_REQUIRED: the exchange continues (not a failure). */
  public static final NtStatus MORE_PROCESSING_REQUIRED =
      row(
          0xC0000016,
          "STATUS_MORE_PROCESSING_REQUIRED",
          "the authentication needs another message");

  /** STATUS_NOT_SUPPORTED. */
  public static final NtStatus NOT_SUPPORTED =
      row(0xC00000BB, "STATUS_NOT_SUPPORTED", "the request is not supported");

  /** STATUS_INTERNAL_ERROR. */
  public static final NtStatus INTERNAL_ERROR =
      row(0xC00000E5, "STATUS_INTERNAL_ERROR", "the server had an internal error");

  private static final List<NtStatus> KNOWN = ROWS.keySet().stream().map(NtStatus::new).toList();

  private static NtStatus row(int value, String name, String meaning) {
    ROWS.put(value, new Row(name, meaning));
    return new NtStatus(value);
  }

  /** Every status the table names, in table order. */
  public static List<NtStatus> known() {
    return Collections.unmodifiableList(KNOWN);
  }

  /** Whether the table names this status. */
  public boolean isKnown() {
    return ROWS.containsKey(value);
  }

  /** The name, e.g. {@code STATUS_LOGON_FAILURE}, or {@code unknown (0x..)}. */
  public String name() {
    Row r = ROWS.get(value);
    return r == null ? "unknown (" + Wire.hex(value & 0xFFFFFFFFL) + ")" : r.name();
  }

  /** What the status means, in a few words; for an unknown status, its severity. */
  public String meaning() {
    Row r = ROWS.get(value);
    if (r != null) {
      return r.meaning();
    }
    return switch (severity()) {
      case 0 -> "a success status the table does not name";
      case 1 -> "an informational status the table does not name";
      case 2 -> "a warning status the table does not name";
      default -> "an error status the table does not name";
    };
  }

  /** The severity, the top two bits: 0 success, 1 informational, 2 warning, 3 error. */
  public int severity() {
    return value >>> 30;
  }

  /** Whether the severity is error (the top two bits are set). */
  public boolean isError() {
    return severity() == 3;
  }

  /** The name and the value, e.g. {@code STATUS_LOGON_FAILURE (0xc000006d)}. */
  @Override
  public String toString() {
    return isKnown() ? name() + " (" + Wire.hex(value & 0xFFFFFFFFL) + ")" : name();
  }
}
