package dev.rdpprobe.cli;

import dev.rdpprobe.RdpProbe;
import java.io.PrintWriter;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code rdp-probe} command: subcommands, with {@code probe} as the default. */
@Command(
    name = "rdp-probe",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = {
      "Walks an RDP server through the connection sequence and shows how it ends.",
      "",
      "  rdp-probe HOST[:PORT]...   is short for   rdp-probe probe HOST[:PORT]...",
      "  rdp-probe doctor HOST[:PORT]   adds the follow-up probes and a verdict.",
      "  rdp-probe explain 0x904 0x7    says what a Windows client's error code means.",
      "  rdp-probe analyze FILE   explains the RDP connections of a pcap or pcapng capture."
    },
    subcommands = {ProbeCommand.class},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:every target reached the stop point",
      "1:some target failed",
      "2:usage error",
      "130:interrupted (Ctrl-C): the probes in flight were cancelled and reported",
      "143:stopped by SIGTERM: as 130, the report cut after one second"
    })
public final class Main implements Runnable {
  static final int EXIT_OK = 0;
  static final int EXIT_FAILED = 1;
  static final int EXIT_USAGE = 2;

  /** The subcommands, as a user types them. */
  static final List<String> COMMANDS =
      List.of(
          "probe",
          "doctor",
          "analyze",
          "serve",
          "fuzz",
          "replay",
          "demo",
          "explain",
          "completion",
          "version",
          "help");

  /** The commands that look at every command's model: help and completion. */
  private static final Set<String> WANT_EVERY = Set.of("help", "completion");

  private static final Set<String> TOP_LEVEL = topLevel();

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  private static final String NETTY_JFR = "io.netty.jfr.enabled";

  private static final String SLF4J_VERBOSITY = "slf4j.internal.verbosity";

  /** The commands that never probe: for them the probe's one-time preparation is wasted. */
  private static final Set<String> NOT_PROBING =
      Set.of(
          "analyze",
          "serve",
          "explain",
          "completion",
          "version",
          "help",
          "-h",
          "--help",
          "-V",
          "--version");

  public static void main(String[] args) {
    processDefaults();
    if (args.length > 0 && !NOT_PROBING.contains(args[0])) {
      // the trust store, the connector's first steps and the native transport get ready on
      // another core while the command line is read (picocli's model of a command's options is
      // about as long, cold)
      RdpProbe.prepare();
    }
    boolean loneTarget =
        args.length == 1
            && !TOP_LEVEL.contains(args[0])
            && !args[0].startsWith("-")
            && !args[0].startsWith("@") // picocli's argument file
            && CommandNames.meant(args[0], COMMANDS).isEmpty();
    if (loneTarget) {
      // rdp-probe HOST[:PORT] alone: its RdpProbe is made beside everything else
      EarlyProbe.start();
    }
    Interrupts.install();
    System.exit(loneTarget ? runLoneTarget(args[0]) : run(args));
  }

  /**
   * The system properties of a CLI process, set first thing unless the command line set them: they
   * suit a short-lived process whose stderr a person reads.
   */
  static void processDefaults() {
    // Netty's buffer allocators register Java Flight Recorder events on their first buffer: in a
    // short-lived process that is ~30 ms of CPU (the JFR classes, their annotations' proxies) for
    // events nobody records; -Dio.netty.jfr.enabled=true turns them back on
    if (System.getProperty(NETTY_JFR) == null) {
      System.setProperty(NETTY_JFR, "false");
    }
    // SLF4J finds its provider on the first thread that logs while others start: a logging call
    // made meanwhile, even one below the level shown, is queued and replayed, and SLF4J says so on
    // stderr in three lines of its own that a user cannot act on; its errors still show
    if (System.getProperty(SLF4J_VERBOSITY) == null) {
      System.setProperty(SLF4J_VERBOSITY, "ERROR");
    }
  }

  /**
   * {@code rdp-probe HOST[:PORT]} with nothing else: the probe command with every option at its
   * default ({@link ProbeCommand#withDefaults}), without picocli's model of its options, about 40
   * ms of a cold start's CPU spent beside the probe. The same command, output and exit codes as
   * through picocli; {@code ProbeCommandDefaultsTest} holds the two to the same options.
   */
  static int runLoneTarget(String target) {
    try {
      return ProbeCommand.withDefaults(target).call();
    } catch (Exception e) {
      return failed(e, new PrintWriter(System.err, true));
    }
  }

  /** What a command that threw says, and its exit code. */
  private static int failed(Exception e, PrintWriter err) {
    if (e instanceof IllegalArgumentException || e instanceof java.io.IOException) {
      err.println("rdp-probe: " + e.getMessage());
      return EXIT_USAGE;
    }
    err.println("rdp-probe: internal error: " + e);
    return EXIT_FAILED;
  }

  /**
   * The commands and the top-level options; without a stream, whose first use in a process links
   * its lambdas (milliseconds on the main thread before any probe work starts).
   */
  private static Set<String> topLevel() {
    Set<String> all = new HashSet<>(COMMANDS);
    all.addAll(List.of("-h", "--help", "-V", "--version"));
    return Set.copyOf(all);
  }

  /** Runs the command line and returns the exit code. */
  static int run(String... args) {
    if (args.length > 0 && !TOP_LEVEL.contains(args[0])) {
      Optional<String> meant = CommandNames.meant(args[0], COMMANDS);
      if (meant.isPresent()) {
        System.err.println(
            "rdp-probe: '" + args[0] + "' is not a command; did you mean '" + meant.get() + "'?");
        System.err.println("To probe a host of that name: rdp-probe probe " + args[0]);
        return EXIT_USAGE;
      }
      String[] withProbe = new String[args.length + 1];
      withProbe[0] = "probe";
      System.arraycopy(args, 0, withProbe, 1, args.length);
      args = withProbe;
    }
    boolean onlyOne =
        args.length > 0 && COMMANDS.contains(args[0]) && !WANT_EVERY.contains(args[0]);
    return commandLine(onlyOne ? args[0] : null).execute(args);
  }

  /**
   * Every command's model, as {@code --help}, {@code help}, completion and the man pages see it.
   */
  static CommandLine commandLine() {
    return commandLine(null);
  }

  /**
   * The command line with the model of {@code only} (besides {@code probe}, which the top level
   * always has), or of every command when it is null: picocli reads each command's annotations when
   * it is added, about 20 ms for all of them in a new process, wasted on the commands that do not
   * run.
   */
  private static CommandLine commandLine(String only) {
    CommandLine cmd = new CommandLine(new Main());
    Map<String, Supplier<Object>> commands = new LinkedHashMap<>();
    commands.put("doctor", () -> new DoctorCommand(System.out));
    commands.put("analyze", () -> new AnalyzeCommand(System.out));
    commands.put("serve", () -> new ServeCommand(System.out));
    commands.put("fuzz", () -> new FuzzCommand(System.out));
    commands.put("replay", () -> new ReplayCommand(System.out));
    commands.put("demo", () -> new DemoCommand(System.out));
    commands.put("explain", () -> new ExplainCommand(System.out));
    commands.put("completion", () -> new CompletionCommand(System.out));
    commands.put("version", VersionCommand::new);
    commands.put("help", CommandLine.HelpCommand::new);
    commands.forEach(
        (name, command) -> {
          if (only == null || only.equals(name)) {
            cmd.addSubcommand(name, command.get());
          }
        });
    cmd.setParameterExceptionHandler(
        (ex, a) -> {
          PrintWriter err = ex.getCommandLine().getErr();
          err.println("rdp-probe: " + ex.getMessage());
          err.println("Try 'rdp-probe --help'.");
          return EXIT_USAGE;
        });
    cmd.setExecutionExceptionHandler((ex, c, parsed) -> failed(ex, c.getErr()));
    return cmd;
  }

  @Override
  public void run() {
    // no command and no target: a usage error
    spec.commandLine().usage(System.err);
    throw new CommandLine.ParameterException(spec.commandLine(), "no target given");
  }

  /** The version and the commit the build wrote, for {@code --version}. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {BuildInfo.current().line(), BuildInfo.runtime()};
    }
  }

  /** {@code rdp-probe version}. */
  @Command(
      name = "version",
      mixinStandardHelpOptions = true,
      description = {
        "Print the version, the git commit it was built from, and the Java runtime it runs on."
      })
  static final class VersionCommand implements Runnable {
    @Override
    public void run() {
      for (String line : new Version().getVersion()) {
        System.out.println(line);
      }
    }
  }
}
