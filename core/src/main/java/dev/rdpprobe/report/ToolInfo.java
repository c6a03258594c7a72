package dev.rdpprobe.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The tool that wrote a document, its {@code tool} member: the name, the library's version and the
 * git commit it was built from, as the build wrote them.
 *
 * @param name always {@code rdp-probe}
 * @param version the Maven version, e.g. {@code 0.1.0}; {@code unknown} for classes not built by
 *     Maven
 * @param commit the abbreviated commit, or empty when the build did not know it
 */
public record ToolInfo(String name, String version, String commit) {
  /** This library's. */
  public static ToolInfo current() {
    return Holder.CURRENT;
  }

  private static final class Holder {
    static final ToolInfo CURRENT = read();
  }

  private static ToolInfo read() {
    Properties p = new Properties();
    try (InputStream in = ToolInfo.class.getResourceAsStream("tool.properties")) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String version = value(p, "version");
    return new ToolInfo("rdp-probe", version.isEmpty() ? "unknown" : version, value(p, "commit"));
  }

  /** A property Maven did not fill in counts as absent. */
  private static String value(Properties p, String key) {
    String v = p.getProperty(key, "").strip();
    return v.startsWith("${") ? "" : v;
  }

  /** {@code {"name", "version", "commit"}}, the commit {@code null} when unknown. */
  public JsonObject toJsonValue() {
    return JsonObject.builder()
        .put("name", name)
        .put("version", version)
        .put("commit", commit.isEmpty() ? null : commit)
        .build();
  }
}
