package org.openll.starter;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Everything needed to start one step's command, decided before anything runs.
 *
 * @param command the full command line, {@code setsid} first
 * @param workDir the step's initialdir
 * @param input the file on the command's stdin
 * @param output the file its stdout goes to (truncated)
 * @param error the file its stderr goes to, or null when it is {@code output} (merged)
 * @param environment the whole environment of the command
 */
record LaunchPlan(List<String> command, Path workDir, Path input, Path output, Path error,
    Map<String, String> environment) {
  LaunchPlan {
    command = List.copyOf(command);
    environment = Map.copyOf(environment);
  }

  boolean mergesError() {
    return error == null;
  }
}
