package dev.rdpprobe.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.rdpprobe.wire.DecodeException;
import dev.rdpprobe.wire.Octets;
import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The passive observer on real handshakes (testdata/tls/) and on bytes that are not TLS. */
class TlsRecordObserverTest {

  private static final String[] TLS12 = {
    "tls12-1-client",
    "tls12-2-server",
    "tls12-3-client",
    "tls12-4-server",
    "tls12-5-client",
    "tls12-6-server"
  };
  private static final String[] TLS13 = {
    "tls13-1-client", "tls13-2-server", "tls13-3-client", "tls13-4-client", "tls13-5-server"
  };

  private static TlsSide sender(String file) {
    return file.endsWith("client") ? TlsSide.CLIENT : TlsSide.SERVER;
  }

  private static List<String> observe(String[] files, int chunk) {
    RecordingObserver o = new RecordingObserver();
    TlsRecordObserver observer = new TlsRecordObserver(o);
    for (String f : files) {
      byte[] bytes = TlsTestData.load("tls/" + f + ".hex");
      for (int i = 0; i < bytes.length; i += chunk) {
        observer.feed(sender(f), bytes, i, Math.min(chunk, bytes.length - i));
      }
    }
    List<String> lines = new ArrayList<>();
    for (TlsMessage m : o.messages()) {
      lines.add(m.line());
    }
    return lines;
  }

  private static String clientHelloSummary(String versions, List<String> suites) {
    List<String> all = new ArrayList<>(suites);
    all.add("TLS_EMPTY_RENEGOTIATION_INFO_SCSV");
    return "versions=" + versions + " suites=" + all.size() + " " + all + " sni=rdp.example.test";
  }

  @Test
  void followsATls12HandshakeUpToEachChangeCipherSpec() {
    List<String> expected =
        List.of(
            "client ClientHello (201 bytes) "
                + clientHelloSummary("TLSv1.2", TlsOffer.only(TlsVersion.TLS_1_2).cipherSuites()),
            "server ServerHello (63 bytes) version=TLSv1.2"
                + " suite=TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
            "server Certificate (823 bytes) chain=1 leaf=CN=rdp.example.test",
            "server ServerKeyExchange (300 bytes) group=x25519",
            "server ServerHelloDone (4 bytes)",
            "client ClientKeyExchange (37 bytes)",
            "client ChangeCipherSpec (1 byte)",
            "client encrypted handshake record (40 bytes, encrypted)",
            "server ChangeCipherSpec (1 byte)",
            "server encrypted handshake record (40 bytes, encrypted)",
            "client application data (44 bytes, encrypted)",
            "server application data (44 bytes, encrypted)");
    assertEquals(expected, observe(TLS12, Integer.MAX_VALUE));
    assertEquals(expected, observe(TLS12, 1), "byte by byte");
    assertEquals(expected, observe(TLS12, 7), "in 7-byte pieces");
  }

  @Test
  void followsATls13HandshakeUpToTheServerHello() {
    List<String> expected =
        List.of(
            "client ClientHello (288 bytes) "
                + clientHelloSummary("TLSv1.3,TLSv1.2", TlsOffer.WINDOWS_CIPHER_SUITES),
            "server ServerHello (122 bytes) version=TLSv1.3 suite=TLS_AES_256_GCM_SHA384"
                + " group=x25519",
            "server ChangeCipherSpec (1 byte)",
            "server encrypted handshake record (23 bytes, encrypted)",
            "server encrypted handshake record (843 bytes, encrypted)",
            "server encrypted handshake record (281 bytes, encrypted)",
            "server encrypted handshake record (69 bytes, encrypted)",
            "client ChangeCipherSpec (1 byte)",
            "client encrypted handshake record (69 bytes, encrypted)",
            "client encrypted record (37 bytes, encrypted)",
            "server encrypted record (37 bytes, encrypted)");
    assertEquals(expected, observe(TLS13, Integer.MAX_VALUE));
    assertEquals(expected, observe(TLS13, 3));
  }

  /** A handshake record holding one message of {@code type} with {@code body}. */
  private static byte[] handshakeRecord(int type, byte[] body) {
    byte[] r = new byte[5 + 4 + body.length];
    r[0] = 22;
    r[1] = 3;
    r[2] = 3;
    r[3] = (byte) ((4 + body.length) >> 8);
    r[4] = (byte) (4 + body.length);
    r[5] = (byte) type;
    r[6] = (byte) (body.length >> 16);
    r[7] = (byte) (body.length >> 8);
    r[8] = (byte) body.length;
    System.arraycopy(body, 0, r, 9, body.length);
    return r;
  }

  @Test
  void aHelloRetryRequestKeepsTheSecondClientHelloInPlaintext() {
    byte[] hello = TlsTestData.load("tls/tls13-1-client.hex");
    TlsServerHello hrr =
        new TlsServerHello(
            0x0303,
            TlsServerHello.HELLO_RETRY_REQUEST_RANDOM,
            Octets.of(new byte[32]),
            0x1302,
            0,
            List.of(
                new TlsExtension(43, Octets.fromHex("0304")),
                new TlsExtension(51, Octets.fromHex("0017"))));
    RecordingObserver o = new RecordingObserver();
    TlsRecordObserver observer = new TlsRecordObserver(o);
    observer.feed(TlsSide.CLIENT, hello);
    observer.feed(TlsSide.SERVER, handshakeRecord(2, TlsOracles.encode(hrr)));
    observer.feed(TlsSide.SERVER, Octets.fromHex("14 03 03 00 01 01").toByteArray());
    observer.feed(TlsSide.CLIENT, Octets.fromHex("14 03 03 00 01 01").toByteArray());
    observer.feed(TlsSide.CLIENT, hello); // the second ClientHello (the same bytes will do here)
    assertEquals(
        List.of(
            "CLIENT ClientHello",
            "SERVER HelloRetryRequest",
            "SERVER ChangeCipherSpec",
            "CLIENT ChangeCipherSpec",
            "CLIENT ClientHello"),
        o.names());
    assertEquals(
        "version=TLSv1.3 suite=TLS_AES_256_GCM_SHA384 group=secp256r1",
        o.messages().get(1).summary());
    assertEquals(java.util.Optional.empty(), observer.selectedVersion(), "not chosen yet");
  }

  @Test
  void keepsTheHellosItSaw() {
    TlsRecordObserver observer = new TlsRecordObserver(TlsObserver.NONE);
    for (String f : TLS13) {
      observer.feed(sender(f), TlsTestData.load("tls/" + f + ".hex"));
    }
    assertEquals(0x0304, observer.selectedVersion().orElseThrow());
    assertEquals(
        "rdp.example.test", observer.clientHello().orElseThrow().serverName().orElseThrow());
    assertEquals(0x1302, observer.serverHello().orElseThrow().cipherSuite());
    assertEquals(java.util.Optional.empty(), observer.serverCertificate(), "encrypted in TLS 1.3");
  }

  @Test
  void reportsPlaintextAlerts() {
    RecordingObserver o = new RecordingObserver();
    TlsRecordObserver observer = new TlsRecordObserver(o);
    observer.feed(TlsSide.CLIENT, TlsTestData.load("tls/tls13-1-client.hex"));
    observer.feed(TlsSide.SERVER, Octets.fromHex("15 03 03 00 02 02 46").toByteArray());
    assertEquals(List.of(new TlsAlert(TlsSide.SERVER, 2, 70, "")), o.alerts());
    assertEquals("server fatal alert protocol_version (70)", o.alerts().get(0).summary());
  }

  @Test
  void aTpktWhereATlsRecordIsDueIsDescribedAndRefused() {
    RecordingObserver o = new RecordingObserver();
    TlsRecordObserver observer = new TlsRecordObserver(o);
    observer.feed(TlsSide.CLIENT, TlsTestData.load("tls/tls13-1-client.hex"));
    byte[] tpkt =
        Octets.fromHex("03 00 00 13 0e d0 00 00 12 34 00 02 1f 08 00 01 00 00 00").toByteArray();
    DecodeException e =
        assertThrows(DecodeException.class, () -> observer.feed(TlsSide.SERVER, tpkt));
    assertEquals(DecodeException.Kind.UNEXPECTED_MESSAGE_TYPE, e.kind());
    assertEquals(0, e.offset());
    assertEquals(
        List.of(
            "notTls SERVER: server sent 19 bytes of a TPKT (length 19: an X.224 or MCS PDU)"
                + " instead of a TLS record"),
        o.events.stream().filter(x -> x instanceof String).toList());
    observer.feed(TlsSide.SERVER, tpkt); // the direction is dead: ignored, no second report
    assertEquals(1, o.events.stream().filter(x -> x instanceof String).count());
  }

  @Test
  void errorOffsetsCountFromTheStartOfTheDirection() {
    TlsRecordObserver observer = new TlsRecordObserver(TlsObserver.NONE);
    byte[] ch = TlsTestData.load("tls/tls12-1-client.hex");
    observer.feed(TlsSide.CLIENT, ch);
    DecodeException e =
        assertThrows(
            DecodeException.class,
            () -> observer.feed(TlsSide.CLIENT, Octets.fromHex("16 03 03 48 01").toByteArray()));
    assertEquals(DecodeException.Kind.TOO_LARGE, e.kind());
    assertEquals(ch.length + 3, e.offset());
  }

  @Test
  void aMalformedServerHelloIsADecodeException() {
    TlsRecordObserver observer = new TlsRecordObserver(TlsObserver.NONE);
    // a ServerHello of 4 bytes: too short for its random
    byte[] record = Octets.fromHex("16 03 03 00 08 02 00 00 04 03 03 00 00").toByteArray();
    DecodeException e =
        assertThrows(DecodeException.class, () -> observer.feed(TlsSide.SERVER, record));
    assertEquals(DecodeException.Kind.NOT_ENOUGH_BYTES, e.kind());
    assertEquals("ServerHello", e.pdu());
    assertEquals("random", e.field());
  }

  @Test
  void aHandshakeMessageLongerThanTheCapIsRefused() {
    TlsRecordObserver observer = new TlsRecordObserver(TlsObserver.NONE);
    byte[] record = Octets.fromHex("16 03 03 00 04 0b 02 00 01").toByteArray();
    DecodeException e =
        assertThrows(DecodeException.class, () -> observer.feed(TlsSide.SERVER, record));
    assertEquals(DecodeException.Kind.TOO_LARGE, e.kind());
    assertEquals(0x020001, e.received());
  }

  private static String describe(TlsSide side, String hex) {
    ByteBuf in = TlsOracles.buffer(Octets.fromHex(hex).toByteArray());
    try {
      String d = TlsRecordObserver.describeNotTls(side, in);
      assertEquals(0, in.readerIndex());
      return d;
    } finally {
      in.release();
    }
  }

  private static String describeText(TlsSide side, String text) {
    return describe(side, Octets.of(text.getBytes(StandardCharsets.US_ASCII)).toHex());
  }

  @Test
  void describesWhatIsNotTls() {
    assertEquals(
        "server sent 2 bytes of a TPKT instead of a TLS record", describe(TlsSide.SERVER, "03 00"));
    assertEquals(
        "server sent 1 byte of what may be a TPKT instead of a TLS record",
        describe(TlsSide.SERVER, "03"));
    assertEquals(
        "server sent 17 bytes of an HTTP response (HTTP/1.1 400 Bad) instead of a TLS record",
        describeText(TlsSide.SERVER, "HTTP/1.1 400 Bad\n"));
    assertEquals(
        "client sent 16 bytes of an HTTP request (GET / HTTP/1.1) instead of a TLS record",
        describeText(TlsSide.CLIENT, "GET / HTTP/1.1\r\n"));
    assertEquals(
        "server sent 21 bytes of an SSH banner (SSH-2.0-OpenSSH_9.2) instead of a TLS record",
        describeText(TlsSide.SERVER, "SSH-2.0-OpenSSH_9.2\r\n"));
    assertEquals(
        "server sent 4 bytes of a DER SEQUENCE (a CredSSP TSRequest without TLS?) instead of a"
            + " TLS record",
        describe(TlsSide.SERVER, "30 82 01 00"));
    assertEquals(
        "client sent 5 bytes of an SSLv2-format ClientHello instead of a TLS record",
        describe(TlsSide.CLIENT, "80 2e 01 03 01"));
    assertEquals(
        "server sent 5 bytes that start a TLS alert record",
        describe(TlsSide.SERVER, "15 03 03 00 02"));
    assertEquals(
        "server sent 9 bytes that are not a TLS record (first bytes: 00 01 02 03 04 05 06 07)",
        describe(TlsSide.SERVER, "00 01 02 03 04 05 06 07 08"));
    assertEquals("server sent nothing", describe(TlsSide.SERVER, ""));
  }
}
