package org.openll.common.metrics;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.openll.common.config.ConfigException;
import org.openll.common.config.LoadLConfig;

/**
 * How a daemon's log file rolls over: LoadL_config's {@code LOG_MAX_SIZE} (bytes, or with a
 * {@code KB}/{@code MB}/{@code GB} suffix; default 10 MB) and {@code LOG_MAX_FILES} (rolled files
 * kept besides the current one; default 5). The master hands them to each daemon JVM as the system
 * properties log4j2.xml reads ({@link #jvmFlags}).
 */
public record LogSettings(long maxBytes, int maxFiles) {
  public static final String MAX_SIZE = "LOG_MAX_SIZE";
  public static final String MAX_FILES = "LOG_MAX_FILES";
  public static final String FILE_PROPERTY = "openll.log.file";
  public static final String MAX_BYTES_PROPERTY = "openll.log.maxBytes";
  public static final String MAX_FILES_PROPERTY = "openll.log.maxFiles";
  public static final long DEFAULT_MAX_BYTES = 10L * 1024 * 1024;
  public static final int DEFAULT_MAX_FILES = 5;

  public LogSettings {
    if (maxBytes < 1) {
      throw new IllegalArgumentException("maxBytes must be positive: " + maxBytes);
    }
    if (maxFiles < 1) {
      throw new IllegalArgumentException("maxFiles must be at least 1: " + maxFiles);
    }
  }

  public static LogSettings defaults() {
    return new LogSettings(DEFAULT_MAX_BYTES, DEFAULT_MAX_FILES);
  }

  /** Reads {@link #MAX_SIZE} and {@link #MAX_FILES}; a bad value is a {@link ConfigException} naming its keyword. */
  public static LogSettings from(LoadLConfig config) {
    long bytes = config.get(MAX_SIZE).map(v -> parseSize(MAX_SIZE, v)).orElse(DEFAULT_MAX_BYTES);
    int files = config.getInt(MAX_FILES, DEFAULT_MAX_FILES);
    if (files < 1) {
      throw new ConfigException(MAX_FILES + " = " + files + ": keep at least 1 rolled file");
    }
    return new LogSettings(bytes, files);
  }

  /** {@code 4096}, {@code 64 KB}, {@code 10MB}, {@code 1 GB} (binary multiples) as bytes. */
  static long parseSize(String keyword, String value) {
    String v = value.strip().toUpperCase(Locale.ROOT).replace(" ", "");
    long multiplier = 1;
    Optional<String> unit = List.of("KB", "MB", "GB", "K", "M", "G", "B").stream().filter(v::endsWith).findFirst();
    if (unit.isPresent()) {
      multiplier = switch (unit.get().charAt(0)) {
        case 'K' -> 1024L;
        case 'M' -> 1024L * 1024;
        case 'G' -> 1024L * 1024 * 1024;
        default -> 1L;
      };
      v = v.substring(0, v.length() - unit.get().length());
    }
    try {
      long n = Long.parseLong(v);
      if (n < 1) {
        throw new ConfigException(keyword + " = " + value.strip() + ": must be positive");
      }
      return Math.multiplyExact(n, multiplier);
    } catch (NumberFormatException | ArithmeticException e) {
      throw new ConfigException(keyword + " = " + value.strip() + ": expected a size such as 10MB, 512KB or 1048576");
    }
  }

  /** The JVM flags that make a daemon write {@code logFile} itself with these limits. */
  public List<String> jvmFlags(Path logFile) {
    return List.of("-D" + FILE_PROPERTY + "=" + logFile, "-D" + MAX_BYTES_PROPERTY + "=" + maxBytes,
        "-D" + MAX_FILES_PROPERTY + "=" + maxFiles);
  }
}
