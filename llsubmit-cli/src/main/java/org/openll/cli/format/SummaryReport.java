package org.openll.cli.format;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import org.openll.api.v1.StepStatus;

/**
 * llsummary's tables: one per user, class, group and account, LoadLeveler's columns
 * {@code Name Jobs Steps Job Cpu Starter Cpu Leverage} with a {@code TOTAL} row, CPU as
 * {@code hh:mm:ss}. Only steps with a result count. The starter's own CPU is not measured per
 * step yet: Starter Cpu shows 00:00:00 and Leverage {@code -}.
 */
public final class SummaryReport {
  private record Row(TreeSet<String> jobs, int[] steps, long[] cpuMicros) {
    Row() {
      this(new TreeSet<>(), new int[1], new long[1]);
    }
  }

  private static final Map<String, Function<StepStatus, String>> TABLES = new LinkedHashMap<>();

  static {
    TABLES.put("Name", StepStatus::getOwner);
    TABLES.put("Class", s -> s.getSpec().getJobClass());
    TABLES.put("Group", s -> s.getSpec().getGroup().isEmpty() ? "No_Group" : s.getSpec().getGroup());
    TABLES.put("Account", s -> s.getSpec().getAccountNo().isEmpty() ? "NONE" : s.getSpec().getAccountNo());
  }

  private SummaryReport() {}

  public static String text(List<StepStatus> steps) {
    StringBuilder out = new StringBuilder();
    for (Map.Entry<String, Function<StepStatus, String>> table : TABLES.entrySet()) {
      out.append(String.format(Locale.ROOT, "%12s %6s %7s %14s %14s %12s%n", table.getKey(), "Jobs", "Steps",
          "Job Cpu", "Starter Cpu", "Leverage"));
      Map<String, Row> rows = rows(steps, table.getValue());
      rows.forEach((name, row) -> line(out, name, row));
      Row total = new Row();
      rows.values().forEach(r -> {
        total.jobs().addAll(r.jobs());
        total.steps()[0] += r.steps()[0];
        total.cpuMicros()[0] += r.cpuMicros()[0];
      });
      line(out, "TOTAL", total);
      out.append('\n');
    }
    return out.toString();
  }

  public static String json(List<StepStatus> steps) {
    StringBuilder out = new StringBuilder("{");
    String sep = "";
    for (Map.Entry<String, Function<StepStatus, String>> table : TABLES.entrySet()) {
      out.append(sep).append('"').append(table.getKey().equals("Name") ? "user" : table.getKey().toLowerCase(Locale.ROOT))
          .append("\": [");
      String rowSep = "";
      for (Map.Entry<String, Row> row : rows(steps, table.getValue()).entrySet()) {
        out.append(rowSep).append(String.format(Locale.ROOT,
            "{\"name\": \"%s\", \"jobs\": %d, \"steps\": %d, \"job_cpu_seconds\": %.2f, \"starter_cpu_seconds\": 0}",
            row.getKey().replace("\\", "\\\\").replace("\"", "\\\""), row.getValue().jobs().size(),
            row.getValue().steps()[0], row.getValue().cpuMicros()[0] / 1e6));
        rowSep = ", ";
      }
      out.append(']');
      sep = ", ";
    }
    return out.append("}\n").toString();
  }

  private static Map<String, Row> rows(List<StepStatus> steps, Function<StepStatus, String> key) {
    Map<String, Row> rows = new TreeMap<>();
    for (StepStatus s : steps) {
      if (!s.hasResult()) {
        continue;
      }
      Row row = rows.computeIfAbsent(key.apply(s), k -> new Row());
      row.jobs().add(s.getJobId());
      row.steps()[0]++;
      row.cpuMicros()[0] += s.getResult().getUserCpuMicros() + s.getResult().getSystemCpuMicros();
    }
    return rows;
  }

  private static void line(StringBuilder out, String name, Row row) {
    out.append(String.format(Locale.ROOT, "%12s %6d %7d %14s %14s %12s%n", name, row.jobs().size(), row.steps()[0],
        hms(row.cpuMicros()[0] / 1_000_000), hms(0), "-"));
  }

  static String hms(long seconds) {
    return String.format(Locale.ROOT, "%02d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60);
  }
}
