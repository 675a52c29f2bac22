package org.openll.common.jcf;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A job command file that cannot be submitted, with every problem found in it, in line order.
 * Each problem reads {@code FILE:LINE: keyword: what is wrong}; {@link #getMessage()} joins them
 * with newlines.
 */
public final class JobCommandFileException extends Exception {
  private final List<Problem> problems;

  /** One problem. */
  public JobCommandFileException(String file, int line, String problem) {
    this(List.of(new Problem(file, line, problem)));
  }

  /** @param problems at least one */
  public JobCommandFileException(List<Problem> problems) {
    super(problems.stream().map(Problem::toString).collect(Collectors.joining("\n")));
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("a JobCommandFileException needs a problem");
    }
    this.problems = List.copyOf(problems);
  }

  /** Every problem, in line order. */
  public List<Problem> problems() {
    return problems;
  }

  /** The file of the first problem. */
  public String file() {
    return problems.get(0).file();
  }

  /** The 1-based line of the first problem; 0 when it concerns the whole file. */
  public int line() {
    return problems.get(0).line();
  }

  /** The text of the first problem, after FILE:LINE:. */
  public String problem() {
    return problems.get(0).text();
  }

  /**
   * One thing wrong in a job command file.
   *
   * @param line 1-based; 0 for the whole file
   * @param text usually {@code keyword: what is wrong}
   */
  public record Problem(String file, int line, String text) {
    @Override
    public String toString() {
      return file + ":" + line + ": " + text;
    }
  }
}
