package dev.rdpprobe.diagnose;

import dev.rdpprobe.tls.TlsServerHello;
import dev.rdpprobe.tls.TlsVersion;
import dev.rdpprobe.trace.Direction;
import dev.rdpprobe.trace.TraceEvent;
import dev.rdpprobe.wire.DecodeException;
import java.util.ArrayList;
import java.util.List;

/**
 * The TLS the server chose in its ServerHello is weak, a warning even when the connection goes on:
 * TLS 1.0 or 1.1 (deprecated by RFC 8996), RSA key exchange (no forward secrecy), CBC with a SHA-1
 * MAC, 3DES (64-bit blocks) or RC4 (prohibited by RFC 7465). Each weakness says which clients
 * refuse it.
 */
final class WeakTlsRule implements Rule {
  @Override
  public boolean warnsOnSuccess() {
    return true;
  }

  @Override
  public List<Cause> evaluate(TraceView view) {
    var hello =
        view.first(
            TraceEvent.Tls.class,
            t ->
                t.direction() == Direction.SERVER_TO_CLIENT
                    && t.detail() instanceof TlsServerHello sh
                    && !sh.isHelloRetryRequest());
    if (hello.isEmpty()) {
      return List.of();
    }
    TlsServerHello sh = (TlsServerHello) hello.get().event().detail();
    int version;
    try {
      version = sh.selectedVersion();
    } catch (DecodeException e) {
      return List.of(); // a malformed supported_versions: no version to weigh
    }
    String suite = sh.cipherSuiteName();
    List<String> weaknesses = new ArrayList<>();
    boolean refused = false;
    if (version < TlsVersion.TLS_1_2.wireValue()) {
      refused = true;
      weaknesses.add(
          TlsVersion.describe(version)
              + ", which RFC 8996 deprecates: a client that offers only TLS 1.2 and 1.3 (a"
              + " Windows 11 client by default) cannot connect unless the server also speaks"
              + " TLS 1.2");
    }
    if (suite.startsWith("TLS_RSA_") || suite.startsWith("SSL_RSA_")) {
      weaknesses.add(
          "RSA key exchange, without forward secrecy: whoever records the session and later"
              + " obtains the server's private key decrypts it, the password typed at the logon"
              + " screen included, and TLS 1.3 has no such suite, so a client limited to TLS 1.3 is"
              + " refused where the server has nothing else");
    }
    if (suite.contains("_CBC_SHA")
        && !suite.contains("_CBC_SHA256")
        && !suite.contains("_CBC_SHA384")) {
      weaknesses.add(
          "CBC with a SHA-1 MAC, MAC-then-encrypt and open to padding-oracle timing attacks"
              + " (Lucky Thirteen): RFC 9325 recommends AEAD suites, and TLS 1.3 has none of"
              + " these");
    }
    if (suite.contains("_3DES_")) {
      refused = true;
      weaknesses.add(
          "3DES, whose 64-bit blocks leak after some gigabytes (Sweet32): clients on current"
              + " OpenSSL, FreeRDP among them, do not offer it and are refused where the server"
              + " has nothing else");
    }
    if (suite.contains("_RC4_")) {
      refused = true;
      weaknesses.add(
          "RC4, which RFC 7465 prohibits: current clients do not offer it and are refused where"
              + " the server has nothing else");
    }
    if (weaknesses.isEmpty()) {
      return List.of();
    }
    return List.of(
        new Cause(
            CauseId.WEAK_TLS,
            refused ? Confidence.HIGH : Confidence.MEDIUM,
            "the server chose "
                + TlsVersion.describe(version)
                + " with "
                + suite
                + ": "
                + String.join("; ", weaknesses),
            List.of(
                new Evidence(
                    hello.get().index(),
                    "the server's ServerHello chose "
                        + TlsVersion.describe(version)
                        + " and "
                        + suite)),
            Remedy.WEAK_TLS));
  }
}
