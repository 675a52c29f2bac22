package org.openll.common.jcf;

/** A job command file that cannot be submitted. The message reads {@code FILE:LINE: what is wrong}. */
public final class JobCommandFileException extends Exception {
  private final String file;
  private final int line;
  private final String problem;

  public JobCommandFileException(String file, int line, String problem) {
    super(file + ":" + line + ": " + problem);
    this.file = file;
    this.line = line;
    this.problem = problem;
  }

  public String file() {
    return file;
  }

  /** 1-based line number; 0 when the problem concerns the whole file. */
  public int line() {
    return line;
  }

  public String problem() {
    return problem;
  }
}
