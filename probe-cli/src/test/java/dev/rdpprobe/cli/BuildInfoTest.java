package dev.rdpprobe.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Properties;
import org.junit.jupiter.api.Test;

class BuildInfoTest {
  private static Properties props(String version, String commit, String dirty) {
    Properties p = new Properties();
    p.setProperty("version", version);
    p.setProperty("commit", commit);
    p.setProperty("dirty", dirty);
    return p;
  }

  @Test
  void aBuildInGitNamesItsCommit() {
    BuildInfo b = BuildInfo.of(props("0.1.0", "0267184a1b2c", "false"));
    assertEquals("rdp-probe 0.1.0 (commit 0267184a1b2c)", b.line());
    BuildInfo dirty = BuildInfo.of(props("0.1.0", "0267184a1b2c", "true"));
    assertEquals("rdp-probe 0.1.0 (commit 0267184a1b2c, modified)", dirty.line());
  }

  @Test
  void aBuildOutsideGitSaysUnknownCommit() {
    // git failed: the property is empty; no git at all: Maven left the placeholder
    assertEquals(
        "rdp-probe 0.1.0 (unknown commit)", BuildInfo.of(props("0.1.0", "", "false")).line());
    assertEquals(
        "rdp-probe 0.1.0 (unknown commit)",
        BuildInfo.of(props("0.1.0", "${rdpprobe.git.commit}", "${rdpprobe.git.dirty}")).line());
  }

  @Test
  void withoutTheResourceItIsADevelopmentBuild() {
    assertEquals(
        "rdp-probe (development build) (unknown commit)", BuildInfo.of(new Properties()).line());
  }

  @Test
  void theBuildWroteTheVersionOfThePom() {
    assertEquals(System.getProperty("rdpprobe.version"), BuildInfo.current().version());
  }
}
