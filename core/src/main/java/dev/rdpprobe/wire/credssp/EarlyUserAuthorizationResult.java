package dev.rdpprobe.wire.credssp;

import dev.rdpprobe.wire.Pdu;
import dev.rdpprobe.wire.Wire;
import io.netty.buffer.ByteBuf;
import java.util.Objects;

/**
 * Early User Authorization Result PDU (MS-RDPBCGR 2.2.10.2): four octets the server sends over TLS
 * right after the CredSSP exchange when PROTOCOL_HYBRID_EX was selected, with no TPKT or DER around
 * them. It lives beside the TSRequest because it ends the same exchange.
 *
 * @param authorizationResult authorizationResult (a little-endian 32-bit value)
 */
public record EarlyUserAuthorizationResult(AuthorizationResult authorizationResult) implements Pdu {
  public static final String NAME = "Early User Authorization Result PDU";

  public static final int FIXED_PART_SIZE = 4; // authorizationResult

  /** The result that lets the user in. */
  public static final EarlyUserAuthorizationResult SUCCESS =
      new EarlyUserAuthorizationResult(AuthorizationResult.AUTHZ_SUCCESS);

  /** The result that refuses a user whose credentials were good. */
  public static final EarlyUserAuthorizationResult ACCESS_DENIED =
      new EarlyUserAuthorizationResult(AuthorizationResult.AUTHZ_ACCESS_DENIED);

  public EarlyUserAuthorizationResult {
    Objects.requireNonNull(authorizationResult, "authorizationResult");
  }

  /** Reads the four octets; bytes after them are left alone. */
  public static EarlyUserAuthorizationResult decode(ByteBuf in) {
    Wire.ensure(in, FIXED_PART_SIZE, NAME, "authorizationResult");
    return new EarlyUserAuthorizationResult(new AuthorizationResult(in.readIntLE()));
  }

  /** The frame length for the connector's framing hint: always 4, or -1 before 4 bytes are in. */
  public static int frameLength(ByteBuf in) {
    return in.readableBytes() < FIXED_PART_SIZE ? -1 : FIXED_PART_SIZE;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public int size() {
    return FIXED_PART_SIZE;
  }

  @Override
  public void encode(ByteBuf out) {
    out.writeIntLE(authorizationResult.value());
  }

  @Override
  public String summary() {
    return "authorizationResult=" + authorizationResult;
  }
}
