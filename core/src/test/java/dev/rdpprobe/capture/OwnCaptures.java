package dev.rdpprobe.capture;

import dev.rdpprobe.trace.Trace;
import dev.rdpprobe.trace.TraceEvent;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
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

  /** Each flow's packet times as tshark reads them, by the client's port (the server is 3389). */
  static Map<String, List<BigDecimal>> packetTimes(Path file)
      throws IOException, InterruptedException {
    Map<String, List<BigDecimal>> times = new HashMap<>();
    for (String line :
        Tshark.fields(file, "tcp", "tcp.srcport", "tcp.dstport", "frame.time_epoch")) {
      String[] c = line.split("\t");
      String client = c[0].equals("3389") ? c[1] : c[0];
      times.computeIfAbsent(client, k -> new ArrayList<>()).add(new BigDecimal(c[2]));
    }
    return times;
  }

  /** {@code start} plus {@code nanos}, in seconds since the epoch, as tshark prints it. */
  static BigDecimal epoch(Instant start, long nanos) {
    Instant t = start.plusNanos(nanos);
    return new BigDecimal(t.getEpochSecond()).add(BigDecimal.valueOf(t.getNano(), 9));
  }
}
