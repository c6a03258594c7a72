package dev.rdpprobe.tls;

import java.util.List;
import java.util.Objects;

/**
 * One line of an NSS key log ({@code SSLKEYLOGFILE}), which Wireshark and tshark use to decrypt a
 * capture: {@code <label> <client_random hex> <secret hex>}.
 *
 * <p>Labels: {@code CLIENT_RANDOM} (the TLS 1.2-and-older master secret); for TLS 1.3 {@code
 * CLIENT_HANDSHAKE_TRAFFIC_SECRET}, {@code SERVER_HANDSHAKE_TRAFFIC_SECRET}, {@code
 * CLIENT_TRAFFIC_SECRET_0}, {@code SERVER_TRAFFIC_SECRET_0} and {@code EXPORTER_SECRET}.
 *
 * <p>This is a secret: {@link #toString()} redacts it, and only {@link #line()} spells it out.
 *
 * @param label the NSS label
 * @param clientRandom the 32-byte ClientHello random, lower-case hex
 * @param secret the secret, lower-case hex
 */
public record KeyLogLine(String label, String clientRandom, String secret) {
  /** TLS 1.2 and earlier: the master secret. */
  public static final String CLIENT_RANDOM = "CLIENT_RANDOM";

  /** TLS 1.3: the client's handshake traffic secret. */
  public static final String CLIENT_HANDSHAKE_TRAFFIC_SECRET = "CLIENT_HANDSHAKE_TRAFFIC_SECRET";

  /** TLS 1.3: the server's handshake traffic secret. */
  public static final String SERVER_HANDSHAKE_TRAFFIC_SECRET = "SERVER_HANDSHAKE_TRAFFIC_SECRET";

  /** TLS 1.3: the client's first application traffic secret. */
  public static final String CLIENT_TRAFFIC_SECRET_0 = "CLIENT_TRAFFIC_SECRET_0";

  /** TLS 1.3: the server's first application traffic secret. */
  public static final String SERVER_TRAFFIC_SECRET_0 = "SERVER_TRAFFIC_SECRET_0";

  /** TLS 1.3: the exporter master secret. */
  public static final String EXPORTER_SECRET = "EXPORTER_SECRET";

  public KeyLogLine {
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(clientRandom, "clientRandom");
    Objects.requireNonNull(secret, "secret");
    if (clientRandom.length() != 64) {
      throw new IllegalArgumentException("client random must be 32 bytes of hex");
    }
  }

  /** The line as the NSS format writes it, without a line break. */
  public String line() {
    return label + " " + clientRandom + " " + secret;
  }

  /** The lines of a key log file, each ended by {@code \n}. */
  public static String file(List<KeyLogLine> lines) {
    StringBuilder out = new StringBuilder();
    for (KeyLogLine l : lines) {
      out.append(l.line()).append('\n');
    }
    return out.toString();
  }

  @Override
  public String toString() {
    return "KeyLogLine["
        + label
        + " "
        + clientRandom
        + " ("
        + secret.length() / 2
        + "-byte secret redacted)]";
  }
}
