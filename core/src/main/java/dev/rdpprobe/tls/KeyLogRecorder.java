package dev.rdpprobe.tls;

import dev.rdpprobe.wire.Octets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.SecurityParameters;
import org.bouncycastle.tls.TlsContext;
import org.bouncycastle.tls.TlsUtils;
import org.bouncycastle.tls.crypto.TlsCrypto;
import org.bouncycastle.tls.crypto.TlsSecret;

/**
 * Copies a session's secrets out of Bouncy Castle's {@link SecurityParameters} while they are
 * alive, for NSS key log lines.
 *
 * <p>{@link TlsSecret#extract()} would hand over the bytes and destroy the secret the session still
 * needs. {@link TlsCrypto#adoptSecret(TlsSecret)} copies a secret into a new one instead, and the
 * copy is extracted. Where the secrets live, per Bouncy Castle 1.84's {@code TlsUtils}:
 *
 * <ul>
 *   <li>TLS 1.2 and older: {@code masterSecret}, from {@code establishMasterSecret} (when the
 *       ClientKeyExchange is sent or received) until the handshake ends;
 *   <li>TLS 1.3: {@code establish13PhaseHandshake} sets {@code baseKeyClient} and {@code
 *       baseKeyServer} to the handshake traffic secrets right after the ServerHello, and they stay
 *       for the Finished messages; {@code establish13PhaseApplication} (after the server's
 *       Finished) sets {@code trafficSecretClient}/{@code Server} to the first application traffic
 *       secrets and {@code exporterMasterSecret}.
 * </ul>
 *
 * <p>The handshake's SecurityParameters are cleared ({@code cleanupHandshake}) after {@code
 * notifyHandshakeComplete} and after a failure's alert callbacks. So the session takes a snapshot
 * whenever Bouncy Castle reads or writes a record, in those callbacks, and after each call; each
 * secret is copied once.
 */
final class KeyLogRecorder {
  private final TlsCrypto crypto;
  private final Map<String, String> secrets = new LinkedHashMap<>();
  private String clientRandom;

  KeyLogRecorder(TlsCrypto crypto) {
    this.crypto = crypto;
  }

  void snapshot(TlsContext context) {
    if (context == null) {
      return;
    }
    SecurityParameters sp = context.getSecurityParametersHandshake();
    if (sp == null) {
      sp = context.getSecurityParametersConnection();
    }
    if (sp == null || sp.getClientRandom() == null || sp.getNegotiatedVersion() == null) {
      return;
    }
    if (clientRandom == null) {
      clientRandom = Octets.of(sp.getClientRandom()).toHex();
    }
    ProtocolVersion v = sp.getNegotiatedVersion();
    if (TlsUtils.isTLSv13(v)) {
      copy(KeyLogLine.CLIENT_HANDSHAKE_TRAFFIC_SECRET, sp.getBaseKeyClient());
      copy(KeyLogLine.SERVER_HANDSHAKE_TRAFFIC_SECRET, sp.getBaseKeyServer());
      if (sp.getExporterMasterSecret() != null) {
        // set together with the first application traffic secrets
        copy(KeyLogLine.CLIENT_TRAFFIC_SECRET_0, sp.getTrafficSecretClient());
        copy(KeyLogLine.SERVER_TRAFFIC_SECRET_0, sp.getTrafficSecretServer());
        copy(KeyLogLine.EXPORTER_SECRET, sp.getExporterMasterSecret());
      }
    } else {
      copy(KeyLogLine.CLIENT_RANDOM, sp.getMasterSecret());
    }
  }

  private void copy(String label, TlsSecret secret) {
    if (secrets.containsKey(label) || secret == null) {
      return;
    }
    synchronized (secret) {
      if (!secret.isAlive()) {
        return;
      }
      byte[] bytes = crypto.adoptSecret(secret).extract();
      secrets.put(label, Octets.of(bytes).toHex());
      Arrays.fill(bytes, (byte) 0);
    }
  }

  List<KeyLogLine> lines() {
    List<KeyLogLine> out = new ArrayList<>();
    if (clientRandom != null) {
      for (Map.Entry<String, String> e : secrets.entrySet()) {
        out.add(new KeyLogLine(e.getKey(), clientRandom, e.getValue()));
      }
    }
    return List.copyOf(out);
  }
}
