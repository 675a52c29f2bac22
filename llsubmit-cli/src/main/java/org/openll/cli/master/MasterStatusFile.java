package org.openll.cli.master;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.openll.common.cluster.ClusterHome;

/**
 * {@code run/master.status}: the state of each daemon the master runs, one line per daemon in
 * start order, rewritten atomically (write then rename) on every change so a reader never sees
 * half a file:
 *
 * <pre>
 * # name pid started-at restarts-last-hour restarts-per-hour gave-up-at
 * startd-vm-1 4242 2026-11-25T19:00:00Z 10 10 2026-11-25T19:05:00Z
 * </pre>
 *
 * <p>Times are ISO-8601 instants; {@code -} stands for none. Lines the reader does not understand
 * are skipped, so a newer master's file never breaks an older {@code llctl}.
 */
public final class MasterStatusFile {
  static final String HEADER = "# name pid started-at restarts-last-hour restarts-per-hour gave-up-at";
  private static final String NONE = "-";

  private MasterStatusFile() {}

  public static Path of(ClusterHome home) {
    return home.runDir().resolve("master.status");
  }

  /** Replaces {@code file} with {@code states}, atomically. */
  public static void write(Path file, List<DaemonState> states) throws IOException {
    StringBuilder text = new StringBuilder(HEADER).append('\n');
    for (DaemonState state : states) {
      text.append(state.name()).append(' ')
          .append(state.pid()).append(' ')
          .append(instant(state.startedAt())).append(' ')
          .append(state.restartsLastHour()).append(' ')
          .append(state.restartsPerHour()).append(' ')
          .append(instant(state.gaveUpAt())).append('\n');
    }
    Files.createDirectories(file.getParent());
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.writeString(tmp, text, StandardCharsets.UTF_8);
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /** The states in {@code file}, in its order; empty when the file does not exist or cannot be read. */
  public static List<DaemonState> read(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return List.of();
    } catch (IOException e) {
      return List.of();
    }
    List<DaemonState> states = new ArrayList<>();
    for (String line : lines) {
      parse(line).ifPresent(states::add);
    }
    return states;
  }

  public static void delete(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException ignored) {
      // llctl shows a stale file only next to "master not running"
    }
  }

  private static Optional<DaemonState> parse(String line) {
    String trimmed = line.strip();
    if (trimmed.isEmpty() || trimmed.startsWith("#")) {
      return Optional.empty();
    }
    String[] fields = trimmed.split("\\s+");
    if (fields.length < 6) {
      return Optional.empty();
    }
    try {
      return Optional.of(new DaemonState(fields[0], Long.parseLong(fields[1]), parseInstant(fields[2]),
          Integer.parseInt(fields[3]), Integer.parseInt(fields[4]), parseInstant(fields[5])));
    } catch (NumberFormatException | DateTimeParseException e) {
      return Optional.empty();
    }
  }

  private static String instant(Optional<Instant> instant) {
    return instant.map(Instant::toString).orElse(NONE);
  }

  private static Optional<Instant> parseInstant(String field) {
    return field.equals(NONE) ? Optional.empty() : Optional.of(Instant.parse(field));
  }
}
