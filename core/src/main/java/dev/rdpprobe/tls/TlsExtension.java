package dev.rdpprobe.tls;

import dev.rdpprobe.wire.Octets;
import io.netty.buffer.ByteBuf;
import java.util.Objects;
import org.bouncycastle.tls.ExtensionType;

/**
 * One hello extension (RFC 8446 section 4.2): its type and its opaque data, kept as sent.
 *
 * @param type the ExtensionType code, e.g. 0 server_name, 43 supported_versions
 * @param data the extension_data
 */
public record TlsExtension(int type, Octets data) {
  /** server_name (RFC 6066): SNI. */
  public static final int SERVER_NAME = 0;

  /** supported_groups (RFC 8446 section 4.2.7). */
  public static final int SUPPORTED_GROUPS = 10;

  /** signature_algorithms (RFC 8446 section 4.2.3). */
  public static final int SIGNATURE_ALGORITHMS = 13;

  /** application_layer_protocol_negotiation (RFC 7301). */
  public static final int ALPN = 16;

  /** encrypt_then_mac (RFC 7366). */
  public static final int ENCRYPT_THEN_MAC = 22;

  /** extended_master_secret (RFC 7627). */
  public static final int EXTENDED_MASTER_SECRET = 23;

  /** supported_versions (RFC 8446 section 4.2.1). */
  public static final int SUPPORTED_VERSIONS = 43;

  /** key_share (RFC 8446 section 4.2.8). */
  public static final int KEY_SHARE = 51;

  /** renegotiation_info (RFC 5746). */
  public static final int RENEGOTIATION_INFO = 0xFF01;

  public TlsExtension {
    Objects.requireNonNull(data, "data");
    if (type < 0 || type > 0xFFFF || data.length() > 0xFFFF) {
      throw new IllegalArgumentException("extension type or length out of range: " + type);
    }
  }

  /** The registry name, e.g. {@code supported_versions}, or {@code unknown (n)}. */
  public String name() {
    return name(type);
  }

  /** The registry name of an extension type, or {@code unknown (n)}. */
  public static String name(int type) {
    String n = ExtensionType.getName(type);
    return "UNKNOWN".equals(n) ? "unknown (" + type + ")" : n;
  }

  int size() {
    return 4 + data.length();
  }

  void encode(ByteBuf out) {
    out.writeShort(type);
    TlsCodec.writeVector(out, 2, data);
  }
}
