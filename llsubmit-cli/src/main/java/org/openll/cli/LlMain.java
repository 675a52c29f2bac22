package org.openll.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.openll.cli.format.JsonError;
import org.openll.common.config.LoadLConfig;

/**
 * The entry point of every command: {@code LlMain COMMAND ARGS...} with COMMAND one of
 * {@code llsubmit}, {@code llq}, {@code llcancel}, {@code llhold}, {@code llctl}, {@code llsummary},
 * {@code llstatus}, {@code llclass}, {@code llprio}, {@code llmodify}, {@code llfavorjob}, {@code llfavoruser}, {@code llfs}. Errors are one line on standard
 * error, never a stack trace; the exit code is 0 on success, 1 otherwise.
 *
 * <p>The deadline of every call to a daemon is {@code $OPENLL_RPC_TIMEOUT} (seconds, or a number
 * with {@code ms}/{@code s}/{@code m}), 30 s by default.
 */
public final class LlMain {
  private static final Map<String, Supplier<Command>> COMMANDS = Map.ofEntries(
      Map.entry(LlSubmitCommand.NAME, LlSubmitCommand::new),
      Map.entry(LlqCommand.NAME, LlqCommand::new),
      Map.entry(LlCancelCommand.NAME, LlCancelCommand::new),
      Map.entry(LlHoldCommand.NAME, LlHoldCommand::new),
      Map.entry(LlCtlCommand.NAME, LlCtlCommand::new),
      Map.entry(LlSummaryCommand.NAME, LlSummaryCommand::new),
      Map.entry(LlStatusCommand.NAME, LlStatusCommand::new),
      Map.entry(LlClassCommand.NAME, LlClassCommand::new),
      Map.entry(LlPrioCommand.NAME, LlPrioCommand::new),
      Map.entry(LlModifyCommand.NAME, LlModifyCommand::new),
      Map.entry(LlFavorCommand.JOB, LlFavorCommand::jobs),
      Map.entry(LlFavorCommand.USER, LlFavorCommand::users),
      Map.entry(LlFsCommand.NAME, LlFsCommand::new));

  private static final String NAMES = String.join(", ", new java.util.TreeSet<>(COMMANDS.keySet()));

  private LlMain() {}

  /** The name of every command {@link #run} knows, sorted. */
  public static java.util.SortedSet<String> commands() {
    return new java.util.TreeSet<>(COMMANDS.keySet());
  }

  public static void main(String[] args) {
    // before anything loads log4j: a command prints its output and nothing else
    if (System.getProperty("openll.log.level") == null) {
      System.setProperty("openll.log.level", "warn");
    }
    if (args.length == 0) {
      System.err.println("usage: LlMain COMMAND [args...] (" + NAMES + ")");
      System.exit(1);
    }
    String[] rest = Arrays.copyOfRange(args, 1, args.length);
    System.exit(run(args[0], rest, System.out, System.err, System.getenv(), Path.of("").toAbsolutePath()));
  }

  /** Runs {@code command} in this JVM, with the real clock, stdin, user and network. */
  public static int run(String command, String[] args, PrintStream out, PrintStream err,
      Map<String, String> env, Path cwd) {
    return run(command, args, context(out, err, System.in, env, cwd,
        ChannelFactory.netty(org.openll.common.cluster.ClusterHome.fromEnvironment(env), System.getProperty("user.name"),
            env)));
  }

  /** Runs {@code command} against {@code context}. */
  public static int run(String command, String[] args, CliContext context) {
    Supplier<Command> factory = COMMANDS.get(command);
    if (factory == null) {
      context.err().println("openll: unknown command: " + command + " (" + NAMES + ")");
      return 1;
    }
    return execute(command, factory.get(), args, context);
  }

  /**
   * Runs {@code command}, named {@code name} in messages, and turns its failures into one line on
   * stderr. {@code --help} or {@code -H} prints the command's {@link Manual} page instead (exit 0).
   * With {@code --json} a failure also prints a {@link JsonError} document on stdout, so stdout
   * always holds exactly one JSON document.
   */
  public static int execute(String name, Command command, String[] args, CliContext context) {
    if (Manual.asked(args)) {
      java.util.Optional<String> page = Manual.page(name);
      if (page.isPresent()) {
        context.out().print(page.get());
        return 0;
      }
    }
    boolean json = Arrays.asList(args).contains("--json");
    try {
      return command.run(args, context);
    } catch (CommandFailure e) {
      return fail(context, name, json, e.code(), e.getMessage(), "");
    } catch (UsageException e) {
      return fail(context, name, json, "INVALID_ARGUMENT", e.getMessage(), e.usage());
    } catch (RuntimeException e) {
      return fail(context, name, json, "INTERNAL", "internal error: " + e, "");
    }
  }

  private static int fail(CliContext context, String name, boolean json, String code, String message, String usage) {
    if (json) {
      context.out().print(JsonError.format(code, message));
    }
    context.err().println(name + ": " + message);
    context.err().print(usage);
    return 1;
  }

  /** A context with the real clock, user and home, and {@code channels}. */
  public static CliContext context(PrintStream out, PrintStream err, InputStream in, Map<String, String> env,
      Path cwd, ChannelFactory channels) {
    return new CliContext(out, err, in, env, cwd, System.getProperty("user.name"), System.getProperty("user.home"),
        new SystemClock(), channels, rpcDeadline(env));
  }

  private static Duration rpcDeadline(Map<String, String> env) {
    String value = env.get("OPENLL_RPC_TIMEOUT");
    if (value == null || value.isBlank()) {
      return CliContext.DEFAULT_RPC_DEADLINE;
    }
    try {
      return LoadLConfig.parse(List.of("T = " + value), "OPENLL_RPC_TIMEOUT")
          .getDuration("T", CliContext.DEFAULT_RPC_DEADLINE);
    } catch (RuntimeException e) {
      return CliContext.DEFAULT_RPC_DEADLINE;
    }
  }
}
