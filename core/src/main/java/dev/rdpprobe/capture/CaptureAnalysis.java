package dev.rdpprobe.capture;

import dev.rdpprobe.diagnose.Diagnoser;
import dev.rdpprobe.diagnose.Diagnosis;
import dev.rdpprobe.facts.ServerFacts;
import dev.rdpprobe.tls.CertificateChecker;
import dev.rdpprobe.tls.TrustAnchors;
import dev.rdpprobe.trace.Trace;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Reads a capture file and explains every RDP connection in it with the same trace, facts and
 * diagnosis as a live probe: the library's entry point for captures.
 *
 * <pre>{@code
 * CaptureAnalysis.Result r = CaptureAnalysis.analyze(Path.of("handshake.pcapng"));
 * for (CaptureAnalysis.Flow f : r.flows()) {
 *   System.out.println(f.number() + " " + f.client() + " -> " + f.server() + ": "
 *       + f.diagnosis().verdict());
 * }
 * }</pre>
 *
 * The file is read once, as a stream; memory follows the flows open at once (and the traces of the
 * RDP flows found), not the file's size.
 */
public final class CaptureAnalysis {
  private CaptureAnalysis() {}

  /**
   * One RDP connection of the capture.
   *
   * @param number the flow's number among the capture's TCP flows, from 1
   * @param client the client's address and port
   * @param server the server's address and port
   * @param firstPacket the number of the flow's first packet in the file
   * @param trace the trace of the connection, origin {@code CAPTURE}
   * @param facts what the trace shows about the server
   * @param diagnosis the trace's diagnosis
   */
  public record Flow(
      long number,
      String client,
      String server,
      long firstPacket,
      Trace trace,
      ServerFacts facts,
      Diagnosis diagnosis) {}

  /**
   * A TCP flow that is not RDP, or not RDP as far as the capture shows.
   *
   * @param number the flow's number among the capture's TCP flows
   * @param endpoints its two ends, the initiator first
   * @param reason why it is not followed
   */
  public record OtherFlow(long number, String endpoints, String reason) {}

  /**
   * What a capture holds.
   *
   * @param format the file's format, e.g. {@code pcapng}
   * @param packets packets read
   * @param flows the RDP connections, in the order they started
   * @param otherFlows the first TCP flows that are not RDP ({@link #MAX_OTHER_FLOWS} at most)
   * @param otherFlowCount every TCP flow that is not RDP
   * @param skippedPackets the first packets whose headers do not decode, each named with why
   * @param skippedPacketCount every packet whose headers do not decode
   * @param reassembly what the TCP reassembly met (duplicates, gaps, ...)
   */
  public record Result(
      String format,
      long packets,
      List<Flow> flows,
      List<OtherFlow> otherFlows,
      long otherFlowCount,
      List<String> skippedPackets,
      long skippedPacketCount,
      TcpReassembler.Counts reassembly) {
    public Result {
      flows = List.copyOf(flows);
      otherFlows = List.copyOf(otherFlows);
      skippedPackets = List.copyOf(skippedPackets);
    }
  }

  /** Non-RDP flows named one by one in a result; the rest are counted. */
  public static final int MAX_OTHER_FLOWS = 100;

  /**
   * Options of an analysis.
   *
   * @param anchors what the servers' certificates are checked against
   * @param keyLog NSS key-log lines (a {@code --key-log} file) that open the connections' TLS,
   *     besides those of the file's Decryption Secrets Blocks
   */
  public record Options(TrustAnchors anchors, List<String> keyLog) {
    public static final Options DEFAULTS = new Options(null, List.of());

    public Options {
      keyLog = List.copyOf(keyLog);
    }

    /** Options with {@code anchors} and no key log. */
    public Options(TrustAnchors anchors) {
      this(anchors, List.of());
    }

    /** The anchors given, or the JDK's. */
    TrustAnchors anchorsOrDefault() {
      return anchors != null ? anchors : TrustAnchors.jdkDefault();
    }
  }

  /** Analyses the capture file at {@code file}. */
  public static Result analyze(Path file) throws IOException {
    return analyze(file, Options.DEFAULTS);
  }

  /** Analyses the capture file at {@code file} with {@code options}. */
  public static Result analyze(Path file, Options options) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return analyze(in, options);
    }
  }

  /**
   * Analyses the capture {@code in} holds (the caller closes it).
   *
   * @throws CaptureException if the file is not a capture or is broken; packets whose headers do
   *     not decode are skipped and named in the result instead
   */
  public static Result analyze(InputStream in, Options options) throws IOException {
    Objects.requireNonNull(options, "options");
    CaptureReader reader = CaptureReader.open(in);
    List<Flow> flows = new ArrayList<>();
    List<OtherFlow> others = new ArrayList<>();
    long[] otherCount = {0};
    // one checker for the file: a server's chain is parsed and its path built once
    CertificateChecker certificates = new CertificateChecker(options.anchorsOrDefault());
    KeyLog keyLog = new KeyLog();
    keyLog.addAll(options.keyLog());
    TcpReassembler reassembler =
        new TcpReassembler(
            id ->
                new FlowDissector(
                    id,
                    certificates,
                    keyLog.secrets(),
                    d -> collect(d, flows, others, otherCount)));
    List<String> skipped = new ArrayList<>();
    long skippedCount = 0;
    long packets = 0;
    for (CapturedPacket p; (p = reader.next()) != null; ) {
      packets++;
      keyLog.addAll(reader.takeKeyLogLines());
      TcpSegment s;
      try {
        s = Packets.tcp(p);
      } catch (CaptureException e) {
        skippedCount++;
        if (skipped.size() < CaptureLimits.SKIPPED_PACKETS_NAMED) {
          skipped.add(e.getMessage());
        }
        continue;
      }
      if (s != null) {
        reassembler.segment(s);
      }
    }
    reassembler.finish();
    flows.sort((a, b) -> Long.compare(a.number(), b.number()));
    return new Result(
        reader.format(),
        packets,
        flows,
        others,
        otherCount[0],
        skipped,
        skippedCount,
        reassembler.counts());
  }

  /** Keeps what an ended flow was: the dissector itself is forgotten. */
  private static void collect(
      FlowDissector d, List<Flow> flows, List<OtherFlow> others, long[] otherCount) {
    if (d.trace() != null) {
      Trace t = d.trace();
      flows.add(
          new Flow(
              d.id().number(),
              t.header().client(),
              t.header().server(),
              d.id().firstPacket(),
              t,
              ServerFacts.of(t),
              Diagnoser.diagnose(t)));
      return;
    }
    otherCount[0]++;
    if (others.size() < MAX_OTHER_FLOWS) {
      others.add(
          new OtherFlow(
              d.id().number(), d.id().initiator() + " -> " + d.id().responder(), d.notRdp()));
    }
  }
}
