/*
 * openll-exec [--cgroup CGROUP_PROCS_FILE] PROGRAM [ARGUMENT...]
 *
 * The first program of a step's command (docs/starter.md, "The step's process chain"): it makes
 * itself a session and process-group leader (setsid(2)), joins the step's cgroup by writing its
 * pid to CGROUP_PROCS_FILE when given, and execs PROGRAM in place (searched on PATH as execvp(3)
 * does), so the command keeps the pid the starter sees and every process it forks is in the
 * cgroup from its start. One exec replaces the two of `setsid` and `sh -c 'echo $$ > FILE && exec
 * "$@"'`; built static, it needs no dynamic loader either.
 *
 * Exit status when PROGRAM does not run: 127 when it is not found, 126 otherwise, as a shell's.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static int fail(const char *what, const char *name) {
  int code = errno == ENOENT ? 127 : 126;
  dprintf(STDERR_FILENO, "openll-exec: %s %s: %s\n", what, name, strerror(errno));
  return code;
}

int main(int argc, char **argv) {
  int first = 1;
  if (setsid() < 0) {
    return fail("cannot start a session for", argc > 1 ? argv[argc - 1] : "?");
  }
  if (argc > 2 && strcmp(argv[1], "--cgroup") == 0) {
    char pid[24];
    int length = snprintf(pid, sizeof pid, "%ld\n", (long) getpid());
    int fd = open(argv[2], O_WRONLY | O_CLOEXEC);
    if (fd < 0 || write(fd, pid, length) != length) {
      int code = fail("cannot join the cgroup of", argv[2]);
      return code == 127 ? 126 : code;
    }
    close(fd);
    first = 3;
  }
  if (first >= argc) {
    dprintf(STDERR_FILENO, "usage: openll-exec [--cgroup CGROUP_PROCS_FILE] PROGRAM [ARGUMENT...]\n");
    return 2;
  }
  execvp(argv[first], argv + first);
  return fail("cannot execute", argv[first]);
}
