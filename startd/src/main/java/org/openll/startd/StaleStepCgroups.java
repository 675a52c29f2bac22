package org.openll.startd;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Removes step cgroups ({@code PARENT/STEP_ID.STARTER_PID}) that hold no process and whose starter
 * is gone. A starter removes its step's cgroup when the step ends, but one killed with SIGKILL
 * (with its machine, say) cannot. The parent is shared by every startd of the machine, so a cgroup
 * is only ever removed when its starter's pid is not alive and its {@code cgroup.procs} is empty.
 */
final class StaleStepCgroups {
  private static final Logger LOG = LogManager.getLogger(StaleStepCgroups.class);
  private static final Pattern STARTER_PID = Pattern.compile(".+\\.(\\d+)");

  private StaleStepCgroups() {}

  /** Removes every stale step cgroup under {@code parent}; returns how many were removed. */
  static int sweep(Path parent) {
    int removed = 0;
    try (DirectoryStream<Path> children = Files.newDirectoryStream(parent, Files::isDirectory)) {
      for (Path child : children) {
        if (removeIfStale(child)) {
          removed++;
        }
      }
    } catch (IOException e) {
      LOG.warn("cannot list {}: {}", parent, e.toString());
    }
    if (removed > 0) {
      LOG.info("removed {} empty step cgroups of gone starters under {}", removed, parent);
    }
    return removed;
  }

  /** Removes {@code PARENT/STEP_ID.STARTER_PID} if it is stale. */
  static boolean removeIfStale(Path parent, String stepId, long starterPid) {
    return removeIfStale(parent.resolve(stepId + "." + starterPid));
  }

  private static boolean removeIfStale(Path cgroup) {
    Matcher m = STARTER_PID.matcher(cgroup.getFileName().toString());
    if (!m.matches()) {
      return false;
    }
    try {
      if (ProcessHandle.of(Long.parseLong(m.group(1))).map(ProcessHandle::isAlive).orElse(false)
          || !Files.readString(cgroup.resolve("cgroup.procs")).isBlank()) {
        return false;
      }
      Files.delete(cgroup); // rmdir(2): the kernel refuses a cgroup with members or children
      return true;
    } catch (IOException | NumberFormatException e) {
      return false;
    }
  }
}
