package dev.rdpprobe.tls;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Regenerates {@code testdata/tls/}: a TLS 1.2 and a TLS 1.3 handshake between our own client and
 * server sessions, one hex file per flight, and the key log of each. Skipped in a normal run; run
 * it with
 *
 * <pre>
 * ./mvnw -q -B -pl core test -Dtest=TlsVectorsGenerator -Drdpprobe.regenerate=tls
 * </pre>
 *
 * Randoms and keys are new on every run, so every file changes; the tests read the fields that do
 * not (versions, suites, names, lengths of fixed-size messages).
 */
@EnabledIfSystemProperty(named = "rdpprobe.regenerate", matches = "tls")
class TlsVectorsGenerator {

  @Test
  void tls12() throws Exception {
    handshake("tls12", TlsOffer.only(TlsVersion.TLS_1_2));
  }

  @Test
  void tls13() throws Exception {
    handshake("tls13", TlsOffer.windowsDefault());
  }

  private static void handshake(String name, TlsOffer offer) throws Exception {
    TlsClientSession client =
        TlsClientSession.builder(offer).serverName("rdp.example.test").keyLog(true).build();
    TlsServerSession server =
        TlsServerSession.builder(TlsOffer.windowsDefault(), TestIdentities.rsa())
            .keyLog(true)
            .build();
    client.start();
    server.start();
    List<String> header =
        List.of(
            "generated "
                + LocalDate.now(ZoneOffset.UTC)
                + " by TlsVectorsGenerator (core/src/test),",
            "  ./mvnw -q -B -pl core test -Dtest=TlsVectorsGenerator -Drdpprobe.regenerate=tls",
            "client: TlsClientSession, Bouncy Castle 1.84, "
                + describe(offer)
                + ", SNI rdp.example.test",
            "server: TlsServerSession, TlsOffer.windowsDefault(), self-signed RSA 2048 CN=rdp.example.test");
    int flight = 1;
    TlsSession from = client;
    TlsSession to = server;
    while (true) {
      byte[] bytes = from.takeOutput();
      if (bytes.length == 0) {
        break;
      }
      String side = from == client ? "client" : "server";
      List<String> comments = new ArrayList<>();
      comments.add(
          name
              + " handshake, flight "
              + flight
              + ": the bytes the "
              + side
              + " sent, "
              + bytes.length
              + " bytes");
      comments.addAll(header);
      TlsTestData.write("tls/" + name + "-" + flight + "-" + side + ".hex", comments, bytes);
      to.receive(bytes);
      TlsSession t = from;
      from = to;
      to = t;
      flight++;
    }
    if (!client.isHandshakeComplete() || !server.isHandshakeComplete()) {
      throw new AssertionError("handshake incomplete");
    }
    // application data both ways, so the application traffic secrets can be checked too
    client.writeApplication(CLIENT_DATA.getBytes(StandardCharsets.US_ASCII));
    byte[] data = client.takeOutput();
    write(name, flight++, "client", "application data \"" + CLIENT_DATA + "\"", header, data);
    server.receive(data);
    server.writeApplication(SERVER_DATA.getBytes(StandardCharsets.US_ASCII));
    data = server.takeOutput();
    write(name, flight, "server", "application data \"" + SERVER_DATA + "\"", header, data);
    client.receive(data);
    java.nio.file.Files.writeString(
        TlsTestData.TESTDATA.resolve("tls/" + name + ".keylog"),
        "# NSS key log of the "
            + name
            + " handshake (throwaway keys), generated with the .hex files\n"
            + KeyLogLine.file(client.keyLog()));
  }

  /** What the client sends after the handshake. */
  static final String CLIENT_DATA = "ping from the client";

  /** What the server answers. */
  static final String SERVER_DATA = "pong from the server";

  private static void write(
      String name, int flight, String side, String what, List<String> header, byte[] bytes) {
    List<String> comments = new ArrayList<>();
    comments.add(
        name
            + " flight "
            + flight
            + ", "
            + what
            + ": the bytes the "
            + side
            + " sent, "
            + bytes.length
            + " bytes");
    comments.addAll(header);
    TlsTestData.write("tls/" + name + "-" + flight + "-" + side + ".hex", comments, bytes);
  }

  private static String describe(TlsOffer offer) {
    return offer.equals(TlsOffer.windowsDefault())
        ? "TlsOffer.windowsDefault()"
        : "TlsOffer.only(" + offer.lowest() + ")";
  }
}
