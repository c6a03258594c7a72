package dev.rdpprobe.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code rdp-probe HOST} runs {@link ProbeCommand#withDefaults} without picocli: every option, in
 * the command and its mixins, must hold what picocli gives it for the same command line (an
 * option's {@code defaultValue} that its field's initial value does not match would otherwise take
 * effect through picocli only).
 */
class ProbeCommandDefaultsTest {
  @Test
  void withDefaultsHoldsWhatPicocliParsesForALoneTarget() throws Exception {
    for (String target : List.of("rdp.example.com", "192.0.2.7:3390", "[2001:db8::1]:3389")) {
      ProbeCommand parsed = new ProbeCommand();
      new CommandLine(parsed).parseArgs(target);
      ProbeCommand direct = ProbeCommand.withDefaults(target);
      List<String> compared = new ArrayList<>();
      assertSameOptions(parsed, direct, "probe", compared);
      assertEquals(List.of(target), direct.targets);
      // every option of the command and its three mixins, not a vacuous comparison
      assertTrue(compared.size() > 30, "options compared: " + compared);
      assertTrue(compared.contains("probe.options.tlsVersions"), "" + compared);
    }
  }

  @Test
  void anOptionGivenOnTheCommandLineIsSeenAsADifference() throws Exception {
    ProbeCommand parsed = new ProbeCommand();
    new CommandLine(parsed).parseArgs("--json", "rdp.example.com");
    ProbeCommand direct = ProbeCommand.withDefaults("rdp.example.com");
    AssertionError e =
        org.junit.jupiter.api.Assertions.assertThrows(
            AssertionError.class,
            () -> assertSameOptions(parsed, direct, "probe", new ArrayList<>()));
    assertTrue(e.getMessage().contains("probe.json"), e.getMessage());
  }

  private static void assertSameOptions(
      Object parsed, Object direct, String path, List<String> compared) throws Exception {
    assertEquals(parsed.getClass(), direct.getClass(), path);
    for (Field f : parsed.getClass().getDeclaredFields()) {
      String name = path + "." + f.getName();
      f.setAccessible(true);
      if (f.isAnnotationPresent(Mixin.class)) {
        assertSameOptions(f.get(parsed), f.get(direct), name, compared);
      } else if (f.isAnnotationPresent(Option.class) || f.isAnnotationPresent(Parameters.class)) {
        compared.add(name);
        Object a = f.get(parsed);
        Object b = f.get(direct);
        assertTrue(
            Arrays.deepEquals(new Object[] {a}, new Object[] {b}),
            name + ": picocli gives " + a + ", withDefaults " + b);
      }
    }
  }
}
