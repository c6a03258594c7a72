package dev.rdpprobe.tls;

import dev.rdpprobe.wire.Octets;
import dev.rdpprobe.wire.Pdu;
import dev.rdpprobe.wire.Wire;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The body of a ClientHello handshake message (RFC 8446 section 4.1.2, RFC 5246 section 7.4.1.2),
 * kept whole so it can be encoded again; the accessors below read the extensions that matter for a
 * diagnosis.
 *
 * @param legacyVersion {@code legacy_version}: {@code 0x0303} from a client that offers TLS 1.3
 * @param random the 32-byte {@code random}
 * @param sessionId {@code legacy_session_id}, 0 to 32 bytes
 * @param cipherSuites {@code cipher_suites}, codes in the client's order (signalling values too)
 * @param compressionMethods {@code legacy_compression_methods}, at least one byte
 * @param extensions the extensions in the client's order; empty when the block is absent
 */
public record TlsClientHello(
    int legacyVersion,
    Octets random,
    Octets sessionId,
    List<Integer> cipherSuites,
    Octets compressionMethods,
    List<TlsExtension> extensions)
    implements Pdu {

  /** The name used in decode errors and traces. */
  public static final String NAME = "ClientHello";

  /** HandshakeType client_hello. */
  public static final int HANDSHAKE_TYPE = 1;

  public TlsClientHello {
    Objects.requireNonNull(random, "random");
    Objects.requireNonNull(sessionId, "sessionId");
    Objects.requireNonNull(compressionMethods, "compressionMethods");
    cipherSuites = List.copyOf(cipherSuites);
    extensions = List.copyOf(extensions);
    if (legacyVersion < 0 || legacyVersion > 0xFFFF) {
      throw new IllegalArgumentException("legacy_version out of range: " + legacyVersion);
    }
    if (random.length() != 32) {
      throw new IllegalArgumentException("random must be 32 bytes: " + random.length());
    }
    if (sessionId.length() > 32) {
      throw new IllegalArgumentException("legacy_session_id longer than 32: " + sessionId.length());
    }
    if (cipherSuites.isEmpty() || cipherSuites.size() > 0x7FFF) {
      throw new IllegalArgumentException(
          "cipher_suites count out of range: " + cipherSuites.size());
    }
    for (int s : cipherSuites) {
      if (s < 0 || s > 0xFFFF) {
        throw new IllegalArgumentException("cipher suite out of range: " + s);
      }
    }
    if (compressionMethods.length() < 1 || compressionMethods.length() > 0xFF) {
      throw new IllegalArgumentException(
          "legacy_compression_methods length out of range: " + compressionMethods.length());
    }
    if (TlsCodec.extensionsSize(extensions) > 0xFFFF + 2) {
      throw new IllegalArgumentException("extensions too long");
    }
  }

  /** Reads a ClientHello body (the handshake header already read); it must fill {@code in}. */
  public static TlsClientHello decode(ByteBuf in) {
    int legacyVersion = TlsCodec.u16(in, NAME, "legacy_version");
    Octets random = Octets.read(in, 32, NAME, "random");
    Octets sessionId = TlsCodec.vector(in, 1, 0, 32, NAME, "legacy_session_id");
    int at = in.readerIndex();
    Octets suites = TlsCodec.vector(in, 2, 2, 0xFFFE, NAME, "cipher_suites");
    if (suites.length() % 2 != 0) {
      throw Wire.invalid(NAME, "cipher_suites length", at, suites.length(), "an even number");
    }
    List<Integer> cipherSuites = new ArrayList<>(suites.length() / 2);
    for (int i = 0; i < suites.length(); i += 2) {
      cipherSuites.add(suites.get(i) << 8 | suites.get(i + 1));
    }
    Octets compression = TlsCodec.vector(in, 1, 1, 0xFF, NAME, "legacy_compression_methods");
    List<TlsExtension> extensions = TlsCodec.extensions(in, NAME);
    return new TlsClientHello(
        legacyVersion, random, sessionId, cipherSuites, compression, extensions);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public int size() {
    return 2
        + 32
        + 1
        + sessionId.length()
        + 2
        + 2 * cipherSuites.size()
        + 1
        + compressionMethods.length()
        + TlsCodec.extensionsSize(extensions);
  }

  @Override
  public void encode(ByteBuf out) {
    out.writeShort(legacyVersion);
    random.writeTo(out);
    TlsCodec.writeVector(out, 1, sessionId);
    out.writeShort(2 * cipherSuites.size());
    for (int s : cipherSuites) {
      out.writeShort(s);
    }
    TlsCodec.writeVector(out, 1, compressionMethods);
    TlsCodec.writeExtensions(out, extensions);
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
   * The versions offered, as the client sent them: {@code supported_versions} (RFC 8446 section
   * 4.2.1) if present, else {@code legacy_version} alone (a TLS 1.2 client offers every version up
   * to it).
   *
   * @throws dev.rdpprobe.wire.DecodeException if {@code supported_versions} is malformed
   */
  public List<Integer> offeredVersions() {
    Optional<TlsExtension> sv = extension(TlsExtension.SUPPORTED_VERSIONS);
    if (sv.isEmpty()) {
      return List.of(legacyVersion);
    }
    return TlsCodec.u16List(sv.get().data(), 1, NAME, "supported_versions");
  }

  /** The offered versions by name, e.g. {@code [TLSv1.3, TLSv1.2]}. */
  public List<String> offeredVersionNames() {
    List<String> out = new ArrayList<>();
    for (int v : offeredVersions()) {
      out.add(TlsVersion.describe(v));
    }
    return out;
  }

  /** The cipher suites by IANA name, in the client's order. */
  public List<String> cipherSuiteNames() {
    List<String> out = new ArrayList<>(cipherSuites.size());
    for (int s : cipherSuites) {
      out.add(CipherSuites.name(s));
    }
    return out;
  }

  /**
   * The host_name of {@code server_name} (RFC 6066 section 3), if the client sent one.
   *
   * @throws dev.rdpprobe.wire.DecodeException if the extension is malformed
   */
  public Optional<String> serverName() {
    Optional<TlsExtension> sni = extension(TlsExtension.SERVER_NAME);
    if (sni.isEmpty()) {
      return Optional.empty();
    }
    String pdu = NAME + " server_name";
    ByteBuf in = Unpooled.wrappedBuffer(sni.get().data().toByteArray());
    try {
      Octets list = TlsCodec.vector(in, 2, 1, 0xFFFF, pdu, "server_name_list");
      if (in.isReadable()) {
        throw TlsCodec.trailing(in, pdu);
      }
      ByteBuf names = Unpooled.wrappedBuffer(list.toByteArray());
      try {
        while (names.isReadable()) {
          int nameType = TlsCodec.u8(names, pdu, "name_type");
          Octets name = TlsCodec.vector(names, 2, 1, 0xFFFF, pdu, "HostName");
          if (nameType == 0) {
            return Optional.of(new String(name.toByteArray(), StandardCharsets.US_ASCII));
          }
        }
        return Optional.empty();
      } finally {
        names.release();
      }
    } finally {
      in.release();
    }
  }

  /** Key fields in one line, e.g. {@code versions=TLSv1.3,TLSv1.2 suites=21 [...] sni=host}. */
  @Override
  public String summary() {
    String versions;
    try {
      versions = String.join(",", offeredVersionNames());
    } catch (dev.rdpprobe.wire.DecodeException e) {
      versions = "malformed supported_versions";
    }
    String sni;
    try {
      sni = serverName().orElse("none");
    } catch (dev.rdpprobe.wire.DecodeException e) {
      sni = "malformed";
    }
    return "versions="
        + versions
        + " suites="
        + cipherSuites.size()
        + " "
        + cipherSuiteNames()
        + " sni="
        + sni;
  }
}
