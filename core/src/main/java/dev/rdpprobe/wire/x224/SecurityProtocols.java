package dev.rdpprobe.wire.x224;

import dev.rdpprobe.wire.NamedBits;
import java.util.List;

/**
 * The security protocols of MS-RDPBCGR 2.2.1.1.1 ({@code requestedProtocols}, a bit set) and
 * 2.2.1.2.1 ({@code selectedProtocol}, a single value). Unknown bits are kept.
 *
 * @param bits the 32-bit field as sent
 */
public record SecurityProtocols(int bits) {
  /** PROTOCOL_RDP: Standard RDP Security, no TLS. Its value is zero, so it is never a bit. */
  public static final SecurityProtocols RDP = new SecurityProtocols(0x00);

  /** PROTOCOL_SSL: TLS 1.0, 1.1, 1.2 or 1.3. */
  public static final SecurityProtocols SSL = new SecurityProtocols(0x01);

  /** PROTOCOL_HYBRID: CredSSP (NLA) over TLS. */
  public static final SecurityProtocols HYBRID = new SecurityProtocols(0x02);

  /** PROTOCOL_RDSTLS: RDSTLS over TLS (redirected and reconnected sessions). */
  public static final SecurityProtocols RDSTLS = new SecurityProtocols(0x04);

  /** PROTOCOL_HYBRID_EX: CredSSP with the Early User Authorization Result PDU. */
  public static final SecurityProtocols HYBRID_EX = new SecurityProtocols(0x08);

  /** PROTOCOL_RDSAAD: RDS AAD authentication over TLS. */
  public static final SecurityProtocols RDSAAD = new SecurityProtocols(0x10);

  private static final NamedBits NAMES =
      NamedBits.of(0x01, "SSL", 0x02, "HYBRID", 0x04, "RDSTLS", 0x08, "HYBRID_EX", 0x10, "RDSAAD");

  /** The set from several protocols, e.g. {@code of(SSL, HYBRID, HYBRID_EX)}. */
  public static SecurityProtocols of(SecurityProtocols... protocols) {
    int bits = 0;
    for (SecurityProtocols p : protocols) {
      bits |= p.bits;
    }
    return new SecurityProtocols(bits);
  }

  /**
   * Parses names joined by {@code |} or {@code ,} ({@code "ssl|hybrid"}), case-insensitive.
   *
   * @throws IllegalArgumentException naming the first unknown name
   */
  public static SecurityProtocols parse(String text) {
    int bits = 0;
    for (String part : text.split("[|,]")) {
      String name = part.trim().toUpperCase(java.util.Locale.ROOT).replace('-', '_');
      bits |=
          switch (name) {
            case "RDP" -> 0;
            case "SSL", "TLS" -> SSL.bits;
            case "HYBRID", "NLA", "CREDSSP" -> HYBRID.bits;
            case "RDSTLS" -> RDSTLS.bits;
            case "HYBRID_EX" -> HYBRID_EX.bits;
            case "RDSAAD" -> RDSAAD.bits;
            default ->
                throw new IllegalArgumentException(
                    "unknown security protocol '"
                        + part.trim()
                        + "' (expected: rdp, ssl, hybrid, rdstls, hybrid_ex, rdsaad)");
          };
    }
    return new SecurityProtocols(bits);
  }

  /** Whether every bit of {@code other} is set here; RDP (zero) is contained in every set. */
  public boolean contains(SecurityProtocols other) {
    return (bits & other.bits) == other.bits;
  }

  /** This set with the bits of {@code other} added. */
  public SecurityProtocols with(SecurityProtocols other) {
    return new SecurityProtocols(bits | other.bits);
  }

  /** Whether the (selected) protocol runs TLS after the Connection Confirm. */
  public boolean usesTls() {
    return bits != 0;
  }

  /** The names of the bits, {@code [RDP]} for zero. */
  public List<String> names() {
    return bits == 0 ? List.of("RDP") : NAMES.names(bits & 0xFFFFFFFFL);
  }

  @Override
  public String toString() {
    return String.join("|", names());
  }

  /**
   * The record's equality, written out: a record's own links {@code ObjectMethods} at its first
   * call, about 8 ms of a cold process, and every probe compares these (see {@code ColdStartIT}).
   */
  @Override
  public boolean equals(Object o) {
    return o instanceof SecurityProtocols other && other.bits == bits;
  }

  @Override
  public int hashCode() {
    return Integer.hashCode(bits);
  }
}
