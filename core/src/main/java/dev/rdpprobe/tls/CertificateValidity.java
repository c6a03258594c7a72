package dev.rdpprobe.tls;

import java.util.Objects;

/**
 * Whether a certificate is valid at a moment, and by how many days.
 *
 * @param status valid, expired or not yet valid
 * @param days for {@code VALID}, whole days left until notAfter; for {@code EXPIRED}, whole days
 *     since notAfter ("expired 30 days ago"); for {@code NOT_YET_VALID}, days until notBefore,
 *     rounded up ("valid in 10 days" even with 9 days and some hours to go)
 */
public record CertificateValidity(Status status, long days) {
  /** The three states. */
  public enum Status {
    /** notBefore &lt;= now &lt;= notAfter. */
    VALID,
    /** now &gt; notAfter. */
    EXPIRED,
    /** now &lt; notBefore. */
    NOT_YET_VALID
  }

  public CertificateValidity {
    Objects.requireNonNull(status, "status");
    if (days < 0) {
      throw new IllegalArgumentException("negative days: " + days);
    }
  }

  /** In words: {@code valid for 364 more days}, {@code expired 30 days ago}, ... */
  public String describe() {
    return switch (status) {
      case VALID -> "valid for " + days + " more " + (days == 1 ? "day" : "days");
      case EXPIRED -> "expired " + days + " " + (days == 1 ? "day" : "days") + " ago";
      case NOT_YET_VALID -> "not valid for " + days + " more " + (days == 1 ? "day" : "days");
    };
  }
}
