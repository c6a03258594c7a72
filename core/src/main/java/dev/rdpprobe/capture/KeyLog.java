package dev.rdpprobe.capture;

import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * TLS secrets from NSS key-log lines ({@code LABEL <client random hex> <secret hex>}), by client
 * random and label; at most {@link CaptureLimits#KEY_LOG_LINES} are kept, malformed lines skipped.
 */
final class KeyLog {
  /** What separates a line's fields; compiled once ({@code String.split} compiles it each line). */
  private static final Pattern WHITESPACE = Pattern.compile("\\s+");

  private final Map<String, Map<String, byte[]>> secrets = new HashMap<>();
  private int lines;

  /** The secrets, updated as lines are added. */
  Map<String, Map<String, byte[]>> secrets() {
    return secrets;
  }

  void addAll(List<String> more) {
    for (String line : more) {
      add(line);
    }
  }

  void add(String line) {
    String[] f = WHITESPACE.split(line.strip());
    if (f.length != 3 || f[0].startsWith("#") || lines >= CaptureLimits.KEY_LOG_LINES) {
      return;
    }
    if (f[1].length() != 64 || f[2].length() > 128 || f[2].length() % 2 != 0) {
      return;
    }
    try {
      byte[] secret = HexFormat.of().parseHex(f[2]);
      HexFormat.of().parseHex(f[1]);
      secrets
          .computeIfAbsent(f[1].toLowerCase(Locale.ROOT), k -> new HashMap<>())
          .put(f[0], secret);
      lines++;
    } catch (IllegalArgumentException e) {
      // not hex: skipped
    }
  }
}
