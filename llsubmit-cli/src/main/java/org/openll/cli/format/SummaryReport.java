package org.openll.cli.format;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
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
 * {@code hh:mm:ss}. Only steps with a result count. Leverage is Job Cpu / Starter Cpu, as
 * LoadLeveler defines it, or {@code -} when the starters used no measurable CPU.
 */
public final class SummaryReport {
  private static final Map<String, Function<StepStatus, String>> TABLES = new LinkedHashMap<>();

  static {
    TABLES.put("Name", StepStatus::getOwner);
    TABLES.put("Class", s -> s.getSpec().getJobClass());
    TABLES.put("Group", s -> s.getSpec().getGroup().isEmpty() ? "No_Group" : s.getSpec().getGroup());
    TABLES.put("Account", s -> s.getSpec().getAccountNo().isEmpty() ? "NONE" : s.getSpec().getAccountNo());
  }

  /** The totals of one row. */
  private static final class Row {
    final TreeSet<String> jobs = new TreeSet<>();
    int steps;
    long jobCpuMicros;
    long starterCpuMicros;

    void add(StepStatus step) {
      jobs.add(step.getJobId());
      steps++;
      jobCpuMicros += step.getResult().getUserCpuMicros() + step.getResult().getSystemCpuMicros();
      starterCpuMicros += step.getResult().getStarterCpuMicros();
    }

    void add(Row other) {
      jobs.addAll(other.jobs);
      steps += other.steps;
      jobCpuMicros += other.jobCpuMicros;
      starterCpuMicros += other.starterCpuMicros;
    }

    String leverage() {
      return starterCpuMicros == 0 ? "-" : String.format(Locale.ROOT, "%.1f", (double) jobCpuMicros / starterCpuMicros);
    }
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
      rows.values().forEach(total::add);
      line(out, "TOTAL", total);
      out.append('\n');
    }
    return out.toString();
  }

  /** One JSON document: {"user": [...], "class": [...], "group": [...], "account": [...]}. */
  public static String json(List<StepStatus> steps) {
    JsonObject document = new JsonObject();
    for (Map.Entry<String, Function<StepStatus, String>> table : TABLES.entrySet()) {
      JsonArray rows = new JsonArray();
      rows(steps, table.getValue()).forEach((name, row) -> {
        JsonObject json = new JsonObject();
        json.addProperty("name", name);
        json.addProperty("jobs", row.jobs.size());
        json.addProperty("steps", row.steps);
        json.addProperty("job_cpu_seconds", row.jobCpuMicros / 1e6);
        json.addProperty("starter_cpu_seconds", row.starterCpuMicros / 1e6);
        rows.add(json);
      });
      document.add(table.getKey().equals("Name") ? "user" : table.getKey().toLowerCase(Locale.ROOT), rows);
    }
    return new GsonBuilder().setPrettyPrinting().create().toJson(document) + "\n";
  }

  private static Map<String, Row> rows(List<StepStatus> steps, Function<StepStatus, String> key) {
    Map<String, Row> rows = new TreeMap<>();
    for (StepStatus step : steps) {
      if (step.hasResult()) {
        rows.computeIfAbsent(key.apply(step), k -> new Row()).add(step);
      }
    }
    return rows;
  }

  private static void line(StringBuilder out, String name, Row row) {
    out.append(String.format(Locale.ROOT, "%12s %6d %7d %14s %14s %12s%n", name, row.jobs.size(), row.steps,
        hms(row.jobCpuMicros / 1_000_000), hms(row.starterCpuMicros / 1_000_000), row.leverage()));
  }

  static String hms(long seconds) {
    return String.format(Locale.ROOT, "%02d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60);
  }
}
