package dev.rdpprobe.diagnose;

import dev.rdpprobe.trace.Direction;
import dev.rdpprobe.trace.Phase;
import dev.rdpprobe.trace.TraceEvent;
import dev.rdpprobe.wire.ByteShape;
import java.util.List;
import java.util.Locale;

/**
 * The server answered the Connection Request with bytes that are not RDP: another protocol (TLS,
 * HTTP, SSH: surely another service), or bytes of no shape we know and no TPKT header (likely
 * another service, or a broken one). A malformed TPKT is RDP gone wrong and not this rule's.
 */
final class ForeignProtocolRule implements Rule {
  /** How many of the server's first bytes the evidence shows. */
  static final int SHOWN_BYTES = 8;

  @Override
  public List<Cause> evaluate(TraceView view) {
    var found =
        view.first(
            TraceEvent.Undecodable.class,
            u ->
                u.direction() == Direction.SERVER_TO_CLIENT
                    && (u.phase() == Phase.X224_NEGOTIATION || u.phase() == Phase.TCP_CONNECT)
                    && ByteShape.of(u.raw()) != ByteShape.TPKT
                    && ByteShape.of(u.raw()) != ByteShape.EMPTY);
    if (found.isEmpty()) {
      return List.of();
    }
    byte[] raw = found.get().event().raw();
    ByteShape shape = ByteShape.of(raw);
    if (!shape.isForeignProtocol()) {
      return List.of(unrecognised(found.get().index(), raw, shape));
    }
    String service =
        switch (shape) {
          case TLS_RECORD ->
              "a TLS service: an HTTPS server, an RD Gateway (which speaks HTTPS on 443), or a"
                  + " proxy that expects TLS from the first byte";
          case HTTP -> "a web server or an HTTP proxy";
          case SSH -> "an SSH server";
          default -> "another service";
        };
    return List.of(
        new Cause(
            CauseId.NOT_RDP_LISTENER,
            Confidence.HIGH,
            "instead of an X.224 Connection Confirm the port answered with "
                + shape.description()
                + ": it is "
                + service,
            List.of(
                new Evidence(
                    found.get().index(),
                    "the server's first "
                        + Words.bytes(raw.length)
                        + " are "
                        + shape.description()
                        + ", not a TPKT header")),
            shape == ByteShape.TLS_RECORD ? Remedy.FOREIGN_TLS : Remedy.FOREIGN_PROTOCOL));
  }

  private static Cause unrecognised(int index, byte[] raw, ByteShape shape) {
    return new Cause(
        CauseId.NOT_RDP_LISTENER,
        Confidence.MEDIUM,
        "instead of an X.224 Connection Confirm the port answered with bytes that do not start"
            + " with a TPKT header, as every RDP answer here must; they match no protocol we"
            + " recognise, so it is likely another service (or an RDP server that is badly broken)",
        List.of(
            new Evidence(
                index,
                "the server's first "
                    + Words.bytes(raw.length)
                    + " start "
                    + hex(raw)
                    + ", not a TPKT header (03 00)"
                    + (shape.description().isEmpty() ? "" : "; " + shape.description()))),
        Remedy.UNRECOGNISED_ANSWER);
  }

  /** The first {@link #SHOWN_BYTES} bytes as lower-case hex pairs, {@code 7f 45 4c 46}. */
  static String hex(byte[] raw) {
    StringBuilder s = new StringBuilder();
    int n = Math.min(raw.length, SHOWN_BYTES);
    for (int i = 0; i < n; i++) {
      s.append(i == 0 ? "" : " ").append(String.format(Locale.ROOT, "%02x", raw[i] & 0xFF));
    }
    return raw.length > n ? s + " ..." : s.toString();
  }
}
