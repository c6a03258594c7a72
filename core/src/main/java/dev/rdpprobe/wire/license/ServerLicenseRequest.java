package dev.rdpprobe.wire.license;

import dev.rdpprobe.wire.Octets;
import io.netty.buffer.ByteBuf;
import java.util.Objects;

/**
 * Server License Request, SERVER_LICENSE_REQUEST (MS-RDPELE 2.2.2.1): the server's opening of the
 * licensing exchange (ServerRandom, ProductInfo, KeyExchangeList, ServerCertificate, ScopeList).
 * The probe does not answer it, so the record names it by its type and keeps the message's bytes as
 * they came.
 *
 * @param body the message after the preamble
 */
public record ServerLicenseRequest(Octets body) implements LicenseMessage {
  public static final String NAME = "SERVER_LICENSE_REQUEST";

  public ServerLicenseRequest {
    Objects.requireNonNull(body, "body");
    if (body.length() > 0xFFFF - LicensePreamble.FIXED_PART_SIZE) {
      throw new IllegalArgumentException("message too long: " + body.length());
    }
  }

  /** Reads the message: the whole readable part of the buffer. */
  public static ServerLicenseRequest decode(ByteBuf in) {
    return new ServerLicenseRequest(Octets.read(in, in.readableBytes(), NAME, "body"));
  }

  @Override
  public LicenseMessageType messageType() {
    return LicenseMessageType.LICENSE_REQUEST;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public int size() {
    return body.length();
  }

  @Override
  public void encode(ByteBuf out) {
    body.writeTo(out);
  }

  @Override
  public String summary() {
    return body.length() + " bytes, not decoded";
  }
}
