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
 * @param activationWait how long a client waits, from the end of the security negotiation (its MCS
 *     Connect Initial), for the session to become active before it gives up; by default FreeRDP
 *     2's, 9 s (its TcpAckTimeout, {@code /timeout}), after which it ends with "Timeout waiting for
 *     activation"
 */
public record DiagnoserOptions(
    boolean fipsEnforced,
    Duration idleResetSilence,
    int largeFlightBytes,
    Duration activationWait) {
  /** FreeRDP 2's wait for activation after the security negotiation (TcpAckTimeout, 9000 ms). */
  public static final Duration FREERDP_ACTIVATION_WAIT = Duration.ofSeconds(9);

  /**
   * FIPS off, 30 s of silence for an idle reset, 3000 bytes for a large flight, FreeRDP 2's wait
   * for activation.
   */
  public static final DiagnoserOptions DEFAULTS =
      new DiagnoserOptions(false, Duration.ofSeconds(30), 3000, FREERDP_ACTIVATION_WAIT);

  public DiagnoserOptions {
    Objects.requireNonNull(idleResetSilence, "idleResetSilence");
    if (idleResetSilence.isNegative() || idleResetSilence.isZero()) {
      throw new IllegalArgumentException("idleResetSilence must be positive: " + idleResetSilence);
    }
    if (largeFlightBytes < 1) {
      throw new IllegalArgumentException("largeFlightBytes must be positive: " + largeFlightBytes);
    }
    Objects.requireNonNull(activationWait, "activationWait");
    if (activationWait.isNegative() || activationWait.isZero()) {
      throw new IllegalArgumentException("activationWait must be positive: " + activationWait);
    }
  }

  /** These options with FreeRDP 2's wait for activation. */
  public DiagnoserOptions(boolean fipsEnforced, Duration idleResetSilence, int largeFlightBytes) {
    this(fipsEnforced, idleResetSilence, largeFlightBytes, FREERDP_ACTIVATION_WAIT);
  }

  /** These options with FIPS enforcement set. */
  public DiagnoserOptions withFipsEnforced(boolean enforced) {
    return new DiagnoserOptions(enforced, idleResetSilence, largeFlightBytes, activationWait);
  }

  /** These options with another idle-reset silence. */
  public DiagnoserOptions withIdleResetSilence(Duration silence) {
    return new DiagnoserOptions(fipsEnforced, silence, largeFlightBytes, activationWait);
  }

  /** These options with another large-flight size. */
  public DiagnoserOptions withLargeFlightBytes(int bytes) {
    return new DiagnoserOptions(fipsEnforced, idleResetSilence, bytes, activationWait);
  }

  /** These options with another wait for activation (a client's, or a shorter one in tests). */
  public DiagnoserOptions withActivationWait(Duration wait) {
    return new DiagnoserOptions(fipsEnforced, idleResetSilence, largeFlightBytes, wait);
  }
}
