package org.openll.starter;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The first program of a step's command. It makes the command the leader of a session and process
 * group of its own and, when the step has a cgroup, puts it into the cgroup before the command
 * execs, so every process the command forks starts inside.
 *
 * <p>{@code openll-exec} (built from {@code src/main/native} beside the starter's jar, in
 * {@code native/}) does both in one exec of a static program. Without it (the build found no C
 * compiler) the command starts through {@code setsid(1)} and a shell that writes its own pid to
 * {@code cgroup.procs}: two execs, each loading its libraries, which cost ~1 ms of CPU per step
 * here (docs/performance.md).
 *
 * @param program the path of {@code openll-exec} or {@code setsid}
 * @param joinsCgroup whether {@code program} joins a cgroup itself ({@code openll-exec})
 */
record SessionLeader(String program, boolean joinsCgroup) {
  static final String HELPER = "openll-exec";
  private static final String JOIN_AND_EXEC = "echo $$ > \"$0\" && exec \"$@\"";

  static SessionLeader setsid(String setsid) {
    return new SessionLeader(setsid, false);
  }

  static SessionLeader helper(Path helper) {
    return new SessionLeader(helper.toString(), true);
  }

  /** {@code openll-exec} beside this starter's code when it was built, else {@code setsid}. */
  static SessionLeader forThisStarter(String setsid) {
    return Installed.HELPER.map(SessionLeader::helper).orElseGet(() -> setsid(setsid));
  }

  /** Looked up once per JVM: a pooled starter builds its command line for every step. */
  private static final class Installed {
    static final Optional<Path> HELPER = installedHelper();
  }

  /**
   * What comes between {@link #program()} and the command so that the command joins the cgroup
   * whose member list is {@code cgroupProcs} before it execs.
   */
  List<String> joining(Path cgroupProcs) {
    return joinsCgroup ? List.of("--cgroup", cgroupProcs.toString())
        : List.of("/bin/sh", "-c", JOIN_AND_EXEC, cgroupProcs.toString());
  }

  /** {@code native/openll-exec} beside the starter's code ({@link NativeFiles}), when it was built. */
  static Optional<Path> installedHelper() {
    return NativeFiles.find(HELPER).filter(Files::isExecutable);
  }
}
