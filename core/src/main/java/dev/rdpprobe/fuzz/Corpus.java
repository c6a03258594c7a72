package dev.rdpprobe.fuzz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The interesting cases of a target: the first case of each combination of phase, last peer PDU and
 * close kind (AFLNet's state coverage, read from the trace instead of instrumentation). They are
 * kept as case directories, so a later run starts from them: it stacks fresh mutations on their
 * seeds.
 */
final class Corpus {
  private final Path dir;
  private final Set<String> seen = new HashSet<>();
  private final List<List<Long>> entries = new ArrayList<>();

  private Corpus(Path dir) {
    this.dir = dir;
  }

  /**
   * The corpus kept in {@code dir} ({@code null}: in memory only), with the cases already there. A
   * case file of another phase or PDU is not this campaign's and is left out.
   */
  static Corpus open(Path dir, dev.rdpprobe.trace.Phase phase, String pdu) {
    Corpus c = new Corpus(dir);
    if (dir == null || !Files.isDirectory(dir)) {
      return c;
    }
    try (Stream<Path> list = Files.list(dir)) {
      for (Path d : list.sorted().toList()) {
        if (!Files.isRegularFile(d.resolve(CaseFiles.CASE))) {
          continue;
        }
        CaseFiles.Saved s;
        try {
          s = CaseFiles.read(d);
        } catch (IllegalArgumentException e) {
          continue; // a damaged entry is not a reason to stop a campaign
        }
        if (s.phase() == phase && s.pdu().equals(pdu)) {
          c.entries.add(s.seeds());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the corpus " + dir + ": " + e.getMessage(), e);
    }
    return c;
  }

  /** Whether {@code key} is new; the first time it is, it is remembered. */
  boolean isNew(String key) {
    return seen.add(key);
  }

  /** Adds an interesting case, on disk too. */
  void add(FuzzCase c, dev.rdpprobe.report.JsonValue trace) {
    entries.add(c.seeds());
    if (dir != null) {
      CaseFiles.write(dir, c.seedText(), c, trace);
    }
  }

  /** The entries so far, in the order found. */
  List<List<Long>> entries() {
    return entries;
  }
}
