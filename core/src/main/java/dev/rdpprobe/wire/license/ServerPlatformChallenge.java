package dev.rdpprobe.wire.license;

import dev.rdpprobe.wire.Octets;
import io.netty.buffer.ByteBuf;
import java.util.Objects;

/**
 * Server Platform Challenge, SERVER_PLATFORM_CHALLENGE (MS-RDPELE 2.2.2.4): the server's challenge
 * after a client's license request (ConnectFlags, EncryptedPlatformChallenge, MACData). The probe
 * does not answer it, so the record names it by its type and keeps the message's bytes as they
 * came.
 *
 * @param body the message after the preamble
 */
public record ServerPlatformChallenge(Octets body) implements LicenseMessage {
  public static final String NAME = "SERVER_PLATFORM_CHALLENGE";

  public ServerPlatformChallenge {
    Objects.requireNonNull(body, "body");
    if (body.length() > 0xFFFF - LicensePreamble.FIXED_PART_SIZE) {
      throw new IllegalArgumentException("message too long: " + body.length());
    }
  }

  /** Reads the message: the whole readable part of the buffer. */
  public static ServerPlatformChallenge decode(ByteBuf in) {
    return new ServerPlatformChallenge(Octets.read(in, in.readableBytes(), NAME, "body"));
  }

  @Override
  public LicenseMessageType messageType() {
    return LicenseMessageType.PLATFORM_CHALLENGE;
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
