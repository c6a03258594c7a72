package dev.rdpprobe.ntlm;

import dev.rdpprobe.wire.Octets;
import dev.rdpprobe.wire.credssp.TsRequest;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import org.bouncycastle.asn1.x509.Certificate;

/**
 * CredSSP's binding of the authentication to the TLS channel (MS-CSSP 3.1.5, the {@code pubKeyAuth}
 * field of 2.2.1): each side seals a value derived from the server certificate's SubjectPublicKey
 * with its {@link NtlmSession}, and checks the other's.
 *
 * <table>
 * <caption>The values</caption>
 * <tr><th>version</th><th>client sends</th><th>server sends</th></tr>
 * <tr><td>2, 3, 4</td><td>SubjectPublicKey</td><td>SubjectPublicKey with its first octet plus one
 *   (a little-endian increment with carry, as FreeRDP does)</td></tr>
 * <tr><td>5, 6</td><td>SHA-256("CredSSP Client-To-Server Binding Hash\0" || clientNonce ||
 *   SubjectPublicKey)</td><td>SHA-256("CredSSP Server-To-Client Binding Hash\0" || clientNonce ||
 *   SubjectPublicKey)</td></tr>
 * </table>
 *
 * <p>The version is the lower of the two sides' ({@link #effectiveVersion}); versions above 6 are
 * treated as 6. SubjectPublicKey is the content of the certificate's subjectPublicKey BIT STRING
 * (for RSA the DER RSAPublicKey), not the whole SubjectPublicKeyInfo ({@link #subjectPublicKey}).
 * The client's pubKeyAuth is the first message it seals (sequence number 0), and so is the
 * server's.
 */
public final class CredSspPubKeyAuth {
  private CredSspPubKeyAuth() {}

  private static final byte[] CLIENT_SERVER_MAGIC =
      "CredSSP Client-To-Server Binding Hash\0".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] SERVER_CLIENT_MAGIC =
      "CredSSP Server-To-Client Binding Hash\0".getBytes(StandardCharsets.US_ASCII);

  /**
   * The version both sides use: the lower of the two, and at least 2 (versions 0 and 1 are older
   * spellings of 2's pubKeyAuth, which is what peers that send them expect).
   */
  public static int effectiveVersion(int ours, int peers) {
    return Math.max(2, Math.min(ours, peers));
  }

  /**
   * The SubjectPublicKey of a DER X.509 certificate: the octets of its subjectPublicKey BIT STRING.
   *
   * @throws IllegalArgumentException if the bytes are not a certificate
   */
  public static byte[] subjectPublicKey(byte[] certificateDer) {
    try {
      return Certificate.getInstance(certificateDer)
          .getSubjectPublicKeyInfo()
          .getPublicKeyData()
          .getBytes();
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("not a DER X.509 certificate: " + e.getMessage(), e);
    }
  }

  /** The value the client seals (before sealing). */
  public static byte[] clientValue(int version, Octets clientNonce, byte[] subjectPublicKey) {
    if (version < TsRequest.CLIENT_NONCE_VERSION) {
      return subjectPublicKey.clone();
    }
    return Crypto.sha256(CLIENT_SERVER_MAGIC, nonce(clientNonce), subjectPublicKey);
  }

  /** The value the server seals (before sealing). */
  public static byte[] serverValue(int version, Octets clientNonce, byte[] subjectPublicKey) {
    if (version < TsRequest.CLIENT_NONCE_VERSION) {
      byte[] out = subjectPublicKey.clone();
      for (int i = 0; i < out.length; i++) {
        out[i]++;
        if (out[i] != 0) {
          break; // no carry
        }
      }
      return out;
    }
    return Crypto.sha256(SERVER_CLIENT_MAGIC, nonce(clientNonce), subjectPublicKey);
  }

  private static byte[] nonce(Octets clientNonce) {
    Objects.requireNonNull(clientNonce, "versions 5 and 6 need the clientNonce");
    return clientNonce.toByteArray();
  }

  /** The client's pubKeyAuth: its value, sealed. */
  public static Octets clientPubKeyAuth(
      NtlmSession session, int version, Octets clientNonce, byte[] subjectPublicKey) {
    return Octets.of(session.wrap(clientValue(version, clientNonce, subjectPublicKey)));
  }

  /** The server's pubKeyAuth: its value, sealed. */
  public static Octets serverPubKeyAuth(
      NtlmSession session, int version, Octets clientNonce, byte[] subjectPublicKey) {
    return Octets.of(session.wrap(serverValue(version, clientNonce, subjectPublicKey)));
  }

  /**
   * Checks the server's pubKeyAuth on the client: it unseals and is the server value of the
   * certificate the client saw.
   *
   * @throws NtlmException {@link NtlmException.Kind#SIGNATURE_MISMATCH} if it does not unseal,
   *     {@link NtlmException.Kind#PUB_KEY_AUTH_MISMATCH} if it is another value (another public
   *     key: a man in the middle, or a server answering for another version)
   */
  public static void verifyServer(
      NtlmSession session,
      int version,
      Octets clientNonce,
      byte[] subjectPublicKey,
      Octets pubKeyAuth) {
    check(session, pubKeyAuth, serverValue(version, clientNonce, subjectPublicKey), "server");
  }

  /** Checks the client's pubKeyAuth on the server, like {@link #verifyServer}. */
  public static void verifyClient(
      NtlmSession session,
      int version,
      Octets clientNonce,
      byte[] subjectPublicKey,
      Octets pubKeyAuth) {
    check(session, pubKeyAuth, clientValue(version, clientNonce, subjectPublicKey), "client");
  }

  private static void check(NtlmSession session, Octets pubKeyAuth, byte[] expected, String who) {
    byte[] got = session.unwrap(pubKeyAuth.toByteArray());
    try {
      if (!Crypto.same(got, expected)) {
        throw new NtlmException(
            NtlmException.Kind.PUB_KEY_AUTH_MISMATCH,
            "the "
                + who
                + "'s pubKeyAuth binds another public key or version ("
                + got.length
                + " octets, expected "
                + expected.length
                + ")");
      }
    } finally {
      Arrays.fill(got, (byte) 0);
    }
  }
}
