package org.openll.common.jcf;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.openll.api.v1.Limit;
import org.openll.api.v1.LimitValue;

/**
 * The resource limits llsubmit itself runs with, for the {@code copy} value of a limit keyword,
 * read from {@code /proc/self/limits}. Keyed by limit keyword ({@code cpu_limit}, {@code data_limit},
 * ...). Immutable and thread-safe.
 */
public final class SubmitLimits {
  private static final int MAX_BYTES = 64 * 1024;
  private static final Map<String, String> PROC_ROWS = Map.of(
      "Max cpu time", "cpu_limit",
      "Max file size", "file_limit",
      "Max data size", "data_limit",
      "Max stack size", "stack_limit",
      "Max core file size", "core_limit",
      "Max resident set", "rss_limit",
      "Max address space", "as_limit");

  private final Map<String, Limit> limits;

  private SubmitLimits(Map<String, Limit> limits) {
    this.limits = Map.copyOf(limits);
  }

  /** No known limits: {@code copy} then means unlimited. */
  public static SubmitLimits none() {
    return new SubmitLimits(Map.of());
  }

  /** This process's limits; {@link #none()} when /proc/self/limits cannot be read. */
  public static SubmitLimits ofThisProcess() {
    try {
      Path proc = Path.of("/proc/self/limits");
      byte[] bytes = Files.readAllBytes(proc);
      return parse(new String(bytes, 0, Math.min(bytes.length, MAX_BYTES), java.nio.charset.StandardCharsets.US_ASCII));
    } catch (IOException | RuntimeException e) {
      return none();
    }
  }

  /**
   * Reads the text of a {@code /proc/PID/limits} file. {@code job_cpu_limit} copies the CPU time
   * limit, the closest a process has.
   */
  public static SubmitLimits parse(String procLimits) {
    Map<String, Limit> limits = new HashMap<>();
    for (String line : procLimits.split("\n")) {
      for (Map.Entry<String, String> row : PROC_ROWS.entrySet()) {
        if (line.startsWith(row.getKey() + " ")) {
          String[] columns = line.substring(row.getKey().length()).strip().split("\\s+");
          if (columns.length >= 2) {
            limits.put(row.getValue(), Limit.newBuilder()
                .setSoft(value(columns[0])).setHard(value(columns[1])).build());
          }
        }
      }
    }
    if (limits.containsKey("cpu_limit")) {
      limits.put("job_cpu_limit", limits.get("cpu_limit"));
    }
    return new SubmitLimits(limits);
  }

  /** The limit of {@code keyword} at submission, if this process has one. */
  public Optional<Limit> of(String keyword) {
    return Optional.ofNullable(limits.get(keyword));
  }

  private static LimitValue value(String column) {
    if (column.equals("unlimited")) {
      return LimitValue.newBuilder().setUnlimited(true).build();
    }
    try {
      return LimitValue.newBuilder().setAmount(Long.parseLong(column)).build();
    } catch (NumberFormatException e) {
      return LimitValue.newBuilder().setUnlimited(true).build();
    }
  }
}
