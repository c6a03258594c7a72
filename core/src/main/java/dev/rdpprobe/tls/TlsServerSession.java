package dev.rdpprobe.tls;

import java.io.IOException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Vector;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.crypto.params.ECNamedDomainParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.CertificateEntry;
import org.bouncycastle.tls.CertificateRequest;
import org.bouncycastle.tls.ClientCertificateType;
import org.bouncycastle.tls.DefaultTlsServer;
import org.bouncycastle.tls.HashAlgorithm;
import org.bouncycastle.tls.KeyExchangeAlgorithm;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.SignatureAlgorithm;
import org.bouncycastle.tls.SignatureAndHashAlgorithm;
import org.bouncycastle.tls.TlsContext;
import org.bouncycastle.tls.TlsCredentialedDecryptor;
import org.bouncycastle.tls.TlsCredentialedSigner;
import org.bouncycastle.tls.TlsCredentials;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsProtocol;
import org.bouncycastle.tls.TlsServerProtocol;
import org.bouncycastle.tls.TlsUtils;
import org.bouncycastle.tls.crypto.TlsCertificate;
import org.bouncycastle.tls.crypto.TlsCryptoParameters;
import org.bouncycastle.tls.crypto.impl.bc.BcDefaultTlsCredentialedDecryptor;
import org.bouncycastle.tls.crypto.impl.bc.BcDefaultTlsCredentialedSigner;

/**
 * The server end of TLS, for the RDP server emulator: accepts the versions and suites of a {@link
 * TlsOffer} (of those, only the suites its key can serve: ECDHE_ECDSA for an EC key; ECDHE_RSA,
 * DHE_RSA and RSA key transport for an RSA key; all TLS 1.3 suites), presents a {@link
 * ServerIdentity}, asks for a client certificate only when told to, and records the ClientHello it
 * saw.
 *
 * <pre>{@code
 * TlsServerSession tls = TlsServerSession.builder(TlsOffer.windowsDefault(), identity).build();
 * tls.start();
 * tls.receive(clientHelloBytes);
 * send(tls.takeOutput());
 * }</pre>
 */
public final class TlsServerSession extends TlsSession {
  private final TlsOffer accepted;
  private final ServerIdentity identity;
  private final int[] suites;
  private final boolean requireClientCertificate;
  private final boolean encryptThenMac;
  private EmulatorServer server;

  private TlsServerSession(Builder b) {
    super(TlsSide.SERVER, b.observer, b.keyLog, b.random);
    this.accepted = b.accepted;
    this.identity = b.identity;
    this.suites = usableSuites(b.accepted, b.identity);
    this.requireClientCertificate = b.requireClientCertificate;
    this.encryptThenMac = b.encryptThenMac;
  }

  /** A builder for a server that accepts {@code accepted} and presents {@code identity}. */
  public static Builder builder(TlsOffer accepted, ServerIdentity identity) {
    return new Builder(accepted, identity);
  }

  private static int[] usableSuites(TlsOffer accepted, ServerIdentity identity) {
    List<Integer> out = new ArrayList<>();
    for (int code : accepted.cipherSuiteCodes()) {
      int kx = TlsUtils.getKeyExchangeAlgorithm(code);
      boolean usable =
          switch (kx) {
            case KeyExchangeAlgorithm.NULL -> true; // TLS 1.3: authentication is separate
            case KeyExchangeAlgorithm.ECDHE_RSA,
                KeyExchangeAlgorithm.DHE_RSA,
                KeyExchangeAlgorithm.RSA ->
                identity.isRsa();
            case KeyExchangeAlgorithm.ECDHE_ECDSA -> !identity.isRsa();
            default -> false;
          };
      if (usable) {
        out.add(code);
      }
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException(
          "none of the accepted suites works with an "
              + (identity.isRsa() ? "RSA" : "EC")
              + " key: "
              + accepted.cipherSuites());
    }
    return out.stream().mapToInt(Integer::intValue).toArray();
  }

  /** What this server accepts. */
  public TlsOffer accepted() {
    return accepted;
  }

  /** What this server presents. */
  public ServerIdentity identity() {
    return identity;
  }

  /** The ClientHello the client sent (the second one after a HelloRetryRequest), once it came. */
  public Optional<TlsClientHello> clientHello() {
    return Optional.ofNullable(tracker.clientHello());
  }

  @Override
  TlsProtocol newProtocol() {
    return new TlsServerProtocol() {
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
    server = new EmulatorServer();
    ((TlsServerProtocol) protocol).accept(server);
  }

  @Override
  TlsContext context() {
    return server == null ? null : server.context();
  }

  /** Bouncy Castle's server, configured from the accepted offer and the identity. */
  private final class EmulatorServer extends DefaultTlsServer {
    EmulatorServer() {
      super(crypto);
    }

    TlsContext context() {
      return context;
    }

    @Override
    protected ProtocolVersion[] getSupportedVersions() {
      return accepted.bcVersions();
    }

    @Override
    protected int[] getSupportedCipherSuites() {
      return suites.clone();
    }

    @Override
    protected boolean allowEncryptThenMAC() {
      return encryptThenMac;
    }

    @Override
    public TlsCredentials getCredentials() throws IOException {
      if (TlsUtils.isTLSv13(context)) {
        return signer(scheme13());
      }
      return super.getCredentials();
    }

    @Override
    protected TlsCredentialedSigner getRSASignerCredentials() throws IOException {
      return signer(scheme12(SignatureAlgorithm.rsa));
    }

    @Override
    protected TlsCredentialedSigner getECDSASignerCredentials() throws IOException {
      return signer(scheme12(SignatureAlgorithm.ecdsa));
    }

    @Override
    protected TlsCredentialedDecryptor getRSAEncryptionCredentials() throws IOException {
      return new BcDefaultTlsCredentialedDecryptor(
          crypto, certificate(false), identity.privateKey());
    }

    private TlsCredentialedSigner signer(SignatureAndHashAlgorithm alg) throws IOException {
      return new BcDefaultTlsCredentialedSigner(
          new TlsCryptoParameters(context),
          crypto,
          identity.privateKey(),
          certificate(TlsUtils.isTLSv13(context)),
          alg);
    }

    private Certificate certificate(boolean tls13) throws IOException {
      List<X509CertificateHolder> chain = identity.chain();
      TlsCertificate[] certs = new TlsCertificate[chain.size()];
      for (int i = 0; i < certs.length; i++) {
        certs[i] = crypto.createCertificate(ServerIdentity.der(chain.get(i)));
      }
      if (!tls13) {
        return new Certificate(certs);
      }
      CertificateEntry[] entries = new CertificateEntry[certs.length];
      for (int i = 0; i < certs.length; i++) {
        entries[i] = new CertificateEntry(certs[i], null);
      }
      return new Certificate(TlsUtils.EMPTY_BYTES, entries);
    }

    /** TLS 1.2: the client's first scheme for our key type; none before TLS 1.2. */
    @SuppressWarnings("unchecked")
    private SignatureAndHashAlgorithm scheme12(short signature) throws IOException {
      if (!TlsUtils.isTLSv12(context)) {
        return null; // TLS 1.0 and 1.1 sign with MD5+SHA-1 (RSA) or SHA-1 (ECDSA), no choice
      }
      Vector<SignatureAndHashAlgorithm> offered =
          context.getSecurityParametersHandshake().getClientSigAlgs();
      if (offered == null) {
        // RFC 5246 7.4.1.4.1: no signature_algorithms means {sha1, our signature}
        return SignatureAndHashAlgorithm.getInstance(HashAlgorithm.sha1, signature);
      }
      for (SignatureAndHashAlgorithm alg : offered) {
        boolean matches =
            signature == SignatureAlgorithm.rsa
                ? alg.getSignature() == SignatureAlgorithm.rsa
                    || alg.getSignature() == SignatureAlgorithm.rsa_pss_rsae_sha256
                    || alg.getSignature() == SignatureAlgorithm.rsa_pss_rsae_sha384
                    || alg.getSignature() == SignatureAlgorithm.rsa_pss_rsae_sha512
                : alg.getSignature() == signature;
        if (matches && crypto.hasSignatureAndHashAlgorithm(alg)) {
          return alg;
        }
      }
      throw new TlsFatalAlert(
          AlertDescription.handshake_failure,
          "the client offers no signature algorithm for our key");
    }

    /** TLS 1.3: RSA-PSS for an RSA key, the curve's ECDSA scheme for an EC key (RFC 8446 4.2.3). */
    @SuppressWarnings("unchecked")
    private SignatureAndHashAlgorithm scheme13() throws IOException {
      Vector<SignatureAndHashAlgorithm> offered =
          context.getSecurityParametersHandshake().getClientSigAlgs();
      if (offered != null) {
        for (SignatureAndHashAlgorithm alg : offered) {
          if (fits13(alg) && crypto.hasSignatureAndHashAlgorithm(alg)) {
            return alg;
          }
        }
      }
      throw new TlsFatalAlert(
          AlertDescription.handshake_failure,
          "the client offers no TLS 1.3 signature scheme for our key");
    }

    private boolean fits13(SignatureAndHashAlgorithm alg) {
      if (identity.isRsa()) {
        return alg.getHash() == HashAlgorithm.Intrinsic
            && (alg.getSignature() == SignatureAlgorithm.rsa_pss_rsae_sha256
                || alg.getSignature() == SignatureAlgorithm.rsa_pss_rsae_sha384
                || alg.getSignature() == SignatureAlgorithm.rsa_pss_rsae_sha512);
      }
      if (alg.getSignature() != SignatureAlgorithm.ecdsa) {
        return false;
      }
      ECPrivateKeyParameters key = (ECPrivateKeyParameters) identity.privateKey();
      String curve =
          key.getParameters() instanceof ECNamedDomainParameters named
              ? ECNamedCurveTable.getName(named.getName())
              : "";
      short hash =
          switch (curve == null ? "" : curve) {
            case "secp256r1", "prime256v1", "P-256" -> HashAlgorithm.sha256;
            case "secp384r1", "P-384" -> HashAlgorithm.sha384;
            case "secp521r1", "P-521" -> HashAlgorithm.sha512;
            default -> -1;
          };
      return alg.getHash() == hash;
    }

    @Override
    public CertificateRequest getCertificateRequest() throws IOException {
      if (!requireClientCertificate) {
        return null;
      }
      Vector<?> sigAlgs =
          TlsUtils.isSignatureAlgorithmsExtensionAllowed(context.getServerVersion())
              ? TlsUtils.getDefaultSupportedSignatureAlgorithms(context)
              : null;
      if (TlsUtils.isTLSv13(context)) {
        return new CertificateRequest(TlsUtils.EMPTY_BYTES, sigAlgs, null, null);
      }
      return new CertificateRequest(
          new short[] {ClientCertificateType.rsa_sign, ClientCertificateType.ecdsa_sign},
          sigAlgs,
          null);
    }

    @Override
    public void notifyClientCertificate(Certificate clientCertificate) throws IOException {
      if (clientCertificate == null || clientCertificate.isEmpty()) {
        // what a server that requires a client certificate answers (RFC 8446 4.4.2.4)
        throw new TlsFatalAlert(
            TlsUtils.isTLSv13(context)
                ? AlertDescription.certificate_required
                : AlertDescription.handshake_failure,
            "the client sent no certificate and this server requires one");
      }
      // any certificate will do: the emulator does not check who the client is
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

  /** The settings of a server session; every setter checks its value at once. */
  public static final class Builder {
    private final TlsOffer accepted;
    private final ServerIdentity identity;
    private TlsObserver observer = TlsObserver.NONE;
    private boolean keyLog;
    private boolean requireClientCertificate;
    private boolean encryptThenMac = true;
    private SecureRandom random;

    private Builder(TlsOffer accepted, ServerIdentity identity) {
      this.accepted = Objects.requireNonNull(accepted, "accepted");
      this.identity = Objects.requireNonNull(identity, "identity");
      usableSuites(accepted, identity); // refuse a key that cannot serve any suite now
    }

    /** Where events go; {@link TlsObserver#NONE} by default. */
    public Builder observer(TlsObserver observer) {
      this.observer = Objects.requireNonNull(observer, "observer");
      return this;
    }

    /** Whether to keep the secrets for NSS key log lines; off by default. */
    public Builder keyLog(boolean on) {
      this.keyLog = on;
      return this;
    }

    /**
     * Whether to send a CertificateRequest and refuse a client that sends no certificate ({@code
     * certificate_required} in TLS 1.3, {@code handshake_failure} before), as a server that
     * requires smart-card or certificate logon does; off by default.
     */
    public Builder requireClientCertificate(boolean on) {
      this.requireClientCertificate = on;
      return this;
    }

    /**
     * Whether a CBC suite may be protected encrypt-then-MAC when the client asks (RFC 7366); on by
     * default. Off, the records are MAC-then-encrypt, as from a server that does not implement it
     * (Schannel).
     */
    public Builder encryptThenMac(boolean on) {
      this.encryptThenMac = on;
      return this;
    }

    /** The randomness for the server random and keys; a new {@link SecureRandom} by default. */
    public Builder random(SecureRandom random) {
      this.random = Objects.requireNonNull(random, "random");
      return this;
    }

    /** A new session, not started. */
    public TlsServerSession build() {
      return new TlsServerSession(this);
    }
  }
}
