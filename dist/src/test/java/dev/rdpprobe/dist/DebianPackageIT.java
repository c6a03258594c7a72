package dev.rdpprobe.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.rdpprobe.testing.Peers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The Debian package, installed with dpkg as an administrator would, run from the PATH, and
 * removed. It changes the machine, so it runs only as root (CI is) and only when no rdp-probe
 * package is installed already; otherwise it is skipped, or fails with RDP_PROBE_REQUIRE_PEERS=1.
 */
class DebianPackageIT {
  private static final Path COMMAND = Path.of("/usr/bin/rdp-probe");

  /** The class-data archive postinst makes and the installed launcher names. */
  private static final Path ARCHIVE = Path.of("/opt/rdp-probe/lib/app/rdp-probe.jsa");

  private static void skip(String why) {
    if (Peers.required()) {
      fail(why + " and RDP_PROBE_REQUIRE_PEERS=1");
    }
    Assumptions.abort(why);
  }

  private static Path deb() throws Exception {
    try (var files = Files.list(Dist.nativeDir().toAbsolutePath())) {
      return files
          .filter(f -> f.getFileName().toString().endsWith(".deb"))
          .findFirst()
          .orElse(null);
    } catch (java.nio.file.NoSuchFileException e) {
      return null;
    }
  }

  @Test
  void theDebInstallsACommandOnThePathThatRunsTheDemoAndIsRemovedCleanly() throws Exception {
    Path deb = deb();
    if (deb == null) {
      if (Dist.nativeSkipped()) {
        Assumptions.abort("no .deb: -Drdpprobe.native.skip=true");
      }
      skip("no .deb in " + Dist.nativeDir() + ": the build skipped it, see its [dist] lines");
    }
    Path dpkg = Peers.require("dpkg", "dpkg");
    Path tmp = Files.createTempDirectory("rdp-probe-deb");
    Dist.Result id = Dist.run(tmp, "id", "-u");
    if (!id.out().strip().equals("0")) {
      skip("installing the .deb needs root (dpkg -i); this test runs as uid " + id.out().strip());
    }
    Dist.Result status = Dist.run(tmp, dpkg.toString(), "-s", "rdp-probe");
    if (status.exitCode() == 0 && status.out().contains("Status: install ok installed")) {
      skip("a rdp-probe package is installed already; the test does not replace it");
    }
    Dist.Result install = Dist.run(tmp, dpkg.toString(), "-i", deb.toString());
    try {
      assertEquals(0, install.exitCode(), install.toString());
      assertTrue(Files.isSymbolicLink(COMMAND), "postinst links " + COMMAND);
      assertEquals(
          Path.of("/opt/rdp-probe/bin/rdp-probe"), Files.readSymbolicLink(COMMAND), "the link");
      // as a user types it: the command found on the PATH, from any directory
      Dist.Result version = Dist.run(tmp, "rdp-probe", "version");
      assertEquals(0, version.exitCode(), version.toString());
      assertTrue(version.out().startsWith("rdp-probe " + Dist.version() + " ("), "" + version);
      assertTrue(version.out().contains("/opt/rdp-probe/lib/runtime"), "its own runtime");
      // postinst made the archive the launcher names; -Xshare:on refuses to start without it
      assertTrue(Files.isRegularFile(ARCHIVE), "postinst makes " + ARCHIVE);
      Dist.Result mapped =
          Dist.run(List.of("rdp-probe", "version"), tmp, Map.of("JAVA_TOOL_OPTIONS", "-Xshare:on"));
      assertEquals(0, mapped.exitCode(), "the class-data archive maps: " + mapped);
      Dist.Result demo = Dist.run(tmp, "rdp-probe", "demo");
      assertEquals(0, demo.exitCode(), demo.toString());
      assertTrue(
          demo.out().contains("diagnosis: error code 0x904, extended error code 0x7"), "" + demo);
      assertTrue(demo.out().contains("TLS ServerHello"), "TLS works in the runtime image");
      Path man = Path.of("/usr/share/man/man1/rdp-probe.1");
      if (Files.isDirectory(man.getParent())) {
        assertTrue(Files.isRegularFile(man), "the manual page is linked");
      }
    } finally {
      Dist.Result remove = Dist.run(tmp, dpkg.toString(), "-r", "rdp-probe");
      // and forget it: -r keeps the package's entry in dpkg's database
      Dist.Result purge = Dist.run(tmp, dpkg.toString(), "--purge", "rdp-probe");
      Files.delete(tmp);
      assertEquals(0, remove.exitCode(), remove.toString());
      assertEquals(0, purge.exitCode(), purge.toString());
    }
    assertFalse(Files.exists(COMMAND, java.nio.file.LinkOption.NOFOLLOW_LINKS), "unlinked");
    assertFalse(Files.exists(Path.of("/opt/rdp-probe/bin/rdp-probe")), "removed");
    assertFalse(Files.exists(ARCHIVE), "the archive postinst made is removed");
    assertFalse(Files.exists(Path.of("/opt/rdp-probe")), "nothing is left under /opt");
    assertFalse(
        Files.exists(
            Path.of("/usr/share/man/man1/rdp-probe.1"), java.nio.file.LinkOption.NOFOLLOW_LINKS),
        "the manual page link is removed");
  }
}
