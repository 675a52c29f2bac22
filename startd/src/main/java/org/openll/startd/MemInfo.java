package org.openll.startd;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The memory of this machine from {@code /proc/meminfo}, in MiB: {@code MemTotal} and
 * {@code SwapTotal}. An unreadable file or a missing line gives 0.
 */
record MemInfo(long physicalMb, long swapMb) {
  static MemInfo read(Path proc) {
    long physical = 0;
    long swap = 0;
    try {
      for (String line : Files.readAllLines(proc.resolve("meminfo"))) {
        if (line.startsWith("MemTotal:")) {
          physical = kibToMib(line, "MemTotal:");
        } else if (line.startsWith("SwapTotal:")) {
          swap = kibToMib(line, "SwapTotal:");
        }
      }
    } catch (IOException | RuntimeException e) {
      return new MemInfo(0, 0);
    }
    return new MemInfo(physical, swap);
  }

  /** Physical memory plus swap. */
  long virtualMb() {
    return physicalMb + swapMb;
  }

  private static long kibToMib(String line, String label) {
    return Long.parseLong(line.substring(label.length()).trim().split("\\s+")[0]) / 1024;
  }
}
