package dev.rdpprobe.wire.x224;

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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Keeps {@link X224FuzzTest}'s seed inputs meaningful: a seed named {@code broken-*} must be
 * rejected with a {@code DecodeException}, a {@code crash-*} file (a finding Jazzer saved) must
 * merely not crash, and any other must decode. A seed with a typo in a length would otherwise go on
 * seeding the fuzzer with one more rejected input, unnoticed.
 */
class X224FuzzSeedsTest {

  private static final Map<String, Function<ByteBuf, ?>> DECODERS =
      Map.ofEntries(
          Map.entry("tpktHeaderDecode", TpktHeader::decode),
          Map.entry("tpktFrameLength", TpktHeader::frameLength),
          Map.entry("x224TpduDecode", X224Tpdu::decode),
          Map.entry("connectionRequestDecode", X224ConnectionRequest::decode),
          Map.entry("connectionConfirmDecode", X224ConnectionConfirm::decode),
          Map.entry("dataDecode", X224Data::decode),
          Map.entry("disconnectRequestDecode", X224DisconnectRequest::decode),
          Map.entry("errorDecode", X224Error::decode),
          Map.entry("negotiationRequestDecode", NegotiationRequest::decode),
          Map.entry("negotiationResultDecode", NegotiationResult::decode),
          Map.entry("negotiationResponseDecode", NegotiationResponse::decode),
          Map.entry("negotiationFailureDecode", NegotiationFailure::decode),
          Map.entry("correlationInfoDecode", CorrelationInfo::decode));

  static Path seedRoot() {
    URL url = X224FuzzSeedsTest.class.getResource("X224FuzzTestInputs");
    assertNotNull(url, "X224FuzzTestInputs on the test class path");
    try {
      return Path.of(url.toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static Stream<Path> seeds() throws IOException {
    List<Path> all;
    try (Stream<Path> walk = Files.walk(seedRoot())) {
      all = walk.filter(Files::isRegularFile).sorted().collect(Collectors.toList());
    }
    return all.stream();
  }

  @Test
  void everyFuzzTestHasSeedsAndEverySeedDirectoryAFuzzTest() throws IOException {
    List<String> dirs;
    try (Stream<Path> list = Files.list(seedRoot())) {
      dirs = list.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
    }
    assertEquals(DECODERS.keySet().stream().sorted().collect(Collectors.toList()), dirs);
    for (String method : DECODERS.keySet()) {
      try {
        X224FuzzTest.class.getDeclaredMethod(method, byte[].class);
      } catch (NoSuchMethodException e) {
        throw new AssertionError("X224FuzzTest has no fuzz test " + method, e);
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("seeds")
  void seedDecodesUnlessNamedBroken(Path seed) {
    String method = seed.getParent().getFileName().toString();
    Function<ByteBuf, ?> decoder = DECODERS.get(method);
    assertNotNull(decoder, "no decoder for seed directory " + method);
    byte[] input;
    try {
      input = Files.readAllBytes(seed);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Object value = FuzzOracles.decodeNeverThrowsOtherThanDecodeException(decoder, input);
    // frameLength answers -1 for "not a whole header yet"
    boolean decoded = value != null && !(value instanceof Integer length && length < 0);
    String name = seed.getFileName().toString();
    if (name.startsWith("crash-")) {
      return; // saved by Jazzer: it must not crash (the oracle above), whether or not it decodes
    }
    if (name.startsWith("broken-")) {
      assertFalse(decoded, () -> seed + " is named broken- but decodes to " + value);
    } else {
      assertTrue(decoded, () -> seed + " does not decode");
    }
  }
}
