package org.openll.common.cluster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The whole command line of a process, read from {@code /proc/PID/cmdline}. ProcessHandle.Info
 * cuts long command lines short (our daemons carry long class paths), so it cannot tell a master
 * from another JVM.
 */
public final class CommandLines {
  private CommandLines() {}

  /** The arguments of process {@code pid}, or empty when it is gone or not readable. */
  public static Optional<List<String>> of(long pid) {
    try {
      byte[] raw = Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline"));
      if (raw.length == 0) {
        return Optional.empty();
      }
      return Optional.of(List.of(new String(raw, StandardCharsets.UTF_8).split("\0")));
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
