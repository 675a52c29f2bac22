package org.openll.cli.master;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One daemon's OS process, started again on demand: the daemon writes its log file itself (and
 * rolls it over); its standard output and error, where only errors and what the JVM prints outside
 * log4j go, are appended to {@link #outFile()} beside it. Its standard input is empty. Thread-safe.
 */
public final class DaemonProcess {
  private final DaemonSpec spec;
  private final List<String> command;
  private final Path logFile;
  private final RestartBudget budget;
  private Process process;
  private Instant startedAt;
  private Instant gaveUpAt;

  public DaemonProcess(DaemonSpec spec, List<String> command, Path logFile, RestartBudget budget) {
    this.spec = spec;
    this.command = List.copyOf(command);
    this.logFile = logFile;
    this.budget = budget;
  }

  public DaemonSpec spec() {
    return spec;
  }

  public RestartBudget budget() {
    return budget;
  }

  public Path logFile() {
    return logFile;
  }

  /** {@code NAME.out} beside {@code NAME.log}: the daemon's standard output and error. */
  public Path outFile() {
    String name = logFile.getFileName().toString();
    String base = name.endsWith(".log") ? name.substring(0, name.length() - 4) : name;
    return logFile.resolveSibling(base + ".out");
  }

  /**
   * The line of what the daemon printed to its standard output or error ({@link #outFile()}) that
   * best says why it stopped: the last one naming an exception, else the last non-blank one, from
   * the file's last 4 KB. An early startup failure never reaches the daemon's log.
   */
  public Optional<String> lastOutputLine() {
    try (java.io.RandomAccessFile file = new java.io.RandomAccessFile(outFile().toFile(), "r")) {
      long length = file.length();
      int size = (int) Math.min(length, 4096);
      byte[] tail = new byte[size];
      file.seek(length - size);
      file.readFully(tail);
      String[] lines = new String(tail, StandardCharsets.UTF_8).split("\n");
      // a stack trace or Guice's report ends in noise: the last line naming an exception says more
      for (int i = lines.length - 1; i >= 0; i--) {
        if (lines[i].contains("Exception:") || lines[i].contains("Error:")) {
          return Optional.of(lines[i].strip());
        }
      }
      for (int i = lines.length - 1; i >= 0; i--) {
        if (!lines[i].isBlank()) {
          return Optional.of(lines[i].strip());
        }
      }
      return Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** Starts the process, replacing the handle of the previous one. */
  public synchronized Process start() throws IOException {
    Files.createDirectories(logFile.getParent());
    ProcessBuilder builder = new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(outFile().toFile()))
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    process = builder.start();
    return process;
  }

  /** Records when the current process started. */
  public synchronized void markStarted(Instant at) {
    startedAt = at;
  }

  /** Records that the master gave up restarting this daemon. */
  public synchronized void markGaveUp(Instant at) {
    gaveUpAt = at;
  }

  /** What the master knows of this daemon now. */
  public synchronized DaemonState state() {
    return new DaemonState(spec.name(), process == null ? 0 : process.pid(), Optional.ofNullable(startedAt),
        budget.restartsInLastHour(), budget.perHour(), Optional.ofNullable(gaveUpAt));
  }

  /** The current process, if one was started. */
  public synchronized Optional<Process> current() {
    return Optional.ofNullable(process);
  }

  /** Appends one line from the master to the daemon's log, where its user will look. */
  public void note(Clock clock, String line) {
    try {
      Files.writeString(logFile, clock.instant() + " openll-master: " + line + "\n", StandardCharsets.UTF_8,
          StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException ignored) {
      // the master's own log has the same line
    }
  }
}
