package dev.rdpprobe.doctor;

import dev.rdpprobe.tls.CipherSuites;
import dev.rdpprobe.tls.TlsOffer;
import dev.rdpprobe.tls.TlsVersion;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * A family of TLS 1.0–1.2 cipher suites, taken from a Windows client's list ({@link
 * TlsOffer#WINDOWS_CIPHER_SUITES}), that the doctor offers on its own to find what a server takes.
 * TLS 1.3 suites are no family of these: their key exchange is always ephemeral.
 */
public enum CipherFamily {
  /** ECDHE key exchange with AES-GCM (TLS 1.2 only): what current servers prefer. */
  ECDHE_GCM("ECDHE with AES-GCM", n -> n.startsWith("TLS_ECDHE_") && n.contains("_GCM_")),
  /** ECDHE key exchange with AES-CBC (TLS 1.0 to 1.2): what older Schannel servers take. */
  ECDHE_CBC("ECDHE with AES-CBC", n -> n.startsWith("TLS_ECDHE_") && n.contains("_CBC_")),
  /** RSA key transport, no forward secrecy (TLS 1.0 to 1.2): the last resort of old servers. */
  RSA_KEY_EXCHANGE("RSA key exchange", n -> n.startsWith("TLS_RSA_"));

  private final String title;
  private final Predicate<String> member;

  CipherFamily(String title, Predicate<String> member) {
    this.title = title;
    this.member = member;
  }

  /** A short title, e.g. {@code RSA key exchange}. */
  public String title() {
    return title;
  }

  /** The family's suites of the Windows list, in its order. */
  public List<String> cipherSuites() {
    return TlsOffer.WINDOWS_CIPHER_SUITES.stream().filter(member).toList();
  }

  /** Whether a suite, by IANA name, belongs to the family. */
  public boolean contains(String suite) {
    return member.test(suite);
  }

  /**
   * An offer of only this family's suites, at every TLS version up to 1.2 that one of them can be
   * negotiated at (ECDHE-GCM: TLS 1.2 only).
   */
  public TlsOffer offer(boolean sni) {
    List<String> suites = cipherSuites();
    Set<TlsVersion> versions = EnumSet.noneOf(TlsVersion.class);
    for (TlsVersion v : List.of(TlsVersion.TLS_1_0, TlsVersion.TLS_1_1, TlsVersion.TLS_1_2)) {
      for (String s : suites) {
        if (CipherSuites.isValidFor(CipherSuites.code(s).orElseThrow(), v)) {
          versions.add(v);
        }
      }
    }
    return new TlsOffer(versions, new ArrayList<>(suites), sni);
  }
}
