package org.openll.starter;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs LoadL_config's prolog and epilog programs around a step ({@code JOB_PROLOG},
 * {@code JOB_USER_PROLOG}, command, {@code JOB_USER_EPILOG}, {@code JOB_EPILOG}), each with the
 * step's environment, in its initialdir (the spool folder when that is missing), stdin from
 * {@code /dev/null} and stderr to the starter's log. The system programs run as the starter's
 * user; the user programs run as the step's owner when the starter switches to it
 * ({@link OwnerSwitch}: in the initialdir when the owner may enter it, else in {@code /}), else
 * as the starter's user too (a personal cluster).
 *
 * <p>A user prolog may pass variables to the command by printing lines {@code env NAME=VALUE} on
 * its standard output (LoadLeveler's convention); other lines are ignored. Each program is waited
 * for without a time limit.
 */
final class StepHooks {
  /** What one program did. */
  record Outcome(int exitCode, Map<String, String> exported, String failure) {
    boolean ok() {
      return exitCode == 0;
    }
  }

  private final Path workDir;
  private final OwnerSwitch owner;
  private final Path ownerDir;

  StepHooks(Path workDir) {
    this(workDir, null, workDir);
  }

  /**
   * Hooks whose user programs run as {@code owner} (null: as the starter's user) in
   * {@code ownerDir}, the step's initialdir.
   */
  StepHooks(Path workDir, OwnerSwitch owner, Path ownerDir) {
    this.workDir = workDir;
    this.owner = owner;
    this.ownerDir = ownerDir;
  }

  /** Runs {@code program} (a path, no arguments) as the starter's user and waits for it. */
  Outcome run(String program, Map<String, String> env) {
    return run(List.of(program), program, env);
  }

  /** Runs a user prolog or epilog as the step's owner and waits for it. */
  Outcome runAsOwner(String program, Map<String, String> env) {
    return owner == null ? run(program, env) : run(owner.hook(ownerDir, program), program, env);
  }

  private Outcome run(List<String> command, String program, Map<String, String> env) {
    ProcessBuilder builder = new ProcessBuilder(command)
        .directory(workDir.toFile())
        .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
        .redirectError(Diagnostics.redirect());
    builder.environment().clear();
    builder.environment().putAll(env);
    if (!Files.isExecutable(Path.of(program))) {
      return new Outcome(-1, Map.of(), "cannot execute " + program);
    }
    try {
      Process process = builder.start();
      Map<String, String> exported = new LinkedHashMap<>();
      try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
          StandardCharsets.UTF_8))) {
        String line;
        while ((line = out.readLine()) != null) {
          int eq = line.indexOf('=');
          if (line.startsWith("env ") && eq > 4) {
            exported.put(line.substring(4, eq).trim(), line.substring(eq + 1));
          }
        }
      }
      int code = process.waitFor();
      return new Outcome(code, exported, code == 0 ? "" : "exited with " + code);
    } catch (IOException e) {
      return new Outcome(-1, Map.of(), "cannot execute " + program + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Outcome(-1, Map.of(), "interrupted");
    }
  }
}
