package dev.rdpprobe.capture;

import dev.rdpprobe.diagnose.Cause;
import dev.rdpprobe.diagnose.Diagnosis;
import dev.rdpprobe.trace.Trace;
import dev.rdpprobe.trace.TraceEvent;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What the tests of the project's own pcapng files compare: messages, ports and packet times. */
final class OwnCaptures {
  private OwnCaptures() {}

  /** The names of the PDUs and TLS messages both ways, in order. */
  static List<String> messages(Trace t) {
    List<String> out = new ArrayList<>();
    for (TraceEvent e : t.events()) {
      if (e instanceof TraceEvent.Pdu p) {
        out.add(p.direction() + " " + p.name());
      } else if (e instanceof TraceEvent.Tls m) {
        out.add(m.direction() + " " + m.message());
      }
    }
    return out;
  }

  /** The port of {@code 127.0.0.1:50123} or {@code [::1]:50123}. */
  static String port(String endpoint) {
    return endpoint.substring(endpoint.lastIndexOf(':') + 1);
  }

  /**
   * A TCP conversation as tshark tells them apart (a new SYN on a port in use is a new one).
   *
   * @param clientPort the client's port (the server's is 3389)
   * @param times its packets' times, in the file's order
   */
  record Stream(String clientPort, List<BigDecimal> times) {}

  /** The file's TCP conversations in the order they begin, with their packet times. */
  static List<Stream> streams(Path file) throws IOException, InterruptedException {
    Map<String, Stream> streams = new LinkedHashMap<>();
    for (String line :
        Tshark.fields(
            file, "tcp", "tcp.stream", "tcp.srcport", "tcp.dstport", "frame.time_epoch")) {
      String[] c = line.split("\t");
      String client = c[1].equals("3389") ? c[2] : c[1];
      streams
          .computeIfAbsent(c[0], k -> new Stream(client, new ArrayList<>()))
          .times()
          .add(new BigDecimal(c[3]));
    }
    return List.copyOf(streams.values());
  }

  /** {@code start} plus {@code nanos}, in seconds since the epoch, as tshark prints it. */
  static BigDecimal epoch(Instant start, long nanos) {
    Instant t = start.plusNanos(nanos);
    return new BigDecimal(t.getEpochSecond()).add(BigDecimal.valueOf(t.getNano(), 9));
  }

  /** What a diagnosis says of an ending: phase, close, who closed, the Windows code, the causes. */
  static List<Object> ending(Diagnosis d) {
    List<Object> causes = new ArrayList<>();
    for (Cause c : d.causes()) {
      causes.add(c.id());
    }
    return List.of(d.phase(), d.closeKind(), d.closedBy(), d.clientCode().summary(), causes);
  }
}
