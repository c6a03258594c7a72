package dev.rdpprobe.tls;

import dev.rdpprobe.wire.DecodeException;
import dev.rdpprobe.wire.Octets;
import dev.rdpprobe.wire.Pdu;
import dev.rdpprobe.wire.Wire;
import io.netty.buffer.ByteBuf;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.bouncycastle.tls.NamedGroup;

/**
 * The body of a ServerHello handshake message (RFC 8446 section 4.1.3, RFC 5246 section 7.4.1.3),
 * or of a TLS 1.3 HelloRetryRequest, which is a ServerHello with a special {@code random}.
 *
 * @param legacyVersion {@code legacy_version}: {@code 0x0303} from a TLS 1.3 server
 * @param random the 32-byte {@code random}
 * @param sessionId {@code legacy_session_id_echo}, 0 to 32 bytes
 * @param cipherSuite {@code cipher_suite}
 * @param compressionMethod {@code legacy_compression_method}
 * @param extensions the extensions in the server's order; empty when the block is absent
 */
public record TlsServerHello(
    int legacyVersion,
    Octets random,
    Octets sessionId,
    int cipherSuite,
    int compressionMethod,
    List<TlsExtension> extensions)
    implements Pdu {

  /** The name used in decode errors and traces. */
  public static final String NAME = "ServerHello";

  /** HandshakeType server_hello. */
  public static final int HANDSHAKE_TYPE = 2;

  /** The {@code random} of a HelloRetryRequest: SHA-256 of "HelloRetryRequest" (RFC 8446 4.1.3). */
  public static final Octets HELLO_RETRY_REQUEST_RANDOM =
      Octets.fromHex("cf21ad74e59a6111be1d8c021e65b891c2a211167abb8c5e079e09e2c8a8339c");

  public TlsServerHello {
    Objects.requireNonNull(random, "random");
    Objects.requireNonNull(sessionId, "sessionId");
    extensions = List.copyOf(extensions);
    if (legacyVersion < 0 || legacyVersion > 0xFFFF) {
      throw new IllegalArgumentException("legacy_version out of range: " + legacyVersion);
    }
    if (random.length() != 32) {
      throw new IllegalArgumentException("random must be 32 bytes: " + random.length());
    }
    if (sessionId.length() > 32) {
      throw new IllegalArgumentException("legacy_session_id_echo longer than 32");
    }
    if (cipherSuite < 0
        || cipherSuite > 0xFFFF
        || compressionMethod < 0
        || compressionMethod > 0xFF) {
      throw new IllegalArgumentException("cipher_suite or compression out of range");
    }
    if (TlsCodec.extensionsSize(extensions) > 0xFFFF + 2) {
      throw new IllegalArgumentException("extensions too long");
    }
  }

  /** Reads a ServerHello body (the handshake header already read); it must fill {@code in}. */
  public static TlsServerHello decode(ByteBuf in) {
    int legacyVersion = TlsCodec.u16(in, NAME, "legacy_version");
    Octets random = Octets.read(in, 32, NAME, "random");
    Octets sessionId = TlsCodec.vector(in, 1, 0, 32, NAME, "legacy_session_id_echo");
    int cipherSuite = TlsCodec.u16(in, NAME, "cipher_suite");
    int compression = TlsCodec.u8(in, NAME, "legacy_compression_method");
    List<TlsExtension> extensions = TlsCodec.extensions(in, NAME);
    return new TlsServerHello(
        legacyVersion, random, sessionId, cipherSuite, compression, extensions);
  }

  @Override
  public String name() {
    return isHelloRetryRequest() ? "HelloRetryRequest" : NAME;
  }

  @Override
  public int size() {
    return 2 + 32 + 1 + sessionId.length() + 2 + 1 + TlsCodec.extensionsSize(extensions);
  }

  @Override
  public void encode(ByteBuf out) {
    out.writeShort(legacyVersion);
    random.writeTo(out);
    TlsCodec.writeVector(out, 1, sessionId);
    out.writeShort(cipherSuite);
    out.writeByte(compressionMethod);
    TlsCodec.writeExtensions(out, extensions);
  }

  /** Whether this is a TLS 1.3 HelloRetryRequest. */
  public boolean isHelloRetryRequest() {
    return random.equals(HELLO_RETRY_REQUEST_RANDOM);
  }

  /** The first extension of this type, if present. */
  public Optional<TlsExtension> extension(int type) {
    for (TlsExtension e : extensions) {
      if (e.type() == type) {
        return Optional.of(e);
      }
    }
    return Optional.empty();
  }

  /**
   * The version the server chose: {@code supported_versions} (2 bytes, RFC 8446 4.2.1) if present,
   * else {@code legacy_version}.
   *
   * @throws DecodeException if {@code supported_versions} is not 2 bytes
   */
  public int selectedVersion() {
    Optional<TlsExtension> sv = extension(TlsExtension.SUPPORTED_VERSIONS);
    if (sv.isEmpty()) {
      return legacyVersion;
    }
    Octets d = sv.get().data();
    if (d.length() != 2) {
      throw Wire.invalid(NAME, "supported_versions length", 0, d.length(), "2");
    }
    return d.get(0) << 8 | d.get(1);
  }

  /** The chosen cipher suite's IANA name. */
  public String cipherSuiteName() {
    return CipherSuites.name(cipherSuite);
  }

  /** The key_share group of a TLS 1.3 ServerHello or HelloRetryRequest, if present. */
  public Optional<Integer> keyShareGroup() {
    Optional<TlsExtension> ks = extension(TlsExtension.KEY_SHARE);
    if (ks.isEmpty() || ks.get().data().length() < 2) {
      return Optional.empty();
    }
    Octets d = ks.get().data();
    return Optional.of(d.get(0) << 8 | d.get(1));
  }

  /** Key fields in one line: {@code version=TLSv1.3 suite=TLS_AES_256_GCM_SHA384 group=x25519}. */
  @Override
  public String summary() {
    String version;
    try {
      version = TlsVersion.describe(selectedVersion());
    } catch (DecodeException e) {
      version = "malformed supported_versions";
    }
    String group = keyShareGroup().map(g -> " group=" + groupName(g)).orElse("");
    return "version=" + version + " suite=" + cipherSuiteName() + group;
  }

  static String groupName(int group) {
    String n = NamedGroup.getName(group);
    return n == null || "UNKNOWN".equals(n) || "PRIVATE".equals(n) ? "unknown (" + group + ")" : n;
  }
}
