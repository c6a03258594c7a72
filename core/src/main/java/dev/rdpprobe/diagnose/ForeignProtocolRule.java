package dev.rdpprobe.diagnose;

import dev.rdpprobe.trace.Direction;
import dev.rdpprobe.trace.Phase;
import dev.rdpprobe.trace.TraceEvent;
import dev.rdpprobe.wire.ByteShape;
import java.util.List;

/** The server answered the Connection Request in another protocol: TLS, HTTP or SSH. */
final class ForeignProtocolRule implements Rule {
  @Override
  public List<Cause> evaluate(TraceView view) {
    var found =
        view.first(
            TraceEvent.Undecodable.class,
            u ->
                u.direction() == Direction.RECEIVED
                    && (u.phase() == Phase.X224_NEGOTIATION || u.phase() == Phase.TCP_CONNECT)
                    && ByteShape.of(u.raw()).isForeignProtocol());
    if (found.isEmpty()) {
      return List.of();
    }
    TraceEvent.Undecodable u = found.get().event();
    ByteShape shape = ByteShape.of(u.raw());
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
                        + TraceView.bytes(u.raw().length)
                        + " are "
                        + shape.description()
                        + ", not a TPKT header")),
            List.of(
                "Check the port: RDP listens on 3389 unless PortNumber of RDP-Tcp says otherwise;"
                    + " the client may be pointed at the wrong port.",
                "Check NAT and port-forward rules that map this address and port to a backend.",
                shape == ByteShape.TLS_RECORD
                    ? "If this is an RD Gateway, connect through it as a gateway (RDP over HTTPS),"
                        + " not as a Remote Desktop server."
                    : "Find the process that owns the port on the server (netstat -ano).")));
  }
}
