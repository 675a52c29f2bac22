package org.openll.starter;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * {@code SPOOL/STEP/starter.pid}: "PID START_MILLIS", the starter's pid and start time, so that a
 * restarted startd can tell whether the starter still lives (a reused pid has another start time).
 * Written atomically (temporary file, rename).
 */
final class StarterPidFile {
  static final String FILE_NAME = "starter.pid";

  private StarterPidFile() {}

  /** This process's start time in epoch milliseconds, 0 when unknown. */
  static long selfStartMillis() {
    return Self.START_MILLIS;
  }

  /** Looked up once: {@code ProcessHandle.info()} reads several /proc files, and a pooled starter serves many steps. */
  private static final class Self {
    static final long START_MILLIS =
        ProcessHandle.current().info().startInstant().map(java.time.Instant::toEpochMilli).orElse(0L);
  }

  static void writeSelf(Path spool) throws IOException {
    Path tmp = spool.resolve(FILE_NAME + ".tmp");
    Files.writeString(tmp, ProcessHandle.current().pid() + " " + selfStartMillis() + "\n");
    Files.move(tmp, spool.resolve(FILE_NAME), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }
}
