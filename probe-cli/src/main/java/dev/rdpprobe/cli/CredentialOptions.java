package dev.rdpprobe.cli;

import dev.rdpprobe.ProbeSpec;
import java.io.Console;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The account to prove over CredSSP: {@code --user} and {@code --domain} on the command line, the
 * password never: from {@code RDP_PROBE_PASSWORD}, from {@code --password-file}, or typed at a
 * prompt without echo. The password is read once, before any probe, and overwritten after the specs
 * are built (each spec keeps its own copy until its probe has used it).
 */
final class CredentialOptions {
  /** The environment variable that holds the password. */
  static final String PASSWORD_VARIABLE = "RDP_PROBE_PASSWORD";

  @Option(
      names = "--user",
      paramLabel = "NAME",
      description =
          "Prove this account over CredSSP (NTLMv2 and pubKeyAuth; the password is never sent)."
              + " The password comes from "
              + PASSWORD_VARIABLE
              + ", --password-file, or a prompt.")
  String user;

  @Option(
      names = "--domain",
      paramLabel = "NAME",
      description = "The account's domain (default: none, for an account local to the server).")
  String domain;

  @Option(
      names = "--password-file",
      paramLabel = "FILE",
      description = "Read the password from the first line of FILE (UTF-8).")
  Path passwordFile;

  @Option(
      names = "--restricted-admin",
      description =
          "After the server accepts the credentials, send Restricted Admin mode's empty"
              + " TSCredentials (nothing delegated) so the server goes on to MCS.")
  boolean restrictedAdmin;

  /** Whether credentials were asked for. */
  boolean given() {
    return user != null;
  }

  /**
   * Reads the password: the file if given, else the environment variable, else a prompt.
   *
   * @throws IllegalArgumentException when the options do not fit or no password can be read
   */
  char[] readPassword(Map<String, String> env, Console console) throws IOException {
    if (user == null) {
      if (domain != null || passwordFile != null || restrictedAdmin) {
        throw new IllegalArgumentException(
            (domain != null
                    ? "--domain"
                    : passwordFile != null ? "--password-file" : "--restricted-admin")
                + " needs --user");
      }
      return null;
    }
    if (user.isBlank()) {
      throw new IllegalArgumentException("--user is empty");
    }
    if (passwordFile != null) {
      return fromFile(passwordFile);
    }
    String fromEnv = env.get(PASSWORD_VARIABLE);
    if (fromEnv != null) {
      return fromEnv.toCharArray();
    }
    if (console == null) {
      throw new IllegalArgumentException(
          "no password for --user "
              + user
              + ": set "
              + PASSWORD_VARIABLE
              + ", give --password-file FILE, or run in a terminal to be asked");
    }
    char[] typed = console.readPassword("Password for %s: ", account());
    if (typed == null) {
      throw new IllegalArgumentException("no password typed");
    }
    return typed;
  }

  /** {@code DOMAIN\\user} or {@code user}. */
  String account() {
    return domain == null || domain.isEmpty() ? user : domain + "\\" + user;
  }

  /** Adds the credentials to {@code builder}; {@code password} may be null (none asked for). */
  void apply(ProbeSpec.Builder builder, char[] password) {
    if (password != null) {
      builder.credentials(user, domain == null ? "" : domain, password);
      builder.restrictedAdmin(restrictedAdmin);
    }
  }

  /** The first line of the file, without its line end. */
  static char[] fromFile(Path file) throws IOException {
    if (!Files.isReadable(file)) {
      throw new IllegalArgumentException("cannot read the password file " + file);
    }
    byte[] bytes = Files.readAllBytes(file);
    CharBuffer chars = null;
    try {
      chars =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes));
      int end = 0;
      while (end < chars.limit() && chars.get(end) != '\n' && chars.get(end) != '\r') {
        end++;
      }
      if (end == 0) {
        throw new IllegalArgumentException(
            "the password file " + file + " starts with an empty line");
      }
      char[] out = new char[end];
      chars.get(0, out);
      return out;
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException("the password file " + file + " is not UTF-8");
    } finally {
      Arrays.fill(bytes, (byte) 0);
      if (chars != null && chars.hasArray()) {
        Arrays.fill(chars.array(), '\0');
      }
    }
  }
}
