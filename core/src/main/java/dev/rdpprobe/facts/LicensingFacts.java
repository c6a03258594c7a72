package dev.rdpprobe.facts;

import dev.rdpprobe.wire.license.LicenseErrorMessage;

/**
 * What the licensing exchange (MS-RDPBCGR 1.3.1.1 step 7, MS-RDPELE) showed.
 *
 * @param licenseRequested the server opened a full licensing exchange with a Server License Request
 *     (a server that needs no license sends STATUS_VALID_CLIENT at once)
 * @param requestAnswered the probe answered the request with a Client New License Request
 * @param platformChallenge the server went on to its Platform Challenge, which the probe does not
 *     answer: a license server takes part, the session would need a client access license
 * @param error the server's License Error Message: STATUS_VALID_CLIENT ends licensing, any other
 *     code is a failure; {@code null} until one came
 */
public record LicensingFacts(
    boolean licenseRequested,
    boolean requestAnswered,
    boolean platformChallenge,
    LicenseErrorMessage error) {
  /** Nothing seen yet. */
  public static final LicensingFacts NONE = new LicensingFacts(false, false, false, null);

  /** Whether the server said STATUS_VALID_CLIENT: licensing is done, no license needed. */
  public boolean validClient() {
    return error != null && error.isValidClient();
  }

  /** One line: {@code STATUS_VALID_CLIENT (no license needed)}, ... */
  public String outcome() {
    if (validClient()) {
      return (licenseRequested ? "license request answered, then " : "")
          + "STATUS_VALID_CLIENT (no license needed)";
    }
    if (error != null) {
      return "licensing error " + error.summary();
    }
    if (platformChallenge) {
      return "platform challenge (a license server takes part; not answered)";
    }
    if (licenseRequested) {
      return requestAnswered ? "license request answered, no reply yet" : "license request";
    }
    return "nothing received";
  }
}
