package dev.rdpprobe.diagnose;

import java.time.Duration;
import java.util.Objects;

/**
 * What the diagnosis assumes about the client and how it weighs timing.
 *
 * @param fipsEnforced whether the Windows client enforces FIPS-compliant algorithms: then a server
 *     that closes without a word gives extended code 0x8 instead of 0x7
 * @param idleResetSilence how long both sides must have been silent before a reset is taken for a
 *     middlebox's idle timer
 * @param largeFlightBytes how many bytes sent without an answer count as a large flight: enough to
 *     fill at least two full-size packets (2 x 1460 bytes on Ethernet), so some of them were as
 *     large as the path allows whatever the sender's write sizes
 */
public record DiagnoserOptions(
    boolean fipsEnforced, Duration idleResetSilence, int largeFlightBytes) {
  /** FIPS off, 30 s of silence for an idle reset, 3000 bytes for a large flight. */
  public static final DiagnoserOptions DEFAULTS =
      new DiagnoserOptions(false, Duration.ofSeconds(30), 3000);

  public DiagnoserOptions {
    Objects.requireNonNull(idleResetSilence, "idleResetSilence");
    if (idleResetSilence.isNegative() || idleResetSilence.isZero()) {
      throw new IllegalArgumentException("idleResetSilence must be positive: " + idleResetSilence);
    }
    if (largeFlightBytes < 1) {
      throw new IllegalArgumentException("largeFlightBytes must be positive: " + largeFlightBytes);
    }
  }

  /** These options with FIPS enforcement set. */
  public DiagnoserOptions withFipsEnforced(boolean enforced) {
    return new DiagnoserOptions(enforced, idleResetSilence, largeFlightBytes);
  }

  /** These options with another idle-reset silence. */
  public DiagnoserOptions withIdleResetSilence(Duration silence) {
    return new DiagnoserOptions(fipsEnforced, silence, largeFlightBytes);
  }

  /** These options with another large-flight size. */
  public DiagnoserOptions withLargeFlightBytes(int bytes) {
    return new DiagnoserOptions(fipsEnforced, idleResetSilence, bytes);
  }
}
