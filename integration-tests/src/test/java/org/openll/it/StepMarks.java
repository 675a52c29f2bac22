package org.openll.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What steps wrote about themselves: each copy of a step appends {@code start}, optional
 * {@code tick} and {@code end} lines ({@code KIND MACHINE PID NANOS}) to {@code RUNS/STEP_ID}. Read
 * after the fact to tell how often, where and when each step really ran.
 */
final class StepMarks {
  /** One line a step's copy wrote. */
  record Mark(String kind, String machine, long pid, long nanos) {}

  /** One copy of a step (one process on one machine): its first and last mark and whether it ended. */
  record Copy(String stepId, String machine, long pid, long start, long last, boolean ended) {}

  private StepMarks() {}

  /**
   * A /bin/sh script that records its start, waits for {@code body} (a shell fragment that may use
   * {@code tick} to record progress), records its end and exits with {@code exitCode}.
   */
  static String script(Path runs, String body, int exitCode) {
    return "f=" + runs + "/$LOADL_STEP_ID; m=$LOADL_PROCESSOR_LIST\n"
        + "mark() { echo \"$1 $m $$ $(date +%s%N)\" >> \"$f\"; }\n"
        + "tick() { mark tick; }\n"
        + "mark start\n"
        + body + "\n"
        + "mark end\n"
        + "exit " + exitCode + "\n";
  }

  /** A body that waits (ticking when asked) until {@code go} exists. */
  static String waitFor(Path go, boolean ticks) {
    return "while [ ! -e " + go + " ]; do " + (ticks ? "tick; " : "") + "sleep 0.05; done";
  }

  /** Every mark of every step, by step id. */
  static Map<String, List<Mark>> read(Path runs) {
    Map<String, List<Mark>> marks = new TreeMap<>();
    try (Stream<Path> files = Files.list(runs)) {
      for (Path file : files.toList()) {
        List<Mark> lines = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
          String[] f = line.strip().split(" ");
          if (f.length == 4) {
            lines.add(new Mark(f[0], f[1], Long.parseLong(f[2]), Long.parseLong(f[3])));
          }
        }
        marks.put(file.getFileName().toString(), lines);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return marks;
  }

  /** The copies of each step, by step id, oldest first. */
  static Map<String, List<Copy>> copies(Path runs) {
    Map<String, List<Copy>> copies = new TreeMap<>();
    read(runs).forEach((step, marks) -> {
      Map<String, List<Mark>> byCopy = marks.stream()
          .collect(Collectors.groupingBy(m -> m.machine() + " " + m.pid(), LinkedHashMap::new, Collectors.toList()));
      copies.put(step, byCopy.values().stream()
          .map(ms -> new Copy(step, ms.getFirst().machine(), ms.getFirst().pid(),
              ms.stream().mapToLong(Mark::nanos).min().orElseThrow(),
              ms.stream().mapToLong(Mark::nanos).max().orElseThrow(),
              ms.stream().anyMatch(m -> m.kind().equals("end"))))
          .sorted(Comparator.comparingLong(Copy::start)).toList());
    });
    return copies;
  }

  /**
   * The most copies that ran at one instant on each machine, counting a copy from its start to its
   * end (or, for one that never ended, to its last mark).
   */
  static Map<String, Integer> peakConcurrency(Path runs) {
    Map<String, List<long[]>> events = new TreeMap<>();
    copies(runs).values().stream().flatMap(List::stream).forEach(c -> {
      events.computeIfAbsent(c.machine(), m -> new ArrayList<>()).add(new long[] {c.start(), +1});
      events.get(c.machine()).add(new long[] {c.last(), -1});
    });
    Map<String, Integer> peaks = new TreeMap<>();
    events.forEach((machine, list) -> {
      // at equal instants count the ends first: one step ending as another starts is not an overlap
      list.sort(Comparator.<long[]>comparingLong(e -> e[0]).thenComparingLong(e -> e[1]));
      int now = 0;
      int peak = 0;
      for (long[] e : list) {
        now += (int) e[1];
        peak = Math.max(peak, now);
      }
      peaks.put(machine, peak);
    });
    return peaks;
  }
}
