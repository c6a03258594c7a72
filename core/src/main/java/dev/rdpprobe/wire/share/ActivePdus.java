package dev.rdpprobe.wire.share;

import dev.rdpprobe.wire.Octets;
import java.nio.charset.StandardCharsets;

/** Checks shared by the Demand Active and Confirm Active records. */
final class ActivePdus {
  private ActivePdus() {}

  static void checkHeader(ShareControlHeader header, int type, String pdu) {
    if (header.pduType().type() != type) {
      throw new IllegalArgumentException(pdu + " needs pduType " + type);
    }
    if (header.pduSource() == null) {
      throw new IllegalArgumentException(pdu + " has a pduSource");
    }
  }

  static void checkSize(int size, Octets sourceDescriptor, CapabilitySets sets, String pdu) {
    if (sourceDescriptor.length() > 0xFFFF
        || sets.size() > 0xFFFF
        || size > 0xFFFF
        || size == ShareControlHeader.FLOW_MARKER) {
      throw new IllegalArgumentException(pdu + " too long for totalLength: " + size);
    }
  }

  /** The bytes up to the first NUL, one character per byte. */
  static String text(Octets bytes) {
    byte[] b = bytes.toByteArray();
    int n = 0;
    while (n < b.length && b[n] != 0) {
      n++;
    }
    return new String(b, 0, n, StandardCharsets.ISO_8859_1);
  }
}
