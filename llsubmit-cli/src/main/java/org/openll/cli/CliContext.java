package org.openll.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.openll.common.cluster.ClusterHome;

/**
 * Everything a command touches outside its arguments, so tests run commands in-process.
 *
 * @param out standard output: the command's result
 * @param err standard error: warnings and errors
 * @param in standard input, for {@code llsubmit -}
 * @param env the environment ({@code OPENLL_HOME}, {@code OPENLL_LOG_LEVEL}, and the job's environment for llsubmit)
 * @param cwd the working directory: relative paths start here
 * @param user the user running the command
 * @param userHome that user's home directory
 * @param clock time and time zone for dates shown to the user
 * @param channels opens channels to daemons
 * @param rpcDeadline the deadline of every call to a daemon
 */
public record CliContext(
    PrintStream out,
    PrintStream err,
    InputStream in,
    Map<String, String> env,
    Path cwd,
    String user,
    String userHome,
    Clock clock,
    ChannelFactory channels,
    Duration rpcDeadline) {

  public static final Duration DEFAULT_RPC_DEADLINE = Duration.ofSeconds(30);

  public ClusterHome home() {
    return ClusterHome.fromEnvironment(env);
  }
}
