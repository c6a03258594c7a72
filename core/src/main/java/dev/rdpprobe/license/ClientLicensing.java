package dev.rdpprobe.license;

import dev.rdpprobe.license.LicensingException.Reason;
import dev.rdpprobe.wire.DecodeException;
import dev.rdpprobe.wire.Octets;
import dev.rdpprobe.wire.gcc.RsaPublicKey;
import dev.rdpprobe.wire.gcc.ServerCertificate;
import dev.rdpprobe.wire.license.LicensePdu;
import dev.rdpprobe.wire.license.NewLicenseRequest;
import dev.rdpprobe.wire.license.PreambleFlags;
import dev.rdpprobe.wire.license.ServerLicenseRequest;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * The probe's answer to a Server License Request: a Client New License Request (MS-RDPELE 2.2.2.2,
 * 3.3.5.1) as a client without a license sends it.
 *
 * <pre>{@code
 * LicensePdu answer = ClientLicensing.answerPdu(
 *     ClientLicensing.newLicenseRequest(request, "rdpprobe", "rdpprobe", new SecureRandom()));
 * }</pre>
 *
 * <p>The answer carries a fresh 32-byte client random and a fresh 48-byte premaster secret,
 * encrypted to the server's RSA key ({@link RdpRsa}) and forgotten at once: the probe does not
 * derive the licensing keys, because it does not answer the Platform Challenge that follows on a
 * Windows server. When there is no key to encrypt to, the methods throw {@link LicensingException}
 * with the reason rather than send a request the server would reject, so the caller stops with a
 * clear cause.
 */
public final class ClientLicensing {
  /** The length of the premaster secret (MS-RDPELE 5.1.2.1). */
  public static final int PREMASTER_SECRET_LENGTH = 48;

  /**
   * The preamble flags of the answer: PREAMBLE_VERSION_3_0 | EXTENDED_ERROR_MSG_SUPPORTED (0x83),
   * what Windows clients and FreeRDP send whatever the server's version.
   */
  public static final PreambleFlags ANSWER_FLAGS =
      new PreambleFlags(
          PreambleFlags.PREAMBLE_VERSION_3_0 | PreambleFlags.EXTENDED_ERROR_MSG_SUPPORTED);

  private ClientLicensing() {}

  /**
   * The answer to {@code request}, encrypted to the key of the request's own certificate.
   *
   * @param userName ClientUserName, chars 1 to 0xFF
   * @param machineName ClientMachineName, chars 1 to 0xFF
   * @param random the source of the client random and the premaster secret (a {@code SecureRandom}
   *     outside tests)
   * @throws LicensingException if the request is malformed or carries no usable RSA key
   */
  public static NewLicenseRequest newLicenseRequest(
      ServerLicenseRequest request, String userName, String machineName, RandomGenerator random)
      throws LicensingException {
    return newLicenseRequest(request, null, userName, machineName, random);
  }

  /**
   * The answer to {@code request}, encrypted to the key of the request's certificate or, when the
   * request carries none, to the key of {@code securityDataCertificate} (the serverCertificate of
   * Server Security Data, under Standard RDP Security), as MS-RDPELE allows.
   *
   * @param securityDataCertificate the certificate of Server Security Data, or null
   * @throws LicensingException if the request is malformed or there is no usable RSA key
   */
  public static NewLicenseRequest newLicenseRequest(
      ServerLicenseRequest request,
      ServerCertificate securityDataCertificate,
      String userName,
      String machineName,
      RandomGenerator random)
      throws LicensingException {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(userName, "userName");
    Objects.requireNonNull(machineName, "machineName");
    Objects.requireNonNull(random, "random");
    RsaPublicKey key = serverKey(request, securityDataCertificate);
    byte[] clientRandom = new byte[NewLicenseRequest.CLIENT_RANDOM_LENGTH];
    random.nextBytes(clientRandom);
    byte[] premaster = new byte[PREMASTER_SECRET_LENGTH];
    random.nextBytes(premaster);
    Octets encrypted;
    try {
      encrypted = RdpRsa.encryptWithPadding(key, premaster);
    } finally {
      Arrays.fill(premaster, (byte) 0);
    }
    return NewLicenseRequest.of(
        NewLicenseRequest.KEY_EXCHANGE_ALG_RSA,
        NewLicenseRequest.PLATFORM_ID_WINDOWS,
        Octets.of(clientRandom),
        encrypted,
        userName,
        machineName);
  }

  /** The answer in its License PDU, with {@link #ANSWER_FLAGS}. */
  public static LicensePdu answerPdu(NewLicenseRequest answer) {
    return LicensePdu.of(ANSWER_FLAGS, answer);
  }

  /**
   * The RSA key the answer is encrypted to: the request's certificate's, else {@code fallback}'s.
   *
   * @throws LicensingException if there is none, or it is unreadable or too small
   */
  public static RsaPublicKey serverKey(ServerLicenseRequest request, ServerCertificate fallback)
      throws LicensingException {
    ServerCertificate certificate;
    try {
      certificate = request.serverCertificate();
    } catch (DecodeException e) {
      throw new LicensingException(
          Reason.MALFORMED_REQUEST,
          "the Server License Request is malformed: " + e.getMessage(),
          e);
    }
    String source = "the Server License Request's certificate";
    if (certificate.bytes().length() == 0 && fallback != null) {
      certificate = fallback;
      source = "the certificate of Server Security Data";
    }
    if (certificate.bytes().length() == 0) {
      throw new LicensingException(
          Reason.NO_SERVER_CERTIFICATE,
          "the Server License Request carries no server certificate (as under TLS), and there is"
              + " no other to encrypt the premaster secret to",
          null);
    }
    Optional<RsaPublicKey> key;
    try {
      key = certificate.rsaPublicKey();
    } catch (DecodeException e) {
      throw new LicensingException(
          Reason.MALFORMED_REQUEST, source + " is malformed: " + e.getMessage(), e);
    }
    if (key.isEmpty()) {
      throw new LicensingException(
          Reason.UNSUPPORTED_CERTIFICATE,
          source + " holds no RSA key the probe reads (" + certificate + ")",
          null);
    }
    if (key.get().modulus().bitLength() <= 8 * PREMASTER_SECRET_LENGTH) {
      throw new LicensingException(
          Reason.KEY_TOO_SMALL,
          source
              + " has a "
              + key.get().keyBits()
              + "-bit key, too small for a "
              + PREMASTER_SECRET_LENGTH
              + "-byte premaster secret",
          null);
    }
    return key.get();
  }
}
