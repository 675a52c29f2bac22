/*
 * libopenll-spawn.so: the native half of org.openll.starter.NativeSpawn.
 *
 * It starts a step's command with posix_spawnp(3), which glibc implements with a vfork-like
 * clone: the JDK's own POSIX_SPAWN launch first execs its jspawnhelper, which then execs the
 * command, one exec of a dynamically linked program more per step (docs/performance.md, "The
 * seventh pass"). The child gets stdin, stdout and stderr from the given files, the given folder,
 * environment and an empty signal mask with every signal at its default, and no other open file of
 * the starter. waitFor0 reaps it and returns its exit value as the JDK's Process does (128 +
 * signal for a command killed by a signal).
 */
#define _GNU_SOURCE
#include <jni.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

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

/*
 * long spawn0(byte[][] argv, byte[][] envp, byte[] dir, byte[] in, byte[] out, byte[] err), each
 * string without its terminating NUL: err == null sends stderr to out's file. Returns the child's pid; throws IOException when the
 * command cannot be started (the program, the folder or one of the files): "PROGRAM: REASON".
 */
JNIEXPORT jlong JNICALL Java_org_openll_starter_NativeSpawn_spawn0(JNIEnv *env, jclass cls, jobjectArray argv,
    jobjectArray envp, jbyteArray dir, jbyteArray in, jbyteArray out, jbyteArray err) {
  (void) cls;
  char **args = copy_strings(env, argv);
  char **vars = copy_strings(env, envp);
  char *folder = copy_string(env, dir), *input = copy_string(env, in), *output = copy_string(env, out);
  char *error = copy_string(env, err);
  jlong result = -1;
  if (args == NULL || args[0] == NULL || vars == NULL || folder == NULL || input == NULL || output == NULL
      || (err != NULL && error == NULL)) {
    if (!(*env)->ExceptionCheck(env)) {
      throw_io(env, args != NULL && args[0] != NULL ? args[0] : "posix_spawn", ENOMEM);
    }
    goto done;
  }
  posix_spawn_file_actions_t actions;
  posix_spawnattr_t attributes;
  sigset_t none, all;
  sigemptyset(&none);
  sigfillset(&all);
  posix_spawn_file_actions_init(&actions);
  posix_spawnattr_init(&attributes);
  int rc = posix_spawn_file_actions_addchdir_np(&actions, folder);
  if (rc == 0) rc = posix_spawn_file_actions_addopen(&actions, 0, input, O_RDONLY, 0);
  if (rc == 0) rc = posix_spawn_file_actions_addopen(&actions, 1, output, O_WRONLY | O_CREAT | O_TRUNC, 0666);
  if (rc == 0) {
    rc = error == NULL ? posix_spawn_file_actions_adddup2(&actions, 1, 2)
        : posix_spawn_file_actions_addopen(&actions, 2, error, O_WRONLY | O_CREAT | O_TRUNC, 0666);
  }
  if (rc == 0) rc = posix_spawn_file_actions_addclosefrom_np(&actions, 3);
  if (rc == 0) rc = posix_spawnattr_setsigmask(&attributes, &none);
  if (rc == 0) rc = posix_spawnattr_setsigdefault(&attributes, &all);
  if (rc == 0) rc = posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
  pid_t pid = -1;
  if (rc == 0) rc = posix_spawnp(&pid, args[0], &actions, &attributes, args, vars);
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attributes);
  if (rc != 0) {
    throw_io(env, args[0], rc);
  } else {
    result = pid;
  }
done:
  free_strings(args);
  free_strings(vars);
  free(folder);
  free(input);
  free(output);
  free(error);
  return result;
}

/* int waitFor0(long pid): reaps the child; its exit code, or 128 + the signal that killed it; -1 on error. */
JNIEXPORT jint JNICALL Java_org_openll_starter_NativeSpawn_waitFor0(JNIEnv *env, jclass cls, jlong pid) {
  (void) env;
  (void) cls;
  int status;
  while (waitpid((pid_t) pid, &status, 0) < 0) {
    if (errno != EINTR) {
      return -1;
    }
  }
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}
