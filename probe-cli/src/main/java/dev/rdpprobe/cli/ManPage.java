package dev.rdpprobe.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * The manual page, {@code rdp-probe(1)}, written in roff with the man macros straight from the
 * command model, so it lists every command and option the command has, with their help texts.
 */
final class ManPage {
  private ManPage() {}

  /** The page for {@code root}, the rdp-probe command line, at {@code version}. */
  static String render(CommandLine root, String version) {
    CommandSpec spec = root.getCommandSpec();
    StringBuilder s = new StringBuilder();
    s.append(
        ".\\\" rdp-probe(1), written from the command line model by dev.rdpprobe.cli.ManPage\n");
    s.append(".TH RDP\\-PROBE 1 \"\" \"rdp\\-probe ")
        .append(escape(version))
        .append("\" \"User Commands\"\n");
    // no hyphenation: option values and identifiers must stay whole
    s.append(".nh\n.ad l\n");
    s.append(".SH NAME\n");
    s.append(
            "rdp\\-probe \\- walk an RDP server through the connection sequence and explain how it")
        .append(" ends\n");
    s.append(".SH SYNOPSIS\n");
    s.append(".B rdp\\-probe\n.RI [ OPTIONS ] \" \" HOST [: PORT ]...\n.br\n");
    s.append(".B rdp\\-probe\n.I COMMAND\n.RI [ OPTIONS ] \" \" [ ARGUMENTS ]\n");
    s.append(".SH DESCRIPTION\n");
    paragraphs(s, spec.usageMessage().description());
    s.append(".PP\n");
    s.append(
        text(
            escape(
                "A Windows client (mstsc) would show error codes for the same endings; every"
                    + " diagnosis gives them, with the likely causes, the trace events that"
                    + " support each, and what to check.")));
    s.append(".SH COMMANDS\n");
    for (Map.Entry<String, CommandLine> e : root.getSubcommands().entrySet()) {
      command(s, e.getKey(), e.getValue().getCommandSpec());
    }
    s.append(".SH OPTIONS\n");
    s.append(
        text(
            "Without a command, the options are those of \\fBprobe\\fR. Every command takes"
                + " \\fB\\-h\\fR, \\fB\\-\\-help\\fR."));
    s.append(".SH EXIT STATUS\n");
    for (Map.Entry<String, String> e : spec.usageMessage().exitCodeList().entrySet()) {
      s.append(".TP\n.B ").append(escape(e.getKey().strip())).append('\n');
      s.append(text(escape(e.getValue())));
    }
    s.append(".SH ENVIRONMENT\n");
    env(
        s,
        "RDP_PROBE_PASSWORD",
        "The password for \\-\\-user, read instead of a prompt. It is never taken from the command"
            + " line.");
    env(s, "NO_COLOR", "When set, \\-\\-color auto never colours the output.");
    env(
        s,
        "JAVA_HOME",
        "The launchers of the release archive run $JAVA_HOME/bin/java when it is set, java on the"
            + " PATH otherwise (Java 17 or newer). The Debian package brings its own runtime.");
    env(s, "RDP_PROBE_JAVA_OPTS", "Options the launchers pass to the Java runtime.");
    s.append(".SH EXAMPLES\n");
    example(s, "rdp\\-probe demo", "Probe the built-in emulator's healthy and failing servers.");
    example(s, "rdp\\-probe rdp.example.com", "Probe a server on port 3389.");
    example(
        s,
        "rdp\\-probe doctor 10.0.0.5:3390",
        "Probe, run the follow-up probes that confirm a cause, and give a verdict.");
    example(
        s,
        "rdp\\-probe \\-\\-json \\-iL targets.txt > results.jsonl",
        "Probe many servers, one JSON document per line.");
    example(
        s,
        "rdp\\-probe explain 0x904 0x7",
        "Say what the Remote Desktop Connection dialog's error code and extended error code mean.");
    s.append(".SH SEE ALSO\n");
    s.append(".BR xfreerdp (1)\n");
    return s.toString();
  }

  private static void command(StringBuilder s, String name, CommandSpec sub) {
    StringBuilder synopsis = new StringBuilder("rdp-probe " + name);
    if (!sub.options().isEmpty()) {
      synopsis.append(" [OPTIONS]");
    }
    for (PositionalParamSpec p : sub.positionalParameters()) {
      if (p.hidden()) {
        continue;
      }
      boolean optional = p.arity().min() == 0;
      boolean many = p.arity().max() > 1;
      synopsis
          .append(' ')
          .append(optional ? "[" : "")
          .append(p.paramLabel())
          .append(many ? "..." : "")
          .append(optional ? "]" : "");
    }
    s.append(".SS \"").append(escape(synopsis.toString())).append("\"\n");
    paragraphs(s, sub.usageMessage().description());
    for (PositionalParamSpec p : sub.positionalParameters()) {
      if (!p.hidden()) {
        s.append(".TP\n.I ").append(escape(p.paramLabel())).append('\n');
        s.append(text(escape(joined(p.description(), p.defaultValue()))));
      }
    }
    for (OptionSpec o : sub.options()) {
      if (o.hidden()) {
        continue;
      }
      s.append(".TP\n");
      List<String> names = new ArrayList<>();
      for (String n : o.names()) {
        names.add("\\fB" + escape(n) + "\\fR");
      }
      s.append(String.join(", ", names));
      if (o.arity().max() > 0) {
        s.append(" \\fI").append(escape(o.paramLabel())).append("\\fR");
      }
      s.append('\n');
      s.append(text(escape(joined(o.description(), o.defaultValue()))));
    }
    Map<String, String> exitCodes = sub.usageMessage().exitCodeList();
    if (!exitCodes.isEmpty()) {
      s.append(".PP\nExit codes of \\fB").append(escape(name)).append("\\fR:\n");
      for (Map.Entry<String, String> e : exitCodes.entrySet()) {
        s.append(".TP\n.B ").append(escape(e.getKey().strip())).append('\n');
        s.append(text(escape(e.getValue())));
      }
    }
  }

  private static void paragraphs(StringBuilder s, String[] lines) {
    boolean open = false;
    for (String line : lines) {
      String l = line.replace("%n", "");
      if (l.isBlank()) {
        open = false;
        continue;
      }
      if (l.startsWith("  ")) {
        // an example line of the help text: keep it as it is
        s.append(".nf\n").append(escapeLine(l.strip())).append("\n.fi\n");
        open = false;
        continue;
      }
      if (!open) {
        s.append(".PP\n");
        open = true;
      }
      s.append(escapeLine(l.strip())).append('\n');
    }
  }

  private static String joined(String[] description, String defaultValue) {
    String d = String.join(" ", description).replace("%n", " ");
    d = d.replace("${DEFAULT-VALUE}", defaultValue == null ? "" : defaultValue);
    return d.replaceAll("\\$\\{[A-Z-]+}", "").strip();
  }

  private static void env(StringBuilder s, String name, String roffText) {
    s.append(".TP\n.B ").append(name).append('\n').append(roffText).append('\n');
  }

  private static void example(StringBuilder s, String roffCommand, String what) {
    s.append(".PP\n").append(escapeLine(what)).append("\n.RS\n.nf\n");
    s.append(roffCommand).append("\n.fi\n.RE\n");
  }

  /** A line of running text: escaped, and kept from being read as a request. */
  private static String text(String roff) {
    return roff.startsWith(".") || roff.startsWith("'") ? "\\&" + roff + "\n" : roff + "\n";
  }

  private static String escapeLine(String plain) {
    String e = escape(plain);
    return e.startsWith(".") || e.startsWith("'") ? "\\&" + e : e;
  }

  /** Plain text for roff: backslashes doubled, hyphens of options kept as minus signs. */
  static String escape(String plain) {
    return plain.replace("\\", "\\e").replace("-", "\\-");
  }
}
