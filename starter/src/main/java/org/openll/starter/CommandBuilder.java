package org.openll.starter;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.openll.api.v1.StarterLaunch;
import org.openll.api.v1.StepSpec;

/**
 * Turns a {@link StarterLaunch} into a {@link LaunchPlan}: picks the shell, writes the job file for
 * {@code executable_is_job_file} steps to {@code SPOOL/job_file} (mode 0700), and puts
 * {@code setsid} in front so that the command leads its own session and process group.
 *
 * <p>The JVM's child is not a process-group leader, so {@code setsid} calls setsid(2) and execs the
 * command in place: the pid the starter sees is the command's pid and its process group id.
 */
final class CommandBuilder {
  static final String JOB_FILE = "job_file";

  private final UserAccounts accounts;
  private final String setsid;
  private final String fallbackHome;

  CommandBuilder(UserAccounts accounts, String setsid, String fallbackHome) {
    this.accounts = accounts;
    this.setsid = setsid;
    this.fallbackHome = fallbackHome;
  }

  /** A builder for this machine: {@code /etc/passwd} and the {@code setsid} found on {@code path}. */
  static CommandBuilder forSystem(String path) {
    return new CommandBuilder(UserAccounts.system(), findOnPath("setsid", path).orElse("/usr/bin/setsid"),
        System.getProperty("user.home"));
  }

  static Optional<String> findOnPath(String program, String path) {
    if (path == null) {
      return Optional.empty();
    }
    for (String dir : path.split(File.pathSeparator)) {
      if (dir.isEmpty()) {
        continue;
      }
      Path candidate = Path.of(dir, program);
      if (Files.isExecutable(candidate)) {
        return Optional.of(candidate.toString());
      }
    }
    return Optional.empty();
  }

  LaunchPlan build(StarterLaunch launch, Path spoolDir) throws LaunchFailure {
    StepSpec spec = launch.getStep().getSpec();
    Optional<UserAccounts.Account> account = accounts.find(launch.getStep().getOwner());
    String shell = !spec.getShell().isEmpty() ? spec.getShell()
        : account.map(UserAccounts.Account::shell).filter(s -> !s.isEmpty()).orElse("/bin/sh");
    String home = account.map(UserAccounts.Account::home).filter(s -> !s.isEmpty()).orElse(fallbackHome);

    List<String> command = new ArrayList<>();
    command.add(setsid);
    if (spec.getExecutableIsJobFile()) {
      command.add(shell);
      command.add(writeJobFile(launch, spoolDir).toString());
    } else {
      if (spec.getExecutable().isEmpty()) {
        throw new LaunchFailure("step " + launch.getStep().getStepId() + " has no executable");
      }
      command.add(spec.getExecutable());
    }
    command.addAll(spec.getArgumentsList());

    Path output = Path.of(spec.getOutput().isEmpty() ? "/dev/null" : spec.getOutput());
    Path error = Path.of(spec.getError().isEmpty() ? "/dev/null" : spec.getError());
    Map<String, String> env = StepEnvironment.build(launch, home, shell);
    return new LaunchPlan(command, Path.of(spec.getInitialdir()),
        Path.of(spec.getInput().isEmpty() ? "/dev/null" : spec.getInput()),
        output, output.equals(error) ? null : error, env);
  }

  private static Path writeJobFile(StarterLaunch launch, Path spoolDir) throws LaunchFailure {
    Path jobFile = spoolDir.resolve(JOB_FILE);
    try {
      Files.createDirectories(spoolDir);
      Files.write(jobFile, launch.getStep().getJobFileContent().toByteArray());
      Files.setPosixFilePermissions(jobFile, PosixFilePermissions.fromString("rwx------"));
    } catch (IOException e) {
      throw new LaunchFailure("cannot write job file " + jobFile + ": " + e.getMessage());
    }
    return jobFile;
  }
}
