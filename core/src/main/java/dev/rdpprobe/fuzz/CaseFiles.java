package dev.rdpprobe.fuzz;

import dev.rdpprobe.report.JsonArray;
import dev.rdpprobe.report.JsonObject;
import dev.rdpprobe.report.JsonValue;
import dev.rdpprobe.report.JsonWriter;
import dev.rdpprobe.trace.Phase;
import dev.rdpprobe.wire.Octets;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A case on disk: {@code case.json} (seeds, target, mutation, reaction, health), {@code sent.bin}
 * (the bytes sent instead of the planned PDU), {@code trace.json} (the connection's document) and
 * {@code case.pcapng} (the connection as it went over the wire), in a directory per case. A case
 * file is what {@code --reproduce} and a corpus read back.
 */
public final class CaseFiles {
  /** The case file's name in a case directory. */
  public static final String CASE = "case.json";

  /** The trace document's name in a case directory. */
  public static final String TRACE = "trace.json";

  /** The mutated bytes' name in a case directory. */
  public static final String SENT = "sent.bin";

  /**
   * The connection's pcapng in a case directory, as {@code probe --pcap} writes it (the TLS secrets
   * in a Decryption Secrets Block, the server on port 3389): written whenever the trace document
   * is.
   */
  public static final String PCAPNG = "case.pcapng";

  private CaseFiles() {}

  /**
   * A case as read back.
   *
   * @param seeds the seeds to apply in turn
   * @param phase the target phase
   * @param pdu the target PDU name, or {@code ""}
   * @param sent the bytes sent, or {@code null} when the target was not reached
   * @param reaction the reaction recorded, in words
   */
  public record Saved(List<Long> seeds, Phase phase, String pdu, Octets sent, String reaction) {}

  /** The case's JSON. */
  public static JsonObject json(FuzzCase c) {
    JsonObject.Builder o =
        JsonObject.builder()
            .put("number", c.number())
            .put("seeds", JsonArray.ofStrings(c.seeds().stream().map(CaseSeeds::text).toList()))
            .put("phase", c.phase().name())
            .put("pdu", c.pdu());
    Mutation m = c.mutation();
    if (m != null) {
      o.put(
          "mutation",
          JsonObject.builder()
              .put("pdu", m.pdu())
              .put("operator", m.operator().name())
              .put("family", m.operator().family().name())
              .put("field", m.field())
              .put("detail", m.detail())
              .put("planned", m.planned().toHex())
              .put("sent", m.sent().toHex())
              .build());
    }
    Reaction r = c.reaction();
    o.put(
        "reaction",
        JsonObject.builder()
            .put("kind", r.kind().name())
            .put("detail", r.detail())
            .put("msAfter", r.millisAfter())
            .put("lastPeerPdu", r.lastPeerPdu())
            .put("close", r.close().name())
            .put("phase", r.phase().name())
            .build());
    o.put("interesting", c.interesting());
    o.put(
        "health",
        JsonObject.builder().put("ok", c.health().ok()).put("detail", c.health().detail()).build());
    return o.build();
  }

  /** Writes the case's directory under {@code dir}: its file, bytes and trace document. */
  public static Path write(Path dir, FuzzCase c, JsonValue trace) {
    return write(dir, String.format("%06d", c.number()), c, trace, null);
  }

  /**
   * Writes the case's directory under {@code dir}: its file, bytes, trace document and, when {@code
   * pcapng} is not null, the connection as {@link #PCAPNG}.
   */
  public static Path write(Path dir, FuzzCase c, JsonValue trace, byte[] pcapng) {
    return write(dir, String.format("%06d", c.number()), c, trace, pcapng);
  }

  /** Writes the case's directory {@code name} under {@code dir}. */
  public static Path write(Path dir, String name, FuzzCase c, JsonValue trace) {
    return write(dir, name, c, trace, null);
  }

  /** Writes the case's directory {@code name} under {@code dir}, with its pcapng if given. */
  public static Path write(Path dir, String name, FuzzCase c, JsonValue trace, byte[] pcapng) {
    Path d = dir.resolve(name);
    try {
      Files.createDirectories(d);
      Files.writeString(d.resolve(CASE), JsonWriter.write(json(c)) + "\n", StandardCharsets.UTF_8);
      if (c.mutation() != null) {
        Files.write(d.resolve(SENT), c.mutation().sent().toByteArray());
      }
      if (trace != null) {
        Files.writeString(d.resolve(TRACE), JsonWriter.write(trace) + "\n", StandardCharsets.UTF_8);
      }
      if (pcapng != null) {
        Files.write(d.resolve(PCAPNG), pcapng);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the case to " + d + ": " + e.getMessage(), e);
    }
    return d;
  }

  /**
   * Reads a case: {@code path} is a case directory or its {@code case.json}.
   *
   * @throws IllegalArgumentException naming the file and what is wrong with it
   */
  public static Saved read(Path path) {
    Path file = Files.isDirectory(path) ? path.resolve(CASE) : path;
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read the case " + file + ": " + e.getMessage());
    }
    try {
      Map<?, ?> o = (Map<?, ?>) JsonText.parse(text);
      List<Long> seeds = new ArrayList<>();
      for (Object s : (List<?>) o.get("seeds")) {
        seeds.add(CaseSeeds.parse((String) s));
      }
      Phase phase = Phase.valueOf((String) o.get("phase"));
      String pdu = o.get("pdu") == null ? "" : (String) o.get("pdu");
      Octets sent = null;
      if (o.get("mutation") instanceof Map<?, ?> m && m.get("sent") instanceof String hex) {
        sent = Octets.fromHex(hex);
      }
      String reaction = "";
      if (o.get("reaction") instanceof Map<?, ?> r) {
        reaction =
            r.get("kind")
                + (r.get("detail") instanceof String d && !d.isEmpty() ? " (" + d + ")" : "");
      }
      if (seeds.isEmpty()) {
        throw new IllegalArgumentException("no seeds");
      }
      return new Saved(seeds, phase, pdu, sent, reaction);
    } catch (ClassCastException | NullPointerException | IllegalArgumentException e) {
      throw new IllegalArgumentException(
          file
              + " is not a case file: "
              + (e.getMessage() == null ? e.toString() : e.getMessage()));
    }
  }
}
