package dev.rdpprobe.tls;

import dev.rdpprobe.wire.Wire;
import java.util.Optional;
import org.bouncycastle.tls.ProtocolVersion;

/**
 * A TLS protocol version this library can offer, accept and name (RFC 2246, 4346, 5246, 8446).
 * Versions on the wire that are not here (SSLv3, GREASE, drafts) are named by {@link
 * #describe(int)}, never rejected.
 */
public enum TlsVersion {
  /** TLS 1.0 (RFC 2246), {@code 0x0301}. */
  TLS_1_0(0x0301, "TLSv1.0", ProtocolVersion.TLSv10),
  /** TLS 1.1 (RFC 4346), {@code 0x0302}. */
  TLS_1_1(0x0302, "TLSv1.1", ProtocolVersion.TLSv11),
  /** TLS 1.2 (RFC 5246), {@code 0x0303}. */
  TLS_1_2(0x0303, "TLSv1.2", ProtocolVersion.TLSv12),
  /** TLS 1.3 (RFC 8446), {@code 0x0304}. */
  TLS_1_3(0x0304, "TLSv1.3", ProtocolVersion.TLSv13);

  private final int wireValue;
  private final String ianaName;
  private final ProtocolVersion bc;

  TlsVersion(int wireValue, String ianaName, ProtocolVersion bc) {
    this.wireValue = wireValue;
    this.ianaName = ianaName;
    this.bc = bc;
  }

  /** The two-byte value in a record header or {@code supported_versions}, e.g. {@code 0x0303}. */
  public int wireValue() {
    return wireValue;
  }

  /** The name as the IANA registry and JSSE spell it, e.g. {@code TLSv1.2}. */
  public String ianaName() {
    return ianaName;
  }

  ProtocolVersion toBc() {
    return bc;
  }

  /** The version with this wire value, if it is one of ours. */
  public static Optional<TlsVersion> fromWire(int wireValue) {
    for (TlsVersion v : values()) {
      if (v.wireValue == wireValue) {
        return Optional.of(v);
      }
    }
    return Optional.empty();
  }

  /**
   * The version with this name, case-insensitive: {@code TLSv1.2}, {@code TLS1.2}, {@code 1.2} or
   * {@code TLS_1_2}.
   */
  public static TlsVersion fromName(String name) {
    String n = name.trim().toLowerCase(java.util.Locale.ROOT).replace('_', '.');
    n = n.startsWith("tlsv") ? n.substring(4) : n.startsWith("tls") ? n.substring(3) : n;
    n = n.startsWith(".") ? n.substring(1) : n;
    for (TlsVersion v : values()) {
      if (v.ianaName.substring(4).equals(n)) {
        return v;
      }
    }
    throw new IllegalArgumentException(
        "unknown TLS version '" + name + "' (expected: 1.0, 1.1, 1.2 or 1.3)");
  }

  static Optional<TlsVersion> fromBc(ProtocolVersion version) {
    return version == null ? Optional.empty() : fromWire(version.getFullVersion());
  }

  /**
   * Names any two-byte version value: {@code TLSv1.2}, {@code SSLv3}, {@code GREASE (0x1a1a)} or
   * {@code unknown (0x7f1c)}.
   */
  public static String describe(int wireValue) {
    Optional<TlsVersion> known = fromWire(wireValue);
    if (known.isPresent()) {
      return known.get().ianaName;
    }
    if (wireValue == 0x0300) {
      return "SSLv3";
    }
    if (wireValue == 0x0002) {
      return "SSLv2";
    }
    if ((wireValue & 0x0F0F) == 0x0A0A && (wireValue >> 8) == (wireValue & 0xFF)) {
      return "GREASE (" + Wire.hex(wireValue) + ")";
    }
    return "unknown (" + Wire.hex(wireValue) + ")";
  }

  @Override
  public String toString() {
    return ianaName;
  }
}
