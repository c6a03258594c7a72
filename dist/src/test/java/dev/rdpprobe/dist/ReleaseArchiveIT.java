package dev.rdpprobe.dist;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rdpprobe.testing.Peers;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The release archives: what they hold, that the zip and the tar.gz hold the same, and that what
 * they hold works: the launcher through a symlink, the manual page, the completions, the Windows
 * launcher's structure.
 */
class ReleaseArchiveIT {
  private static final List<String> FILES =
      List.of(
          "bin/rdp-probe",
          "bin/rdp-probe.cmd",
          "lib/rdp-probe.jar",
          "man/man1/rdp-probe.1",
          "completion/rdp-probe.bash",
          "completion/rdp-probe.fish",
          "LICENSE",
          "README.md");

  @TempDir static Path unpacked;

  private static Path home;

  @BeforeAll
  static void unpackTheTarGz() throws Exception {
    Path tar = Peers.require("tar", "tar");
    Path archive = Dist.target().resolve("rdp-probe-" + Dist.version() + ".tar.gz");
    assertTrue(Files.isRegularFile(archive), "missing: " + archive);
    Dist.Result r = Dist.run(unpacked, tar.toString(), "-xzf", archive.toString());
    assertEquals(0, r.exitCode(), r.toString());
    home = unpacked.resolve("rdp-probe-" + Dist.version());
  }

  private static Set<String> filesUnder(Path dir) throws IOException {
    Set<String> out = new TreeSet<>();
    try (var walk = Files.walk(dir)) {
      walk.filter(Files::isRegularFile)
          .forEach(p -> out.add(dir.relativize(p).toString().replace('\\', '/')));
    }
    return out;
  }

  @Test
  void theTarGzHoldsTheJarTheLaunchersTheManualPageAndTheCompletions() throws Exception {
    assertEquals(new TreeSet<>(FILES), filesUnder(home));
    assertArrayEquals(
        Files.readAllBytes(Dist.cliJar()), Files.readAllBytes(home.resolve("lib/rdp-probe.jar")));
    Set<PosixFilePermission> launcher =
        Files.getPosixFilePermissions(home.resolve("bin/rdp-probe"));
    assertTrue(launcher.contains(PosixFilePermission.OTHERS_EXECUTE), launcher.toString());
    assertFalse(Files.readString(home.resolve("bin/rdp-probe")).contains("\r"), "LF only");
  }

  @Test
  void theZipHoldsTheSameFilesAndTheLauncherStaysExecutable() throws Exception {
    Path zip = Dist.target().resolve("rdp-probe-" + Dist.version() + ".zip");
    Set<String> names = new TreeSet<>();
    try (ZipFile z = new ZipFile(zip.toFile())) {
      for (ZipEntry e : Collections.list(z.entries())) {
        if (e.isDirectory()) {
          continue;
        }
        String prefix = "rdp-probe-" + Dist.version() + "/";
        assertTrue(e.getName().startsWith(prefix), e.getName());
        String name = e.getName().substring(prefix.length());
        names.add(name);
        try (InputStream in = z.getInputStream(e)) {
          assertArrayEquals(Files.readAllBytes(home.resolve(name)), in.readAllBytes(), name);
        }
      }
    }
    assertEquals(new TreeSet<>(FILES), names);
    Path zipinfo = Peers.find("zipinfo");
    if (zipinfo != null) {
      Dist.Result r = Dist.run(unpacked, zipinfo.toString(), zip.toString());
      assertTrue(
          r.out().lines().anyMatch(l -> l.startsWith("-rwxr-xr-x") && l.endsWith("bin/rdp-probe")),
          r.toString());
    }
  }

  @Test
  void theLauncherRunsThroughASymlinkFromAnyDirectory() throws Exception {
    Path bin = Files.createDirectories(unpacked.resolve("links"));
    Path link = bin.resolve("rdp-probe");
    Files.deleteIfExists(link);
    Files.createSymbolicLink(link, home.resolve("bin/rdp-probe"));
    try {
      Path elsewhere = Files.createDirectories(unpacked.resolve("elsewhere"));
      Dist.Result version = Dist.run(elsewhere, link.toString(), "version");
      assertEquals(0, version.exitCode(), version.toString());
      assertTrue(version.out().startsWith("rdp-probe " + Dist.version() + " ("), "" + version);
      Dist.Result explain = Dist.run(elsewhere, link.toString(), "explain", "0x904", "0x7");
      assertEquals(0, explain.exitCode(), explain.toString());
      assertTrue(explain.out().contains("(LISTENER_REFUSES)"), explain.toString());
      // JAVA_HOME that has no java is named, not run
      Dist.Result wrong =
          Dist.run(
              List.of(link.toString(), "version"), elsewhere, Map.of("JAVA_HOME", "/nonexistent"));
      assertEquals(2, wrong.exitCode(), wrong.toString());
      assertTrue(wrong.err().contains("JAVA_HOME is /nonexistent"), wrong.toString());
    } finally {
      Files.delete(link);
    }
  }

  @Test
  void theLauncherMakesAClassDataArchiveOnceInTheUsersCache() throws Exception {
    Path cache = Files.createDirectories(unpacked.resolve("cache"));
    Map<String, String> env = Map.of("XDG_CACHE_HOME", cache.toString());
    List<String> version = List.of(home.resolve("bin/rdp-probe").toString(), "version");
    Dist.Result first = Dist.run(version, unpacked, env);
    assertEquals(0, first.exitCode(), first.toString());
    assertTrue(first.err().contains("preparing the class-data archive"), first.toString());
    List<Path> archives;
    try (var files = Files.list(cache.resolve("rdp-probe"))) {
      archives = files.toList();
    }
    assertEquals(1, archives.size(), "one archive and nothing else: " + archives);
    assertTrue(archives.get(0).getFileName().toString().endsWith(".jsa"), "" + archives);
    assertTrue(Files.size(archives.get(0)) > 0, "the archive was written");

    Dist.Result second = Dist.run(version, unpacked, env);
    assertEquals(0, second.exitCode(), second.toString());
    assertEquals("", second.err(), "the archive is made once: " + second);
    assertEquals(first.out(), second.out());

    Path none = Files.createDirectories(unpacked.resolve("no-cache"));
    Dist.Result off =
        Dist.run(
            version, unpacked, Map.of("XDG_CACHE_HOME", none.toString(), "RDP_PROBE_CDS", "off"));
    assertEquals(0, off.exitCode(), off.toString());
    assertEquals("", off.err(), off.toString());
    try (var files = Files.list(none)) {
      assertEquals(0, files.count(), "RDP_PROBE_CDS=off makes no archive");
    }
  }

  @Test
  void theManualPageRendersWithoutWarningsAndNamesEveryCommand() throws Exception {
    String page = Files.readString(home.resolve("man/man1/rdp-probe.1"));
    assertTrue(page.contains(".TH RDP\\-PROBE 1"), "a man page header");
    for (String command :
        List.of("probe", "doctor", "serve", "demo", "explain", "completion", "version")) {
      assertTrue(page.contains(".SS \"rdp\\-probe " + command), command);
    }
    assertTrue(page.contains("\\fB\\-\\-stop\\-after\\fR"), "options are listed");
    Path groff = Peers.require("groff", "groff-base");
    Dist.Result r =
        Dist.run(
            unpacked,
            groff.toString(),
            "-man",
            "-Tutf8",
            "-ww",
            "-z",
            home.resolve("man/man1/rdp-probe.1").toString());
    assertEquals(0, r.exitCode(), r.toString());
    assertEquals("", r.err(), "groff warns: " + r);
  }

  @Test
  void theBashCompletionIsValidBashAndCompletesTheCommands() throws Exception {
    Path bash = Peers.require("bash", "bash");
    Path script = home.resolve("completion/rdp-probe.bash");
    Dist.Result syntax = Dist.run(unpacked, bash.toString(), "-n", script.toString());
    assertEquals(0, syntax.exitCode(), syntax.toString());
    // what bash offers after "rdp-probe ex" and "rdp-probe doctor --max"
    String complete =
        "source "
            + script
            + "; COMP_WORDS=(rdp-probe ex); COMP_CWORD=1; COMP_LINE='rdp-probe ex';"
            + " COMP_POINT=${#COMP_LINE}; $(complete -p rdp-probe | sed 's/.*-F \\([^ ]*\\) .*/\\1/');"
            + " printf '%s\\n' \"${COMPREPLY[@]}\"";
    Dist.Result r = Dist.run(unpacked, bash.toString(), "-c", complete);
    assertEquals(0, r.exitCode(), r.toString());
    assertTrue(r.out().lines().anyMatch("explain"::equals), r.toString());
    Path fish = Peers.find("fish");
    if (fish != null) {
      Dist.Result f =
          Dist.run(
              unpacked,
              fish.toString(),
              "--no-execute",
              home.resolve("completion/rdp-probe.fish").toString());
      assertEquals(0, f.exitCode(), f.toString());
    }
    String fishScript = Files.readString(home.resolve("completion/rdp-probe.fish"));
    assertTrue(fishScript.contains("complete -c rdp-probe"), "a fish script");
  }

  /**
   * No Windows here, so the .cmd is read: CRLF line endings, every {@code goto} has its label,
   * variables are set before use, the jar is run with every argument, and the exit code passed on.
   */
  @Test
  void theWindowsLauncherIsWellFormed() throws Exception {
    byte[] bytes = Files.readAllBytes(home.resolve("bin/rdp-probe.cmd"));
    String text = new String(bytes, StandardCharsets.US_ASCII);
    for (int i = 0; i < bytes.length; i++) {
      assertTrue(bytes[i] >= 0, "ASCII only");
      if (bytes[i] == '\n') {
        assertTrue(i > 0 && bytes[i - 1] == '\r', "CRLF at byte " + i);
      }
    }
    List<String> lines = List.of(text.split("\r\n"));
    assertEquals("@echo off", lines.get(0));
    Set<String> labels = new HashSet<>();
    List<String> gotos = new ArrayList<>();
    Set<String> set = new HashSet<>(Set.of("JAVA_HOME", "RDP_PROBE_JAVA_OPTS", "ERRORLEVEL"));
    Pattern use = Pattern.compile("%([A-Z_]+)%");
    for (String l : lines) {
      if (l.startsWith(":")) {
        labels.add(l.substring(1).toLowerCase());
      }
      Matcher g = Pattern.compile("(?i)\\bgoto ([A-Za-z]+)").matcher(l);
      while (g.find()) {
        gotos.add(g.group(1).toLowerCase());
      }
      if (l.startsWith("rem ")) {
        assertFalse(l.matches(".*[|<>&^].*"), "no special characters in a comment: " + l);
        continue;
      }
      Matcher u = use.matcher(l);
      while (u.find()) {
        assertTrue(set.contains(u.group(1)), u.group(1) + " used before it is set: " + l);
      }
      Matcher s = Pattern.compile("^set \"([A-Z_]+)=").matcher(l);
      if (s.find()) {
        set.add(s.group(1));
      }
      assertEquals(l.chars().filter(c -> c == '"').count() % 2, 0, "balanced quotes: " + l);
    }
    assertTrue(labels.containsAll(gotos), gotos + " vs labels " + labels);
    assertTrue(
        lines.contains(
            "\"%RDP_PROBE_JAVA%\" %RDP_PROBE_JAVA_OPTS% -jar"
                + " \"%RDP_PROBE_HOME%\\lib\\rdp-probe.jar\" %*"),
        text);
    assertEquals("exit /b %ERRORLEVEL%", lines.get(lines.size() - 1));
  }
}
