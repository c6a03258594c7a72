package dev.rdpprobe.wire.sec;

import dev.rdpprobe.wire.Octets;
import dev.rdpprobe.wire.Pdu;
import io.netty.buffer.ByteBuf;
import java.util.Objects;

/**
 * A PDU behind a Basic Security Header that this codec names by its flags but does not decode:
 * Auto-Detect Request, Heartbeat, Server Redirection. The probe never asks for these (its CS_CORE
 * does not advertise auto-detect or heartbeats), so a server that sends one is recorded, not
 * answered.
 *
 * @param securityHeader the header whose flags say what the PDU is
 * @param body the bytes after the header
 */
public record RawSecurityPdu(BasicSecurityHeader securityHeader, Octets body) implements Pdu {
  public RawSecurityPdu {
    Objects.requireNonNull(securityHeader, "securityHeader");
    Objects.requireNonNull(body, "body");
  }

  /** Reads the header and keeps the rest of the buffer as the body. */
  public static RawSecurityPdu decode(ByteBuf in) {
    BasicSecurityHeader header = BasicSecurityHeader.decode(in);
    return new RawSecurityPdu(header, Octets.read(in, in.readableBytes(), "PDU", "body"));
  }

  /** {@code Auto-Detect Request PDU}, {@code Heartbeat PDU}, ... by the header's flags. */
  @Override
  public String name() {
    SecurityFlags f = securityHeader.flags();
    if (f.has(SecurityFlags.SEC_AUTODETECT_REQ)) {
      return "Auto-Detect Request PDU";
    }
    if (f.has(SecurityFlags.SEC_HEARTBEAT)) {
      return "Heartbeat PDU";
    }
    if (f.has(SecurityFlags.SEC_REDIRECTION_PKT)) {
      return "Server Redirection PDU";
    }
    return "PDU with security flags " + f;
  }

  @Override
  public int size() {
    return BasicSecurityHeader.FIXED_PART_SIZE + body.length();
  }

  @Override
  public void encode(ByteBuf out) {
    securityHeader.encode(out);
    body.writeTo(out);
  }

  @Override
  public String summary() {
    return "flags=" + securityHeader.flags() + ", " + body.length() + " bytes, not decoded";
  }
}
