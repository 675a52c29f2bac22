package org.openll.starter;

import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Starts a {@link LaunchPlan}: checks the working folder and the three files first, so that a
 * failure names the file and the reason in one line, then starts the command with its stdin,
 * stdout and stderr redirected (stdout and stderr truncated; merged when they are one file):
 * through {@link NativeSpawn#lead} when its library was built (which makes the command a session
 * leader in its cgroup with its rlimits itself), else through {@link ProcessBuilder} and the
 * plan's {@link LaunchPlan#fullCommand}.
 *
 * <p>A plan with an owner ({@link OwnerSwitch}) is checked by the owner (a short
 * {@code setpriv}'d shell, same messages) and its files are opened by the owner's shell just
 * before the exec: the starter itself opens none of them and does not enter the initialdir.
 * Whatever fails between the session leader and that shell goes to the starter's stderr (its log).
 */
final class CommandLauncher {
  private CommandLauncher() {}

  static RunningCommand start(LaunchPlan plan) throws LaunchFailure {
    if (plan.owner() != null) {
      return startAsOwner(plan);
    }
    if (!Files.isDirectory(plan.workDir())) {
      throw new LaunchFailure("initialdir " + plan.workDir() + " does not exist or is not a folder");
    }
    checkExecutable(plan);
    checkReadable(plan.input());
    checkWritable("output", plan.output());
    if (!plan.mergesError()) {
      checkWritable("error", plan.error());
    }
    if (NativeSpawn.available()) {
      try {
        return NativeSpawn.lead(plan.program(), plan.environment(), plan.workDir(), plan.input(), plan.output(),
            plan.mergesError() ? null : plan.error(), plan.cgroupProcs(), plan.rlimits());
      } catch (IOException e) {
        throw cannotStart(plan, e);
      }
    }
    ProcessBuilder builder = new ProcessBuilder(plan.fullCommand())
        .directory(plan.workDir().toFile())
        .redirectInput(plan.input().toFile())
        .redirectOutput(plan.output().toFile());
    if (plan.mergesError()) {
      builder.redirectErrorStream(true);
    } else {
      builder.redirectError(plan.error().toFile());
    }
    builder.environment().clear();
    builder.environment().putAll(plan.environment());
    try {
      return RunningCommand.of(builder.start());
    } catch (IOException e) {
      throw cannotStart(plan, e);
    }
  }

  private static LaunchFailure cannotStart(LaunchPlan plan, IOException e) {
    return new LaunchFailure("cannot start " + String.join(" ", plan.program())
        + ": " + oneLine(e));
  }

  private static RunningCommand startAsOwner(LaunchPlan plan) throws LaunchFailure {
    plan.owner().preflight(plan);
    ProcessBuilder builder = new ProcessBuilder(plan.fullCommand())
        .directory(Path.of("/").toFile())
        .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .redirectError(Diagnostics.redirect());
    builder.environment().clear();
    builder.environment().putAll(plan.environment());
    try {
      return RunningCommand.of(builder.start());
    } catch (IOException e) {
      throw new LaunchFailure("cannot start " + String.join(" ", plan.program())
          + " as user " + plan.owner().owner().name() + ": " + oneLine(e));
    }
  }

  /**
   * The session leader would start and then fail to exec a missing program with exit 127, which looks
   * like a command that ran; checking first reports it as not launched.
   */
  private static void checkExecutable(LaunchPlan plan) throws LaunchFailure {
    String program = plan.command().get(1);
    if (program.contains("/")) {
      Path path = plan.workDir().resolve(program);
      if (!Files.exists(path)) {
        throw new LaunchFailure("cannot execute " + program + ": No such file or directory");
      }
      if (!Files.isExecutable(path) || Files.isDirectory(path)) {
        throw new LaunchFailure("cannot execute " + program + ": Permission denied");
      }
    } else if (CommandBuilder.findOnPath(program, plan.environment().get("PATH")).isEmpty()) {
      throw new LaunchFailure("cannot execute " + program + ": not found on PATH " + plan.environment().get("PATH"));
    }
  }

  private static void checkReadable(Path input) throws LaunchFailure {
    try (FileInputStream ignored = new FileInputStream(input.toFile())) {
      // opened: readable
    } catch (IOException e) {
      throw new LaunchFailure("cannot open input " + input + ": " + reason(e, input));
    }
  }

  private static void checkWritable(String what, Path file) throws LaunchFailure {
    // truncating here is harmless: the redirect truncates the file anyway
    try (FileOutputStream ignored = new FileOutputStream(file.toFile())) {
      // opened: writable
    } catch (IOException e) {
      throw new LaunchFailure("cannot open " + what + " " + file + ": " + reason(e, file));
    }
  }

  /** The JDK's "PATH (reason)" message reduced to the reason. */
  private static String reason(IOException e, Path file) {
    String m = String.valueOf(e.getMessage());
    String prefix = file + " (";
    return m.startsWith(prefix) && m.endsWith(")") ? m.substring(prefix.length(), m.length() - 1) : m;
  }

  private static String oneLine(IOException e) {
    String m = String.valueOf(e.getMessage());
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl);
  }
}
