package org.openll.schedd.store;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.openll.common.errors.OpenllException;

/**
 * Refuses new work while the file system of the schedd's spool has less usable space than
 * {@code SCHEDD_MIN_FREE_SPACE}, so a filling disk stops new submits before SQLite runs out of
 * room for the transitions of the steps already queued. One {@code statvfs} per check (a few
 * microseconds), no caching of the answer. When the space cannot be read the check passes: SQLite's own
 * SQLITE_FULL is the last line. Thread-safe.
 */
final class FreeSpaceFloor {
  /** Reads the usable bytes of the file system holding a path. */
  @FunctionalInterface
  interface UsableSpace {
    long of(Path dir) throws IOException;
  }

  private final Path dir;
  private final long minFreeBytes;
  private final UsableSpace usable;

  /** @param minFreeBytes 0 turns the check off */
  FreeSpaceFloor(Path dir, long minFreeBytes, UsableSpace usable) {
    this.dir = dir;
    this.minFreeBytes = minFreeBytes;
    this.usable = usable;
  }

  /** The floor on the real file system of {@code dir}. */
  static FreeSpaceFloor of(Path dir, long minFreeBytes) {
    return new FreeSpaceFloor(dir, minFreeBytes, new StatVfs());
  }

  /**
   * {@code statvfs} of the directory. The {@link FileStore} is looked up once (that reads the mount
   * table); each {@link FileStore#getUsableSpace()} then asks the kernel about the same path again.
   */
  private static final class StatVfs implements UsableSpace {
    private volatile FileStore store;

    @Override
    public long of(Path dir) throws IOException {
      FileStore s = store;
      if (s == null) {
        s = Files.getFileStore(dir);
        store = s;
      }
      return s.getUsableSpace();
    }
  }

  /** Throws RESOURCE_EXHAUSTED naming the spool when it has less than the floor free. */
  void check(String what) {
    if (minFreeBytes <= 0) {
      return;
    }
    long free;
    try {
      free = usable.of(dir);
    } catch (IOException | RuntimeException e) {
      return;
    }
    if (free < minFreeBytes) {
      throw OpenllException.resourceExhausted("schedd spool " + dir + ": disk full (" + mb(free)
          + " free, SCHEDD_MIN_FREE_SPACE is " + mb(minFreeBytes) + "): cannot " + what
          + "; the schedd takes no new jobs until there is space");
    }
  }

  private static String mb(long bytes) {
    return String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024.0));
  }

  /**
   * Parses a size as LoadL_config writes it: a whole number with an optional unit b, kb, mb, gb or
   * tb (powers of 1024, any case); a bare number is bytes.
   */
  static long parseSize(String keyword, String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    int split = 0;
    while (split < t.length() && Character.isDigit(t.charAt(split))) {
      split++;
    }
    String unit = t.substring(split).trim();
    long multiplier = switch (unit) {
      case "", "b" -> 1L;
      case "kb", "k" -> 1L << 10;
      case "mb", "m" -> 1L << 20;
      case "gb", "g" -> 1L << 30;
      case "tb", "t" -> 1L << 40;
      default -> -1L;
    };
    if (split == 0 || multiplier < 0) {
      throw OpenllException.invalidArgument(keyword + ": \"" + text + "\" is not a size (like 64mb)");
    }
    try {
      return Math.multiplyExact(Long.parseLong(t.substring(0, split)), multiplier);
    } catch (ArithmeticException | NumberFormatException e) {
      throw OpenllException.invalidArgument(keyword + ": \"" + text + "\" is too large");
    }
  }
}
