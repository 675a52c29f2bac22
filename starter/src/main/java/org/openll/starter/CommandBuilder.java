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
 * {@code executable_is_job_file} steps to {@code SPOOL/job_file} (mode 0700), and puts the
 * {@link SessionLeader} ({@code openll-exec} or {@code setsid}) in front so that the command leads
 * its own session and process group.
 *
 * <p>The JVM's child is not a process-group leader, so the leader calls setsid(2) and execs the
 * command in place: the pid the starter sees is the command's pid and its process group id.
 *
 * <p>A builder made with {@code setpriv} (a starter of a startd running as root) plans every step
 * to run as its owner ({@link OwnerSwitch}): an owner without an account here is a launch failure,
 * and the job file is given to the owner. Steps of the starter's own user (root's, under a root
 * startd) run without the switch. A builder without it runs every step as the starter's user.
 */
final class CommandBuilder {
  static final String JOB_FILE = "job_file";

  private final UserAccounts accounts;
  private final SessionLeader leader;
  private final String fallbackHome;
  /** setpriv's path when steps run as their owners, else null. */
  private final String setpriv;
  private final int ownUid;

  CommandBuilder(UserAccounts accounts, String setsid, String fallbackHome) {
    this(accounts, SessionLeader.setsid(setsid), fallbackHome, null, -1);
  }

  CommandBuilder(UserAccounts accounts, String setsid, String fallbackHome, String setpriv, int ownUid) {
    this(accounts, SessionLeader.setsid(setsid), fallbackHome, setpriv, ownUid);
  }

  CommandBuilder(UserAccounts accounts, SessionLeader leader, String fallbackHome, String setpriv, int ownUid) {
    this.accounts = accounts;
    this.leader = leader;
    this.fallbackHome = fallbackHome;
    this.setpriv = setpriv;
    this.ownUid = ownUid;
  }

  /**
   * A builder for this machine: {@code /etc/passwd}, and {@code openll-exec} or else the
   * {@code setsid} found on {@code path}; running steps as their owners when {@code asOwner} (the
   * startd decided so: it runs as root) through the {@code setpriv} found on {@code path}.
   */
  static CommandBuilder forSystem(String path, boolean asOwner) {
    SessionLeader leader = SessionLeader.forThisStarter(findOnPath("setsid", path).orElse("/usr/bin/setsid"));
    if (!asOwner) {
      return new CommandBuilder(UserAccounts.system(), leader, System.getProperty("user.home"), null, -1);
    }
    return new CommandBuilder(UserAccounts.system(), leader, System.getProperty("user.home"),
        findOnPath("setpriv", path).orElse("/usr/bin/setpriv"), UserAccounts.currentUid());
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

  SessionLeader leader() {
    return leader;
  }

  LaunchPlan build(StarterLaunch launch, Path spoolDir) throws LaunchFailure {
    StepSpec spec = launch.getStep().getSpec();
    String owner = launch.getStep().getOwner();
    Optional<UserAccounts.Account> account = accounts.find(owner);
    OwnerSwitch ownerSwitch = null;
    if (setpriv != null) {
      if (account.isEmpty()) {
        throw new LaunchFailure("user " + owner + " unknown on " + launch.getMachine());
      }
      if (account.get().uid() != ownUid) {
        ownerSwitch = new OwnerSwitch(account.get(), setpriv);
      }
    }
    String shell = !spec.getShell().isEmpty() ? spec.getShell()
        : account.map(UserAccounts.Account::shell).filter(s -> !s.isEmpty()).orElse("/bin/sh");
    String home = account.map(UserAccounts.Account::home).filter(s -> !s.isEmpty()).orElse(fallbackHome);

    List<String> command = new ArrayList<>();
    command.add(leader.program());
    if (spec.getExecutableIsJobFile()) {
      command.add(shell);
      Path jobFile = writeJobFile(launch, spoolDir);
      if (ownerSwitch != null) {
        try {
          ownerSwitch.giveToOwner(jobFile);
        } catch (IOException e) {
          throw new LaunchFailure("cannot give job file " + jobFile + " to user " + owner + ": " + e.getMessage());
        }
      }
      command.add(jobFile.toString());
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
    LaunchPlan plan = new LaunchPlan(command, Path.of(spec.getInitialdir()),
        Path.of(spec.getInput().isEmpty() ? "/dev/null" : spec.getInput()),
        output, output.equals(error) ? null : error, env);
    return ownerSwitch == null ? plan : plan.runAs(ownerSwitch);
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
