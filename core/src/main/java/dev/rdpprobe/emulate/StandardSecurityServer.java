package dev.rdpprobe.emulate;

import dev.rdpprobe.rdpsec.ClientRandom;
import dev.rdpprobe.rdpsec.EncryptionMethod;
import dev.rdpprobe.rdpsec.SendDataSecurity;
import dev.rdpprobe.rdpsec.StandardSecurity;
import dev.rdpprobe.rdpsec.TerminalServicesSigningKey;
import dev.rdpprobe.tls.ServerIdentity;
import dev.rdpprobe.wire.Octets;
import dev.rdpprobe.wire.gcc.ClientSecurityData;
import dev.rdpprobe.wire.gcc.EncryptionLevel;
import dev.rdpprobe.wire.gcc.EncryptionMethods;
import dev.rdpprobe.wire.gcc.RsaPublicKey;
import dev.rdpprobe.wire.gcc.ServerCertificate;
import dev.rdpprobe.wire.gcc.ServerSecurityData;
import dev.rdpprobe.wire.sec.SecurityExchangePdu;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.Arrays;
import org.bouncycastle.crypto.params.RSAPrivateCrtKeyParameters;

/**
 * The emulator's end of Standard RDP Security (MS-RDPBCGR 5.3), for the {@code RDP_SECURITY_*}
 * scenarios: it chooses the method its level allows from the client's offer (5.3.2: at LOW and
 * CLIENT_COMPATIBLE the strongest RC4 the client supports, or FIPS when that is all it offers; at
 * HIGH 128-bit RC4; at FIPS, FIPS), sends a fresh server random and a proprietary certificate for
 * its RSA key signed with the Terminal Services key (5.3.3.1.2) in Server Security Data, decrypts
 * the client random of the Security Exchange PDU (5.3.4) and from then on protects the user data of
 * every Send Data PDU both ways ({@link SendDataSecurity}).
 */
final class StandardSecurityServer {
  private final Scenario scenario;
  private final RsaPublicKey key;
  private final BigInteger privateExponent;
  private final SecureRandom random = new SecureRandom();
  private ServerSecurityData data;
  private SendDataSecurity userData = SendDataSecurity.clear();

  /**
   * @param identity the emulator's identity, whose RSA key the certificate carries
   * @throws IllegalArgumentException if the identity's key is not an RSA key with its CRT parts
   */
  StandardSecurityServer(Scenario scenario, ServerIdentity identity) {
    this.scenario = scenario;
    if (!(identity.privateKey() instanceof RSAPrivateCrtKeyParameters rsa)) {
      throw new IllegalArgumentException("Standard RDP Security needs an RSA identity");
    }
    this.key = RsaPublicKey.of(rsa.getModulus(), rsa.getPublicExponent());
    this.privateExponent = rsa.getExponent();
  }

  /** The level a scenario's server runs at. */
  static EncryptionLevel level(Scenario scenario) {
    return switch (scenario) {
      case RDP_SECURITY_NONE -> EncryptionLevel.NONE;
      case RDP_SECURITY_LOW -> EncryptionLevel.LOW;
      case RDP_SECURITY_HIGH, RDP_SECURITY_RST_AFTER_CLIENT_RANDOM, RDP_SECURITY_BAD_MAC ->
          EncryptionLevel.HIGH;
      case RDP_SECURITY_FIPS -> EncryptionLevel.FIPS;
      default -> EncryptionLevel.CLIENT_COMPATIBLE;
    };
  }

  /**
   * Server Security Data for the client's offer, or {@code null} when the offer has no method the
   * level allows (a server then ends the connection).
   */
  ServerSecurityData answer(ClientSecurityData offer) {
    EncryptionLevel level = level(scenario);
    EncryptionMethods offered =
        offer == null
            ? EncryptionMethods.NONE
            : new EncryptionMethods(
                offer.encryptionMethods().bits() | offer.extEncryptionMethods().bits());
    if (level.equals(EncryptionLevel.NONE)) {
      data = ServerSecurityData.none();
      return data;
    }
    EncryptionMethods method =
        scenario == Scenario.RDP_SECURITY_UNEXPECTED_METHOD
            ? unoffered(offered)
            : choose(level, offered);
    if (method == null) {
      return null;
    }
    byte[] serverRandom = new byte[ServerSecurityData.SERVER_RANDOM_SIZE];
    random.nextBytes(serverRandom);
    ServerCertificate certificate = TerminalServicesSigningKey.signedProprietary(key);
    data = new ServerSecurityData(method, level, Octets.of(serverRandom), certificate);
    return data;
  }

  /** The method of 5.3.2 for {@code level}, or null. */
  private static EncryptionMethods choose(EncryptionLevel level, EncryptionMethods offered) {
    EncryptionMethod[] order =
        level.equals(EncryptionLevel.FIPS)
            ? new EncryptionMethod[] {EncryptionMethod.FIPS}
            : level.equals(EncryptionLevel.HIGH)
                ? new EncryptionMethod[] {EncryptionMethod.RC4_128}
                : new EncryptionMethod[] {
                  EncryptionMethod.RC4_128,
                  EncryptionMethod.RC4_56,
                  EncryptionMethod.RC4_40,
                  EncryptionMethod.FIPS
                };
    for (EncryptionMethod m : order) {
      if (offered.has(m.toEncryptionMethods().bits())) {
        return m.toEncryptionMethods();
      }
    }
    return null;
  }

  /** A method the client left out: the strongest missing one, or an undefined bit. */
  private static EncryptionMethods unoffered(EncryptionMethods offered) {
    for (EncryptionMethod m :
        new EncryptionMethod[] {
          EncryptionMethod.FIPS,
          EncryptionMethod.RC4_128,
          EncryptionMethod.RC4_56,
          EncryptionMethod.RC4_40
        }) {
      if (!offered.has(m.toEncryptionMethods().bits())) {
        return m.toEncryptionMethods();
      }
    }
    return new EncryptionMethods(0x20);
  }

  /** Whether the client must send a Security Exchange PDU next: a method was selected. */
  boolean expectsExchange() {
    return data != null && data.encryptionMethod().bits() != 0;
  }

  /**
   * Decrypts the client random and makes the session keys.
   *
   * @throws dev.rdpprobe.wire.DecodeException if the field is not the key's length plus 8 or does
   *     not decrypt to a 32-byte random
   * @throws IllegalArgumentException if the method selected is not one the keys can be made for
   *     (the unexpected-method scenario)
   */
  void exchange(SecurityExchangePdu pdu) {
    byte[] clientRandom = ClientRandom.decrypt(pdu, key, privateExponent);
    try {
      userData =
          SendDataSecurity.of(
              StandardSecurity.serverSide(
                  data.encryptionMethod(),
                  data.encryptionLevel(),
                  Octets.of(clientRandom),
                  data.serverRandom()));
    } finally {
      Arrays.fill(clientRandom, (byte) 0);
    }
  }

  /** How the user data of Send Data PDUs travels now. */
  SendDataSecurity userData() {
    return userData;
  }

  /** The server's Security Data, once answered. */
  ServerSecurityData data() {
    return data;
  }
}
