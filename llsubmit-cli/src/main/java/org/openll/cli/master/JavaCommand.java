package org.openll.cli.master;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Command lines that start a Java main class in a new JVM of the same Java and class path as this
 * one, with the daemon JVM flags of docs/architecture.md.
 */
public final class JavaCommand {
  /**
   * The flags every daemon JVM (and the master) runs with. Netty's leak detector, a debugging aid,
   * records a stack trace for one buffer in 128 of every gRPC message: ~0.4 % of a startd's CPU.
   */
  public static final List<String> DAEMON_FLAGS = List.of(
      "-XX:+UseSerialGC",
      "-Dguice_bytecode_gen_option=DISABLED",
      "--enable-native-access=ALL-UNNAMED",
      "-Djava.util.logging.manager=org.apache.logging.log4j.jul.LogManager",
      "-Dio.grpc.netty.shaded.io.netty.leakDetection.level=disabled");
  /**
   * The master's JIT besides {@link #DAEMON_FLAGS}: C1 only. It supervises processes and does
   * nothing hot, and C2 took ~27 % of its CPU while it started a cluster.
   */
  public static final List<String> MASTER_FLAGS = List.of("-XX:TieredStopAtLevel=1");
  public static final String LOG_LEVEL_PROPERTY = "openll.log.level";

  private final String java;
  private final String classPath;
  private final Optional<String> logLevel;

  public JavaCommand(String java, String classPath, Optional<String> logLevel) {
    this.java = java;
    this.classPath = classPath;
    this.logLevel = logLevel.filter(level -> !level.isBlank());
  }

  /** This JVM's java binary and class path; {@code logLevel}, when present, is passed as -Dopenll.log.level. */
  public static JavaCommand ofThisJvm(Optional<String> logLevel) {
    String java = ProcessHandle.current().info().command()
        .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    return new JavaCommand(java, System.getProperty("java.class.path"), logLevel);
  }

  /** {@code JAVA FLAGS [-Dopenll.log.level=L] -cp CP MAIN ARGS}. */
  public List<String> command(String mainClass, List<String> args) {
    return command(mainClass, List.of(), args);
  }

  /** {@code JAVA FLAGS [-Dopenll.log.level=L] EXTRA -cp CP MAIN ARGS}. */
  public List<String> command(String mainClass, List<String> extraJvmFlags, List<String> args) {
    List<String> command = new ArrayList<>();
    command.add(java);
    command.addAll(DAEMON_FLAGS);
    command.addAll(extraJvmFlags);
    logLevel.ifPresent(level -> command.add("-D" + LOG_LEVEL_PROPERTY + "=" + level));
    command.add("-cp");
    command.add(classPath);
    command.add(mainClass);
    command.addAll(args);
    return command;
  }
}
