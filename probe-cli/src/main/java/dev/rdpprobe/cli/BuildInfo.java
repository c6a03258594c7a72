package dev.rdpprobe.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * What the build wrote into {@code build.properties}: the version and the git commit it was built
 * from. A build outside a git work tree (a source archive) has no commit, which is said as {@code
 * unknown commit}.
 *
 * @param version the Maven version, e.g. {@code 0.1.0-SNAPSHOT}
 * @param commit the abbreviated commit, or empty when unknown
 * @param dirty whether the work tree had uncommitted changes to tracked files
 */
record BuildInfo(String version, String commit, boolean dirty) {
  static final String RESOURCE = "build.properties";

  /** The build's own information, read once. */
  static BuildInfo current() {
    return Holder.CURRENT;
  }

  private static final class Holder {
    static final BuildInfo CURRENT = read();
  }

  private static BuildInfo read() {
    Properties p = new Properties();
    try (InputStream in = BuildInfo.class.getResourceAsStream(RESOURCE)) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return of(p);
  }

  /** From the properties as filtered; a property Maven did not fill in counts as absent. */
  static BuildInfo of(Properties p) {
    String version = value(p, "version");
    return new BuildInfo(
        version.isEmpty() ? "(development build)" : version,
        value(p, "commit"),
        Boolean.parseBoolean(value(p, "dirty")));
  }

  private static String value(Properties p, String key) {
    String v = p.getProperty(key, "").strip();
    return v.startsWith("${") ? "" : v;
  }

  /**
   * {@code commit 0267184a1b2c}, with {@code , modified} for a dirty tree, or {@code unknown
   * commit}.
   */
  String commitText() {
    return commit.isEmpty() ? "unknown commit" : "commit " + commit + (dirty ? ", modified" : "");
  }

  /** The first line of {@code rdp-probe version}: {@code rdp-probe 0.1.0 (commit 0267184a1b2c)}. */
  String line() {
    return "rdp-probe " + version + " (" + commitText() + ")";
  }

  /** The runtime the command runs on, e.g. {@code Java 17.0.21 (Debian) on Linux 6.1 amd64}. */
  static String runtime() {
    return "Java "
        + System.getProperty("java.version")
        + " ("
        + System.getProperty("java.vendor")
        + ", "
        + System.getProperty("java.home")
        + ") on "
        + System.getProperty("os.name")
        + " "
        + System.getProperty("os.version")
        + " "
        + System.getProperty("os.arch");
  }
}
