package org.openll.starter;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Starts a step's command through {@code libopenll-spawn.so} (src/main/native, found by
 * {@link NativeFiles}). The JDK's {@link ProcessBuilder} execs its {@code jspawnhelper} first,
 * which then execs the command: one exec of a dynamically linked program more per step, ~0.7 ms
 * of CPU here (docs/performance.md, "The seventh pass"). {@link #lead} also does what
 * {@code openll-exec} and {@code prlimit} do (a session of its own, the step's cgroup, its rlimits)
 * in the child before it execs the command, which saves their execs too ("The eighth pass").
 * Without the library (no C compiler at build time) the starter keeps using ProcessBuilder.
 *
 * <p>The starter reaps the command itself ({@link RunningCommand#waitFor}, with wait4(2)), so the
 * command's CPU time still reaches the starter's children's times ({@link ChildCpuTimes}), and
 * its peak RSS is known ({@link RunningCommand#maxRssKb}).
 */
final class NativeSpawn {
  static final String LIBRARY = "libopenll-spawn.so";
  private static final Charset JNU = jnuEncoding();

  private NativeSpawn() {}

  /** Whether the library is there and loaded; looked up once per JVM. */
  static boolean available() {
    return Loaded.OK;
  }

  private static final class Loaded {
    static final boolean OK = load();

    private static boolean load() {
      Optional<Path> library = NativeFiles.find(LIBRARY);
      if (library.isEmpty()) {
        return false;
      }
      try {
        System.load(library.get().toString());
        return true;
      } catch (UnsatisfiedLinkError | SecurityException e) {
        System.err.println("starter: cannot load " + library.get() + " (steps start through the JDK): " + e.getMessage());
        return false;
      }
    }
  }

  /**
   * Starts {@code command} in {@code folder} with exactly {@code environment}, stdin from
   * {@code input}, stdout to {@code output} and stderr to {@code error}, or to {@code output} when
   * {@code error} is null (both truncated). The command leads a session and process group of its
   * own, starts with {@code rlimits} and, when {@code cgroupProcs} is not null, is in that cgroup
   * before it execs, so that every process it forks starts inside (what {@code openll-exec} and
   * {@code prlimit} do). Throws when the library is not {@link #available()}.
   * Its program is searched on the PATH of {@code environment}. A cgroup, limit, file or folder the
   * child cannot take throws, naming it; a program that cannot be executed says why on the
   * command's stderr and exits 127 (not found) or 126.
   */
  static RunningCommand lead(List<String> command, Map<String, String> environment, Path folder, Path input,
      Path output, Path error, Path cgroupProcs, List<Rlimits.Rlimit> rlimits) throws IOException {
    if (!available()) {
      throw new IllegalStateException(LIBRARY + " is not loaded");
    }
    long pid = lead0(cStrings(command), variables(environment), cString(folder.toString()),
        cString(input.toString()), cString(output.toString()), error == null ? null : cString(error.toString()),
        cgroupProcs == null ? null : cString(cgroupProcs.toString()), Rlimits.triples(rlimits));
    return running(pid);
  }

  private static byte[][] variables(Map<String, String> environment) throws IOException {
    return cStrings(environment.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList());
  }

  private static RunningCommand running(long pid) {
    long[] maxRssKb = new long[1];
    return new RunningCommand() {
      @Override
      public long pid() {
        return pid;
      }

      @Override
      public int waitFor() {
        return waitFor0(pid, maxRssKb);
      }

      @Override
      public long maxRssKb() {
        return maxRssKb[0];
      }
    };
  }

  /**
   * {@code s} in the encoding the JDK gives command lines, environments and file names
   * ({@code sun.jnu.encoding}); a NUL, which would cut it short, is refused as ProcessBuilder does.
   */
  private static byte[] cString(String s) throws IOException {
    if (s.indexOf('\u0000') >= 0) {
      throw new IOException("invalid null character in command");
    }
    return s.getBytes(JNU);
  }

  private static byte[][] cStrings(List<String> strings) throws IOException {
    byte[][] bytes = new byte[strings.size()][];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = cString(strings.get(i));
    }
    return bytes;
  }

  private static Charset jnuEncoding() {
    try {
      return Charset.forName(System.getProperty("sun.jnu.encoding", ""), Charset.defaultCharset());
    } catch (IllegalArgumentException e) {
      return Charset.defaultCharset();
    }
  }

  /**
   * User and system CPU in microseconds of this process, or of its reaped children and their reaped
   * descendants ({@code children}); null without the library.
   */
  static long[] cpuMicros(boolean children) {
    if (!available()) {
      return null;
    }
    long[] micros = new long[2];
    cpuMicros0(children, micros);
    return micros;
  }

  private static native void cpuMicros0(boolean children, long[] micros);

  private static native long lead0(byte[][] argv, byte[][] envp, byte[] dir, byte[] in, byte[] out, byte[] err,
      byte[] join, long[] rlimits) throws IOException;

  /** Reaps {@code pid}; its exit value, and its peak RSS in KiB in {@code maxRssKb[0]}. */
  private static native int waitFor0(long pid, long[] maxRssKb);
}
