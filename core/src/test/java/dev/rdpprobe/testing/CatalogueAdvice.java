package dev.rdpprobe.testing;

import dev.rdpprobe.diagnose.Remedy;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** Whether a list of advice is a remedy of the cause catalogue, its placeholder filled. */
public final class CatalogueAdvice {
  private CatalogueAdvice() {}

  /** The remedy whose steps {@code advice} is, if any. */
  public static Optional<Remedy> remedyOf(List<String> advice) {
    return Arrays.stream(Remedy.values()).filter(r -> isRemedy(r, advice)).findFirst();
  }

  /** Whether {@code advice} is the steps of {@code r}, its placeholder filled with anything. */
  public static boolean isRemedy(Remedy r, List<String> advice) {
    if (r.placeholder().isEmpty()) {
      return r.steps().equals(advice);
    }
    List<String> template = r.steps(r.placeholder(), "\0");
    if (template.size() != advice.size()) {
      return false;
    }
    for (int i = 0; i < advice.size(); i++) {
      String[] parts = template.get(i).split("\0", -1);
      StringBuilder regex = new StringBuilder();
      for (int k = 0; k < parts.length; k++) {
        regex.append(k == 0 ? "" : ".+").append(Pattern.quote(parts[k]));
      }
      if (!advice.get(i).matches(regex.toString())) {
        return false;
      }
    }
    return true;
  }
}
