package dev.rdpprobe.readme;

import dev.rdpprobe.ProbeResult;
import dev.rdpprobe.ProbeSpec;
import dev.rdpprobe.RdpProbe;
import dev.rdpprobe.diagnose.Cause;
import dev.rdpprobe.diagnose.Diagnosis;
import dev.rdpprobe.tls.TlsOffer;
import dev.rdpprobe.tls.TlsSessionFacts;
import dev.rdpprobe.trace.TraceEvent;
import dev.rdpprobe.wire.x224.SecurityProtocols;
import java.time.Duration;

/** Probes one RDP server and prints how the connection ended, as a Windows client would say it. */
public class CheckRdp {
  public static void main(String[] args) {
    String host = args.length > 0 ? args[0] : "rdp.example.com";
    int port = args.length > 1 ? Integer.parseInt(args[1]) : 3389;
    try (RdpProbe probe = RdpProbe.create()) {
      ProbeSpec spec =
          ProbeSpec.builder(host)
              .port(port)
              .requestedProtocols(SecurityProtocols.parse("ssl|hybrid"))
              .tlsOffer(TlsOffer.windowsDefault())
              .idleTimeout(Duration.ofSeconds(5))
              .build();
      ProbeResult result = probe.probe(spec).join(); // completes within the spec's deadline
      TraceEvent.Closed end = result.closed(); // kind, phase, who, last PDUs, timing
      Diagnosis diagnosis = result.diagnose(); // Windows-client codes, causes, evidence
      TlsSessionFacts tls = result.facts().tls(); // version, suite, certificate chain (or null)
      System.out.println(end.kind() + " in " + end.phase() + ": " + end.detail());
      System.out.println(diagnosis.clientCode().summary()); // error code 0x904, extended ...
      diagnosis.topCause().map(Cause::title).ifPresent(System.out::println);
      if (tls != null) {
        System.out.println(tls.version() + " " + tls.cipherSuite());
      }
    }
  }
}
