package dev.rdpprobe.wire.share;

import dev.rdpprobe.wire.Octets;
import io.netty.buffer.ByteBuf;
import java.util.Objects;

/**
 * A Share Control PDU this codec does not decode (the Server Redirection PDU, unknown pduTypes):
 * its Share Control Header, with pduType named, and the bytes after it as they came.
 *
 * @param header the Share Control Header
 * @param body the bytes after the header
 */
public record RawShareControlPdu(ShareControlHeader header, Octets body)
    implements ShareControlPdu {
  public static final String NAME = "Share Control PDU";

  public RawShareControlPdu {
    Objects.requireNonNull(header, "header");
    Objects.requireNonNull(body, "body");
    switch (header.pduType().type()) {
      case ShareControlPduType.PDUTYPE_DEMANDACTIVEPDU,
          ShareControlPduType.PDUTYPE_CONFIRMACTIVEPDU,
          ShareControlPduType.PDUTYPE_DEACTIVATEALLPDU,
          ShareControlPduType.PDUTYPE_DATAPDU ->
          throw new IllegalArgumentException(header.pduType() + " has its own record");
      default -> {
        // kept raw
      }
    }
    if (header.pduSource() == null && body.length() != 0) {
      throw new IllegalArgumentException("the four-byte header ends the PDU");
    }
    int total = header.size() + body.length();
    if (total > 0xFFFF || total == ShareControlHeader.FLOW_MARKER) {
      throw new IllegalArgumentException("body too long for totalLength: " + body.length());
    }
  }

  /** {@code Share Control PDU PDUTYPE_SERVER_REDIR_PKT}. */
  @Override
  public String name() {
    return NAME + " " + header.pduType().name();
  }

  @Override
  public int size() {
    return header.size() + body.length();
  }

  @Override
  public void encode(ByteBuf out) {
    header.encode(out, size());
    body.writeTo(out);
  }

  @Override
  public String summary() {
    return "pduType=" + header.pduType() + ", " + body.length() + " bytes, not decoded";
  }
}
