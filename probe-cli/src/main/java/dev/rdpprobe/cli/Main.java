package dev.rdpprobe.cli;

import java.io.PrintWriter;
import java.util.Set;
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
      "  rdp-probe doctor HOST[:PORT]   also runs the follow-up probes and gives a verdict."
    },
    subcommands = {ProbeCommand.class, CommandLine.HelpCommand.class},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:every target reached the stop point",
      "1:some target failed",
      "2:usage error"
    })
public final class Main implements Runnable {
  static final int EXIT_OK = 0;
  static final int EXIT_FAILED = 1;
  static final int EXIT_USAGE = 2;

  private static final Set<String> TOP_LEVEL =
      Set.of(
          "probe",
          "doctor",
          "serve",
          "demo",
          "version",
          "completion",
          "help",
          "-h",
          "--help",
          "-V",
          "--version");

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the command line and returns the exit code. */
  static int run(String... args) {
    CommandLine cmd = commandLine();
    if (args.length > 0 && !TOP_LEVEL.contains(args[0])) {
      String[] withProbe = new String[args.length + 1];
      withProbe[0] = "probe";
      System.arraycopy(args, 0, withProbe, 1, args.length);
      args = withProbe;
    }
    return cmd.execute(args);
  }

  static CommandLine commandLine() {
    CommandLine cmd = new CommandLine(new Main());
    cmd.addSubcommand("doctor", new DoctorCommand(System.out));
    cmd.addSubcommand("serve", new ServeCommand(System.out));
    cmd.addSubcommand("demo", new DemoCommand(System.out));
    CommandLine completion = new CommandLine(new picocli.AutoComplete.GenerateCompletion());
    completion.getCommandSpec().usageMessage().hidden(false);
    cmd.addSubcommand("completion", completion);
    cmd.addSubcommand("version", new VersionCommand());
    cmd.setParameterExceptionHandler(
        (ex, a) -> {
          PrintWriter err = ex.getCommandLine().getErr();
          err.println("rdp-probe: " + ex.getMessage());
          err.println("Try 'rdp-probe --help'.");
          return EXIT_USAGE;
        });
    cmd.setExecutionExceptionHandler(
        (ex, c, parsed) -> {
          if (ex instanceof IllegalArgumentException || ex instanceof java.io.IOException) {
            c.getErr().println("rdp-probe: " + ex.getMessage());
            return EXIT_USAGE;
          }
          c.getErr().println("rdp-probe: internal error: " + ex);
          return EXIT_FAILED;
        });
    return cmd;
  }

  @Override
  public void run() {
    // no command and no target: a usage error
    spec.commandLine().usage(System.err);
    throw new CommandLine.ParameterException(spec.commandLine(), "no target given");
  }

  /** The version from the jar manifest. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = Main.class.getPackage().getImplementationVersion();
      return new String[] {"rdp-probe " + (v == null ? "(development build)" : v)};
    }
  }

  /** {@code rdp-probe version}. */
  @Command(name = "version", description = "Print the version.")
  static final class VersionCommand implements Runnable {
    @Override
    public void run() {
      System.out.println(new Version().getVersion()[0]);
    }
  }
}
