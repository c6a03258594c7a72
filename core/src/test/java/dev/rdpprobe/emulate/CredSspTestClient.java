package dev.rdpprobe.emulate;

import dev.rdpprobe.ntlm.CredSspPubKeyAuth;
import dev.rdpprobe.ntlm.NtlmClient;
import dev.rdpprobe.ntlm.NtlmCredentials;
import dev.rdpprobe.ntlm.NtlmSession;
import dev.rdpprobe.tls.TlsClientSession;
import dev.rdpprobe.tls.TlsFailure;
import dev.rdpprobe.tls.TlsOffer;
import dev.rdpprobe.wire.Octets;
import dev.rdpprobe.wire.credssp.TsRequest;
import dev.rdpprobe.wire.x224.NegotiationRequest;
import dev.rdpprobe.wire.x224.NegotiationResponse;
import dev.rdpprobe.wire.x224.SecurityProtocols;
import dev.rdpprobe.wire.x224.X224ConnectionConfirm;
import dev.rdpprobe.wire.x224.X224ConnectionRequest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Arrays;

/**
 * A CredSSP client of the tests' own, built from the project's classes over a blocking socket:
 * X.224 with HYBRID, TLS ({@link TlsClientSession}), NTLM and pubKeyAuth, and then whatever
 * TSCredentials the test wants to send, well-formed or not. The probe itself can only send the
 * well-formed one.
 */
final class CredSspTestClient implements AutoCloseable {
  static final int VERSION = TsRequest.CURRENT_VERSION;

  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;
  private final TlsClientSession tls;
  private final ByteArrayOutputStream application = new ByteArrayOutputStream();
  private NtlmSession session;

  private CredSspTestClient(Socket socket, TlsClientSession tls) throws IOException {
    this.socket = socket;
    this.in = socket.getInputStream();
    this.out = socket.getOutputStream();
    this.tls = tls;
  }

  /** Connects, negotiates HYBRID and completes the TLS handshake. */
  static CredSspTestClient connect(int port) throws IOException {
    Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
    socket.setSoTimeout(10_000);
    CredSspTestClient c =
        new CredSspTestClient(socket, TlsClientSession.builder(TlsOffer.windowsDefault()).build());
    try {
      c.negotiate();
      c.handshake();
    } catch (IOException | RuntimeException e) {
      c.close();
      throw e;
    }
    return c;
  }

  private void negotiate() throws IOException {
    X224ConnectionRequest request =
        X224ConnectionRequest.of(
            null,
            NegotiationRequest.of(
                SecurityProtocols.of(SecurityProtocols.SSL, SecurityProtocols.HYBRID)));
    out.write(Octets.encode(request).toByteArray());
    DataInputStream data = new DataInputStream(in);
    byte[] header = new byte[4];
    data.readFully(header);
    byte[] tpkt = Arrays.copyOf(header, (header[2] & 0xFF) << 8 | header[3] & 0xFF);
    data.readFully(tpkt, 4, tpkt.length - 4);
    X224ConnectionConfirm confirm = X224ConnectionConfirm.decode(Unpooled.wrappedBuffer(tpkt));
    if (!(confirm.negotiation() instanceof NegotiationResponse r)
        || !r.selectedProtocol().equals(SecurityProtocols.HYBRID)) {
      throw new IOException("the server did not select HYBRID: " + confirm);
    }
  }

  private void handshake() throws IOException {
    try {
      tls.start();
      flush();
      byte[] buffer = new byte[16_384];
      while (!tls.isHandshakeComplete()) {
        int n = in.read(buffer);
        if (n < 0) {
          throw new IOException("the server closed during the TLS handshake");
        }
        tls.receive(buffer, 0, n);
        flush();
      }
    } catch (TlsFailure f) {
      throw new IOException(f);
    }
  }

  /** NTLM with this account and both pubKeyAuth checked; the session is kept for authInfo. */
  void authenticate(String user, String password) throws IOException {
    char[] pw = password.toCharArray();
    NtlmClient ntlm;
    try (NtlmCredentials credentials = NtlmCredentials.of(user, "", pw)) {
      ntlm = NtlmClient.create(credentials, NtlmClient.Options.windowsLike());
    } finally {
      Arrays.fill(pw, '\0');
    }
    send(TsRequest.of(VERSION).withNegoToken(ntlm.negotiate()));
    TsRequest challenge = receive();
    SecureRandom random = new SecureRandom();
    NtlmClient.Authentication a = ntlm.authenticate(challenge.negoToken(), Instant.now(), random);
    byte[] nonceBytes = new byte[TsRequest.NONCE_LENGTH];
    random.nextBytes(nonceBytes);
    Octets nonce = Octets.of(nonceBytes);
    byte[] subjectPublicKey =
        CredSspPubKeyAuth.subjectPublicKey(tls.facts().leaf().orElseThrow().der().toByteArray());
    send(
        TsRequest.of(VERSION)
            .withNegoToken(a.bytes())
            .withPubKeyAuth(
                CredSspPubKeyAuth.clientPubKeyAuth(a.session(), VERSION, nonce, subjectPublicKey))
            .withClientNonce(nonce));
    TsRequest answer = receive();
    CredSspPubKeyAuth.verifyServer(
        a.session(), VERSION, nonce, subjectPublicKey, answer.pubKeyAuth());
    session = a.session();
  }

  /** Sends {@code plaintext} as the TSCredentials, sealed into authInfo as a client does. */
  void sendCredentials(byte[] plaintext) throws IOException {
    send(TsRequest.of(VERSION).withAuthInfo(Octets.of(session.wrap(plaintext))));
  }

  /** Sends one TSRequest over TLS. */
  void send(TsRequest request) throws IOException {
    try {
      tls.writeApplication(Octets.encode(request).toByteArray());
    } catch (TlsFailure f) {
      throw new IOException(f);
    }
    flush();
  }

  /** Reads one TSRequest. */
  TsRequest receive() throws IOException {
    byte[] buffer = new byte[16_384];
    while (true) {
      byte[] pending = application.toByteArray();
      ByteBuf view = Unpooled.wrappedBuffer(pending);
      int length = TsRequest.frameLength(view);
      if (length > 0 && pending.length >= length) {
        application.reset();
        application.write(pending, length, pending.length - length);
        return TsRequest.decode(Unpooled.wrappedBuffer(pending, 0, length));
      }
      int n = in.read(buffer);
      if (n < 0) {
        throw new IOException("the server closed before a whole TSRequest");
      }
      try {
        tls.receive(buffer, 0, n);
      } catch (TlsFailure f) {
        throw new IOException(f);
      }
      application.writeBytes(tls.readApplication());
    }
  }

  /**
   * Whether the server ends the connection within the socket timeout: reads (and decrypts) until
   * the end of the stream.
   *
   * @return true at the end of the stream, false if the server kept the connection open
   */
  boolean serverCloses() throws IOException {
    byte[] buffer = new byte[4096];
    try {
      while (in.read(buffer) >= 0) {
        // anything the server still sends is of no interest here
      }
      return true;
    } catch (SocketTimeoutException e) {
      return false;
    }
  }

  /** Shortens the socket timeout for {@link #serverCloses()}. */
  void timeout(int millis) throws IOException {
    socket.setSoTimeout(millis);
  }

  private void flush() throws IOException {
    byte[] bytes = tls.takeOutput();
    if (bytes.length > 0) {
      out.write(bytes);
      out.flush();
    }
  }

  @Override
  public void close() throws IOException {
    if (session != null) {
      session.close();
    }
    socket.close();
  }
}
