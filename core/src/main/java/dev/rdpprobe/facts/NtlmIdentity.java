package dev.rdpprobe.facts;

import dev.rdpprobe.wire.ntlm.AvId;
import dev.rdpprobe.wire.ntlm.AvPairs;
import dev.rdpprobe.wire.ntlm.ChallengeMessage;
import dev.rdpprobe.wire.ntlm.NegotiateFlags;
import dev.rdpprobe.wire.ntlm.NtlmVersion;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Who the server says it is in its NTLM CHALLENGE_MESSAGE (MS-NLMP 2.2.1.2), which it sends to
 * anyone before any credential: its names, its Windows version and its clock. A name the server
 * left out is empty.
 *
 * @param targetName TargetName (usually the NetBIOS domain, or the computer for a local account)
 * @param nbComputerName MsvAvNbComputerName
 * @param nbDomainName MsvAvNbDomainName
 * @param dnsComputerName MsvAvDnsComputerName
 * @param dnsDomainName MsvAvDnsDomainName
 * @param dnsTreeName MsvAvDnsTreeName (the forest)
 * @param version the VERSION structure (product major.minor.build), or null when absent
 * @param serverTime MsvAvTimestamp, or null when absent
 * @param clockSkew the server's time minus ours when the CHALLENGE arrived (positive: the server's
 *     clock is ahead), or null without a timestamp
 * @param negotiateFlags the CHALLENGE's NegotiateFlags
 */
public record NtlmIdentity(
    String targetName,
    String nbComputerName,
    String nbDomainName,
    String dnsComputerName,
    String dnsDomainName,
    String dnsTreeName,
    NtlmVersion version,
    Instant serverTime,
    Duration clockSkew,
    NegotiateFlags negotiateFlags) {
  public NtlmIdentity {
    Objects.requireNonNull(targetName, "targetName");
    Objects.requireNonNull(nbComputerName, "nbComputerName");
    Objects.requireNonNull(nbDomainName, "nbDomainName");
    Objects.requireNonNull(dnsComputerName, "dnsComputerName");
    Objects.requireNonNull(dnsDomainName, "dnsDomainName");
    Objects.requireNonNull(dnsTreeName, "dnsTreeName");
    Objects.requireNonNull(negotiateFlags, "negotiateFlags");
  }

  /**
   * The identity in a CHALLENGE_MESSAGE.
   *
   * @param receivedAt our wall-clock time when it arrived, for the clock skew
   */
  public static NtlmIdentity of(ChallengeMessage challenge, Instant receivedAt) {
    AvPairs info = challenge.targetInfoOrEmpty();
    Instant time = info.time().orElse(null);
    return new NtlmIdentity(
        challenge.targetName(),
        info.name(AvId.MSV_AV_NB_COMPUTER_NAME).orElse(""),
        info.name(AvId.MSV_AV_NB_DOMAIN_NAME).orElse(""),
        info.name(AvId.MSV_AV_DNS_COMPUTER_NAME).orElse(""),
        info.name(AvId.MSV_AV_DNS_DOMAIN_NAME).orElse(""),
        info.name(AvId.MSV_AV_DNS_TREE_NAME).orElse(""),
        challenge.version(),
        time,
        time == null ? null : Duration.between(receivedAt, time),
        challenge.negotiateFlags());
  }

  /** {@code major.minor.build} from the VERSION, or empty. */
  public String productVersion() {
    return version == null ? "" : version.productVersion();
  }

  /**
   * The names, version and clock in one line, e.g. {@code computer RDP-HOST (rdp-host.corp.test),
   * domain CORP (corp.test), forest corp.test, version 10.0.20348, clock skew +2 s}.
   */
  public String summary() {
    StringBuilder b = new StringBuilder();
    b.append("computer ").append(nbComputerName.isEmpty() ? "(none)" : nbComputerName);
    if (!dnsComputerName.isEmpty()) {
      b.append(" (").append(dnsComputerName).append(')');
    }
    b.append(", domain ").append(nbDomainName.isEmpty() ? "(none)" : nbDomainName);
    if (!dnsDomainName.isEmpty()) {
      b.append(" (").append(dnsDomainName).append(')');
    }
    if (!dnsTreeName.isEmpty()) {
      b.append(", forest ").append(dnsTreeName);
    }
    if (version != null) {
      b.append(", version ").append(productVersion());
    }
    if (serverTime != null) {
      b.append(", server time ").append(serverTime);
      b.append(", clock skew ").append(skewWords(clockSkew));
    }
    return b.toString();
  }

  /** A clock skew in words: {@code +2.3 s}, {@code -15 min 3 s}, {@code 0 s}. */
  static String skewWords(Duration skew) {
    long millis = skew.toMillis();
    long abs = Math.abs(millis);
    String sign = abs < 50 ? "" : millis > 0 ? "+" : "-";
    if (abs < 60_000) {
      return sign + String.format(java.util.Locale.ROOT, "%.1f s", abs / 1000.0);
    }
    long seconds = abs / 1000;
    if (seconds < 3600) {
      return sign + seconds / 60 + " min " + seconds % 60 + " s";
    }
    return sign + seconds / 3600 + " h " + seconds % 3600 / 60 + " min";
  }
}
