package dev.rdpprobe.tls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rdpprobe.wire.DecodeException;
import dev.rdpprobe.wire.Octets;
import io.netty.buffer.ByteBuf;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The hello and Certificate decoders on real bytes from testdata/tls/ and on broken ones. */
class TlsHandshakeMessagesTest {

  /** The body of the first handshake message in the first record of a flight file. */
  private static byte[] firstBody(String file) {
    byte[] flight = TlsTestData.load("tls/" + file);
    assertEquals(22, flight[0], "a handshake record");
    assertTrue(flight[5] == 1 || flight[5] == 2, "a ClientHello or a ServerHello");
    int length = (flight[6] & 0xFF) << 16 | (flight[7] & 0xFF) << 8 | (flight[8] & 0xFF);
    return Arrays.copyOfRange(flight, 9, 9 + length);
  }

  private static <T> T decodeAll(Function<ByteBuf, T> decoder, byte[] body) {
    ByteBuf in = TlsOracles.buffer(body);
    try {
      T value = decoder.apply(in);
      assertFalse(in.isReadable(), "the whole body is read");
      return value;
    } finally {
      in.release();
    }
  }

  private static DecodeException decodeError(Function<ByteBuf, ?> decoder, byte[] body) {
    return assertThrows(DecodeException.class, () -> decodeAll(decoder, body));
  }

  @Test
  void clientHelloOfTheWindowsOfferWithTls13() {
    byte[] body = firstBody("tls13-1-client.hex");
    TlsClientHello ch = decodeAll(TlsClientHello::decode, body);
    assertEquals(0x0303, ch.legacyVersion());
    assertEquals(32, ch.sessionId().length(), "a compatibility-mode session id (RFC 8446 D.4)");
    List<String> expected = new java.util.ArrayList<>(TlsOffer.WINDOWS_CIPHER_SUITES);
    expected.add("TLS_EMPTY_RENEGOTIATION_INFO_SCSV");
    assertEquals(expected, ch.cipherSuiteNames());
    assertEquals(Octets.of((byte) 0), ch.compressionMethods());
    assertEquals(List.of(0x0304, 0x0303), ch.offeredVersions());
    assertEquals(List.of("TLSv1.3", "TLSv1.2"), ch.offeredVersionNames());
    assertEquals(Optional.of("rdp.example.test"), ch.serverName());
    assertEquals(
        List.of(22, 23, 43, 13, 11, 10, 5, 51, 0),
        ch.extensions().stream().map(TlsExtension::type).toList());
    assertEquals(
        Octets.fromHex("0006 001d 0017 0018"),
        ch.extension(TlsExtension.SUPPORTED_GROUPS).orElseThrow().data(),
        "x25519, secp256r1, secp384r1: Schannel's groups");
    assertEquals(
        "versions=TLSv1.3,TLSv1.2 suites=21 " + expected + " sni=rdp.example.test", ch.summary());
    assertArrayEquals(body, TlsOracles.encode(ch), "encode gives the bytes back");
    assertEquals(body.length, ch.size());
  }

  @Test
  void clientHelloOfTls12OnlyHasNoSupportedVersions() {
    byte[] body = firstBody("tls12-1-client.hex");
    TlsClientHello ch = decodeAll(TlsClientHello::decode, body);
    assertEquals(0, ch.sessionId().length());
    assertEquals(19, ch.cipherSuites().size());
    assertEquals(List.of(0x0303), ch.offeredVersions(), "legacy_version alone");
    assertTrue(ch.extension(TlsExtension.SUPPORTED_VERSIONS).isEmpty());
    assertEquals(Optional.of("rdp.example.test"), ch.serverName());
    assertArrayEquals(body, TlsOracles.encode(ch));
  }

  @Test
  void serverHelloOfTls13() {
    byte[] body = firstBody("tls13-2-server.hex");
    TlsServerHello sh = decodeAll(TlsServerHello::decode, body);
    assertEquals(0x0303, sh.legacyVersion());
    assertEquals(0x0304, sh.selectedVersion());
    assertEquals(0x1302, sh.cipherSuite());
    assertEquals("TLS_AES_256_GCM_SHA384", sh.cipherSuiteName());
    assertEquals(Optional.of(0x001d), sh.keyShareGroup());
    assertEquals(List.of(43, 51), sh.extensions().stream().map(TlsExtension::type).toList());
    assertFalse(sh.isHelloRetryRequest());
    assertEquals("ServerHello", sh.name());
    assertEquals("version=TLSv1.3 suite=TLS_AES_256_GCM_SHA384 group=x25519", sh.summary());
    assertArrayEquals(body, TlsOracles.encode(sh));
  }

  @Test
  void serverHelloOfTls12() {
    byte[] body = firstBody("tls12-2-server.hex");
    TlsServerHello sh = decodeAll(TlsServerHello::decode, body);
    assertEquals(0x0303, sh.selectedVersion());
    assertEquals("TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", sh.cipherSuiteName());
    assertEquals(
        List.of(5, 23, 0xff01, 11), sh.extensions().stream().map(TlsExtension::type).toList());
    assertEquals("version=TLSv1.2 suite=TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", sh.summary());
    assertArrayEquals(body, TlsOracles.encode(sh));
  }

  @Test
  void helloRetryRequestIsNamedByItsRandom() {
    TlsServerHello hrr =
        new TlsServerHello(
            0x0303,
            TlsServerHello.HELLO_RETRY_REQUEST_RANDOM,
            Octets.EMPTY,
            0x1301,
            0,
            List.of(
                new TlsExtension(43, Octets.fromHex("0304")),
                new TlsExtension(51, Octets.fromHex("0017"))));
    assertTrue(hrr.isHelloRetryRequest());
    assertEquals("HelloRetryRequest", hrr.name());
    assertEquals("version=TLSv1.3 suite=TLS_AES_128_GCM_SHA256 group=secp256r1", hrr.summary());
    assertEquals(hrr, decodeAll(TlsServerHello::decode, TlsOracles.encode(hrr)));
  }

  @Test
  void certificateOfTls12() {
    byte[] flight = TlsTestData.load("tls/tls12-2-server.hex");
    // Bouncy Castle puts each handshake message in a record of its own: the Certificate is in
    // the record after the ServerHello's
    int shLength = (flight[6] & 0xFF) << 16 | (flight[7] & 0xFF) << 8 | (flight[8] & 0xFF);
    assertEquals(22, flight[9 + shLength]);
    int at = 9 + shLength + 5;
    assertEquals(11, flight[at]);
    int length =
        (flight[at + 1] & 0xFF) << 16 | (flight[at + 2] & 0xFF) << 8 | (flight[at + 3] & 0xFF);
    byte[] body = Arrays.copyOfRange(flight, at + 4, at + 4 + length);
    TlsCertificateMessage cert = decodeAll(TlsCertificateMessage::decodeTls12, body);
    assertFalse(cert.tls13());
    assertEquals(1, cert.entries().size());
    CertificateFacts leaf = CertificateFacts.parse(cert.certificates().get(0));
    assertEquals("CN=rdp.example.test", leaf.subject());
    assertEquals("chain=1 leaf=CN=rdp.example.test", cert.summary());
    assertArrayEquals(body, TlsOracles.encode(cert));
  }

  @Test
  void certificateOfTls13HasAContextAndEntryExtensions() {
    byte[] der = ServerIdentity.der(TestIdentities.rsa().leaf());
    TlsCertificateMessage m =
        new TlsCertificateMessage(
            true,
            Octets.EMPTY,
            List.of(new TlsCertificateMessage.Entry(Octets.of(der), Octets.EMPTY)));
    byte[] bytes = TlsOracles.encode(m);
    assertEquals(1 + 3 + 3 + der.length + 2, bytes.length);
    assertEquals(m, decodeAll(TlsCertificateMessage::decodeTls13, bytes));
    assertEquals("chain=1 leaf=CN=rdp.example.test", m.summary());
    assertEquals(
        "chain=0 (no certificate)",
        new TlsCertificateMessage(false, Octets.EMPTY, List.of()).summary());
  }

  @Test
  void aTruncatedClientHelloIsRefusedWhereItEnds() {
    byte[] body = firstBody("tls13-1-client.hex");
    DecodeException e = decodeError(TlsClientHello::decode, Arrays.copyOf(body, 20));
    assertEquals(DecodeException.Kind.NOT_ENOUGH_BYTES, e.kind());
    assertEquals("random", e.field());
    assertEquals(2, e.offset());
  }

  @Test
  void anOddCipherSuitesLengthIsRefused() {
    byte[] body = firstBody("tls12-1-client.hex");
    int at = 2 + 32 + 1; // legacy_version, random, empty session id
    byte[] broken = body.clone();
    broken[at + 1] = (byte) (broken[at + 1] - 1); // 38 suite bytes become 37
    DecodeException e = decodeError(TlsClientHello::decode, broken);
    assertEquals(DecodeException.Kind.INVALID_FIELD, e.kind());
    assertEquals("cipher_suites length", e.field());
    assertEquals(at, e.offset());
  }

  @Test
  void anExtensionsBlockThatDoesNotFillTheMessageIsRefused() {
    byte[] body = firstBody("tls13-2-server.hex");
    byte[] longer = Arrays.copyOf(body, body.length + 1);
    DecodeException e = decodeError(TlsServerHello::decode, longer);
    assertEquals("extensions length", e.field());
    assertEquals(DecodeException.Kind.INVALID_FIELD, e.kind());
  }

  @Test
  void aMalformedServerNameExtensionIsADecodeExceptionAndTheSummarySaysSo() {
    TlsClientHello ch = decodeAll(TlsClientHello::decode, firstBody("tls12-1-client.hex"));
    List<TlsExtension> ext = new java.util.ArrayList<>(ch.extensions());
    ext.replaceAll(
        x -> x.type() == 0 ? new TlsExtension(0, Octets.fromHex("00 20 00 00 03 61 62 63")) : x);
    TlsClientHello broken =
        new TlsClientHello(
            ch.legacyVersion(),
            ch.random(),
            ch.sessionId(),
            ch.cipherSuites(),
            ch.compressionMethods(),
            ext);
    assertThrows(DecodeException.class, broken::serverName);
    assertTrue(broken.summary().endsWith(" sni=malformed"), broken.summary());
  }

  @Test
  void aSessionIdLongerThan32IsRefused() {
    byte[] body = firstBody("tls13-1-client.hex");
    byte[] broken = body.clone();
    broken[34] = 33;
    DecodeException e = decodeError(TlsClientHello::decode, broken);
    assertEquals("legacy_session_id length", e.field());
    assertEquals(33, e.received());
  }

  @Test
  void certificateListLengthMustFillTheMessage() {
    DecodeException e =
        decodeError(
            TlsCertificateMessage::decodeTls12,
            Octets.fromHex("00 00 05 00 00 01 aa").toByteArray());
    assertEquals("certificate_list length", e.field());
    assertEquals(5, e.received());
    assertNull(TlsOracles.decode(TlsCertificateMessage::decodeTls12, new byte[] {0, 0}));
  }
}
