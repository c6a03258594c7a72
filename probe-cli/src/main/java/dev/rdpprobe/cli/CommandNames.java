package dev.rdpprobe.cli;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Tells a mistyped command from a host name. A word is taken for a command the user meant when it
 * cannot be a host the user would type bare (it has no dot, colon or digit, so it is neither an
 * address nor a qualified name) and is close to a command name: at most two edits away (one for
 * words of four letters or fewer, so that short host names such as {@code dev} are still probed), a
 * swap of two neighbouring letters counting as one edit. {@code demoo} and {@code dmeo} are refused
 * with "did you mean demo"; {@code rdp01}, {@code rdp.example.com} and {@code 10.0.0.5} are probed.
 */
final class CommandNames {
  private CommandNames() {}

  /** The command {@code word} most likely stands for, or empty if it may well be a host. */
  static Optional<String> meant(String word, List<String> commands) {
    if (!commandShaped(word)) {
      return Optional.empty();
    }
    String lower = word.toLowerCase(Locale.ROOT);
    int allowed = lower.length() <= 4 ? 1 : 2;
    String best = null;
    int bestDistance = allowed + 1;
    for (String c : commands) {
      int d = distance(lower, c);
      if (d < bestDistance) {
        best = c;
        bestDistance = d;
      }
    }
    return Optional.ofNullable(best);
  }

  /**
   * Whether {@code word} is an ASCII letter followed by ASCII letters, {@code _} and {@code -}: a
   * loop, not a regular expression, since a lone target's probe waits for this (a pattern's first
   * compilation in a process is about 2 ms).
   */
  private static boolean commandShaped(String word) {
    if (word.isEmpty() || !asciiLetter(word.charAt(0))) {
      return false;
    }
    for (int i = 1; i < word.length(); i++) {
      char c = word.charAt(i);
      if (!asciiLetter(c) && c != '_' && c != '-') {
        return false;
      }
    }
    return true;
  }

  private static boolean asciiLetter(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
  }

  /**
   * The optimal string alignment distance: insertions, deletions, substitutions and swaps of two
   * neighbouring characters, each one edit.
   */
  static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(d[i - 1][j - 1] + cost, Math.min(d[i - 1][j], d[i][j - 1]) + 1);
        if (i > 1
            && j > 1
            && a.charAt(i - 1) == b.charAt(j - 2)
            && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }
}
