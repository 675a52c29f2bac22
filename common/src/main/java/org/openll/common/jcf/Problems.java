package org.openll.common.jcf;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Collects the problems of one file so that all are reported at once: duplicates (an inherited
 * bad value seen by every step) count once, and after {@link #MAX} problems the rest are only
 * counted, so broken input cannot grow the report without bound. Not thread-safe.
 */
final class Problems {
  static final int MAX = 50;
  private final String file;
  private final Set<JobCommandFileException.Problem> problems = new LinkedHashSet<>();
  private int dropped;

  Problems(String file) {
    this.file = file;
  }

  /** Records {@code keyword: message} at {@code line}; {@code keyword} may be empty. */
  void add(int line, String keyword, String message) {
    JobCommandFileException.Problem problem =
        new JobCommandFileException.Problem(file, line, keyword.isEmpty() ? message : keyword + ": " + message);
    if (problems.size() < MAX) {
      problems.add(problem);
    } else if (!problems.contains(problem)) {
      dropped++;
    }
  }

  boolean isEmpty() {
    return problems.isEmpty();
  }

  void throwIfAny() throws JobCommandFileException {
    if (problems.isEmpty()) {
      return;
    }
    List<JobCommandFileException.Problem> sorted = new ArrayList<>(problems);
    sorted.sort(Comparator.comparingInt(JobCommandFileException.Problem::line));
    if (dropped > 0) {
      sorted.add(new JobCommandFileException.Problem(file, 0, dropped + " more problems not shown"));
    }
    throw new JobCommandFileException(sorted);
  }
}
