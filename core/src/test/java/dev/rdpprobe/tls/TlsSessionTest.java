package dev.rdpprobe.tls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rdpprobe.wire.Octets;
import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A client session against a server session in memory. */
class TlsSessionTest {

  private final RecordingObserver clientEvents = new RecordingObserver();
  private final RecordingObserver serverEvents = new RecordingObserver();

  private TlsClientSession client(TlsOffer offer, String serverName) throws TlsFailure {
    TlsClientSession c =
        TlsClientSession.builder(offer)
            .serverName(serverName)
            .observer(clientEvents)
            .keyLog(true)
            .build();
    c.start();
    return c;
  }

  private TlsServerSession server(TlsOffer accepted, ServerIdentity identity) throws TlsFailure {
    TlsServerSession s =
        TlsServerSession.builder(accepted, identity).observer(serverEvents).keyLog(true).build();
    s.start();
    return s;
  }

  private static List<String> labels(List<KeyLogLine> lines) {
    return lines.stream().map(KeyLogLine::label).toList();
  }

  @ParameterizedTest
  @EnumSource(TlsVersion.class)
  void everyVersionWithAnRsaKey(TlsVersion version) throws Exception {
    TlsClientSession c = client(TlsOffer.only(version), "rdp.example.test");
    TlsServerSession s = server(TlsOffer.windowsAllVersions(), TestIdentities.rsa());
    TlsPump.pump(c, s);
    assertTrue(c.isHandshakeComplete());
    assertTrue(s.isHandshakeComplete());
    TlsSessionFacts f = c.facts();
    assertEquals(version, f.version());
    String expectedSuite =
        switch (version) {
          case TLS_1_0, TLS_1_1 -> "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA";
          case TLS_1_2 -> "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384";
          case TLS_1_3 -> "TLS_AES_256_GCM_SHA384";
        };
    assertEquals(expectedSuite, f.cipherSuite());
    assertEquals(1, f.serverCertificates().size());
    assertEquals("CN=rdp.example.test", f.serverCertificates().get(0).subject());
    assertEquals("", f.alpn());
    assertTrue(f.sniSent());
    assertEquals("rdp.example.test", f.serverName());
    assertFalse(f.clientCertificateRequested());
    assertTrue(f.handshakeComplete());
    assertEquals(f, s.facts(), "both ends learned the same");
    assertEquals(List.of(), c.alerts());
    // the key log lines of both ends are the same lines
    assertEquals(c.keyLog(), s.keyLog());
    assertEquals(
        version == TlsVersion.TLS_1_3
            ? List.of(
                KeyLogLine.CLIENT_HANDSHAKE_TRAFFIC_SECRET,
                KeyLogLine.SERVER_HANDSHAKE_TRAFFIC_SECRET,
                KeyLogLine.CLIENT_TRAFFIC_SECRET_0,
                KeyLogLine.SERVER_TRAFFIC_SECRET_0,
                KeyLogLine.EXPORTER_SECRET)
            : List.of(KeyLogLine.CLIENT_RANDOM),
        labels(c.keyLog()));
    TlsClientHello hello = s.clientHello().orElseThrow();
    assertEquals(
        Octets.fromHex(c.keyLog().get(0).clientRandom()), hello.random(), "the ClientHello random");
    for (KeyLogLine l : c.keyLog()) {
      assertEquals(
          96, l.secret().length(), l.label() + ": 48 bytes (SHA-384 suites, master secret)");
    }
  }

  @ParameterizedTest
  @EnumSource(TlsVersion.class)
  void everyVersionWithAnEcKey(TlsVersion version) throws Exception {
    TlsClientSession c = client(TlsOffer.only(version), "ec.example.test");
    TlsServerSession s = server(TlsOffer.windowsAllVersions(), TestIdentities.ec());
    TlsPump.pump(c, s);
    assertTrue(c.isHandshakeComplete());
    assertEquals(version, c.facts().version());
    assertEquals(
        version == TlsVersion.TLS_1_3
            ? "TLS_AES_256_GCM_SHA384"
            : version == TlsVersion.TLS_1_2
                ? "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384"
                : "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA",
        c.facts().cipherSuite());
    assertEquals("EC", c.facts().serverCertificates().get(0).keyAlgorithm());
    assertEquals(c.keyLog(), s.keyLog());
  }

  @Test
  void rsaKeyTransportSuitesWork() throws Exception {
    TlsClientSession c =
        client(
            TlsOffer.only(TlsVersion.TLS_1_2).withCipherSuites("TLS_RSA_WITH_AES_128_GCM_SHA256"),
            "h");
    TlsServerSession s = server(TlsOffer.windowsDefault(), TestIdentities.rsa());
    TlsPump.pump(c, s);
    assertEquals("TLS_RSA_WITH_AES_128_GCM_SHA256", c.facts().cipherSuite());
    assertEquals(
        List.of(
            "CLIENT ClientHello",
            "SERVER ServerHello",
            "SERVER Certificate",
            "SERVER ServerHelloDone",
            "CLIENT ClientKeyExchange",
            "CLIENT ChangeCipherSpec",
            "CLIENT Finished (encrypted)",
            "SERVER ChangeCipherSpec",
            "SERVER Finished (encrypted)"),
        clientEvents.names(),
        "no ServerKeyExchange with RSA key transport");
    assertEquals(c.keyLog(), s.keyLog());
  }

  @Test
  void theClientSeesATls12HandshakeInBothDirections() throws Exception {
    TlsClientSession c = client(TlsOffer.only(TlsVersion.TLS_1_2), "rdp.example.test");
    TlsServerSession s = server(TlsOffer.windowsDefault(), TestIdentities.rsa());
    TlsPump.pump(c, s);
    List<String> expected =
        List.of(
            "CLIENT ClientHello",
            "SERVER ServerHello",
            "SERVER Certificate",
            "SERVER ServerKeyExchange",
            "SERVER ServerHelloDone",
            "CLIENT ClientKeyExchange",
            "CLIENT ChangeCipherSpec",
            "CLIENT Finished (encrypted)",
            "SERVER ChangeCipherSpec",
            "SERVER Finished (encrypted)");
    assertEquals(expected, clientEvents.names());
    assertEquals(expected, serverEvents.names(), "the server sees the same, in the same order");
    List<TlsMessage> m = clientEvents.messages();
    assertEquals(
        "versions=TLSv1.2 suites=19 "
            + withScsv(TlsOffer.only(TlsVersion.TLS_1_2).cipherSuites())
            + " sni=rdp.example.test",
        m.get(0).summary());
    assertEquals(1, m.get(0).handshakeType());
    assertEquals(TlsMessage.HANDSHAKE, m.get(0).contentType());
    assertEquals("version=TLSv1.2 suite=TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", m.get(1).summary());
    assertEquals("chain=1 leaf=CN=rdp.example.test", m.get(2).summary());
    assertEquals("group=x25519", m.get(3).summary());
    assertEquals(4, m.get(4).length(), "ServerHelloDone is a bare header");
    assertEquals(16, m.get(7).length(), "Finished: 4 + 12 bytes of verify_data");
    assertEquals("verify_data=12 bytes", m.get(7).summary());
    assertEquals(m, serverEvents.messages());
  }

  @Test
  void theClientSeesTheEncryptedTls13HandshakeInPlaintext() throws Exception {
    TlsClientSession c = client(TlsOffer.windowsDefault(), "rdp.example.test");
    TlsServerSession s = server(TlsOffer.windowsDefault(), TestIdentities.rsa());
    TlsPump.pump(c, s);
    assertEquals(
        List.of(
            "CLIENT ClientHello",
            "SERVER ServerHello",
            "CLIENT ChangeCipherSpec",
            "SERVER ChangeCipherSpec",
            "SERVER EncryptedExtensions (encrypted)",
            "SERVER Certificate (encrypted)",
            "SERVER CertificateVerify (encrypted)",
            "SERVER Finished (encrypted)",
            "CLIENT Finished (encrypted)"),
        clientEvents.names());
    // the server answers before it hears the client's compatibility ChangeCipherSpec
    assertEquals(
        List.of(
            "CLIENT ClientHello",
            "SERVER ServerHello",
            "SERVER ChangeCipherSpec",
            "SERVER EncryptedExtensions (encrypted)",
            "SERVER Certificate (encrypted)",
            "SERVER CertificateVerify (encrypted)",
            "SERVER Finished (encrypted)",
            "CLIENT ChangeCipherSpec",
            "CLIENT Finished (encrypted)"),
        serverEvents.names());
    List<TlsMessage> m = clientEvents.messages();
    assertEquals(
        "versions=TLSv1.3,TLSv1.2 suites=21 "
            + withScsv(TlsOffer.WINDOWS_CIPHER_SUITES)
            + " sni=rdp.example.test",
        m.get(0).summary());
    assertEquals("version=TLSv1.3 suite=TLS_AES_256_GCM_SHA384 group=x25519", m.get(1).summary());
    assertEquals("no extensions", m.get(4).summary());
    assertEquals("chain=1 leaf=CN=rdp.example.test", m.get(5).summary());
    assertEquals("scheme=rsa_pss_rsae_sha256", m.get(6).summary());
    assertEquals(52, m.get(7).length(), "Finished: 4 + 48 bytes (SHA-384)");
  }

  private static String withScsv(List<String> suites) {
    List<String> all = new java.util.ArrayList<>(suites);
    all.add("TLS_EMPTY_RENEGOTIATION_INFO_SCSV");
    return all.toString();
  }

  @Test
  void versionMismatchIsAProtocolVersionAlertFromTheServer() throws Exception {
    TlsClientSession c = client(TlsOffer.only(TlsVersion.TLS_1_3), "rdp.example.test");
    TlsServerSession s = server(TlsOffer.only(TlsVersion.TLS_1_2), TestIdentities.rsa());
    TlsFailure f = assertThrows(TlsFailure.class, () -> TlsPump.pump(c, s));
    assertEquals(TlsFailure.Kind.ALERT_SENT, f.kind(), "the server raised it");
    assertEquals(TlsSide.SERVER, f.raisedBy());
    TlsFailure seen = c.failure().orElseThrow();
    assertEquals(TlsFailure.Kind.ALERT_RECEIVED, seen.kind());
    assertEquals(TlsSide.SERVER, seen.raisedBy());
    TlsAlert alert = seen.alert().orElseThrow();
    assertEquals(TlsSide.SERVER, alert.sender());
    assertEquals(TlsAlert.FATAL, alert.level());
    assertEquals(70, alert.description());
    assertEquals("protocol_version", alert.descriptionName());
    assertEquals("fatal", alert.levelName());
    assertEquals("server sent fatal alert protocol_version (70)", seen.getMessage());
    assertEquals(List.of(alert), c.alerts());
    assertEquals(List.of("CLIENT ClientHello"), clientEvents.names());
    assertEquals(List.of(alert), clientEvents.alerts());
    TlsAlert raised = serverEvents.alerts().get(0);
    assertEquals(70, raised.description());
    assertEquals(TlsSide.SERVER, raised.sender());
    assertEquals("Failed to process record", raised.cause(), "all Bouncy Castle says");
    assertEquals(raised, s.failure().orElseThrow().alert().orElseThrow());
    assertEquals(null, c.facts().version());
    assertTrue(c.isEnded());
  }

  @Test
  void noCommonCipherSuiteIsAHandshakeFailure() throws Exception {
    TlsClientSession c =
        client(
            TlsOffer.only(TlsVersion.TLS_1_2)
                .withCipherSuites("TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256"),
            "rdp.example.test");
    TlsServerSession s = server(TlsOffer.windowsDefault(), TestIdentities.rsa());
    assertThrows(TlsFailure.class, () -> TlsPump.pump(c, s));
    TlsAlert alert = c.failure().orElseThrow().alert().orElseThrow();
    assertEquals("handshake_failure", alert.descriptionName());
    assertEquals(40, alert.description());
    assertEquals(TlsSide.SERVER, alert.sender());
    assertEquals(TlsFailure.Kind.ALERT_RECEIVED, c.failure().orElseThrow().kind());
    assertEquals(
        "server (this side) raised fatal alert handshake_failure (40): No selectable cipher suite",
        s.failure().orElseThrow().getMessage());
  }

  @Test
  void aBrokenServerFinishedStillLeavesTheHandshakeSecrets() throws Exception {
    TlsClientSession c = client(TlsOffer.windowsDefault(), "rdp.example.test");
    TlsServerSession s = server(TlsOffer.windowsDefault(), TestIdentities.rsa());
    s.receive(c.takeOutput());
    byte[] flight = s.takeOutput();
    flight[flight.length - 1] ^= 1; // the tag of the record that holds the server's Finished
    TlsFailure f = assertThrows(TlsFailure.class, () -> c.receive(flight));
    assertEquals(TlsFailure.Kind.ALERT_SENT, f.kind());
    assertEquals(TlsSide.CLIENT, f.raisedBy());
    assertEquals("bad_record_mac", f.alert().orElseThrow().descriptionName());
    assertTrue(
        f.getMessage().startsWith("client (this side) raised fatal alert bad_record_mac (20)"),
        f.getMessage());
    // enough to decrypt the server's EncryptedExtensions, Certificate and CertificateVerify
    assertEquals(
        List.of(
            KeyLogLine.CLIENT_HANDSHAKE_TRAFFIC_SECRET, KeyLogLine.SERVER_HANDSHAKE_TRAFFIC_SECRET),
        labels(c.keyLog()));
    assertEquals(s.keyLog().subList(0, 2), c.keyLog());
    assertEquals(
        "SERVER CertificateVerify (encrypted)",
        clientEvents.names().get(clientEvents.names().size() - 1),
        "the Finished never decrypted");
    assertEquals(1, c.facts().serverCertificates().size(), "the chain is known all the same");
  }

  @Test
  void aServerThatRequiresAClientCertificateRefusesTheProbe() throws Exception {
    record Case(TlsOffer offer, String alert, List<String> lastMessages) {}
    for (Case k :
        List.of(
            new Case(
                TlsOffer.windowsDefault(),
                "certificate_required",
                List.of("CLIENT Certificate (encrypted)", "CLIENT Finished (encrypted)")),
            new Case(
                TlsOffer.only(TlsVersion.TLS_1_2),
                "handshake_failure",
                List.of("CLIENT Certificate", "CLIENT ClientKeyExchange")))) {
      clientEvents.events.clear();
      TlsClientSession c = client(k.offer(), "rdp.example.test");
      TlsServerSession s =
          TlsServerSession.builder(TlsOffer.windowsDefault(), TestIdentities.rsa())
              .requireClientCertificate(true)
              .build();
      s.start();
      assertThrows(TlsFailure.class, () -> TlsPump.pump(c, s));
      assertTrue(c.facts().clientCertificateRequested(), k.toString());
      assertTrue(
          clientEvents
              .names()
              .contains(
                  k.offer().highest() == TlsVersion.TLS_1_3
                      ? "SERVER CertificateRequest (encrypted)"
                      : "SERVER CertificateRequest"));
      TlsFailure f = c.failure().orElseThrow();
      assertEquals(TlsFailure.Kind.ALERT_RECEIVED, f.kind());
      assertEquals(k.alert(), f.alert().orElseThrow().descriptionName());
      assertEquals(TlsSide.SERVER, f.raisedBy());
      List<String> names = clientEvents.names();
      assertTrue(
          names.containsAll(k.lastMessages()), "the client sent an empty Certificate: " + names);
      assertEquals(
          "the client sent no certificate and this server requires one",
          s.failure().orElseThrow().alert().orElseThrow().cause());
    }
  }

  @Test
  void applicationDataBothWays() throws Exception {
    for (TlsOffer offer : List.of(TlsOffer.only(TlsVersion.TLS_1_0), TlsOffer.windowsDefault())) {
      TlsClientSession c = client(offer, "rdp.example.test");
      TlsServerSession s = server(TlsOffer.windowsAllVersions(), TestIdentities.rsa());
      TlsPump.pump(c, s);
      byte[] request = "CredSSP TSRequest goes here".getBytes(StandardCharsets.US_ASCII);
      c.writeApplication(request);
      s.receive(c.takeOutput());
      assertArrayEquals(request, s.readApplication());
      assertArrayEquals(new byte[0], s.readApplication(), "read once");
      byte[] big = new byte[40_000]; // more than one record
      for (int i = 0; i < big.length; i++) {
        big[i] = (byte) i;
      }
      s.writeApplication(big);
      byte[] wire = s.takeOutput();
      // in small pieces, as TCP may deliver them
      java.io.ByteArrayOutputStream got = new java.io.ByteArrayOutputStream();
      for (int i = 0; i < wire.length; i += 1000) {
        c.receive(wire, i, Math.min(1000, wire.length - i));
        got.write(c.readApplication());
      }
      assertArrayEquals(big, got.toByteArray());
    }
  }

  @Test
  void applicationDataBeforeTheHandshakeIsRefused() throws Exception {
    TlsClientSession c = client(TlsOffer.windowsDefault(), "h");
    assertThrows(IllegalStateException.class, () -> c.writeApplication(new byte[1]));
  }

  @Test
  void sniIsSentOnlyWhenOnAndForAHostName() throws Exception {
    record Case(TlsOffer offer, String name, boolean sent) {}
    for (Case k :
        List.of(
            new Case(TlsOffer.windowsDefault(), "rdp.example.test", true),
            new Case(TlsOffer.windowsDefault().withSni(false), "rdp.example.test", false),
            new Case(TlsOffer.windowsDefault(), "192.0.2.7", false),
            new Case(TlsOffer.windowsDefault(), "2001:db8::7", false),
            new Case(TlsOffer.windowsDefault(), null, false))) {
      TlsClientSession c = client(k.offer(), k.name());
      TlsServerSession s = server(TlsOffer.windowsDefault(), TestIdentities.rsa());
      TlsPump.pump(c, s);
      assertEquals(k.sent(), s.facts().sniSent(), k.toString());
      assertEquals(
          k.sent() ? Optional.of(k.name()) : Optional.empty(),
          s.clientHello().orElseThrow().serverName(),
          k.toString());
      assertEquals(k.sent() ? k.name() : "", c.sniName());
    }
  }

  @Test
  void certificateVariantsAreAcceptedAndTheirObjectionsReported() throws Exception {
    ServerIdentity expired =
        CertificateMaker.builder()
            .subject("CN=old.example.test")
            .dnsNames("old.example.test")
            .ec("secp256r1")
            .validity(
                TestIdentities.NOW.minus(Duration.ofDays(395)),
                TestIdentities.NOW.minus(Duration.ofDays(30)))
            .make(TestIdentities.NOW);
    ServerIdentity weak =
        CertificateMaker.builder()
            .subject("CN=weak.example.test")
            .rsa(1024)
            .signatureAlgorithm("SHA1withRSA")
            .make(TestIdentities.NOW);
    ServerIdentity issued =
        CertificateMaker.builder()
            .subject("CN=rdp.example.test")
            .dnsNames("rdp.example.test")
            .ec("secp256r1")
            .issuedByNewCa("CN=Example Issuing CA")
            .make(TestIdentities.NOW);
    record Case(ServerIdentity id, String host, List<CertificateObjection.Kind> expected) {}
    for (Case k :
        List.of(
            new Case(
                expired,
                "old.example.test",
                List.of(CertificateObjection.Kind.EXPIRED, CertificateObjection.Kind.SELF_SIGNED)),
            new Case(
                weak,
                "weak.example.test",
                List.of(
                    CertificateObjection.Kind.SELF_SIGNED,
                    CertificateObjection.Kind.WEAK_KEY,
                    CertificateObjection.Kind.WEAK_SIGNATURE)),
            new Case(issued, "rdp.example.test", List.of()),
            new Case(issued, "10.1.2.3", List.of(CertificateObjection.Kind.HOST_NAME_MISMATCH)))) {
      for (TlsOffer offer : List.of(TlsOffer.only(TlsVersion.TLS_1_2), TlsOffer.windowsDefault())) {
        TlsClientSession c = client(offer, k.host());
        TlsServerSession s = server(TlsOffer.windowsDefault(), k.id());
        TlsPump.pump(c, s);
        assertTrue(c.isHandshakeComplete(), "the probe accepts any certificate");
        TlsSessionFacts f = c.facts();
        assertEquals(k.id().facts(), f.serverCertificates());
        assertEquals(
            k.expected(),
            f.objections(TestIdentities.NOW, k.host()).stream()
                .map(CertificateObjection::kind)
                .toList(),
            k.id() + " for " + k.host());
      }
    }
  }

  @Test
  void thePeerClosingAfterTheClientHelloIsDuringTheHandshake() throws Exception {
    TlsClientSession c = client(TlsOffer.windowsDefault(), "rdp.example.test");
    assertTrue(c.takeOutput().length > 0);
    TlsEnding e = c.peerClosed();
    assertEquals(TlsEnding.Kind.DURING_HANDSHAKE, e.kind());
    assertEquals(0, e.pendingBytes());
    assertEquals(
        "server closed before the handshake completed, before any ServerHello", e.detail());
  }

  @Test
  void thePeerClosingInsideARecordIsAPartialRecord() throws Exception {
    TlsClientSession c = client(TlsOffer.windowsDefault(), "rdp.example.test");
    TlsServerSession s = server(TlsOffer.windowsDefault(), TestIdentities.rsa());
    s.receive(c.takeOutput());
    byte[] flight = s.takeOutput();
    c.receive(flight, 0, 50); // the ServerHello record is 127 bytes
    TlsEnding e = c.peerClosed();
    assertEquals(TlsEnding.Kind.PARTIAL_RECORD, e.kind());
    assertEquals(50, e.pendingBytes());
    assertEquals("server closed after 50 bytes of an incomplete TLS record", e.detail());
  }

  @Test
  void thePeerClosingAfterTheHandshakeWithoutCloseNotify() throws Exception {
    TlsClientSession c = client(TlsOffer.windowsDefault(), "rdp.example.test");
    TlsServerSession s = server(TlsOffer.windowsDefault(), TestIdentities.rsa());
    TlsPump.pump(c, s);
    TlsEnding e = c.peerClosed();
    assertEquals(TlsEnding.Kind.NO_CLOSE_NOTIFY, e.kind());
    assertEquals("server closed after the handshake without sending close_notify", e.detail());
  }

  @Test
  void anOrderlyCloseSendsCloseNotify() throws Exception {
    TlsClientSession c = client(TlsOffer.windowsDefault(), "rdp.example.test");
    TlsServerSession s = server(TlsOffer.windowsDefault(), TestIdentities.rsa());
    TlsPump.pump(c, s);
    s.close();
    c.receive(s.takeOutput());
    // the client hears the server's close_notify and answers with its own
    assertEquals(
        List.of(
            new TlsAlert(TlsSide.SERVER, TlsAlert.WARNING, 0, ""),
            new TlsAlert(TlsSide.CLIENT, TlsAlert.WARNING, 0, "Connection closed")),
        clientEvents.alerts());
    assertTrue(clientEvents.alerts().get(0).isCloseNotify());
    assertTrue(c.isEnded());
    assertEquals(Optional.empty(), c.failure());
    assertEquals(TlsEnding.Kind.CLOSE_NOTIFY, c.peerClosed().kind());
    assertEquals("server sent close_notify, then closed", c.peerClosed().detail());
    s.receive(c.takeOutput()); // not read: the server had closed
    assertEquals(TlsEnding.Kind.AFTER_END, s.peerClosed().kind());
    assertEquals(
        "client closed after our close_notify (nothing is read after it)", s.peerClosed().detail());
  }

  @Test
  void aTpktInsteadOfTheServerHelloIsNotTls() throws Exception {
    TlsClientSession c = client(TlsOffer.windowsDefault(), "rdp.example.test");
    c.takeOutput();
    byte[] tpkt = Octets.fromHex("03 00 00 09 02 f0 80 21 80").toByteArray();
    TlsFailure f = assertThrows(TlsFailure.class, () -> c.receive(tpkt));
    assertEquals(TlsFailure.Kind.NOT_TLS, f.kind());
    assertEquals(TlsSide.CLIENT, f.raisedBy());
    assertEquals(
        "server sent 9 bytes of a TPKT (length 9: an X.224 or MCS PDU) instead of a TLS record",
        f.getMessage());
    assertEquals("unexpected_message", f.alert().orElseThrow().descriptionName());
    assertEquals(
        List.of("notTls SERVER: " + f.getMessage()),
        clientEvents.events.stream().filter(e -> e instanceof String).toList());
    assertTrue(c.takeOutput().length > 0, "the alert is there to send");
    c.receive(tpkt); // ignored after the failure
    assertEquals(TlsEnding.Kind.AFTER_END, c.peerClosed().kind());
  }

  @Test
  void twoBytesOfATpktAreRecognisedAtOnce() throws Exception {
    TlsClientSession c = client(TlsOffer.windowsDefault(), "rdp.example.test");
    TlsFailure f = assertThrows(TlsFailure.class, () -> c.receive(new byte[] {3, 0}));
    assertEquals("server sent 2 bytes of a TPKT instead of a TLS record", f.getMessage());
    assertEquals(Optional.empty(), f.alert(), "too few bytes for Bouncy Castle to answer");
  }

  @Test
  void aByteBufIsReadWithoutBeingReleased() throws Exception {
    TlsClientSession c = client(TlsOffer.windowsDefault(), "rdp.example.test");
    TlsServerSession s = server(TlsOffer.windowsDefault(), TestIdentities.rsa());
    ByteBuf hello = TlsOracles.buffer(c.takeOutput());
    try {
      s.receive(hello);
      assertEquals(0, hello.readableBytes());
      assertEquals(1, hello.refCnt());
    } finally {
      hello.release();
    }
    assertTrue(s.clientHello().isPresent());
  }

  @Test
  void aThrowingObserverDoesNotBreakTheSession() throws Exception {
    TlsObserver broken =
        new TlsObserver() {
          @Override
          public void message(TlsMessage message) {
            throw new IllegalStateException("observer bug");
          }

          @Override
          public void alert(TlsAlert alert) {
            throw new IllegalStateException("observer bug");
          }
        };
    TlsClientSession c =
        TlsClientSession.builder(TlsOffer.windowsDefault()).observer(broken).build();
    TlsServerSession s =
        TlsServerSession.builder(TlsOffer.windowsDefault(), TestIdentities.rsa())
            .observer(broken)
            .build();
    c.start();
    s.start();
    TlsPump.pump(c, s);
    assertTrue(c.isHandshakeComplete());
    assertEquals(List.of(), c.keyLog(), "off unless asked for");
  }

  @Test
  void aServerKeyThatServesNoAcceptedSuiteIsRefusedAtOnce() {
    TlsOffer rsaOnly =
        TlsOffer.only(TlsVersion.TLS_1_2).withCipherSuites("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256");
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> TlsServerSession.builder(rsaOnly, TestIdentities.ec()));
    assertEquals(
        "none of the accepted suites works with an EC key: [TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256]",
        e.getMessage());
  }

  @Test
  void receiveBeforeStartIsAProgrammingError() {
    TlsClientSession c = TlsClientSession.builder(TlsOffer.windowsDefault()).build();
    assertThrows(IllegalStateException.class, () -> c.receive(new byte[] {22}));
    assertEquals(0, c.takeOutput().length);
  }
}
