package dev.rdpprobe.wire.gcc;

import dev.rdpprobe.wire.NamedBits;
import dev.rdpprobe.wire.Octets;
import java.util.Objects;

/**
 * Server Certificate, SERVER_CERTIFICATE (MS-RDPBCGR 2.2.1.4.3.1), kept as the raw bytes the server
 * sent: a proprietary certificate (2.2.1.4.3.1.1, an RSA public key signed with the Terminal
 * Services key) or an X.509 chain (CERT_CHAIN_VERSION_2). Only {@code dwVersion} is interpreted.
 *
 * @param bytes the serverCertificate field of Server Security Data
 */
public record ServerCertificate(Octets bytes) {
  /** dwVersion: a proprietary certificate. */
  public static final int CERT_CHAIN_VERSION_1 = 0x00000001;

  /** dwVersion: an X.509 certificate chain. */
  public static final int CERT_CHAIN_VERSION_2 = 0x00000002;

  /** The top bit of dwVersion: the certificate was issued temporarily (0: permanently). */
  public static final int TEMPORARY = 0x80000000;

  private static final NamedBits VERSIONS =
      NamedBits.of(
          CERT_CHAIN_VERSION_1,
          "CERT_CHAIN_VERSION_1",
          CERT_CHAIN_VERSION_2,
          "CERT_CHAIN_VERSION_2");

  public ServerCertificate {
    Objects.requireNonNull(bytes, "bytes");
  }

  /** dwVersion (little-endian), or null when the certificate is shorter than 4 bytes. */
  public Integer dwVersion() {
    if (bytes.length() < 4) {
      return null;
    }
    return bytes.get(0) | bytes.get(1) << 8 | bytes.get(2) << 16 | bytes.get(3) << 24;
  }

  /** The name of dwVersion's low 31 bits ({@code CERT_CHAIN_VERSION_1}), or null without them. */
  public String versionName() {
    Integer v = dwVersion();
    return v == null ? null : VERSIONS.code(v & ~TEMPORARY);
  }

  /** Whether dwVersion's top bit marks the certificate as temporarily issued. */
  public boolean isTemporary() {
    Integer v = dwVersion();
    return v != null && (v & TEMPORARY) != 0;
  }

  @Override
  public String toString() {
    String version = versionName();
    return (version == null ? "no dwVersion" : version + (isTemporary() ? " (temporary)" : ""))
        + ", "
        + bytes.length()
        + " bytes";
  }
}
