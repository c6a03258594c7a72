package dev.rdpprobe.wire.license;

import dev.rdpprobe.wire.Octets;
import io.netty.buffer.ByteBuf;
import java.util.Objects;

/**
 * A licensing message this codec does not decode (NEW_LICENSE, UPGRADE_LICENSE, the client's
 * LICENSE_INFO and PLATFORM_CHALLENGE_RESPONSE, unknown types): its bMsgType, named, and its bytes
 * as they came.
 *
 * @param messageType bMsgType
 * @param body the message after the preamble
 */
public record RawLicenseMessage(LicenseMessageType messageType, Octets body)
    implements LicenseMessage {
  public static final String NAME = "licensing message";

  public RawLicenseMessage {
    Objects.requireNonNull(messageType, "messageType");
    Objects.requireNonNull(body, "body");
    int v = messageType.value();
    if (v == 0x01 || v == 0x02 || v == 0x13 || v == 0xFF) {
      throw new IllegalArgumentException(messageType + " has its own record");
    }
    if (body.length() > 0xFFFF - LicensePreamble.FIXED_PART_SIZE) {
      throw new IllegalArgumentException("message too long: " + body.length());
    }
  }

  /** Reads the message of this type: the whole readable part of the buffer. */
  public static RawLicenseMessage decode(LicenseMessageType type, ByteBuf in) {
    return new RawLicenseMessage(type, Octets.read(in, in.readableBytes(), NAME, "body"));
  }

  /** {@code licensing message PLATFORM_CHALLENGE_RESPONSE}. */
  @Override
  public String name() {
    return NAME + " " + messageType.name();
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
