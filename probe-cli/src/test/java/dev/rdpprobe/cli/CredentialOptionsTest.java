package dev.rdpprobe.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the password comes from, and what is refused. */
class CredentialOptionsTest {
  @TempDir Path dir;

  @Test
  void theFirstLineOfTheFileWithoutItsLineEnd() throws Exception {
    Path f = dir.resolve("p");
    Files.writeString(f, "pä ss\r\nsecond line", StandardCharsets.UTF_8);
    assertArrayEquals("pä ss".toCharArray(), CredentialOptions.fromFile(f));
    Files.writeString(f, "no-newline", StandardCharsets.UTF_8);
    assertArrayEquals("no-newline".toCharArray(), CredentialOptions.fromFile(f));
  }

  @Test
  void anEmptyFirstLineOrAMissingFileIsRefused() throws Exception {
    Path f = dir.resolve("p");
    Files.writeString(f, "\nsecret", StandardCharsets.UTF_8);
    assertThrows(IllegalArgumentException.class, () -> CredentialOptions.fromFile(f));
    assertThrows(
        IllegalArgumentException.class, () -> CredentialOptions.fromFile(dir.resolve("none")));
  }

  @Test
  void theFileWinsOverTheEnvironmentWhichWinsOverAPrompt() throws Exception {
    Path f = dir.resolve("p");
    Files.writeString(f, "from-file\n", StandardCharsets.UTF_8);
    CredentialOptions o = new CredentialOptions();
    o.user = "alice";
    o.passwordFile = f;
    Map<String, String> env = Map.of(CredentialOptions.PASSWORD_VARIABLE, "from-env");
    assertArrayEquals("from-file".toCharArray(), o.readPassword(env, null));
    o.passwordFile = null;
    assertArrayEquals("from-env".toCharArray(), o.readPassword(env, null));
    assertThrows(IllegalArgumentException.class, () -> o.readPassword(Map.of(), null));
  }

  @Test
  void domainOrFileWithoutUserIsRefused() throws Exception {
    CredentialOptions o = new CredentialOptions();
    assertNull(o.readPassword(Map.of(), null));
    o.domain = "CORP";
    assertThrows(IllegalArgumentException.class, () -> o.readPassword(Map.of(), null));
  }
}
