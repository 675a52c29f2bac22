package org.openll.starter;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time of the starter's reaped children and their reaped descendants: fields {@code cutime}
 * and {@code cstime} of {@code /proc/self/stat}, in clock ticks (USER_HZ, 100 per second on Linux).
 * Processes whose parent died before reaping them are not counted (the kernel's rule).
 */
record ChildCpuTimes(long userTicks, long systemTicks) {
  static final long MICROS_PER_TICK = 10_000;

  static ChildCpuTimes read(Path statFile) {
    try {
      return parse(Files.readString(statFile));
    } catch (IOException | RuntimeException e) {
      return new ChildCpuTimes(0, 0);
    }
  }

  static ChildCpuTimes ofSelf() {
    return read(Path.of("/proc/self/stat"));
  }

  /** Parses a {@code /proc/PID/stat} line; the command name in parentheses may hold blanks. */
  static ChildCpuTimes parse(String stat) {
    String rest = stat.substring(stat.lastIndexOf(')') + 2);
    String[] f = rest.trim().split("\\s+");
    // rest starts at field 3 (state); cutime is field 16 and cstime field 17
    return new ChildCpuTimes(Long.parseLong(f[13]), Long.parseLong(f[14]));
  }

  /** The starter's own user + system CPU so far, in microseconds (fields utime and stime). */
  static long ownMicros() {
    try {
      String stat = Files.readString(Path.of("/proc/self/stat"));
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
      // rest starts at field 3 (state); utime is field 14 and stime field 15
      return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * MICROS_PER_TICK;
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }

  ChildCpuTimes minus(ChildCpuTimes baseline) {
    return new ChildCpuTimes(userTicks - baseline.userTicks, systemTicks - baseline.systemTicks);
  }

  long userMicros() {
    return userTicks * MICROS_PER_TICK;
  }

  long systemMicros() {
    return systemTicks * MICROS_PER_TICK;
  }
}
