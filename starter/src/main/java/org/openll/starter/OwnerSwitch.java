package org.openll.starter;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

/**
 * How a starter running as root becomes the step's owner: util-linux {@code setpriv
 * --reuid=UID --regid=GID --init-groups --} (uid, primary gid and supplementary groups of the
 * owner's passwd entry; the kernel drops every capability with the uid), then a small shell that,
 * already as the owner, enters the initialdir and opens input, output and error before it execs
 * the program. The owner's permissions therefore decide every path the step touches: a step can
 * never write where its owner cannot.
 *
 * <p>What stays root's: the step's cgroup (joined before {@code setpriv}, and an unprivileged
 * process cannot leave it), rlimits ({@code prlimit} runs before {@code setpriv}), the spool, the
 * final record and signals to the step.
 */
final class OwnerSwitch {
  /** Exit code of {@link #PREFLIGHT} for a refused file: its one line names the file and the reason. */
  private static final int REFUSED = 1;

  /** $1 initialdir, $2 input, $3 output, $4 error ("" = merged into output), then the program and its arguments. */
  static final String OPEN_AND_EXEC = """
      cd -- "$1" || exit 127
      exec <"$2" >"$3" || exit 127
      if [ -z "$4" ]; then exec 2>&1; else exec 2>"$4" || exit 127; fi
      shift 4
      exec "$@"
      """;

  /**
   * Checks as the owner what {@link CommandLauncher} checks as the starter, with the same
   * messages: $1 initialdir, $2 input, $3 output, $4 error (may be ""), $5 the program.
   * Output and error are created (truncated) here, so they belong to the owner. {@code true}, not
   * {@code :}: a failed redirection of a special built-in ends a POSIX shell.
   */
  static final String PREFLIGHT = """
      why() {
        if [ -d "$1" ]; then echo "Is a directory"; return; fi
        if [ -e "$1" ]; then echo "Permission denied"; return; fi
        case $1 in */*) p=${1%/*};; *) p=.;; esac
        if [ -d "${p:-/}" ]; then echo "Permission denied"; else echo "No such file or directory"; fi
      }
      if [ ! -d "$1" ]; then echo "initialdir $1 does not exist or is not a folder"; exit 1; fi
      cd -- "$1" 2>/dev/null || { echo "initialdir $1: Permission denied"; exit 1; }
      case $5 in
        */*) if [ ! -e "$5" ]; then echo "cannot execute $5: No such file or directory"; exit 1; fi
             if [ ! -x "$5" ] || [ -d "$5" ]; then echo "cannot execute $5: Permission denied"; exit 1; fi;;
        *) command -v -- "$5" >/dev/null 2>&1 || { echo "cannot execute $5: not found on PATH $PATH"; exit 1; };;
      esac
      { true <"$2"; } 2>/dev/null || { echo "cannot open input $2: $(why "$2")"; exit 1; }
      { true >"$3"; } 2>/dev/null || { echo "cannot open output $3: $(why "$3")"; exit 1; }
      if [ -n "$4" ]; then { true >"$4"; } 2>/dev/null || { echo "cannot open error $4: $(why "$4")"; exit 1; }; fi
      exit 0
      """;

  /** $1 initialdir (entered when the owner can, else /), $2 the program. */
  static final String HOOK = """
      cd -- "$1" 2>/dev/null || cd /
      exec "$2"
      """;

  private final UserAccounts.Account owner;
  private final String setpriv;

  OwnerSwitch(UserAccounts.Account owner, String setpriv) {
    this.owner = owner;
    this.setpriv = setpriv;
  }

  UserAccounts.Account owner() {
    return owner;
  }

  /** {@code setpriv --reuid=UID --regid=GID --init-groups --}: what follows runs as the owner. */
  List<String> setpriv() {
    return List.of(setpriv, "--reuid=" + owner.uid(), "--regid=" + owner.gid(), "--init-groups", "--");
  }

  /** The command line after the root part (session leader, cgroup, prlimit): the owner's shell, then the program. */
  List<String> ownerPart(LaunchPlan plan) {
    List<String> line = new ArrayList<>(setpriv());
    line.addAll(List.of("/bin/sh", "-c", OPEN_AND_EXEC, "sh", plan.workDir().toString(), plan.input().toString(),
        plan.output().toString(), plan.mergesError() ? "" : plan.error().toString()));
    line.addAll(plan.program());
    return line;
  }

  /** The command that runs a user prolog or epilog as the owner, in {@code workDir} when the owner may enter it. */
  List<String> hook(Path workDir, String program) {
    List<String> line = new ArrayList<>(setpriv());
    line.addAll(List.of("/bin/sh", "-c", HOOK, "sh", workDir.toString(), program));
    return line;
  }

  /**
   * Runs {@link #PREFLIGHT} as the owner and waits for it.
   *
   * @throws LaunchFailure naming the file and the reason, or why the starter could not become the owner
   */
  void preflight(LaunchPlan plan) throws LaunchFailure {
    List<String> line = new ArrayList<>(setpriv());
    line.addAll(List.of("/bin/sh", "-c", PREFLIGHT, "sh", plan.workDir().toString(), plan.input().toString(),
        plan.output().toString(), plan.mergesError() ? "" : plan.error().toString(), plan.command().get(1)));
    ProcessBuilder builder = new ProcessBuilder(line).directory(Path.of("/").toFile())
        .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
        .redirectErrorStream(true);
    builder.environment().clear();
    builder.environment().putAll(plan.environment());
    String said;
    int code;
    try {
      Process process = builder.start();
      try (InputStream in = process.getInputStream()) {
        said = new String(in.readNBytes(16 * 1024), StandardCharsets.UTF_8).strip();
      }
      code = process.waitFor();
    } catch (IOException e) {
      throw new LaunchFailure("cannot run as user " + owner.name() + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LaunchFailure("interrupted while checking the files of user " + owner.name());
    }
    String first = said.lines().findFirst().orElse("");
    if (code == REFUSED && !first.isEmpty()) {
      throw new LaunchFailure(first + " (as user " + owner.name() + ")");
    }
    if (code != 0) {
      throw new LaunchFailure("cannot run as user " + owner.name() + " (uid " + owner.uid() + "): "
          + (first.isEmpty() ? "setpriv exited with " + code : first));
    }
  }

  /** Gives the job file to the owner (still mode 0700) so that the owner's shell can read it. */
  void giveToOwner(Path file) throws IOException {
    Files.setAttribute(file, "unix:gid", owner.gid());
    Files.setAttribute(file, "unix:uid", owner.uid());
  }

  /**
   * Lets the owner reach the job file and the host file by name (the step folder becomes 0711:
   * traversable, not listable) and keeps the startd's records there to root (0600).
   */
  static void openSpool(Path spool) throws IOException {
    for (String record : List.of(LaunchRecord.LAUNCH_FILE, LaunchRecord.CLAIM_FILE, "starter.log")) {
      Path file = spool.resolve(record);
      if (Files.exists(file)) {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
      }
    }
    Files.setPosixFilePermissions(spool, PosixFilePermissions.fromString("rwx--x--x"));
  }
}
