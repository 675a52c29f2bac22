package org.openll.cli.format;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.protobuf.Timestamp;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.ToLongFunction;
import org.openll.api.v1.StepStatus;

/**
 * llsummary's tables: one per {@link SummarySection} (user, class, group and account by default).
 * The summary report has LoadLeveler's columns {@code Name Jobs Steps Job Cpu Starter Cpu Leverage}
 * with a {@code TOTAL} row, CPU as {@code hh:mm:ss} (seconds with {@link Report#NUMERIC}). The
 * throughput reports show per row the average, minimum or maximum queue time (queued to
 * dispatched), real time (the command's run) and CPU time of a step. Only steps with a result
 * count. Leverage is Job Cpu / Starter Cpu, as LoadLeveler defines it, or {@code -} when the
 * starters used no measurable CPU. Pure.
 */
public final class SummaryReport {
  /** llsummary's {@code -r} report types. */
  public enum Report {
    SUMMARY, NUMERIC, AVGTHROUGHPUT, MINTHROUGHPUT, MAXTHROUGHPUT;

    /** The report {@code -r} names; {@code throughput} is the average, minimum and maximum ones. */
    public static List<Report> of(String name) {
      String lower = name.strip().toLowerCase(Locale.ROOT);
      if (lower.equals("throughput")) {
        return List.of(AVGTHROUGHPUT, MINTHROUGHPUT, MAXTHROUGHPUT);
      }
      for (Report report : values()) {
        if (report.name().toLowerCase(Locale.ROOT).equals(lower)) {
          return List.of(report);
        }
      }
      throw new IllegalArgumentException("unknown report type: " + name
          + " (summary, numeric, throughput, avgthroughput, minthroughput, maxthroughput)");
    }
  }

  /** The totals of one row. */
  private static final class Row {
    final TreeSet<String> jobs = new TreeSet<>();
    final List<StepStatus> steps = new ArrayList<>();

    void add(StepStatus step) {
      jobs.add(step.getJobId());
      steps.add(step);
    }

    void add(Row other) {
      jobs.addAll(other.jobs);
      steps.addAll(other.steps);
    }

    long sum(ToLongFunction<StepStatus> f) {
      return steps.stream().mapToLong(f).sum();
    }

    long min(ToLongFunction<StepStatus> f) {
      return steps.stream().mapToLong(f).min().orElse(0);
    }

    long max(ToLongFunction<StepStatus> f) {
      return steps.stream().mapToLong(f).max().orElse(0);
    }

    long avg(ToLongFunction<StepStatus> f) {
      return steps.isEmpty() ? 0 : sum(f) / steps.size();
    }

    String leverage() {
      long starter = sum(SummaryReport::starterCpuMicros);
      return starter == 0 ? "-"
          : String.format(Locale.ROOT, "%.1f", (double) sum(SummaryReport::jobCpuMicros) / starter);
    }
  }

  private SummaryReport() {}

  /** The default report: the summary of the default sections. */
  public static String text(List<StepStatus> steps) {
    return text(steps, SummarySection.DEFAULT, List.of(Report.SUMMARY), ZoneId.of("UTC"));
  }

  /** Each report of {@code reports} for each section of {@code sections}, a blank line after each table. */
  public static String text(List<StepStatus> steps, List<SummarySection> sections, List<Report> reports, ZoneId zone) {
    StringBuilder out = new StringBuilder();
    for (Report report : reports) {
      for (SummarySection section : sections) {
        Map<String, Row> rows = rows(steps, section, zone);
        Row total = new Row();
        rows.values().forEach(total::add);
        header(out, section.heading(), report);
        rows.forEach((name, row) -> line(out, name, row, report));
        line(out, "TOTAL", total, report);
        out.append('\n');
      }
    }
    return out.toString();
  }

  /** One JSON document with the default sections. */
  public static String json(List<StepStatus> steps) {
    return json(steps, SummarySection.DEFAULT, ZoneId.of("UTC"));
  }

  /**
   * One JSON document: an object with one array of rows per section, keyed by the section's
   * {@code -d} name, each row with every figure of every report (seconds as numbers), and
   * {@code "total"} with the same figures over all counted steps.
   */
  public static String json(List<StepStatus> steps, List<SummarySection> sections, ZoneId zone) {
    JsonObject document = new JsonObject();
    for (SummarySection section : sections) {
      JsonArray rows = new JsonArray();
      rows(steps, section, zone).forEach((name, row) -> rows.add(json(name, row)));
      document.add(section.flag(), rows);
    }
    Row total = new Row();
    steps.stream().filter(StepStatus::hasResult).forEach(total::add);
    document.add("total", json("TOTAL", total));
    return JsonDocument.print(document);
  }

  private static JsonObject json(String name, Row row) {
    JsonObject json = new JsonObject();
    json.addProperty("name", name);
    json.addProperty("jobs", row.jobs.size());
    json.addProperty("steps", row.steps.size());
    json.addProperty("job_cpu_seconds", row.sum(SummaryReport::jobCpuMicros) / 1e6);
    json.addProperty("starter_cpu_seconds", row.sum(SummaryReport::starterCpuMicros) / 1e6);
    for (String kind : List.of("avg", "min", "max")) {
      json.addProperty(kind + "_queue_seconds", figure(row, kind, SummaryReport::queueMicros) / 1e6);
      json.addProperty(kind + "_real_seconds", figure(row, kind, SummaryReport::realMicros) / 1e6);
      json.addProperty(kind + "_cpu_seconds", figure(row, kind, SummaryReport::jobCpuMicros) / 1e6);
    }
    return json;
  }

  private static long figure(Row row, String kind, ToLongFunction<StepStatus> f) {
    return switch (kind) {
      case "min" -> row.min(f);
      case "max" -> row.max(f);
      default -> row.avg(f);
    };
  }

  private static Map<String, Row> rows(List<StepStatus> steps, SummarySection section, ZoneId zone) {
    Map<String, Row> rows = new TreeMap<>();
    for (StepStatus step : steps) {
      if (step.hasResult()) {
        rows.computeIfAbsent(section.key(step, zone), k -> new Row()).add(step);
      }
    }
    return rows;
  }

  private static void header(StringBuilder out, String heading, Report report) {
    switch (report) {
      case SUMMARY, NUMERIC -> out.append(String.format(Locale.ROOT, "%12s %6s %7s %14s %14s %12s%n", heading,
          "Jobs", "Steps", "Job Cpu", "Starter Cpu", "Leverage"));
      default -> {
        String kind = prefix(report);
        out.append(String.format(Locale.ROOT, "%12s %6s %7s %14s %14s %14s%n", heading, "Jobs", "Steps",
            kind + "QueueTime", kind + "RealTime", kind + "CPUTime"));
      }
    }
  }

  private static void line(StringBuilder out, String name, Row row, Report report) {
    switch (report) {
      case SUMMARY -> out.append(String.format(Locale.ROOT, "%12s %6d %7d %14s %14s %12s%n", name, row.jobs.size(),
          row.steps.size(), hms(row.sum(SummaryReport::jobCpuMicros) / 1_000_000),
          hms(row.sum(SummaryReport::starterCpuMicros) / 1_000_000), row.leverage()));
      case NUMERIC -> out.append(String.format(Locale.ROOT, "%12s %6d %7d %14.2f %14.2f %12s%n", name,
          row.jobs.size(), row.steps.size(), row.sum(SummaryReport::jobCpuMicros) / 1e6,
          row.sum(SummaryReport::starterCpuMicros) / 1e6, row.leverage()));
      default -> {
        String kind = prefix(report).toLowerCase(Locale.ROOT);
        out.append(String.format(Locale.ROOT, "%12s %6d %7d %14s %14s %14s%n", name, row.jobs.size(),
            row.steps.size(), hms(figure(row, kind, SummaryReport::queueMicros) / 1_000_000),
            hms(figure(row, kind, SummaryReport::realMicros) / 1_000_000),
            hms(figure(row, kind, SummaryReport::jobCpuMicros) / 1_000_000)));
      }
    }
  }

  private static String prefix(Report report) {
    return switch (report) {
      case MINTHROUGHPUT -> "Min";
      case MAXTHROUGHPUT -> "Max";
      default -> "Avg";
    };
  }

  private static long jobCpuMicros(StepStatus step) {
    return step.getResult().getUserCpuMicros() + step.getResult().getSystemCpuMicros();
  }

  private static long starterCpuMicros(StepStatus step) {
    return step.getResult().getStarterCpuMicros();
  }

  /** Queued to dispatched; 0 when either is unknown. */
  private static long queueMicros(StepStatus step) {
    return between(step.getQueueTime(), step.getDispatchTime());
  }

  /** The command's run: started to ended; 0 when either is unknown. */
  private static long realMicros(StepStatus step) {
    return between(step.getResult().getStartTime(), step.getResult().getEndTime());
  }

  private static long between(Timestamp from, Timestamp to) {
    if (from.getSeconds() == 0 || to.getSeconds() == 0) {
      return 0;
    }
    long micros = (to.getSeconds() - from.getSeconds()) * 1_000_000L + (to.getNanos() - from.getNanos()) / 1000;
    return Math.max(0, micros);
  }

  static String hms(long seconds) {
    return String.format(Locale.ROOT, "%02d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60);
  }
}
