package dev.rdpprobe.fuzz;

import dev.rdpprobe.capture.CaptureAnalysis;
import dev.rdpprobe.report.CaptureFlowReport;
import dev.rdpprobe.tls.TlsClientHello;
import dev.rdpprobe.trace.Direction;
import dev.rdpprobe.trace.TraceEvent;
import dev.rdpprobe.wire.credssp.TsRequest;
import dev.rdpprobe.wire.sec.ClientInfoPdu;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a replay replays: a probe's JSON document, or one RDP connection of a capture file (pcap or
 * pcapng, told apart from a document by the file's first bytes) or of {@code analyze --json}. A
 * capture's connection is read as {@code analyze} reads it, into the same document, plus what the
 * document does not carry: the client's ClientHello and its Client Info PDU without secrets.
 *
 * @param kind {@code document} or {@code capture}
 * @param name the file and, for a capture, the flow
 * @param document the probe document (for a capture, its connection's)
 * @param clientHello the captured ClientHello, or {@code null} (a document keeps none)
 * @param clientInfo the captured Client Info PDU without secrets, or {@code null}
 * @param credSspVersion the version of the captured client's first TSRequest, or {@code null}
 * @param notes what the reader should know about the source, e.g. that its TLS is not decrypted
 */
public record ReplaySource(
    String kind,
    String name,
    Map<String, Object> document,
    TlsClientHello clientHello,
    ClientInfoPdu clientInfo,
    Integer credSspVersion,
    List<String> notes) {
  /** The kind of a probe's JSON document. */
  public static final String DOCUMENT = "document";

  /** The kind of a capture's connection. */
  public static final String CAPTURE = "capture";

  public ReplaySource {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(document, "document");
    notes = List.copyOf(notes);
  }

  /** A probe's document, already read. */
  public static ReplaySource of(Map<String, Object> document) {
    return new ReplaySource(DOCUMENT, "", document, null, null, null, List.of());
  }

  /** Whether this is a capture's connection. */
  public boolean isCapture() {
    return kind.equals(CAPTURE);
  }

  /**
   * Reads {@code file}: a capture if it opens with a pcap or pcapng magic number, else a probe's
   * JSON document.
   *
   * @param keyLog NSS key-log lines that open the capture's TLS, besides its Decryption Secrets
   *     Blocks (ignored for a document)
   * @param flow the capture's flow to replay (as {@code analyze} numbers them), or {@code null} for
   *     its first RDP connection
   * @throws IllegalArgumentException naming the file and what it lacks
   */
  public static ReplaySource read(Path file, List<String> keyLog, Long flow) throws IOException {
    if (!isCapture(file)) {
      if (flow != null) {
        throw new IllegalArgumentException("--flow is for a capture; " + file + " is not one");
      }
      Map<String, Object> doc;
      try {
        doc = Replay.read(file);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            file
                + " is neither a capture (pcap, pcapng) nor a probe's JSON document: "
                + e.getMessage(),
            e);
      }
      if (CAPTURE.equals(doc.get("document"))) {
        // analyze --json: a capture's connection, compared as a capture, without its ClientHello
        return new ReplaySource(
            CAPTURE,
            file.toString(),
            doc,
            null,
            null,
            null,
            List.of(
                "a capture's JSON document keeps no ClientHello: the probe's offer is sent (the"
                    + " pcap or pcapng file itself gives the client's)"));
      }
      return new ReplaySource(DOCUMENT, file.toString(), doc, null, null, null, List.of());
    }
    CaptureAnalysis.Result r =
        CaptureAnalysis.analyze(file, new CaptureAnalysis.Options(null, keyLog));
    if (r.flows().isEmpty()) {
      throw new IllegalArgumentException(
          file + " holds no RDP connection (" + r.otherFlowCount() + " other TCP flows)");
    }
    CaptureAnalysis.Flow f = null;
    for (CaptureAnalysis.Flow each : r.flows()) {
      if (flow == null || each.number() == flow) {
        f = each;
        break;
      }
    }
    if (f == null) {
      throw new IllegalArgumentException(
          file
              + " has no RDP connection in flow "
              + flow
              + "; its RDP flows: "
              + r.flows().stream().map(x -> Long.toString(x.number())).toList());
    }
    List<String> notes = new ArrayList<>();
    if (flow == null && r.flows().size() > 1) {
      notes.add(
          "flow "
              + f.number()
              + " replayed, the first of "
              + r.flows().size()
              + " RDP connections (--flow picks another)");
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> doc =
        (Map<String, Object>) JsonText.parse(new CaptureFlowReport(file.toString(), f).toJson());
    TlsClientHello hello = null;
    ClientInfoPdu info = null;
    Integer credSsp = null;
    boolean encrypted = false;
    for (TraceEvent e : f.trace().events()) {
      if (e instanceof TraceEvent.Tls t && t.direction() == Direction.CLIENT_TO_SERVER) {
        if (hello == null && t.detail() instanceof TlsClientHello h) {
          hello = h;
        }
        encrypted |= t.encrypted() && t.message().equals("encrypted application data");
      } else if (e instanceof TraceEvent.Pdu p
          && p.direction() == Direction.CLIENT_TO_SERVER
          && p.pdu() instanceof ClientInfoPdu c
          && info == null) {
        info = c;
      } else if (e instanceof TraceEvent.Pdu p
          && p.direction() == Direction.CLIENT_TO_SERVER
          && p.pdu() instanceof TsRequest t
          && credSsp == null) {
        credSsp = t.version();
      }
    }
    if (encrypted) {
      notes.add(
          "the capture's TLS is not decrypted (no Decryption Secrets Block for it, no --key-log):"
              + " the replay stops after the TLS handshake, the last phase the capture shows");
    }
    return new ReplaySource(
        CAPTURE, file + " flow " + f.number(), doc, hello, info, credSsp, List.copyOf(notes));
  }

  /**
   * Whether the file opens with the magic number of pcap (either byte order, µs or ns) or pcapng.
   */
  static boolean isCapture(Path file) throws IOException {
    byte[] head = new byte[4];
    try (InputStream in = Files.newInputStream(file)) {
      if (in.readNBytes(head, 0, 4) < 4) {
        return false;
      }
    }
    int magic =
        (head[0] & 0xFF) << 24 | (head[1] & 0xFF) << 16 | (head[2] & 0xFF) << 8 | head[3] & 0xFF;
    return magic == 0xA1B2C3D4
        || magic == 0xD4C3B2A1
        || magic == 0xA1B23C4D
        || magic == 0x4D3CB2A1
        || magic == 0x0A0D0D0A; // a Section Header Block, pcapng
  }
}
