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
 * {@code /dev/null} and stderr to the starter's log. In a personal cluster the owner is the
 * starter's user, so the user programs run as the same user as the system ones.
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

  StepHooks(Path workDir) {
    this.workDir = workDir;
  }

  /** Runs {@code program} (a path, no arguments) and waits for it. */
  Outcome run(String program, Map<String, String> env) {
    ProcessBuilder builder = new ProcessBuilder(List.of(program))
        .directory(workDir.toFile())
        .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
        .redirectError(ProcessBuilder.Redirect.INHERIT);
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
