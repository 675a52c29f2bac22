/*
 * libopenll-spawn.so: the native half of org.openll.starter.NativeSpawn.
 *
 * lead0 starts a step's command from a vfork child of its own. The JDK's POSIX_SPAWN launch first
 * execs its jspawnhelper, which then execs the command (docs/performance.md, "The seventh pass"),
 * and openll-exec and prlimit were two more execs per step; the child does their work itself (a
 * session of its own, the step's cgroup, its rlimits: "The eighth pass"). It gets stdin, stdout and
 * stderr from the given files, the given folder, environment and an empty signal mask with every
 * signal at its default, and no other open file of the starter. waitFor0 reaps it and returns its
 * exit value as the JDK's Process does (128 + signal for a command killed by a signal). cpuMicros0
 * reads the CPU times of the starter or of its reaped children with one getrusage(2), which a
 * pooled starter does four times per step: reading /proc/self/stat costs an open, a read of a
 * formatted line and a close each time.
 */
#define _GNU_SOURCE
#include <jni.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

static void free_strings(char **strings) {
  if (strings != NULL) {
    for (char **p = strings; *p != NULL; p++) {
      free(*p);
    }
    free(strings);
  }
}

/*
 * A NULL-terminated array of NUL-terminated copies of a byte[][] (strings the Java side encoded as
 * the JDK encodes a command line); NULL if out of memory.
 */
static char **copy_strings(JNIEnv *env, jobjectArray array) {
  jsize n = (*env)->GetArrayLength(env, array);
  char **out = calloc((size_t) n + 1, sizeof(char *));
  if (out == NULL) {
    return NULL;
  }
  for (jsize i = 0; i < n; i++) {
    jbyteArray bytes = (jbyteArray) (*env)->GetObjectArrayElement(env, array, i);
    jsize length = bytes == NULL ? 0 : (*env)->GetArrayLength(env, bytes);
    out[i] = bytes == NULL ? NULL : malloc((size_t) length + 1);
    if (out[i] != NULL) {
      (*env)->GetByteArrayRegion(env, bytes, 0, length, (jbyte *) out[i]);
      out[i][length] = '\0';
    }
    if (bytes != NULL) {
      (*env)->DeleteLocalRef(env, bytes);
    }
    if (out[i] == NULL) {
      free_strings(out);
      return NULL;
    }
  }
  return out;
}

static char *copy_string(JNIEnv *env, jbyteArray bytes) {
  if (bytes == NULL) {
    return NULL;
  }
  jsize length = (*env)->GetArrayLength(env, bytes);
  char *copy = malloc((size_t) length + 1);
  if (copy != NULL) {
    (*env)->GetByteArrayRegion(env, bytes, 0, length, (jbyte *) copy);
    copy[length] = '\0';
  }
  return copy;
}

/* An IOException "NAME: REASON". */
static void throw_io(JNIEnv *env, const char *name, int error) {
  char message[512];
  snprintf(message, sizeof message, "%s: %s", name, strerror(error));
  jclass io = (*env)->FindClass(env, "java/io/IOException");
  if (io != NULL) {
    (*env)->ThrowNew(env, io, message);
  }
}

/* A call's strings, copied out of the JVM: the command, its environment, folder and files. */
struct request {
  char **args, **vars;
  char *folder, *input, *output, *error, *join;
};

static void free_request(struct request *r) {
  free_strings(r->args);
  free_strings(r->vars);
  free(r->folder);
  free(r->input);
  free(r->output);
  free(r->error);
  free(r->join);
}

/* Copies the strings (err and join may be null); on failure frees them, throws and returns 0. */
static int copy_request(JNIEnv *env, struct request *r, jobjectArray argv, jobjectArray envp, jbyteArray dir,
    jbyteArray in, jbyteArray out, jbyteArray err, jbyteArray join) {
  r->args = copy_strings(env, argv);
  r->vars = copy_strings(env, envp);
  r->folder = copy_string(env, dir);
  r->input = copy_string(env, in);
  r->output = copy_string(env, out);
  r->error = copy_string(env, err);
  r->join = copy_string(env, join);
  if (r->args == NULL || r->args[0] == NULL || r->vars == NULL || r->folder == NULL || r->input == NULL
      || r->output == NULL || (err != NULL && r->error == NULL) || (join != NULL && r->join == NULL)) {
    if (!(*env)->ExceptionCheck(env)) {
      throw_io(env, r->args != NULL && r->args[0] != NULL ? r->args[0] : "spawn", ENOMEM);
    }
    free_request(r);
    return 0;
  }
  return 1;
}

/* Rlimits.Resource, in its order, and the LoadLeveler keyword a failure names. */
static const int RESOURCES[] = {RLIMIT_CPU, RLIMIT_CORE, RLIMIT_DATA, RLIMIT_FSIZE, RLIMIT_STACK, RLIMIT_AS};
static const char *const KEYWORDS[] = {"cpu_limit", "core_limit", "data_limit", "file_limit", "stack_limit",
    "as_limit"};
#define KEEP (-2)      /* Rlimits.KEEP: the part stays as it is */
#define UNLIMITED (-1) /* Rlimits.UNLIMITED */

/*
 * What the vfork child of lead0 may use: everything is prepared by the parent, and the child only
 * makes system calls (and copies bytes on its own stack) before it execs or exits.
 */
struct lead {
  const struct request *r;
  const jlong *limits;     /* (resource, soft, hard) triples */
  jsize limit_count;
  const char *path;        /* the step's PATH (its environment's), as openll-exec's execvp searched */
  /* set by the child when it fails before the exec: the parent reaps it and throws (volatile: the
     parent reads what the child, which shares its memory, wrote) */
  volatile int failure;
  const char *volatile failed;
};

/* Writes "openll-spawn: WHAT NAME: REASON" to the child's stderr, with no allocation and no locale. */
static void child_says(const char *what, const char *name, int error) {
  const char *reason = strerrordesc_np(error);
  const char *parts[] = {"openll-spawn: ", what, " ", name, ": ", reason == NULL ? "error" : reason, "\n"};
  for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++) {
    ssize_t ignored = write(STDERR_FILENO, parts[i], strlen(parts[i]));
    (void) ignored;
  }
}

/* execve, and for a file the kernel cannot exec (no #! line), /bin/sh FILE ARGS as execvp does. */
static void child_exec(const char *file, char **argv, char **envp) {
  execve(file, argv, envp);
  if (errno == ENOEXEC) {
    int argc = 0;
    while (argv[argc] != NULL) {
      argc++;
    }
    char *script[argc + 2];
    script[0] = "/bin/sh";
    script[1] = (char *) file;
    for (int i = 1; i <= argc; i++) {
      script[i + 1] = argv[i];
    }
    execve(script[0], script, envp);
    errno = ENOEXEC;
  }
}

/* Runs argv[0] as execvp(3) does, on the step's PATH; returns only when it could not. */
static void child_exec_on_path(const struct lead *l) {
  const char *file = l->r->args[0];
  if (strchr(file, '/') != NULL) {
    child_exec(file, l->r->args, l->r->vars);
    return;
  }
  size_t length = strlen(file);
  int denied = 0;
  for (const char *p = l->path;; p++) {
    const char *end = strchrnul(p, ':');
    size_t prefix = (size_t) (end - p);
    char candidate[prefix + length + 3];
    if (prefix == 0) {
      candidate[0] = '.';
      prefix = 1;
    } else {
      memcpy(candidate, p, prefix);
    }
    candidate[prefix] = '/';
    memcpy(candidate + prefix + 1, file, length + 1);
    child_exec(candidate, l->r->args, l->r->vars);
    if (errno == EACCES) {
      denied = 1;
    } else if (errno != ENOENT && errno != ENOTDIR && errno != ESTALE && errno != ENODEV && errno != ETIMEDOUT) {
      return;
    }
    if (*end == '\0') {
      break;
    }
    p = end;
  }
  errno = denied ? EACCES : ENOENT;
}

static rlim_t limit_part(jlong value, rlim_t current) {
  return value == KEEP ? current : value == UNLIMITED ? RLIM_INFINITY : (rlim_t) value;
}

/* Sets the rlimits; on failure returns the keyword of the one that could not be set. */
static const char *child_limit(const struct lead *l) {
  for (jsize i = 0; i + 2 < l->limit_count; i += 3) {
    jlong index = l->limits[i];
    if (index < 0 || index >= (jlong) (sizeof RESOURCES / sizeof RESOURCES[0])) {
      errno = EINVAL;
      return "rlimit";
    }
    struct rlimit current;
    if (getrlimit(RESOURCES[index], &current) < 0) {
      return KEYWORDS[index];
    }
    struct rlimit next = {limit_part(l->limits[i + 1], current.rlim_cur), limit_part(l->limits[i + 2], current.rlim_max)};
    if (setrlimit(RESOURCES[index], &next) < 0) {
      return KEYWORDS[index];
    }
  }
  return NULL;
}

/* Opens NAME as the child's descriptor FD. */
static int child_open(const char *name, int fd, int flags) {
  int opened = open(name, flags | O_CLOEXEC, 0666);
  if (opened < 0) {
    return -1;
  }
  if (opened == fd) { /* fd was not open: keep it across the exec */
    return fcntl(fd, F_SETFD, 0);
  }
  return dup2(opened, fd) < 0 ? -1 : 0; /* dup2 clears FD_CLOEXEC on the copy; closefrom drops the original */
}

/*
 * The vfork child: never returns. What fails before the exec is left in l for the parent (which
 * throws, as posix_spawn fails); a program that cannot be executed says why on the step's stderr,
 * as openll-exec did, and exits 127 when it is not found, else 126, as a shell's.
 */
static void child_lead(struct lead *l) {
  struct sigaction default_action;
  memset(&default_action, 0, sizeof default_action);
  default_action.sa_handler = SIG_DFL;
  for (int signal = 1; signal < NSIG; signal++) {
    sigaction(signal, &default_action, NULL); /* fails harmlessly for SIGKILL, SIGSTOP and the C library's own */
  }
  const char *name = l->r->args[0];
  if (setsid() < 0) goto failed;
  if (l->r->join != NULL) {
    name = l->r->join;
    int fd = open(l->r->join, O_WRONLY | O_CLOEXEC);
    /* "0" moves the writer: this child, which shares the starter's memory but is a process of its own */
    if (fd < 0 || write(fd, "0\n", 2) != 2) goto failed;
    close(fd);
  }
  name = child_limit(l);
  if (name != NULL) goto failed;
  name = l->r->input;
  if (child_open(l->r->input, STDIN_FILENO, O_RDONLY) < 0) goto failed;
  name = l->r->output;
  if (child_open(l->r->output, STDOUT_FILENO, O_WRONLY | O_CREAT | O_TRUNC) < 0) goto failed;
  if (l->r->error == NULL ? dup2(STDOUT_FILENO, STDERR_FILENO) < 0
      : (name = l->r->error, child_open(l->r->error, STDERR_FILENO, O_WRONLY | O_CREAT | O_TRUNC) < 0)) goto failed;
  name = l->r->folder;
  if (chdir(l->r->folder) < 0) goto failed;
  closefrom(3);
  sigset_t none;
  sigemptyset(&none);
  sigprocmask(SIG_SETMASK, &none, NULL);
  child_exec_on_path(l);
  int status = errno == ENOENT ? 127 : 126;
  child_says("cannot execute", l->r->args[0], errno);
  _exit(status);
failed:
  l->failure = errno != 0 ? errno : EIO;
  l->failed = name;
  _exit(126);
}

/*
 * long lead0(byte[][] argv, byte[][] envp, byte[] dir, byte[] in, byte[] out, byte[] err, byte[] join,
 * long[] rlimits), each string without its terminating NUL: starts argv in folder dir with exactly
 * envp, stdin from in, stdout to out and stderr to err (to out's file when err is null), both
 * truncated. The command leads a session of its own, takes the rlimits ((Rlimits.Resource, soft,
 * hard) triples) and, when join is not null, joins the cgroup whose cgroup.procs that is before it
 * execs; its program is searched on the PATH of envp.
 * Returns the child's pid; throws IOException "NAME: REASON" when the child could not be made or
 * could not get its session, cgroup, rlimits, files or folder (it was reaped). A program that cannot be
 * executed is a child that says why on its stderr and exits 127 or 126.
 */
JNIEXPORT jlong JNICALL Java_org_openll_starter_NativeSpawn_lead0(JNIEnv *env, jclass cls, jobjectArray argv,
    jobjectArray envp, jbyteArray dir, jbyteArray in, jbyteArray out, jbyteArray err, jbyteArray join,
    jlongArray rlimits) {
  (void) cls;
  struct request r;
  if (!copy_request(env, &r, argv, envp, dir, in, out, err, join)) {
    return -1;
  }
  jsize limit_count = (*env)->GetArrayLength(env, rlimits);
  jlong *limits = malloc(sizeof(jlong) * (size_t) (limit_count > 0 ? limit_count : 1));
  if (limits == NULL) {
    throw_io(env, r.args[0], ENOMEM);
    free_request(&r);
    return -1;
  }
  (*env)->GetLongArrayRegion(env, rlimits, 0, limit_count, limits);
  jlong result = -1;
  struct lead l = {&r, limits, limit_count, "/bin:/usr/bin", 0, NULL};
  for (char **v = r.vars; *v != NULL; v++) {
    if (strncmp(*v, "PATH=", 5) == 0) {
      l.path = *v + 5;
    }
  }
  /* every signal blocked until the child has reset its handlers: the starter's must not run there */
  sigset_t all, before;
  sigfillset(&all);
  pthread_sigmask(SIG_SETMASK, &all, &before);
  pid_t pid = vfork();
  if (pid == 0) {
    child_lead(&l);
  }
  int fork_error = errno;
  pthread_sigmask(SIG_SETMASK, &before, NULL);
  if (pid < 0) {
    throw_io(env, r.args[0], fork_error);
  } else if (l.failure != 0) {
    int status;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    throw_io(env, l.failed, l.failure);
  } else {
    result = pid;
  }
  free(limits);
  free_request(&r);
  return result;
}

/*
 * int waitFor0(long pid, long[] maxRssKb): reaps the child; its exit code, or 128 + the signal that
 * killed it; -1 on error. maxRssKb[0] gets the peak RSS (KiB) of the child and of the descendants it
 * waited for.
 */
JNIEXPORT jint JNICALL Java_org_openll_starter_NativeSpawn_waitFor0(JNIEnv *env, jclass cls, jlong pid,
    jlongArray maxRssKb) {
  (void) cls;
  int status;
  struct rusage usage;
  while (wait4((pid_t) pid, &status, 0, &usage) < 0) {
    if (errno != EINTR) {
      return -1;
    }
  }
  jlong peak = usage.ru_maxrss;
  (*env)->SetLongArrayRegion(env, maxRssKb, 0, 1, &peak);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

/*
 * void cpuMicros0(boolean children, long[] micros): user and system CPU in microseconds of this
 * process (RUSAGE_SELF) or of its reaped children and their reaped descendants (RUSAGE_CHILDREN,
 * what /proc/self/stat's cutime and cstime count), in micros[0] and micros[1].
 */
JNIEXPORT void JNICALL Java_org_openll_starter_NativeSpawn_cpuMicros0(JNIEnv *env, jclass cls, jboolean children,
    jlongArray micros) {
  (void) cls;
  struct rusage usage;
  jlong times[2] = {0, 0};
  if (getrusage(children ? RUSAGE_CHILDREN : RUSAGE_SELF, &usage) == 0) {
    times[0] = (jlong) usage.ru_utime.tv_sec * 1000000 + usage.ru_utime.tv_usec;
    times[1] = (jlong) usage.ru_stime.tv_sec * 1000000 + usage.ru_stime.tv_usec;
  }
  (*env)->SetLongArrayRegion(env, micros, 0, 2, times);
}
