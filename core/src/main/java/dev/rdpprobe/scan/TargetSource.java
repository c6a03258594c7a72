package dev.rdpprobe.scan;

import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * The targets of a scan as text ({@code HOST}, {@code HOST:PORT}, ...), read one at a time so a
 * list of millions takes no more memory than one line. In files, {@code #} starts a comment and
 * blank lines are skipped; a line longer than {@link #MAX_LINE} characters is returned cut to one
 * more than that, for the scan to reject. Not thread-safe.
 */
public abstract class TargetSource implements Closeable {
  /** Longest target line kept. */
  public static final int MAX_LINE = 1024;

  /**
   * The number of targets, when it is known before reading them (a shard needs it: the permutation
   * is of that many indices).
   */
  public abstract OptionalLong size();

  /** The next target, or {@code null} at the end. */
  public abstract String next() throws IOException;

  @Override
  public void close() throws IOException {}

  /** These targets. */
  public static TargetSource of(List<String> targets) {
    List<String> copy = List.copyOf(targets);
    return new TargetSource() {
      private int i;

      @Override
      public OptionalLong size() {
        return OptionalLong.of(copy.size());
      }

      @Override
      public String next() {
        return i < copy.size() ? copy.get(i++) : null;
      }
    };
  }

  /**
   * The targets of a file, one a line: counted in a first pass (so its size is known), then read
   * again as the scan goes.
   */
  public static TargetSource file(Path file) throws IOException {
    long count = 0;
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      BoundedLines lines = new BoundedLines(r, MAX_LINE);
      while (target(lines) != null) {
        count++;
      }
    }
    Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8);
    return new LineSource(r, OptionalLong.of(count));
  }

  /** The targets of a stream read once (standard input): their number is not known. */
  public static TargetSource lines(Reader in) {
    return new LineSource(in, OptionalLong.empty());
  }

  /** The targets of each source in turn. */
  public static TargetSource concat(List<TargetSource> sources) {
    List<TargetSource> all = List.copyOf(sources);
    return new TargetSource() {
      private int i;

      @Override
      public OptionalLong size() {
        long n = 0;
        for (TargetSource s : all) {
          OptionalLong k = s.size();
          if (k.isEmpty()) {
            return OptionalLong.empty();
          }
          n += k.getAsLong();
        }
        return OptionalLong.of(n);
      }

      @Override
      public String next() throws IOException {
        while (i < all.size()) {
          String t = all.get(i).next();
          if (t != null) {
            return t;
          }
          i++;
        }
        return null;
      }

      @Override
      public void close() throws IOException {
        List<IOException> failed = new ArrayList<>();
        for (TargetSource s : all) {
          try {
            s.close();
          } catch (IOException e) {
            failed.add(e);
          }
        }
        if (!failed.isEmpty()) {
          throw failed.get(0);
        }
      }
    };
  }

  /** The next line that holds a target, without its comment and surrounding blanks. */
  private static String target(BoundedLines lines) throws IOException {
    String line;
    while ((line = lines.next()) != null) {
      int hash = line.indexOf('#');
      String t = (hash >= 0 ? line.substring(0, hash) : line).trim();
      if (!t.isEmpty()) {
        return t;
      }
    }
    return null;
  }

  private static final class LineSource extends TargetSource {
    private final Reader in;
    private final BoundedLines lines;
    private final OptionalLong size;

    LineSource(Reader in, OptionalLong size) {
      this.in = Objects.requireNonNull(in, "in");
      this.lines = new BoundedLines(in, MAX_LINE);
      this.size = size;
    }

    @Override
    public OptionalLong size() {
      return size;
    }

    @Override
    public String next() throws IOException {
      return target(lines);
    }

    @Override
    public void close() throws IOException {
      in.close();
    }
  }
}
