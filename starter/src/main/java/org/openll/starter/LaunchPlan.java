package org.openll.starter;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Everything needed to start one step's command, decided before anything runs.
 *
 * @param command the command line: the {@link SessionLeader}'s program, then the program and its arguments
 * @param wrapper what runs between the session leader and the program (joining the cgroup, rlimits), each
 *     exec'ing the next in place so that the command keeps the pid the starter sees
 * @param workDir the step's initialdir
 * @param input the file on the command's stdin
 * @param output the file its stdout goes to (truncated)
 * @param error the file its stderr goes to, or null when it is {@code output} (merged)
 * @param environment the whole environment of the command
 * @param owner how the command becomes its owner, or null when it runs as the starter's user
 */
record LaunchPlan(List<String> command, List<String> wrapper, Path workDir, Path input, Path output, Path error,
    Map<String, String> environment, OwnerSwitch owner) {
  LaunchPlan {
    command = List.copyOf(command);
    wrapper = List.copyOf(wrapper);
    environment = Map.copyOf(environment);
  }

  LaunchPlan(List<String> command, Path workDir, Path input, Path output, Path error, Map<String, String> environment) {
    this(command, List.of(), workDir, input, output, error, environment, null);
  }

  /** This plan run as {@code owner}. */
  LaunchPlan runAs(OwnerSwitch owner) {
    return new LaunchPlan(command, wrapper, workDir, input, output, error, environment, owner);
  }

  /** This plan with {@code prefix} run before the program and {@code extraEnv} added. */
  LaunchPlan wrapped(List<String> prefix, Map<String, String> extraEnv) {
    List<String> w = new java.util.ArrayList<>(wrapper);
    w.addAll(prefix);
    Map<String, String> env = new java.util.HashMap<>(environment);
    env.putAll(extraEnv);
    return new LaunchPlan(command, w, workDir, input, output, error, env, owner);
  }

  /**
   * The session leader, the wrapper, then the program and its arguments; with an owner, {@code setpriv} and
   * the owner's shell that opens the files come between the wrapper and the program.
   */
  List<String> fullCommand() {
    List<String> full = new java.util.ArrayList<>();
    full.add(command.get(0));
    full.addAll(wrapper);
    full.addAll(owner == null ? command.subList(1, command.size()) : owner.ownerPart(this));
    return full;
  }

  boolean mergesError() {
    return error == null;
  }
}
