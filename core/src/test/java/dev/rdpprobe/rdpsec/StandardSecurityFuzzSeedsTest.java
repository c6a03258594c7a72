package dev.rdpprobe.rdpsec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rdpprobe.wire.FuzzSeeds;
import dev.rdpprobe.wire.Octets;
import dev.rdpprobe.wire.gcc.EncryptionLevel;
import dev.rdpprobe.wire.sec.SecurityFlags;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Keeps {@link StandardSecurityFuzzTest}'s seeds meaningful: every fuzz method has seeds, a {@code
 * valid-*} session unprotects with every signature checking, a {@code tampered-*} one has a bad
 * signature, a {@code broken-*} one is refused with a DecodeException somewhere. Regenerate them
 * with
 *
 * <pre>
 * ./mvnw -q -B -pl core test -Dtest=StandardSecurityFuzzSeedsTest -Drdpprobe.regenerate=rdpsec
 * </pre>
 */
class StandardSecurityFuzzSeedsTest {
  /** The unprotecting fuzz methods, with the method and level of their context. */
  static final Map<String, Object[]> SESSIONS =
      Map.of(
          "none", new Object[] {EncryptionMethod.NONE, EncryptionLevel.NONE},
          "rc4With40Bits",
              new Object[] {EncryptionMethod.RC4_40, EncryptionLevel.CLIENT_COMPATIBLE},
          "rc4With56Bits",
              new Object[] {EncryptionMethod.RC4_56, EncryptionLevel.CLIENT_COMPATIBLE},
          "rc4With128Bits", new Object[] {EncryptionMethod.RC4_128, EncryptionLevel.HIGH},
          "rc4AtLevelLow", new Object[] {EncryptionMethod.RC4_128, EncryptionLevel.LOW},
          "fips", new Object[] {EncryptionMethod.FIPS, EncryptionLevel.FIPS});

  static Stream<Path> seeds() {
    return FuzzSeeds.seeds(StandardSecurityFuzzTest.class);
  }

  @Test
  void everyFuzzTestHasSeedsAndEverySeedDirectoryAFuzzTest() throws IOException {
    Set<String> dirs;
    try (Stream<Path> list = Files.list(FuzzSeeds.root(StandardSecurityFuzzTest.class))) {
      dirs = list.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
    }
    Set<String> methods =
        Stream.concat(SESSIONS.keySet().stream(), Stream.of("open")).collect(Collectors.toSet());
    assertEquals(methods, dirs);
    for (String method : methods) {
      assertTrue(seedsOf(method) > 0, method + " has no seeds");
    }
  }

  private static long seedsOf(String method) throws IOException {
    try (Stream<Path> s =
        Files.list(FuzzSeeds.root(StandardSecurityFuzzTest.class).resolve(method))) {
      return s.count();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("seeds")
  void seedBehavesAsItsNameSays(Path seed) throws IOException {
    String method = seed.getParent().getFileName().toString();
    String name = seed.getFileName().toString();
    byte[] input = Files.readAllBytes(seed);
    if (method.equals("open")) {
      new StandardSecurityFuzzTest().open(input);
      return;
    }
    Object[] session = SESSIONS.get(method);
    assertNotNull(session, method);
    List<Unprotected> results =
        StandardSecurityFuzzTest.unprotectAll(
            (EncryptionMethod) session[0], (EncryptionLevel) session[1], input);
    if (name.startsWith("valid-")) {
      assertFalse(results.isEmpty());
      for (Unprotected u : results) {
        assertNotNull(u, name + ": refused");
        assertTrue(u.mac() != MacCheck.INVALID, name + ": " + u.summary());
      }
    } else if (name.startsWith("tampered-")) {
      assertTrue(results.stream().anyMatch(u -> u != null && u.mac() == MacCheck.INVALID), name);
    } else if (name.startsWith("broken-")) {
      assertTrue(results.contains(null), name + " decodes");
    }
  }

  // --- regeneration ------------------------------------------------------------------------------

  @Test
  @EnabledIfSystemProperty(named = "rdpprobe.regenerate", matches = "rdpsec")
  void regenerate() throws IOException {
    Path root = Path.of("src/test/resources/dev/rdpprobe/rdpsec/StandardSecurityFuzzTestInputs");
    for (Map.Entry<String, Object[]> e : SESSIONS.entrySet()) {
      EncryptionMethod method = (EncryptionMethod) e.getValue()[0];
      EncryptionLevel level = (EncryptionLevel) e.getValue()[1];
      Path dir = Files.createDirectories(root.resolve(e.getKey()));
      List<Octets> session = serverSession(method, level, false);
      write(dir.resolve("valid-server-session"), session);
      if (method.isRc4()) {
        write(dir.resolve("valid-salted-server-session"), serverSession(method, level, true));
      }
      if (method != EncryptionMethod.NONE && !level.equals(EncryptionLevel.LOW)) {
        // (at LOW the server sends in the clear: nothing to tamper with)
        byte[] tampered = session.get(1).toByteArray();
        tampered[tampered.length - 1] ^= 0x20;
        write(
            dir.resolve("tampered-last-byte"),
            List.of(session.get(0), Octets.of(tampered), session.get(2)));
      }
      write(dir.resolve("broken-short-header"), List.of(Octets.fromHex("0800")));
      if (method == EncryptionMethod.FIPS) {
        write(
            dir.resolve("broken-not-whole-blocks"),
            List.of(Octets.fromHex("08000000100001000102030405060708aabbcc")));
      }
    }
    Path open = Files.createDirectories(root.resolve("open"));
    Files.write(
        open.resolve("fips-one-block"),
        Octets.fromHex("0403 0102030405060708 1122334455667788").toByteArray());
    Files.write(
        open.resolve("rc4-salted"), Octets.fromHex("8300 0102030405060708 112233").toByteArray());
    Files.write(open.resolve("none"), Octets.fromHex("0000 0102030405060708").toByteArray());
  }

  /** Three PDUs a server context with the fuzz test's randoms sends: licensing, two data PDUs. */
  private static List<Octets> serverSession(
      EncryptionMethod method, EncryptionLevel level, boolean salted) {
    StandardSecurity server =
        method == EncryptionMethod.NONE
            ? StandardSecurity.none(Side.SERVER)
            : StandardSecurity.serverSide(
                method.toEncryptionMethods(),
                level,
                Octets.of(StandardSecurityFuzzTest.CLIENT_RANDOM),
                Octets.of(StandardSecurityFuzzTest.SERVER_RANDOM));
    server.saltedMac(salted);
    return List.of(
        server.protectInClear(
            Octets.fromHex("ff031000070000000200000004000000"), SecurityFlags.SEC_LICENSE_PKT),
        server.protect(Octets.of("a Demand Active in all but name".getBytes()), 0),
        server.protect(Octets.of(new byte[23]), 0));
  }

  private static void write(Path file, List<Octets> pdus) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (Octets pdu : pdus) {
      out.write(pdu.length() & 0xFF);
      out.write(pdu.length() >>> 8);
      out.writeBytes(pdu.toByteArray());
    }
    Files.write(file, out.toByteArray());
  }
}
