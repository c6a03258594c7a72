package dev.rdpprobe.tls;

import dev.rdpprobe.wire.DecodeException;
import dev.rdpprobe.wire.Octets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Checks server certificate chains against one set of trust anchors, remembering the parsed
 * certificates and the certification path of the chains it saw last: a capture holds the same
 * server's chain in every connection to it, and parsing the certificates and verifying their
 * signatures is the most a connection costs its analysis. The time and the host name a check
 * depends on are applied to the remembered chain at each call ({@link CertificateCheck}), so a
 * remembered check equals a fresh one. Not thread-safe: one analysis, one checker.
 */
public final class CertificateChecker {
  /** Chains remembered at most; the least recently used goes first. */
  public static final int MAX_CHAINS = 64;

  /** A chain longer than this (all its DER) is checked, not remembered. */
  public static final int MAX_REMEMBERED_CHAIN_BYTES = 64 * 1024;

  private final TrustAnchors anchors;
  private final Map<List<Octets>, Parsed> chains =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<List<Octets>, Parsed> eldest) {
          return size() > MAX_CHAINS;
        }
      };

  /** A chain's certificates as far as they parse, and its path ({@code null} when empty). */
  private record Parsed(List<CertificateFacts> facts, ChainValidator.Result path) {}

  /** A checker against {@code anchors}, remembering nothing yet. */
  public CertificateChecker(TrustAnchors anchors) {
    this.anchors = Objects.requireNonNull(anchors, "anchors");
  }

  /** The anchors the chains are checked against. */
  public TrustAnchors anchors() {
    return anchors;
  }

  /**
   * Checks the chain {@code der} (leaf first, as sent) at {@code now} for {@code hostName}: its
   * certificates as far as they parse, as a session keeps them, then {@link
   * CertificateCheck#of(List, Instant, String, TrustAnchors)}.
   */
  public CertificateCheck check(List<Octets> der, Instant now, String hostName) {
    List<Octets> key = List.copyOf(der);
    Parsed parsed = chains.get(key);
    if (parsed == null) {
      parsed = parse(key);
      long bytes = 0;
      for (Octets o : key) {
        bytes += o.length();
      }
      if (bytes <= MAX_REMEMBERED_CHAIN_BYTES) {
        chains.put(key, parsed);
      }
    }
    return CertificateCheck.of(parsed.facts(), parsed.path(), now, hostName, anchors);
  }

  private Parsed parse(List<Octets> der) {
    List<CertificateFacts> chain = new ArrayList<>();
    for (Octets d : der) {
      try {
        chain.add(CertificateFacts.parse(d));
      } catch (DecodeException e) {
        break; // the chain as far as it parses, as a session keeps it
      }
    }
    return new Parsed(
        List.copyOf(chain), chain.isEmpty() ? null : ChainValidator.validate(chain, anchors));
  }
}
