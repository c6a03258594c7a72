package dev.rdpprobe.readme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rdpprobe.emulate.RdpEmulator;
import dev.rdpprobe.emulate.Scenario;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * README's library section cannot rot: its Java example is {@link CheckRdp}, character for
 * character, and runs here against the emulator; its dependency snippet names this version.
 */
class ReadmeExampleTest {
  private static final Path README = Path.of("..", "README.md");

  private static String readme() throws Exception {
    return Files.readString(README, StandardCharsets.UTF_8);
  }

  @Test
  void theReadmesExampleIsCheckRdpWithoutItsPackageLine() throws Exception {
    String source =
        Files.readString(Path.of("src/test/java/dev/rdpprobe/readme/CheckRdp.java"))
            .replaceFirst("package dev\\.rdpprobe\\.readme;\n\n", "");
    Matcher block =
        Pattern.compile("```java\n(import dev\\.rdpprobe\\..*?)```", Pattern.DOTALL)
            .matcher(readme());
    assertTrue(block.find(), "README has a Java example that starts with its imports");
    assertEquals(source, block.group(1), "README's example and CheckRdp.java differ");
  }

  @Test
  void theDependencySnippetNamesThisVersion() throws Exception {
    String version = System.getProperty("rdpprobe.version");
    assertTrue(
        readme()
            .contains(
                "  <groupId>dev.rdpprobe</groupId>\n"
                    + "  <artifactId>rdp-probe-core</artifactId>\n"
                    + "  <version>"
                    + version
                    + "</version>\n"),
        "README's dependency snippet names version " + version);
  }

  private static List<String> run(Scenario scenario) throws Exception {
    PrintStream original = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    try (RdpEmulator e = RdpEmulator.start(scenario);
        PrintStream out = new PrintStream(captured, true, StandardCharsets.UTF_8)) {
      System.setOut(out);
      CheckRdp.main(new String[] {"127.0.0.1", Integer.toString(e.port())});
    } finally {
      System.setOut(original);
    }
    return captured.toString(StandardCharsets.UTF_8).lines().toList();
  }

  @Test
  void theExampleExplainsAResetAsAWindowsClientWould() throws Exception {
    List<String> out = run(Scenario.RST_AFTER_CONNECTION_REQUEST);
    assertTrue(out.get(0).startsWith("PEER_RST in X224_NEGOTIATION: "), out.toString());
    assertEquals("error code 0x904, extended error code 0x7", out.get(1));
    assertEquals("The RDP listener refuses the connection", out.get(2));
    assertEquals(3, out.size(), "no TLS facts before TLS: " + out);
  }

  @Test
  void theExampleReportsAHealthyServerAndItsTls() throws Exception {
    List<String> out = run(Scenario.HEALTHY);
    assertTrue(out.get(0).startsWith("STOP_POINT_REACHED in "), out.toString());
    assertEquals("no error", out.get(1));
    assertTrue(out.get(out.size() - 1).contains("TLS_"), out.toString());
  }
}
