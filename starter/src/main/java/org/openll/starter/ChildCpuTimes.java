package org.openll.starter;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time of the starter's reaped children and their reaped descendants, in microseconds:
 * getrusage(2) through {@link NativeSpawn#cpuMicros} when the library is loaded, else fields
 * {@code cutime} and {@code cstime} of {@code /proc/self/stat} (clock ticks, USER_HZ: 100 per
 * second on Linux). Processes whose parent died before reaping them are not counted (the kernel's
 * rule).
 */
record ChildCpuTimes(long userMicros, long systemMicros) {
  static final long MICROS_PER_TICK = 10_000;

  static ChildCpuTimes read(Path statFile) {
    try {
      return parse(Files.readString(statFile));
    } catch (IOException | RuntimeException e) {
      return new ChildCpuTimes(0, 0);
    }
  }

  static ChildCpuTimes ofSelf() {
    long[] micros = NativeSpawn.cpuMicros(true);
    return micros != null ? new ChildCpuTimes(micros[0], micros[1]) : read(Path.of("/proc/self/stat"));
  }

  /** Parses a {@code /proc/PID/stat} line; the command name in parentheses may hold blanks. */
  static ChildCpuTimes parse(String stat) {
    return new ChildCpuTimes(field(stat, 16) * MICROS_PER_TICK, field(stat, 17) * MICROS_PER_TICK); // cutime, cstime
  }

  /** The starter's own user + system CPU so far, in microseconds (fields utime and stime). */
  static long ownMicros() {
    long[] micros = NativeSpawn.cpuMicros(false);
    if (micros != null) {
      return micros[0] + micros[1];
    }
    try {
      String stat = Files.readString(Path.of("/proc/self/stat"));
      return (field(stat, 14) + field(stat, 15)) * MICROS_PER_TICK;
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }

  /**
   * Field {@code n} (n ≥ 3, numbered as in proc(5)) of a stat line, whose fields after the command
   * name are separated by one blank. Read without a regular expression: a pooled starter reads
   * these three times per step.
   */
  static long field(String stat, int n) {
    int start = stat.lastIndexOf(')') + 2; // field 3
    for (int f = 3; f < n; f++) {
      start = stat.indexOf(' ', start) + 1;
      if (start == 0) {
        throw new IllegalArgumentException("no field " + n + " in " + stat);
      }
    }
    int end = start;
    while (end < stat.length() && stat.charAt(end) != ' ' && stat.charAt(end) != '\n') {
      end++;
    }
    return Long.parseLong(stat, start, end, 10);
  }

  ChildCpuTimes minus(ChildCpuTimes baseline) {
    return new ChildCpuTimes(userMicros - baseline.userMicros, systemMicros - baseline.systemMicros);
  }
}
