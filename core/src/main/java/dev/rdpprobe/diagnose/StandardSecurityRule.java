package dev.rdpprobe.diagnose;

import dev.rdpprobe.wire.gcc.EncryptionLevel;
import dev.rdpprobe.wire.gcc.EncryptionMethods;
import dev.rdpprobe.wire.gcc.ServerSecurityData;
import dev.rdpprobe.wire.x224.NegotiationResponse;
import dev.rdpprobe.wire.x224.SecurityProtocols;
import java.util.ArrayList;
import java.util.List;

/**
 * The server selected Standard RDP Security (PROTOCOL_RDP, or a Connection Confirm without
 * negotiation data): a warning even when the connection goes on, since such a server does not prove
 * its identity, and its data is protected by nothing better than the method its Server Security
 * Data names (MS-RDPBCGR 2.2.1.4.3, 5.3): RC4 with 40, 56 or 128-bit keys, FIPS Triple DES, or
 * nothing at all.
 */
final class StandardSecurityRule implements Rule {
  @Override
  public boolean warnsOnSuccess() {
    return true;
  }

  @Override
  public List<Cause> evaluate(TraceView view) {
    var confirm = view.connectionConfirm();
    if (confirm.isEmpty()) {
      return List.of();
    }
    SecurityProtocols offered = view.offeredProtocols().orElse(SecurityProtocols.RDP);
    var negotiation = confirm.get().pdu().negotiation();
    boolean standard =
        negotiation == null
            || (negotiation instanceof NegotiationResponse r && !r.selectedProtocol().usesTls());
    if (!standard) {
      return List.of();
    }
    var security = view.serverSecurityData();
    if (!offered.usesTls() && security.isEmpty()) {
      return List.of(); // Standard RDP Security asked for and granted, its method not seen
    }
    List<Evidence> evidence = new ArrayList<>();
    evidence.add(
        new Evidence(
            confirm.get().index(),
            negotiation == null
                ? "the Connection Confirm carries no negotiation data: the server predates TLS"
                    + " for RDP"
                : "the server selected PROTOCOL_RDP"
                    + (offered.usesTls() ? " although we offered " + offered : "")));
    String encryption;
    Confidence confidence = Confidence.MEDIUM;
    if (security.isPresent()) {
      ServerSecurityData data = security.get().pdu();
      encryption = method(data.encryptionMethod()) + level(data.encryptionLevel());
      evidence.add(
          new Evidence(
              security.get().index(),
              "its Server Security Data names "
                  + data.encryptionMethod()
                  + " at "
                  + data.encryptionLevel()));
      if (data.encryptionMethod().bits() == 0
          || data.encryptionMethod().has(EncryptionMethods.ENCRYPTION_METHOD_40BIT)
          || data.encryptionMethod().has(EncryptionMethods.ENCRYPTION_METHOD_56BIT)) {
        confidence = Confidence.HIGH;
      }
    } else {
      encryption =
          "with the encryption method the MCS Connect Response names, which this probe did not"
              + " reach";
    }
    return List.of(
        new Cause(
            CauseId.STANDARD_SECURITY,
            confidence,
            "the server does Standard RDP Security "
                + encryption
                + ": no TLS and no server authentication, so anyone on the path can pose as the"
                + " server; a client that requires TLS or Network Level Authentication stops here,"
                + " others connect with a warning that the server's identity cannot be verified",
            evidence,
            Remedy.STANDARD_SECURITY_SELECTED));
  }

  /** The method in words (MS-RDPBCGR 5.3.2). */
  static String method(EncryptionMethods m) {
    return switch (m.bits()) {
      case 0 ->
          "without any encryption (ENCRYPTION_METHOD_NONE): everything, the password typed at the"
              + " logon screen included, crosses the network in the clear";
      case EncryptionMethods.ENCRYPTION_METHOD_40BIT ->
          "with 40-bit RC4 (ENCRYPTION_METHOD_40BIT), which can be broken by brute force";
      case EncryptionMethods.ENCRYPTION_METHOD_56BIT ->
          "with 56-bit RC4 (ENCRYPTION_METHOD_56BIT), which can be broken by brute force";
      case EncryptionMethods.ENCRYPTION_METHOD_128BIT ->
          "with 128-bit RC4 (ENCRYPTION_METHOD_128BIT), a cipher with known biases";
      case EncryptionMethods.ENCRYPTION_METHOD_FIPS ->
          "with FIPS Triple DES and SHA-1 MACs (ENCRYPTION_METHOD_FIPS)";
      default -> "with encryption method " + m;
    };
  }

  /** What the level protects, after the method (MS-RDPBCGR 5.3.1). */
  static String level(EncryptionLevel l) {
    return switch (l.value()) {
      case 0 -> "";
      case 1 -> ", at level LOW: only what the client sends is encrypted, the server's answers not";
      case 2 -> ", at level CLIENT_COMPATIBLE: the strongest method the client offers";
      case 3 -> ", at level HIGH";
      case 4 -> ", at level FIPS";
      default -> ", at encryption level " + l;
    };
  }
}
