package dev.rdpprobe.rdpsec;

import dev.rdpprobe.wire.Octets;
import dev.rdpprobe.wire.WireVectors;
import dev.rdpprobe.wire.gcc.EncryptionLevel;
import dev.rdpprobe.wire.gcc.EncryptionMethods;
import dev.rdpprobe.wire.gcc.ServerCertificate;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A session file of {@code testdata/rdpsec/} (made by {@code testdata/capture/rdpsec-peers.sh}):
 * the keys' inputs and the PDUs after the Security Exchange in order.
 */
record CapturedSession(
    String name,
    EncryptionMethods method,
    EncryptionLevel level,
    Octets serverRandom,
    ServerCertificate serverCertificate,
    Octets clientRandom,
    Octets encryptedClientRandom,
    int exchangeFlags,
    List<Pdu> pdus) {

  /** One PDU: {@code c2s} or {@code s2c}; {@code data}, {@code fastpath} or {@code mcs}. */
  record Pdu(String direction, String kind, Octets bytes) {
    boolean fromClient() {
      return direction.equals("c2s");
    }
  }

  static CapturedSession load(String file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(WireVectors.TESTDATA.resolve("rdpsec").resolve(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Map<String, String> fields = new HashMap<>();
    List<Pdu> pdus = new ArrayList<>();
    for (String line : lines) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] parts = line.split(" ");
      if (parts[0].equals("c2s") || parts[0].equals("s2c")) {
        pdus.add(new Pdu(parts[0], parts[1], Octets.fromHex(parts[2])));
      } else {
        fields.put(parts[0], parts[1]);
      }
    }
    return new CapturedSession(
        file,
        new EncryptionMethods(Integer.parseUnsignedInt(fields.get("method"), 16)),
        new EncryptionLevel(Integer.parseInt(fields.get("level"))),
        Octets.fromHex(fields.get("server-random")),
        new ServerCertificate(Octets.fromHex(fields.get("server-certificate"))),
        Octets.fromHex(fields.get("client-random")),
        Octets.fromHex(fields.get("encrypted-client-random")),
        Integer.parseInt(fields.get("exchange-flags"), 16),
        List.copyOf(pdus));
  }
}
