package dev.rdpprobe.tls;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.bouncycastle.tls.ProtocolVersion;

/**
 * What a TLS client offers, or what a TLS server accepts: the protocol versions, the cipher suites
 * by IANA name in order of preference, whether the client sends the server name (SNI, RFC 6066
 * section 3), and the supported groups it lists (RFC 8446 section 4.2.7), or the probe's own.
 *
 * <p>Every suite must be one Bouncy Castle knows ({@link CipherSuites}) and implements with its
 * lightweight crypto, and every version must have at least one suite that can be negotiated at it;
 * otherwise the constructor throws {@link IllegalArgumentException} naming what is wrong. Bouncy
 * Castle adds {@code TLS_EMPTY_RENEGOTIATION_INFO_SCSV} to a ClientHello that offers TLS 1.2 or
 * older by itself, so signalling values are refused here.
 *
 * @param versions the versions, at least one; kept in ascending order
 * @param cipherSuites IANA names, most preferred first, no duplicates
 * @param sni whether a client sends {@code server_name} (never for an IP address literal)
 * @param groups the NamedGroup codes a client lists in {@code supported_groups}, in its order, each
 *     one Bouncy Castle implements; empty for the probe's own (x25519, secp256r1, secp384r1, as
 *     Schannel orders them, and the FFDHE groups when a DHE suite is offered). A server ignores it.
 */
public record TlsOffer(
    Set<TlsVersion> versions, List<String> cipherSuites, boolean sni, List<Integer> groups) {

  /**
   * The Schannel default cipher suite order of Windows 11 22H2 and later (and Windows Server 2022),
   * after Microsoft's "TLS Cipher Suites in Windows 11 v22H2 and later"
   * (learn.microsoft.com/windows/win32/secauthn/tls-cipher-suites-in-windows-11-v22h2): TLS 1.3
   * AES-GCM, ECDHE with AES-GCM, ECDHE with AES-CBC (SHA-384, SHA-256, then SHA-1), RSA key
   * transport with AES-GCM and AES-CBC. The {@code _CBC_SHA} suites are also the ones TLS 1.0 and
   * 1.1 can use.
   */
  public static final List<String> WINDOWS_CIPHER_SUITES =
      List.of(
          "TLS_AES_256_GCM_SHA384",
          "TLS_AES_128_GCM_SHA256",
          "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
          "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
          "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
          "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
          "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384",
          "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256",
          "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384",
          "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256",
          "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA",
          "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA",
          "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA",
          "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA",
          "TLS_RSA_WITH_AES_256_GCM_SHA384",
          "TLS_RSA_WITH_AES_128_GCM_SHA256",
          "TLS_RSA_WITH_AES_256_CBC_SHA256",
          "TLS_RSA_WITH_AES_128_CBC_SHA256",
          "TLS_RSA_WITH_AES_256_CBC_SHA",
          "TLS_RSA_WITH_AES_128_CBC_SHA");

  public TlsOffer {
    Objects.requireNonNull(versions, "versions");
    Objects.requireNonNull(cipherSuites, "cipherSuites");
    groups = List.copyOf(Objects.requireNonNull(groups, "groups"));
    for (int g : groups) {
      if (!CipherSuites.isGroupImplemented(g)) {
        throw new IllegalArgumentException(
            "a group Bouncy Castle's lightweight crypto does not implement: " + g);
      }
    }
    if (new LinkedHashSet<>(groups).size() != groups.size()) {
      throw new IllegalArgumentException("a group listed twice: " + groups);
    }
    if (versions.isEmpty()) {
      throw new IllegalArgumentException("no TLS version offered");
    }
    versions = Collections.unmodifiableSet(EnumSet.copyOf(versions));
    cipherSuites = List.copyOf(cipherSuites);
    if (cipherSuites.isEmpty()) {
      throw new IllegalArgumentException("no cipher suite offered");
    }
    List<String> unknown = new ArrayList<>();
    List<String> signalling = new ArrayList<>();
    List<String> unimplemented = new ArrayList<>();
    Set<String> seen = new LinkedHashSet<>();
    List<String> duplicates = new ArrayList<>();
    for (String name : cipherSuites) {
      if (!seen.add(name)) {
        duplicates.add(name);
        continue;
      }
      Integer code = CipherSuites.code(name).orElse(null);
      if (code == null) {
        unknown.add(name);
      } else if (CipherSuites.isSignalling(code)) {
        signalling.add(name);
      } else if (!CipherSuites.isImplemented(code)) {
        unimplemented.add(name);
      }
    }
    if (!unknown.isEmpty()) {
      throw new IllegalArgumentException("unknown cipher suite name(s): " + unknown);
    }
    if (!signalling.isEmpty()) {
      throw new IllegalArgumentException(
          "signalling value(s) are not cipher suites, Bouncy Castle adds them itself: "
              + signalling);
    }
    if (!unimplemented.isEmpty()) {
      throw new IllegalArgumentException(
          "cipher suite(s) Bouncy Castle's lightweight crypto does not implement: "
              + unimplemented);
    }
    if (!duplicates.isEmpty()) {
      throw new IllegalArgumentException("cipher suite(s) listed twice: " + duplicates);
    }
    for (TlsVersion v : versions) {
      boolean usable = false;
      for (String name : cipherSuites) {
        usable |= CipherSuites.isValidFor(CipherSuites.code(name).orElseThrow(), v);
      }
      if (!usable) {
        throw new IllegalArgumentException(
            "no offered cipher suite can be negotiated at " + v + ": " + cipherSuites);
      }
    }
  }

  /** An offer with the probe's own groups. */
  public TlsOffer(Set<TlsVersion> versions, List<String> cipherSuites, boolean sni) {
    this(versions, cipherSuites, sni, List.of());
  }

  /**
   * What a current Windows 11 RDP client (mstsc over Schannel) offers by default: TLS 1.2 and 1.3,
   * the Schannel suite order ({@link #WINDOWS_CIPHER_SUITES}) and SNI. Windows 10's Schannel has no
   * TLS 1.3 by default (Microsoft's lists for it stop at TLS 1.2); {@code only(TlsVersion.TLS_1_2)}
   * is closer to a Windows 10 client.
   */
  public static TlsOffer windowsDefault() {
    return new TlsOffer(
        EnumSet.of(TlsVersion.TLS_1_2, TlsVersion.TLS_1_3), WINDOWS_CIPHER_SUITES, true);
  }

  /**
   * {@link #windowsDefault()} that also offers TLS 1.0 and 1.1, which older servers (Windows Server
   * 2008 R2 without updates, old xrdp builds) need. The {@code _CBC_SHA} suites of the Windows list
   * serve the older versions.
   */
  public static TlsOffer windowsAllVersions() {
    return windowsDefault().withVersions(EnumSet.allOf(TlsVersion.class));
  }

  /**
   * Only {@code version}, with those Windows suites that can be negotiated at it, e.g. the four
   * ECDHE and two RSA {@code _CBC_SHA} suites for TLS 1.0.
   */
  public static TlsOffer only(TlsVersion version) {
    List<String> suites = new ArrayList<>();
    for (String name : WINDOWS_CIPHER_SUITES) {
      int code = CipherSuites.code(name).orElseThrow();
      if (CipherSuites.isValidFor(code, version)) {
        suites.add(name);
      }
    }
    return new TlsOffer(EnumSet.of(version), suites, true);
  }

  /** This offer with other versions. */
  public TlsOffer withVersions(Collection<TlsVersion> newVersions) {
    return new TlsOffer(
        newVersions.isEmpty() ? Set.of() : EnumSet.copyOf(newVersions), cipherSuites, sni, groups);
  }

  /** This offer with other versions. */
  public TlsOffer withVersions(TlsVersion first, TlsVersion... rest) {
    return new TlsOffer(EnumSet.of(first, rest), cipherSuites, sni, groups);
  }

  /** This offer with other cipher suites, by IANA name. */
  public TlsOffer withCipherSuites(List<String> names) {
    return new TlsOffer(versions, names, sni, groups);
  }

  /** This offer listing these NamedGroup codes in {@code supported_groups}; empty: the probe's. */
  public TlsOffer withGroups(List<Integer> codes) {
    return new TlsOffer(versions, cipherSuites, sni, codes);
  }

  /** This offer with other cipher suites, by IANA name. */
  public TlsOffer withCipherSuites(String... names) {
    return withCipherSuites(List.of(names));
  }

  /** This offer with SNI on or off. */
  public TlsOffer withSni(boolean on) {
    return new TlsOffer(versions, cipherSuites, on, groups);
  }

  /** The oldest offered version. */
  public TlsVersion lowest() {
    return versions.iterator().next();
  }

  /** The newest offered version. */
  public TlsVersion highest() {
    TlsVersion last = null;
    for (TlsVersion v : versions) {
      last = v;
    }
    return last;
  }

  /** The versions for Bouncy Castle, newest first, as a supported_versions extension lists them. */
  ProtocolVersion[] bcVersions() {
    List<ProtocolVersion> out = new ArrayList<>();
    for (TlsVersion v : versions) {
      out.add(0, v.toBc());
    }
    return out.toArray(ProtocolVersion[]::new);
  }

  /** The suites' codes, in order. */
  public int[] cipherSuiteCodes() {
    int[] out = new int[cipherSuites.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = CipherSuites.code(cipherSuites.get(i)).orElseThrow();
    }
    return out;
  }
}
