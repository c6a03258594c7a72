package dev.rdpprobe.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rdpprobe.testing.Peers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a new user meets first, run as processes: the launcher through symlinks, {@code version},
 * {@code --help} on every command, completion, a mistyped command, and {@code explain}.
 */
class CliInstallIT {
  private static final Pattern VERSION_LINE =
      Pattern.compile(
          "rdp-probe (\\d+\\.\\d+\\.\\d+(?:-SNAPSHOT)?) \\((commit ([0-9a-f]{7,40})(, modified)?"
              + "|unknown commit)\\)");

  @TempDir Path dir;

  /** The repository's launcher, {@code ./rdp-probe}. */
  private static Path launcher() {
    Path l = Path.of(System.getProperty("rdpprobe.launcher", "../rdp-probe")).toAbsolutePath();
    assertTrue(Files.isExecutable(l), "the launcher is missing: " + l);
    return l.normalize();
  }

  @Test
  void aSymlinkedLauncherRunsFromAnyDirectory() throws Exception {
    Path bin = Files.createDirectories(dir.resolve("bin"));
    Path link = Files.createSymbolicLink(bin.resolve("rdp-probe"), launcher());
    // a relative link to the link, as a package manager or a user's ~/bin may make
    Path relative = Files.createSymbolicLink(dir.resolve("rdp"), Path.of("bin", "rdp-probe"));
    Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
    try {
      for (Path l : List.of(link, relative)) {
        CliProcess.Result r =
            CliProcess.exec(List.of(l.toString(), "version"), elsewhere, Map.of());
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(VERSION_LINE.matcher(r.out().lines().findFirst().orElse("")).matches(), "" + r);
        assertFalse(r.err().contains("No such file"), r.toString());
      }
    } finally {
      // the links point out of the temporary directory: remove them before JUnit does
      Files.delete(relative);
      Files.delete(link);
    }
  }

  @Test
  void theLauncherMakesItsClassDataArchiveAgainWheneverTheJarIsNewer() throws Exception {
    // a copy of the launcher beside a copy of the jar: no sources, so it never builds
    Path root = Files.createDirectories(dir.resolve("install"));
    Path target = Files.createDirectories(root.resolve("probe-cli/target"));
    Path launcher = Files.copy(launcher(), root.resolve("rdp-probe"));
    Path jar =
        Files.copy(
            Path.of(System.getProperty("rdpprobe.jar", "target/rdp-probe.jar")),
            target.resolve("rdp-probe.jar"));
    Path archive = target.resolve("rdp-probe.jsa");
    List<String> version = List.of(launcher.toString(), "version");

    CliProcess.Result first = CliProcess.exec(version, root, Map.of());
    assertEquals(0, first.exitCode(), first.toString());
    assertTrue(first.err().contains("preparing the class-data archive"), first.toString());
    assertTrue(Files.size(archive) > 0, "the archive was written");
    assertTrue(
        Files.getLastModifiedTime(archive).compareTo(Files.getLastModifiedTime(jar)) > 0,
        "the archive is newer than the jar");

    CliProcess.Result second = CliProcess.exec(version, root, Map.of());
    assertEquals(0, second.exitCode(), second.toString());
    assertEquals("", second.err(), "the archive is current: " + second);
    assertEquals(first.out(), second.out());

    // a jar rebuilt without the launcher (./mvnw package): the archive is made again
    Files.setLastModifiedTime(
        jar,
        java.nio.file.attribute.FileTime.fromMillis(
            Files.getLastModifiedTime(archive).toMillis() + 2000));
    CliProcess.Result rebuilt = CliProcess.exec(version, root, Map.of());
    assertEquals(0, rebuilt.exitCode(), rebuilt.toString());
    assertTrue(rebuilt.err().contains("preparing the class-data archive"), rebuilt.toString());
    assertTrue(
        Files.getLastModifiedTime(archive).compareTo(Files.getLastModifiedTime(jar)) > 0,
        "the archive is newer than the rebuilt jar");
    try (var left = Files.list(target)) {
      assertEquals(
          List.of("rdp-probe.jar", "rdp-probe.jsa"),
          left.map(f -> f.getFileName().toString()).sorted().toList(),
          "no temporary archive or failure mark is left");
    }
  }

  @Test
  void versionShowsTheVersionTheCommitAndTheRuntime() throws Exception {
    CliProcess.Result r = CliProcess.run("version");
    assertEquals(0, r.exitCode(), r.toString());
    List<String> lines = r.out().lines().toList();
    Matcher m = VERSION_LINE.matcher(lines.get(0));
    assertTrue(m.matches(), r.toString());
    assertTrue(lines.get(1).startsWith("Java 17") || lines.get(1).startsWith("Java "), "" + r);
    Path git = Peers.find("git");
    Path root = launcher().getParent();
    if (git != null && Files.exists(root.resolve(".git"))) {
      CliProcess.Result head =
          CliProcess.exec(
              List.of(git.toString(), "rev-parse", "--short=12", "HEAD"), root, Map.of());
      assertEquals(0, head.exitCode(), head.toString());
      assertEquals(head.out().strip(), m.group(3), "the commit of this work tree: " + r);
    }
    // -V and --version say the same
    assertEquals(r.out(), CliProcess.run("--version").out());
  }

  @Test
  void everyCommandHasHelpThatExitsZero() throws Exception {
    for (String command : Main.COMMANDS) {
      CliProcess.Result r = CliProcess.run(command, "--help");
      assertEquals(0, r.exitCode(), command + ": " + r);
      assertTrue(r.out().contains("Usage: rdp-probe " + command), command + ": " + r);
      CliProcess.Result h = CliProcess.run("help", command);
      assertEquals(0, h.exitCode(), "help " + command + ": " + h);
      assertEquals(r.out(), h.out(), "help " + command);
    }
    CliProcess.Result top = CliProcess.run("--help");
    assertEquals(0, top.exitCode(), top.toString());
    for (String command : Main.COMMANDS) {
      assertTrue(top.out().contains("\n  " + command + " "), command + " in " + top);
    }
  }

  @Test
  void completionHelpNamesOnlyWhatExistsAndEachShellGetsAScript() throws Exception {
    CliProcess.Result help = CliProcess.run("completion", "--help");
    assertEquals(0, help.exitCode(), help.toString());
    assertFalse(help.out().contains("generate-completion"), help.toString());
    assertTrue(help.out().contains("rdp-probe completion fish"), help.toString());
    CliProcess.Result bash = CliProcess.run("completion");
    assertEquals(0, bash.exitCode(), bash.toString());
    assertTrue(bash.out().contains("complete -F"), "a bash completion function");
    assertTrue(bash.out().contains("doctor"), "the commands are in it");
    assertEquals(bash.out(), CliProcess.run("completion", "bash").out());
    assertTrue(CliProcess.run("completion", "zsh").out().contains("bashcompinit"));
    CliProcess.Result fish = CliProcess.run("completion", "fish");
    assertEquals(0, fish.exitCode(), fish.toString());
    assertTrue(fish.out().contains("complete -c rdp-probe"), fish.toString());
    assertTrue(fish.out().contains("-a explain"), fish.toString());
    assertTrue(fish.out().contains(" -l stop-after -x -a 'TCP_CONNECT"), fish.toString());
    CliProcess.Result tcsh = CliProcess.run("completion", "tcsh");
    assertEquals(2, tcsh.exitCode(), tcsh.toString());
    assertTrue(tcsh.err().startsWith("rdp-probe: no completion for shell 'tcsh'"), "" + tcsh);
  }

  @Test
  void aMistypedCommandIsRefusedWithASuggestionAndNeverProbed() throws Exception {
    for (String[] typo :
        new String[][] {{"demoo", "demo"}, {"dcotor", "doctor"}, {"server", "serve"}}) {
      CliProcess.Result r = CliProcess.run(typo[0], "--json");
      assertEquals(2, r.exitCode(), r.toString());
      assertEquals(
          "rdp-probe: '" + typo[0] + "' is not a command; did you mean '" + typo[1] + "'?",
          r.err().lines().findFirst().orElse(""),
          r.toString());
      assertTrue(r.err().contains("rdp-probe probe " + typo[0]), r.toString());
      assertEquals("", r.out(), "nothing probed: " + r);
    }
  }

  @Test
  void explainGivesTheDialogsPairItsEndingsAndCauses() throws Exception {
    CliProcess.Result r = CliProcess.run("explain", "0x904", "0x7");
    assertEquals(0, r.exitCode(), r.toString());
    String out = r.out();
    assertTrue(out.startsWith("0x904 0x7: error code 0x904 with extended error code 0x7\n"), out);
    assertTrue(out.contains("disconnectReasonAtClientWinsockFDCLOSE"), out);
    assertTrue(out.contains("exDiscReasonServerDeniedConnection"), out);
    assertTrue(out.contains("(LISTENER_REFUSES)"), out);
    assertTrue(out.contains("(TLS_NOT_STARTED)"), out);
    assertTrue(out.contains("(SERVER_ERROR_INFO)"), out);
    assertTrue(out.contains("tell apart: rdp-probe doctor HOST"), out);
    // the same pair written as one word
    String slash = CliProcess.run("explain", "0x904/0x7").out();
    assertTrue(slash.startsWith("0x904/0x7: error code 0x904 with extended error code 0x7"), slash);
    assertEquals(out.substring(out.indexOf('\n')), slash.substring(slash.indexOf('\n')));
  }

  @Test
  void explainReadsErrInfoNtStatusAndNegotiationFailureByNumberOrName() throws Exception {
    CliProcess.Result errinfo = CliProcess.run("explain", "0x10A");
    assertEquals(0, errinfo.exitCode(), errinfo.toString());
    assertTrue(errinfo.out().contains("ERRINFO_LICENSE_NO_REMOTE_CONNECTIONS"), "" + errinfo);
    assertTrue(errinfo.out().contains("(LICENSING_FAILED)"), errinfo.toString());
    assertTrue(
        errinfo.out().contains("[error code 0x904, extended error code 0x10A]"), "" + errinfo);

    CliProcess.Result status = CliProcess.run("explain", "0xC000006D", "STATUS_LOGON_FAILURE");
    assertEquals(0, status.exitCode(), status.toString());
    String[] parts = status.out().split("\n\n");
    assertEquals(2, parts.length, status.toString());
    for (String p : parts) {
      assertTrue(p.contains("STATUS_LOGON_FAILURE: the user name or password is wrong"), p);
      assertTrue(p.contains("a Windows client shows error code 0x807"), p);
      assertTrue(p.contains("(CREDENTIALS_REJECTED)"), p);
    }

    CliProcess.Result neg = CliProcess.run("explain", "SSL_REQUIRED_BY_SERVER");
    assertEquals(0, neg.exitCode(), neg.toString());
    assertTrue(neg.out().contains("RDP_NEG_FAILURE code 1"), neg.toString());
    assertTrue(neg.out().contains("(NEG_SSL_REQUIRED)"), neg.toString());
    assertTrue(neg.out().contains("no documented error code"), neg.toString());

    // a number several tables know: every reading, the dialog's error code first
    CliProcess.Result three = CliProcess.run("explain", "0x3");
    assertTrue(three.out().startsWith("0x3: 3 readings, the most likely first"), "" + three);
    assertTrue(
        three.out().indexOf("disconnectReasonByServer")
            < three.out().indexOf("ERRINFO_IDLE_TIMEOUT"),
        three.toString());
    assertTrue(three.out().contains("SSL_CERT_NOT_ON_SERVER"), three.toString());
  }

  @Test
  void explainSaysUnknownForAnUnknownCodeAndRefusesWhatIsNoCode() throws Exception {
    CliProcess.Result unknown = CliProcess.run("explain", "0x9999");
    assertEquals(0, unknown.exitCode(), unknown.toString());
    assertTrue(unknown.out().startsWith("0x9999: unknown: no table"), unknown.toString());
    CliProcess.Result words = CliProcess.run("explain", "0x904", "hello");
    assertEquals(2, words.exitCode(), words.toString());
    assertTrue(words.err().startsWith("rdp-probe: 'hello' is not a code"), words.toString());
    assertTrue(words.out().startsWith("0x904: error code 0x904"), "the code is explained");
    CliProcess.Result none = CliProcess.run("explain");
    assertEquals(2, none.exitCode(), none.toString());
  }

  @Test
  void explainJsonIsOneDocumentWithTheReadingsEndingsAndCauses() throws Exception {
    CliProcess.Result r = CliProcess.run("explain", "--json", "0x904", "0x7", "0x9999", "0x3");
    assertEquals(0, r.exitCode(), r.toString());
    assertEquals(1, r.out().strip().lines().count(), r.toString());
    JsonNode d = new ObjectMapper().readTree(r.out());
    assertEquals("explain", d.get("document").asText());
    assertEquals(1, d.get("schemaVersion").asInt());
    assertEquals("rdp-probe", d.get("tool").get("name").asText());
    JsonNode items = d.get("items");
    assertEquals(3, items.size(), r.toString());
    JsonNode pair = items.get(0).get("readings").get(0);
    assertEquals("CLIENT_CODE", pair.get("kind").asText());
    assertEquals(2308, pair.get("discReason").get("value").asInt());
    assertEquals("0x904", pair.get("discReason").get("hex").asText());
    assertEquals(7, pair.get("extendedReason").get("value").asInt());
    List<String> causes = new ArrayList<>();
    for (JsonNode e : pair.get("endings")) {
      assertEquals("0x904", e.get("windowsClient").get("discReason").asText(), e.toString());
      assertEquals("0x7", e.get("windowsClient").get("extendedReason").asText(), e.toString());
      assertFalse(e.get("tellApart").asText().isBlank());
      e.get("causes").forEach(c -> causes.add(c.get("id").asText()));
    }
    assertTrue(causes.contains("LISTENER_REFUSES"), causes.toString());
    assertTrue(causes.contains("SERVER_ERROR_INFO"), causes.toString());
    assertFalse(items.get(1).get("known").asBoolean());
    assertEquals(0, items.get(1).get("readings").size());
    List<String> kinds = new ArrayList<>();
    items.get(2).get("readings").forEach(x -> kinds.add(x.get("kind").asText()));
    assertEquals(List.of("DISC_REASON", "EXTENDED_REASON", "NEGOTIATION_FAILURE"), kinds);
    assertEquals(0, d.get("errors").size());
  }
}
