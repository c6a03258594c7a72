package dev.rdpprobe.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rdpprobe.emulate.RdpEmulator;
import dev.rdpprobe.emulate.Scenario;
import dev.rdpprobe.testing.Peers;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --html FILE} as a user opens it: the page the command wrote is loaded from disk by a real
 * headless Chromium, which reports no error and renders a screenshot with a diagram on it.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class CliHtmlIT {
  @TempDir Path dir;

  /** What Chromium made of a page: its log, the DOM after loading, the screenshot. */
  private record Rendered(String log, String dom, BufferedImage screenshot) {}

  private Rendered chromium(Path page) throws Exception {
    Path chromium = Peers.require("chromium", "chromium");
    Path png = dir.resolve(page.getFileName() + ".png");
    List<String> common =
        List.of(
            chromium.toString(),
            "--headless",
            "--disable-gpu",
            "--no-sandbox",
            "--user-data-dir=" + dir.resolve("profile"),
            "--enable-logging=stderr",
            "--v=0",
            "--window-size=1100,1600");
    String log = run(concat(common, "--screenshot=" + png, page.toUri().toString()), "shot");
    String dom = run(concat(common, "--dump-dom", page.toUri().toString()), "dom");
    assertTrue(Files.size(png) > 10_000, "a screenshot of some size: " + Files.size(png));
    return new Rendered(log, dom, ImageIO.read(png.toFile()));
  }

  private static List<String> concat(List<String> a, String... b) {
    List<String> out = new java.util.ArrayList<>(a);
    out.addAll(List.of(b));
    return out;
  }

  /** Runs Chromium; returns its stdout and stderr, one after the other. */
  private String run(List<String> command, String name) throws Exception {
    Path out = dir.resolve(name + ".out");
    Path err = dir.resolve(name + ".err");
    Process p =
        new ProcessBuilder(command)
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .start();
    if (!p.waitFor(90, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("chromium did not finish in 90 s");
    }
    String text =
        Files.readString(out, StandardCharsets.UTF_8)
            + Files.readString(err, StandardCharsets.UTF_8);
    assertEquals(0, p.exitValue(), text);
    return text;
  }

  /** Chromium's log holds no page error: no console message, script error or blocked load. */
  private static void assertNoPageErrors(String log) {
    for (String line : log.lines().toList()) {
      boolean pageError =
          line.contains("CONSOLE")
              || line.contains("Uncaught")
              || line.contains("Content Security Policy")
              || line.contains("Refused to")
              || line.contains("ERR_");
      assertFalse(pageError, "Chromium reported: " + line);
    }
  }

  /** The screenshot is a picture, not a blank page: many colours, and red where a failure is. */
  private static void assertDrawn(BufferedImage shot, boolean failure) {
    Set<Integer> colours = new HashSet<>();
    boolean sawRed = false;
    for (int y = 0; y < shot.getHeight(); y += 2) {
      for (int x = 0; x < shot.getWidth(); x += 2) {
        int rgb = shot.getRGB(x, y) & 0xFFFFFF;
        colours.add(rgb);
        int r = rgb >> 16;
        int g = (rgb >> 8) & 0xFF;
        int b = rgb & 0xFF;
        sawRed |= r > 150 && g < 80 && b < 80;
      }
    }
    assertTrue(colours.size() > 50, colours.size() + " colours");
    if (failure) {
      assertTrue(sawRed, "the failure is marked in red");
    }
  }

  /** Every evidence link points at a row of the diagram on the page. */
  private static void assertEvidenceLinksResolve(String dom) {
    Matcher links = Pattern.compile("<a href=\"#([a-z0-9]+)\">#[0-9]+</a>").matcher(dom);
    int n = 0;
    while (links.find()) {
      assertTrue(dom.contains("<g id=\"" + links.group(1) + "\""), "a row for #" + links.group(1));
      n++;
    }
    assertTrue(n > 0, "evidence is linked: " + dom);
  }

  private static void assertSelfContained(String html) {
    String withoutNamespaces = html.replace("http://www.w3.org/2000/svg", "");
    assertFalse(withoutNamespaces.contains("http://"), "nothing loaded from elsewhere");
    assertFalse(withoutNamespaces.contains("https://"), "nothing loaded from elsewhere");
    assertFalse(html.contains("<script"), "no script");
    assertTrue(html.contains("Content-Security-Policy"), "and the page forbids loading any");
  }

  @Test
  void aFailedProbeIsALadderWithItsEndingAndLinkedEvidence() throws Exception {
    Path page = dir.resolve("probe.html");
    try (RdpEmulator e = RdpEmulator.start(Scenario.TLS_ALERT_PROTOCOL_VERSION)) {
      CliProcess.Result r = CliProcess.run("127.0.0.1:" + e.port(), "--html", page.toString());
      assertEquals(1, r.exitCode(), r.toString());
    }
    String html = Files.readString(page, StandardCharsets.UTF_8);
    assertSelfContained(html);
    Rendered shown = chromium(page);
    assertNoPageErrors(shown.log());
    assertTrue(shown.dom().contains("<svg class=\"ladder\""), shown.dom());
    assertTrue(shown.dom().contains("X.224 Connection Request (19 bytes)"), "an arrow per PDU");
    assertTrue(shown.dom().contains("TLS ClientHello"), "and per TLS message");
    assertTrue(shown.dom().contains("closed: TLS_ALERT by LOCAL"), "the ending on the diagram");
    assertEvidenceLinksResolve(shown.dom());
    assertDrawn(shown.screenshot(), true);
  }

  @Test
  void theDoctorsPageHasTheFollowUpsAsATable() throws Exception {
    Path page = dir.resolve("doctor.html");
    try (RdpEmulator e = RdpEmulator.start(Scenario.HEALTHY)) {
      CliProcess.Result r =
          CliProcess.run("doctor", "127.0.0.1:" + e.port(), "--delay", "0", "--html", "" + page);
      assertEquals(0, r.exitCode(), r.toString());
    }
    String html = Files.readString(page, StandardCharsets.UTF_8);
    assertSelfContained(html);
    Rendered shown = chromium(page);
    assertNoPageErrors(shown.log());
    assertTrue(shown.dom().contains("<table class=\"followups\">"), shown.dom());
    assertTrue(shown.dom().contains("offer SSL only"), "a row per follow-up");
    assertTrue(shown.dom().contains("certificate 0"), "the certificate facts");
    assertTrue(shown.dom().contains("closed: STOP_POINT_REACHED by LOCAL"), shown.dom());
    assertDrawn(shown.screenshot(), false);
  }
}
