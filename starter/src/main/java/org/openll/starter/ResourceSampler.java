package org.openll.starter;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads the resident memory of one process from {@code /proc/PID/status}; {@link StepWatcher} sums it over the step. */
final class ResourceSampler {
  private ResourceSampler() {}

  /** VmRSS of one {@code /proc/PID/status} file in KiB; 0 when the process is gone. */
  static long rssKb(Path statusFile) {
    try {
      for (String line : Files.readAllLines(statusFile)) {
        if (line.startsWith("VmRSS:")) {
          String[] parts = line.substring(6).trim().split("\\s+");
          return Long.parseLong(parts[0]);
        }
      }
    } catch (IOException | RuntimeException e) {
      return 0;
    }
    return 0;
  }
}
