package dev.rdpprobe.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code rdp-probe completion [bash|zsh|fish]}: a completion script for the shell. The bash script
 * is picocli's, which zsh runs through its {@code bashcompinit}; the fish script is written here
 * from the same command model.
 */
@Command(
    name = "completion",
    mixinStandardHelpOptions = true,
    description = {
      "Print a completion script for the shell: bash (the default), zsh or fish.",
      "",
      "  bash:  source <(rdp-probe completion bash)",
      "         or save it as /etc/bash_completion.d/rdp-probe",
      "  zsh:   source <(rdp-probe completion zsh)",
      "         (the bash script, through zsh's bashcompinit)",
      "  fish:  rdp-probe completion fish > ~/.config/fish/completions/rdp-probe.fish"
    })
final class CompletionCommand implements Callable<Integer> {
  /** The shells a script exists for. */
  static final List<String> SHELLS = List.of("bash", "zsh", "fish");

  static final class Shells implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return SHELLS.iterator();
    }
  }

  @Parameters(
      arity = "0..1",
      paramLabel = "SHELL",
      completionCandidates = Shells.class,
      description = "bash, zsh or fish (default: bash).")
  String shell = "bash";

  @Spec CommandSpec spec;

  private final PrintStream out;

  CompletionCommand(PrintStream out) {
    this.out = out;
  }

  @Override
  public Integer call() {
    CommandLine root = spec.root().commandLine();
    String script =
        switch (shell.toLowerCase(Locale.ROOT)) {
          case "bash", "zsh" -> bash(root);
          case "fish" -> fish(root);
          default ->
              throw new IllegalArgumentException(
                  "no completion for shell '" + shell + "': bash, zsh or fish");
        };
    out.print(script);
    out.flush();
    return Main.EXIT_OK;
  }

  /** picocli's script, which bash sources and zsh runs through bashcompinit. */
  static String bash(CommandLine root) {
    return AutoComplete.bash("rdp-probe", root);
  }

  /**
   * A fish script: the subcommands with their descriptions, and every option of every subcommand;
   * the options of {@code probe} also before any subcommand, since it is the default one.
   */
  static String fish(CommandLine root) {
    StringBuilder s = new StringBuilder();
    s.append("# fish completion for rdp-probe, written from its command line model\n");
    s.append("complete -c rdp-probe -e\n");
    // targets are host names, not files
    s.append("complete -c rdp-probe -f\n");
    List<String> names = new ArrayList<>(root.getSubcommands().keySet());
    String any = String.join(" ", names);
    for (String name : names) {
      CommandSpec sub = root.getSubcommands().get(name).getCommandSpec();
      s.append("complete -c rdp-probe -n 'not __fish_seen_subcommand_from ")
          .append(any)
          .append("' -a ")
          .append(name)
          .append(" -d ")
          .append(quote(firstClause(firstLine(sub.usageMessage().description()))))
          .append('\n');
    }
    CommandSpec probe = root.getSubcommands().get("probe").getCommandSpec();
    options(s, probe, "not __fish_seen_subcommand_from " + any);
    for (String name : names) {
      CommandSpec sub = root.getSubcommands().get(name).getCommandSpec();
      options(s, sub, "__fish_seen_subcommand_from " + name);
    }
    s.append("complete -c rdp-probe -n '__fish_seen_subcommand_from help' -a ")
        .append(quote(any))
        .append('\n');
    s.append("complete -c rdp-probe -n '__fish_seen_subcommand_from completion' -a ")
        .append(quote(String.join(" ", SHELLS)))
        .append('\n');
    return s.toString();
  }

  private static void options(StringBuilder s, CommandSpec spec, String condition) {
    for (OptionSpec o : spec.options()) {
      if (o.hidden()) {
        continue;
      }
      s.append("complete -c rdp-probe -n ").append(quote(condition));
      for (String n : o.names()) {
        if (n.startsWith("--")) {
          s.append(" -l ").append(n.substring(2));
        } else if (n.length() == 2) {
          s.append(" -s ").append(n.substring(1));
        } else {
          s.append(" -o ").append(n.substring(1));
        }
      }
      if (o.arity().max() > 0) {
        Class<?> type = o.type();
        if (type == java.nio.file.Path.class || type == java.io.File.class) {
          s.append(" -r -F");
        } else if (o.completionCandidates() != null) {
          List<String> values = new ArrayList<>();
          o.completionCandidates().forEach(values::add);
          s.append(" -x -a ").append(quote(String.join(" ", values)));
        } else {
          s.append(" -x");
        }
      }
      s.append(" -d ").append(quote(firstLine(o.description()))).append('\n');
    }
  }

  /** The first line of a description, without picocli's variables. */
  static String firstLine(String[] description) {
    if (description.length == 0) {
      return "";
    }
    return description[0]
        .replaceAll("\\s*\\(default: \\$\\{DEFAULT-VALUE}\\)", "")
        .replaceAll("\\$\\{[A-Z-]+}", "")
        .replaceAll("%n", " ")
        .strip();
  }

  /** A command's description up to its first colon or full stop, for fish's short list. */
  static String firstClause(String description) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("[.:](\\s|$)").matcher(description);
    return m.find() ? description.substring(0, m.start()) : description;
  }

  /** A fish single-quoted string. */
  static String quote(String s) {
    return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }
}
