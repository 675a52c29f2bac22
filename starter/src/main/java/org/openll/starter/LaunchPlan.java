package org.openll.starter;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Everything needed to start one step's command, decided before anything runs.
 *
 * @param command the command line: the {@link SessionLeader}'s program, then the program and its arguments
 * @param cgroupProcs the {@code cgroup.procs} of the step's cgroup, which the command joins before it
 *     execs, or null when the step has no cgroup
 * @param joining the session leader's arguments that make it join {@code cgroupProcs}
 *     ({@link SessionLeader#joining}); empty without a cgroup
 * @param rlimits the per-process limits the command starts with ({@link Rlimits})
 * @param prlimit the {@code prlimit} program that sets {@code rlimits} in {@link #fullCommand}
 * @param workDir the step's initialdir
 * @param input the file on the command's stdin
 * @param output the file its stdout goes to (truncated)
 * @param error the file its stderr goes to, or null when it is {@code output} (merged)
 * @param environment the whole environment of the command
 * @param owner how the command becomes its owner, or null when it runs as the starter's user
 */
record LaunchPlan(List<String> command, Path cgroupProcs, List<String> joining, List<Rlimits.Rlimit> rlimits,
    String prlimit, Path workDir, Path input, Path output, Path error, Map<String, String> environment,
    OwnerSwitch owner) {
  LaunchPlan {
    command = List.copyOf(command);
    joining = List.copyOf(joining);
    rlimits = List.copyOf(rlimits);
    environment = Map.copyOf(environment);
  }

  LaunchPlan(List<String> command, Path workDir, Path input, Path output, Path error, Map<String, String> environment) {
    this(command, null, List.of(), List.of(), "prlimit", workDir, input, output, error, environment, null);
  }

  /** This plan run as {@code owner}. */
  LaunchPlan runAs(OwnerSwitch owner) {
    return new LaunchPlan(command, cgroupProcs, joining, rlimits, prlimit, workDir, input, output, error, environment,
        owner);
  }

  /** This plan with the command put into the cgroup of {@code procs} by {@code leader}. */
  LaunchPlan inCgroup(Path procs, SessionLeader leader) {
    return new LaunchPlan(command, procs, leader.joining(procs), rlimits, prlimit, workDir, input, output, error,
        environment, owner);
  }

  /** This plan with the command started under {@code limits} (set by {@code prlimitProgram} when it has to be). */
  LaunchPlan limited(List<Rlimits.Rlimit> limits, String prlimitProgram) {
    return new LaunchPlan(command, cgroupProcs, joining, limits, prlimitProgram, workDir, input, output, error,
        environment, owner);
  }

  /** This plan with {@code extraEnv} added to the command's environment. */
  LaunchPlan withEnvironment(Map<String, String> extraEnv) {
    Map<String, String> env = new java.util.HashMap<>(environment);
    env.putAll(extraEnv);
    return new LaunchPlan(command, cgroupProcs, joining, rlimits, prlimit, workDir, input, output, error, env, owner);
  }

  /**
   * The session leader, its joining arguments, {@code prlimit} with the rlimits, then the program and its
   * arguments, each exec'ing the next in place so that the command keeps the pid the starter sees; with an
   * owner, {@code setpriv} and the owner's shell that opens the files come before the program.
   */
  List<String> fullCommand() {
    List<String> full = new java.util.ArrayList<>();
    full.add(command.get(0));
    full.addAll(joining);
    full.addAll(Rlimits.prefix(prlimit, rlimits));
    full.addAll(owner == null ? command.subList(1, command.size()) : owner.ownerPart(this));
    return full;
  }

  /** The program and its arguments, without the session leader. */
  List<String> program() {
    return command.subList(1, command.size());
  }

  boolean mergesError() {
    return error == null;
  }
}
