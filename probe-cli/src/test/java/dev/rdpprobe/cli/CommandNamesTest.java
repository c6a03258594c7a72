package dev.rdpprobe.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CommandNamesTest {
  @ParameterizedTest
  @CsvSource({
    "demoo, demo",
    "dmeo, demo",
    "Demo, demo",
    "dcotor, doctor",
    "docter, doctor",
    "server, serve",
    "explian, explain",
    "verison, version",
    "completions, completion",
    "hlep, help",
    "prob, probe",
    "doc-tor, doctor",
    "serve_, serve"
  })
  void aWordCloseToACommandIsThatCommand(String word, String command) {
    assertEquals(Optional.of(command), CommandNames.meant(word, Main.COMMANDS));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "rdp01",
        "rdp.example.com",
        "10.0.0.5",
        "host:3390",
        "[::1]",
        "dev",
        "dc",
        "web",
        "terminalserver",
        "-v",
        "demo1",
        "localhost",
        "jumphost",
        "démo",
        "_demo",
        "-demo",
        ""
      })
  void aWordThatMayBeAHostIsProbed(String word) {
    assertEquals(Optional.empty(), CommandNames.meant(word, Main.COMMANDS));
  }

  @Test
  void aSwapOfNeighboursIsOneEdit() {
    assertEquals(1, CommandNames.distance("dmeo", "demo"));
    assertEquals(1, CommandNames.distance("demoo", "demo"));
    assertEquals(2, CommandNames.distance("dcotor", "doctor") + 1);
    assertEquals(0, CommandNames.distance("serve", "serve"));
    assertEquals(5, CommandNames.distance("", "serve"));
  }
}
