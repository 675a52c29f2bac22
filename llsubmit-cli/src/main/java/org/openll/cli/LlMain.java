package org.openll.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
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
    return run(command, args, context(out, err, System.in, env, cwd, ChannelFactory.netty()));
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

  /** Runs {@code command}, named {@code name} in messages, and turns its failures into one line on stderr. */
  public static int execute(String name, Command command, String[] args, CliContext context) {
    try {
      return command.run(args, context);
    } catch (CommandFailure e) {
      context.err().println(name + ": " + e.getMessage());
      return 1;
    } catch (UsageException e) {
      context.err().println(name + ": " + e.getMessage());
      context.err().print(e.usage());
      return 1;
    } catch (RuntimeException e) {
      context.err().println(name + ": internal error: " + e);
      return 1;
    }
  }

  /** A context with the real clock, user and home, and {@code channels}. */
  public static CliContext context(PrintStream out, PrintStream err, InputStream in, Map<String, String> env,
      Path cwd, ChannelFactory channels) {
    return new CliContext(out, err, in, env, cwd, System.getProperty("user.name"), System.getProperty("user.home"),
        Clock.systemDefaultZone(), channels, rpcDeadline(env));
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
