package dev.rdpprobe.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rdpprobe.fuzz.FuzzOracles;
import io.netty.buffer.ByteBuf;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Checks the seed inputs of a Jazzer fuzz test class (the layout of {@code X224FuzzTest}: one
 * directory per fuzz method under {@code <FuzzTestClass>Inputs/}): every method has seeds and every
 * directory a method, a seed named {@code broken-*} is rejected with a {@code DecodeException}, a
 * {@code crash-*} file only must not crash, and any other seed decodes.
 */
public final class FuzzSeeds {
  private FuzzSeeds() {}

  /** The seed directory of {@code fuzzTest}. */
  public static Path root(Class<?> fuzzTest) {
    URL url = fuzzTest.getResource(fuzzTest.getSimpleName() + "Inputs");
    assertNotNull(url, fuzzTest.getSimpleName() + "Inputs on the test class path");
    try {
      return Path.of(url.toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Every seed file of {@code fuzzTest}, sorted. */
  public static Stream<Path> seeds(Class<?> fuzzTest) {
    try (Stream<Path> walk = Files.walk(root(fuzzTest))) {
      List<Path> all = walk.filter(Files::isRegularFile).sorted().collect(Collectors.toList());
      return all.stream();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The seed directories and the fuzz methods match {@code decoders}' keys. */
  public static void assertDirectoriesMatch(
      Class<?> fuzzTest, Map<String, Function<ByteBuf, ?>> decoders) {
    List<String> dirs;
    try (Stream<Path> list = Files.list(root(fuzzTest))) {
      dirs = list.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    assertEquals(decoders.keySet().stream().sorted().collect(Collectors.toList()), dirs);
    for (String method : decoders.keySet()) {
      try {
        fuzzTest.getDeclaredMethod(method, byte[].class);
      } catch (NoSuchMethodException e) {
        throw new AssertionError(fuzzTest.getSimpleName() + " has no fuzz test " + method, e);
      }
    }
  }

  /** Checks one seed against its directory's decoder. */
  public static void assertSeed(Path seed, Map<String, Function<ByteBuf, ?>> decoders) {
    String method = seed.getParent().getFileName().toString();
    Function<ByteBuf, ?> decoder = decoders.get(method);
    assertNotNull(decoder, "no decoder for seed directory " + method);
    byte[] input;
    try {
      input = Files.readAllBytes(seed);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Object value = FuzzOracles.decodeNeverThrowsOtherThanDecodeException(decoder, input);
    String name = seed.getFileName().toString();
    if (name.startsWith("crash-")) {
      return;
    }
    if (name.startsWith("broken-")) {
      assertFalse(value != null, () -> seed + " is named broken- but decodes to " + value);
    } else {
      assertTrue(value != null, () -> seed + " does not decode");
    }
  }
}
