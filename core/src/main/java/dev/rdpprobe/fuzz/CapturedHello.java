package dev.rdpprobe.fuzz;

import dev.rdpprobe.tls.CipherSuites;
import dev.rdpprobe.tls.TlsClientHello;
import dev.rdpprobe.tls.TlsExtension;
import dev.rdpprobe.tls.TlsOffer;
import dev.rdpprobe.tls.TlsVersion;
import dev.rdpprobe.wire.DecodeException;
import dev.rdpprobe.wire.Octets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntFunction;
import org.bouncycastle.tls.NamedGroup;
import org.bouncycastle.tls.SignatureScheme;

/**
 * A captured client's ClientHello as the offer Bouncy Castle can make again: its versions, its
 * cipher suites in its order, its SNI name. What Bouncy Castle cannot offer (a suite its
 * lightweight crypto lacks, GREASE, signalling values it adds by itself) is named; what it writes
 * its own way (supported groups, signature algorithms, the extensions and their order) is named
 * after the replay by comparing the two ClientHellos ({@link #differences}).
 *
 * @param offer the versions and suites to offer
 * @param serverName the SNI host name to send, or {@code null} for none
 * @param notOffered what of the captured offer is left out, each with why
 */
record CapturedHello(TlsOffer offer, String serverName, List<String> notOffered) {
  CapturedHello {
    Objects.requireNonNull(offer, "offer");
    notOffered = List.copyOf(notOffered);
  }

  /** The offer closest to {@code hello}; {@code fallback} where nothing of it can be offered. */
  static CapturedHello of(TlsClientHello hello, TlsOffer fallback) {
    List<String> left = new ArrayList<>();
    Set<TlsVersion> versions = EnumSet.noneOf(TlsVersion.class);
    List<Integer> wire;
    try {
      wire = hello.offeredVersions();
    } catch (DecodeException e) {
      wire = List.of(hello.legacyVersion());
      left.add("supported_versions: malformed in the capture (" + e.getMessage() + ")");
    }
    boolean legacyOnly = hello.extension(TlsExtension.SUPPORTED_VERSIONS).isEmpty();
    for (int v : wire) {
      Optional<TlsVersion> known = TlsVersion.fromWire(v);
      if (known.isPresent()) {
        if (legacyOnly) {
          // without supported_versions a client offers every version up to legacy_version
          for (TlsVersion each : TlsVersion.values()) {
            if (each.compareTo(known.get()) <= 0) {
              versions.add(each);
            }
          }
        } else {
          versions.add(known.get());
        }
      } else {
        left.add("version " + TlsVersion.describe(v) + ": not one Bouncy Castle offers");
      }
    }
    List<String> suites = new ArrayList<>();
    for (int code : hello.cipherSuites()) {
      String name = CipherSuites.name(code);
      if (CipherSuites.isSignalling(code)) {
        continue; // Bouncy Castle adds TLS_EMPTY_RENEGOTIATION_INFO_SCSV itself
      } else if (isGrease(code)) {
        left.add(String.format("cipher suite 0x%04x: a GREASE value", code));
      } else if (!CipherSuites.isImplemented(code)) {
        left.add("cipher suite " + name + ": not in Bouncy Castle's lightweight crypto");
      } else if (!suites.contains(name)) {
        suites.add(name);
      }
    }
    for (TlsVersion v : List.copyOf(versions)) {
      if (suites.stream()
          .noneMatch(s -> CipherSuites.isValidFor(CipherSuites.code(s).orElseThrow(), v))) {
        versions.remove(v);
        left.add("version " + v + ": none of the suites that could be offered serves it");
      }
    }
    List<Integer> groups = new ArrayList<>();
    for (int g : groupCodes(hello)) {
      if (isGrease(g)) {
        left.add(String.format("group 0x%04x: a GREASE value", g));
      } else if (!CipherSuites.isGroupImplemented(g)) {
        left.add("group " + groupName(g) + ": not in Bouncy Castle's lightweight crypto");
      } else if (!groups.contains(g)) {
        groups.add(g);
      }
    }
    TlsOffer offer;
    if (versions.isEmpty() || suites.isEmpty()) {
      offer = fallback;
      left.add("the whole offer: the probe's own, nothing captured can be offered");
    } else {
      offer =
          new TlsOffer(
              versions, suites, hello.extension(TlsExtension.SERVER_NAME).isPresent(), groups);
    }
    String sni = null;
    try {
      sni = hello.serverName().orElse(null);
    } catch (DecodeException e) {
      left.add("server_name: malformed in the capture (" + e.getMessage() + ")");
    }
    if (sni != null && sni.matches("[0-9.]+|.*:.*")) {
      // RFC 6066 section 3: "Literal IPv4 and IPv6 addresses are not permitted in HostName"
      left.add("server_name " + sni + ": an address literal, which the probe never sends as SNI");
    }
    return new CapturedHello(offer, sni, left);
  }

  /** The hello's supported_groups codes, or none when it is absent or malformed. */
  private static List<Integer> groupCodes(TlsClientHello h) {
    List<Integer> codes = codes(h, TlsExtension.SUPPORTED_GROUPS);
    return codes == null ? List.of() : codes;
  }

  /**
   * The u16 list behind a 2-byte length that supported_groups and signature_algorithms hold; empty
   * when the extension is absent, {@code null} when it is malformed.
   */
  private static List<Integer> codes(TlsClientHello h, int type) {
    Optional<TlsExtension> e = h.extension(type);
    List<Integer> out = new ArrayList<>();
    if (e.isEmpty()) {
      return out;
    }
    Octets d = e.get().data();
    if (d.length() < 2 || (d.get(0) << 8 | d.get(1)) != d.length() - 2 || d.length() % 2 != 0) {
      return null;
    }
    for (int i = 2; i + 1 < d.length(); i += 2) {
      out.add(d.get(i) << 8 | d.get(i + 1));
    }
    return out;
  }

  private static String groupName(int code) {
    String n = NamedGroup.getName(code);
    return n == null || n.startsWith("UNKNOWN") ? String.format("0x%04x", code) : n;
  }

  /** RFC 8701's reserved values: 0x?A?A with both bytes equal. */
  private static boolean isGrease(int code) {
    return (code & 0x0F0F) == 0x0A0A && (code >> 8) == (code & 0xFF);
  }

  /**
   * Where the ClientHello sent live differs from the captured one: versions, suites, supported
   * groups, signature algorithms, the extensions sent and their order.
   */
  static List<String> differences(TlsClientHello captured, TlsClientHello live) {
    List<String> out = new ArrayList<>();
    differ("versions", names(captured), names(live), out);
    differ("cipher suites", captured.cipherSuiteNames(), live.cipherSuiteNames(), out);
    differ(
        "supported_groups",
        u16s(captured, TlsExtension.SUPPORTED_GROUPS, NamedGroup::getName),
        u16s(live, TlsExtension.SUPPORTED_GROUPS, NamedGroup::getName),
        out);
    differ(
        "signature_algorithms",
        u16s(captured, TlsExtension.SIGNATURE_ALGORITHMS, SignatureScheme::getName),
        u16s(live, TlsExtension.SIGNATURE_ALGORITHMS, SignatureScheme::getName),
        out);
    differ("extensions in order", extensions(captured), extensions(live), out);
    return out;
  }

  private static void differ(String what, List<String> a, List<String> b, List<String> out) {
    if (!a.equals(b)) {
      out.add(what + ": captured " + a + ", sent " + b);
    }
  }

  private static List<String> names(TlsClientHello h) {
    try {
      return h.offeredVersionNames();
    } catch (DecodeException e) {
      return List.of("malformed");
    }
  }

  private static List<String> extensions(TlsClientHello h) {
    List<String> out = new ArrayList<>();
    for (TlsExtension e : h.extensions()) {
      out.add(e.name());
    }
    return out;
  }

  private static List<String> u16s(TlsClientHello h, int type, IntFunction<String> name) {
    List<Integer> codes = codes(h, type);
    if (codes == null) {
      return List.of("malformed");
    }
    List<String> out = new ArrayList<>();
    for (int code : codes) {
      String n = name.apply(code);
      out.add(n == null || n.startsWith("UNKNOWN") ? String.format("0x%04x", code) : n);
    }
    return out;
  }
}
