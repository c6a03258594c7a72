package dev.rdpprobe.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * xrdp in the foreground on a loopback port, with a private ini, certificate and key in a test's
 * directory. xrdp-sesman is not needed: the handshake ends before a session would start.
 *
 * <p>xrdp 0.9 also needs {@code /etc/xrdp/rsakeys.ini} (made by the package's postinst; it cannot
 * be moved by the ini) and refuses to start while {@code /var/run/xrdp/xrdp.pid} exists.
 */
public final class XrdpServer implements AutoCloseable {
  private final Process process;
  private final int port;
  private final Path dir;

  private XrdpServer(Process process, int port, Path dir) {
    this.process = process;
    this.port = port;
    this.dir = dir;
  }

  /** A configuration to start. */
  public static final class Config {
    private String securityLayer = "negotiate";
    private String cryptLevel = "high";
    private Path certificate;
    private Path key;
    private final List<String> extraGlobals = new ArrayList<>();

    /** {@code negotiate}, {@code tls} or {@code rdp}. */
    public Config securityLayer(String layer) {
      this.securityLayer = layer;
      return this;
    }

    /**
     * {@code crypt_level}: {@code none}, {@code low}, {@code medium}, {@code high} (the default) or
     * {@code fips}; it matters with {@code security_layer=rdp} (Standard RDP Security).
     */
    public Config cryptLevel(String level) {
      this.cryptLevel = level;
      return this;
    }

    /** Certificate and key files (PEM); by default a fresh self-signed pair is made. */
    public Config certificate(Path certificate, Path key) {
      this.certificate = certificate;
      this.key = key;
      return this;
    }

    /** An extra {@code key=value} line in [Globals], e.g. {@code ssl_protocols=TLSv1.3}. */
    public Config global(String line) {
      extraGlobals.add(line);
      return this;
    }
  }

  /**
   * Starts xrdp with {@code config}, its files in {@code dir}; skips or fails if xrdp is missing.
   */
  public static XrdpServer start(Path dir, Config config) throws IOException, InterruptedException {
    Path xrdp = Peers.require("xrdp", "xrdp");
    if (!Files.exists(Path.of("/etc/xrdp/rsakeys.ini"))) {
      fail("/etc/xrdp/rsakeys.ini is missing: xrdp will not start (run: xrdp-keygen xrdp auto)");
    }
    if (config.certificate == null) {
      Path cert = dir.resolve("cert.pem");
      Path key = dir.resolve("key.pem");
      selfSigned(dir, cert, key, 365);
      config.certificate(cert, key);
    }
    int port = Peers.freePort();
    Path ini = dir.resolve("xrdp.ini");
    List<String> lines = new ArrayList<>();
    lines.add("[Globals]");
    lines.add("ini_version=1");
    lines.add("fork=false");
    lines.add("port=tcp://127.0.0.1:" + port);
    lines.add("use_vsock=false");
    lines.add("tcp_nodelay=true");
    lines.add("security_layer=" + config.securityLayer);
    lines.add("crypt_level=" + config.cryptLevel);
    lines.add("certificate=" + config.certificate);
    lines.add("key_file=" + config.key);
    boolean hasProtocols = false;
    for (String g : config.extraGlobals) {
      hasProtocols |= g.startsWith("ssl_protocols=");
    }
    if (!hasProtocols) {
      lines.add("ssl_protocols=TLSv1.2, TLSv1.3");
    }
    lines.addAll(config.extraGlobals);
    lines.add("allow_channels=false");
    lines.add("[Logging]");
    lines.add("LogFile=" + dir.resolve("xrdp.log"));
    lines.add("LogLevel=DEBUG");
    lines.add("EnableSyslog=false");
    lines.add("EnableConsole=false");
    lines.add("[Channels]");
    Files.write(ini, lines);
    Process p =
        new ProcessBuilder(xrdp.toString(), "--nodaemon", "-c", ini.toString())
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("xrdp.out").toFile())
            .start();
    XrdpServer server = new XrdpServer(p, port, dir);
    if (!Peers.awaitListening(port, 10_000, p)) {
      server.close();
      fail("xrdp did not listen on port " + port + ":\n" + server.logs());
    }
    return server;
  }

  /** Makes a self-signed RSA 2048 certificate valid for {@code days} days with openssl. */
  public static void selfSigned(Path dir, Path cert, Path key, int days)
      throws IOException, InterruptedException {
    Path openssl = Peers.require("openssl", "openssl");
    Peers.run(
        dir,
        openssl.toString(),
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-days",
        Integer.toString(days),
        "-subj",
        "/CN=rdp-probe-test",
        "-keyout",
        key.toString(),
        "-out",
        cert.toString());
  }

  /**
   * Makes a self-signed RSA 2048 certificate valid from {@code start} to {@code end} (openssl
   * {@code YYYYMMDDHHMMSSZ} times) with {@code openssl ca}, which, unlike {@code req -x509}, can
   * put the validity in the past.
   */
  public static void certificateValidBetween(
      Path dir, Path cert, Path key, String subject, String start, String end)
      throws IOException, InterruptedException {
    Path openssl = Peers.require("openssl", "openssl");
    Path ca = Files.createDirectories(dir.resolve("ca"));
    Path db = Files.createDirectories(ca.resolve("db"));
    Files.writeString(db.resolve("index.txt"), "");
    Files.writeString(db.resolve("serial"), "1001\n");
    Path cnf = ca.resolve("ca.cnf");
    Files.write(
        cnf,
        List.of(
            "[ca]",
            "default_ca = probe",
            "[probe]",
            "database = " + db.resolve("index.txt"),
            "new_certs_dir = " + db,
            "serial = " + db.resolve("serial"),
            "default_md = sha256",
            "policy = any",
            "[any]",
            "commonName = supplied"));
    Path csr = ca.resolve("req.csr");
    Peers.run(
        dir,
        openssl.toString(),
        "req",
        "-new",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-subj",
        subject,
        "-keyout",
        key.toString(),
        "-out",
        csr.toString());
    Peers.run(
        dir,
        openssl.toString(),
        "ca",
        "-batch",
        "-config",
        cnf.toString(),
        "-selfsign",
        "-keyfile",
        key.toString(),
        "-in",
        csr.toString(),
        "-out",
        cert.toString(),
        "-startdate",
        start,
        "-enddate",
        end);
  }

  /** The port xrdp listens on (127.0.0.1). */
  public int port() {
    return port;
  }

  /** xrdp's output and log, for failure messages. */
  public String logs() {
    StringBuilder b = new StringBuilder();
    for (String name : List.of("xrdp.out", "xrdp.log")) {
      try {
        b.append("--- ").append(name).append('\n').append(Files.readString(dir.resolve(name)));
      } catch (IOException e) {
        b.append("--- ").append(name).append(": ").append(e.getMessage()).append('\n');
      }
    }
    return b.toString();
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(5, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor(5, TimeUnit.SECONDS);
    }
  }
}
