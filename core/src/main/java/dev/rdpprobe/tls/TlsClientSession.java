package dev.rdpprobe.tls;

import dev.rdpprobe.wire.Limits;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Objects;
import java.util.Vector;
import org.bouncycastle.tls.CertificateRequest;
import org.bouncycastle.tls.DefaultTlsClient;
import org.bouncycastle.tls.KeyExchangeAlgorithm;
import org.bouncycastle.tls.NameType;
import org.bouncycastle.tls.NamedGroup;
import org.bouncycastle.tls.NamedGroupRole;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.ServerName;
import org.bouncycastle.tls.TlsAuthentication;
import org.bouncycastle.tls.TlsClientProtocol;
import org.bouncycastle.tls.TlsContext;
import org.bouncycastle.tls.TlsCredentials;
import org.bouncycastle.tls.TlsProtocol;
import org.bouncycastle.tls.TlsServerCertificate;
import org.bouncycastle.tls.TlsUtils;
import org.bouncycastle.util.Integers;

/**
 * The client end of TLS for a probe: offers what a {@link TlsOffer} says, accepts any server
 * certificate (it diagnoses, it does not trust: the chain is recorded and {@link
 * TlsSessionFacts#objections} says what a validating client would object to), sends no client
 * certificate, and offers no ALPN.
 *
 * <pre>{@code
 * TlsClientSession tls = TlsClientSession.builder(TlsOffer.windowsDefault())
 *     .serverName("rdp.example.com")
 *     .observer(observer)
 *     .build();
 * tls.start();
 * send(tls.takeOutput());            // the ClientHello
 * tls.receive(bytesFromServer);      // repeat, sending takeOutput() each time,
 * tls.isHandshakeComplete();         // until this is true
 * }</pre>
 */
public final class TlsClientSession extends TlsSession {
  private final TlsOffer offer;
  private final String serverName;
  private ProbeClient client;

  private TlsClientSession(Builder b) {
    super(TlsSide.CLIENT, b.observer, b.keyLog, b.random);
    this.offer = b.offer;
    this.serverName = b.serverName;
  }

  /** A builder for a session that offers {@code offer}. */
  public static Builder builder(TlsOffer offer) {
    return new Builder(offer);
  }

  /** The offer. */
  public TlsOffer offer() {
    return offer;
  }

  /** The SNI host name this session sends, or empty (SNI off, no name, or an IP literal). */
  public String sniName() {
    return sniHost() == null ? "" : sniHost();
  }

  private String sniHost() {
    if (!offer.sni() || serverName == null || serverName.isEmpty()) {
      return null;
    }
    return TlsNames.isIpLiteral(serverName) ? null : serverName; // RFC 6066 3: no IP literals
  }

  @Override
  TlsProtocol newProtocol() {
    return new TlsClientProtocol() {
      @Override
      protected void processRecord(short type, byte[] buf, int off, int len) throws IOException {
        inboundRecord(type, buf, off, len);
        super.processRecord(type, buf, off, len);
      }

      @Override
      protected void writeRecord(short type, byte[] buf, int off, int len) throws IOException {
        outboundRecord(type, buf, off, len);
        super.writeRecord(type, buf, off, len);
      }
    };
  }

  @Override
  void begin(TlsProtocol protocol) throws IOException {
    client = new ProbeClient();
    ((TlsClientProtocol) protocol).connect(client);
  }

  @Override
  TlsContext context() {
    return client == null ? null : client.context();
  }

  /** Bouncy Castle's client, configured from the offer. */
  private final class ProbeClient extends DefaultTlsClient {
    ProbeClient() {
      super(crypto);
    }

    @Override
    public int getMaxHandshakeMessageSize() {
      return Limits.TLS_HANDSHAKE_MESSAGE;
    }

    @Override
    public int getMaxCertificateChainLength() {
      return Limits.CERTIFICATE_CHAIN;
    }

    TlsContext context() {
      return context;
    }

    @Override
    protected ProtocolVersion[] getSupportedVersions() {
      return offer.bcVersions();
    }

    @Override
    protected int[] getSupportedCipherSuites() {
      return offer.cipherSuiteCodes();
    }

    @Override
    protected Vector<ServerName> getSNIServerNames() {
      String host = sniHost();
      if (host == null) {
        return null;
      }
      Vector<ServerName> names = new Vector<>();
      names.add(new ServerName(NameType.host_name, host.getBytes(StandardCharsets.US_ASCII)));
      return names;
    }

    @Override
    @SuppressWarnings({"rawtypes", "unchecked"})
    protected Vector getSupportedGroups(Vector namedGroupRoles) {
      Vector groups = new Vector();
      if (!offer.groups().isEmpty()) {
        // a replayed client's own list, in its order
        TlsUtils.addIfSupported(
            groups, getCrypto(), offer.groups().stream().mapToInt(Integer::intValue).toArray());
        return groups;
      }
      // Schannel's order: curve25519, NIST P-256, NIST P-384
      if (namedGroupRoles.contains(Integers.valueOf(NamedGroupRole.ecdh))
          || namedGroupRoles.contains(Integers.valueOf(NamedGroupRole.ecdsa))) {
        TlsUtils.addIfSupported(
            groups,
            getCrypto(),
            new int[] {NamedGroup.x25519, NamedGroup.secp256r1, NamedGroup.secp384r1});
      }
      if (namedGroupRoles.contains(Integers.valueOf(NamedGroupRole.dh)) && offersDhe()) {
        TlsUtils.addIfSupported(
            groups,
            getCrypto(),
            new int[] {NamedGroup.ffdhe2048, NamedGroup.ffdhe3072, NamedGroup.ffdhe4096});
      }
      return groups;
    }

    /** Bouncy Castle asks for FFDHE groups for every TLS 1.3 offer; Schannel only for DHE. */
    private boolean offersDhe() {
      for (int code : offer.cipherSuiteCodes()) {
        int kx = TlsUtils.getKeyExchangeAlgorithm(code);
        if (kx == KeyExchangeAlgorithm.DHE_RSA || kx == KeyExchangeAlgorithm.DHE_DSS) {
          return true;
        }
      }
      return false;
    }

    @Override
    public void notifySecureRenegotiation(boolean secureRenegotiation) {
      // a server without RFC 5746 is a fact to report, not a reason to stop
    }

    @Override
    public boolean shouldCheckSigAlgOfPeerCerts() {
      return false; // any certificate is accepted
    }

    @Override
    public TlsAuthentication getAuthentication() {
      return new TlsAuthentication() {
        @Override
        public void notifyServerCertificate(TlsServerCertificate serverCertificate) {
          // accepted whatever it is: the chain is in the facts, taken from the Certificate message
        }

        @Override
        public TlsCredentials getClientCredentials(CertificateRequest certificateRequest) {
          return null; // no client certificate; the CertificateRequest is in the facts
        }
      };
    }

    @Override
    public void notifyAlertRaised(short level, short description, String message, Throwable cause) {
      alertRaised(level, description, message, cause);
    }

    @Override
    public void notifyAlertReceived(short level, short description) {
      alertReceived(level, description);
    }

    @Override
    public void notifyHandshakeComplete() throws IOException {
      super.notifyHandshakeComplete();
      handshakeCompleted();
    }
  }

  /** The settings of a client session; every setter checks its value at once. */
  public static final class Builder {
    private final TlsOffer offer;
    private String serverName;
    private TlsObserver observer = TlsObserver.NONE;
    private boolean keyLog;
    private SecureRandom random;

    private Builder(TlsOffer offer) {
      this.offer = Objects.requireNonNull(offer, "offer");
    }

    /**
     * The name of the server as the user gave it: sent as SNI when the offer says so and it is a
     * DNS name, and the name certificate objections are checked against.
     */
    public Builder serverName(String name) {
      if (name != null
          && (name.length() > 253 || !name.chars().allMatch(c -> c > 0x20 && c < 0x7f))) {
        throw new IllegalArgumentException("not a host name: " + name);
      }
      this.serverName = name;
      return this;
    }

    /** Where events go; {@link TlsObserver#NONE} by default. */
    public Builder observer(TlsObserver observer) {
      this.observer = Objects.requireNonNull(observer, "observer");
      return this;
    }

    /** Whether to keep the secrets for NSS key log lines ({@link #keyLog()}); off by default. */
    public Builder keyLog(boolean on) {
      this.keyLog = on;
      return this;
    }

    /** The randomness for the client random and keys; a new {@link SecureRandom} by default. */
    public Builder random(SecureRandom random) {
      this.random = Objects.requireNonNull(random, "random");
      return this;
    }

    /** A new session, not started. */
    public TlsClientSession build() {
      return new TlsClientSession(this);
    }
  }
}
