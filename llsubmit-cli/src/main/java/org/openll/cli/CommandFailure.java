package org.openll.cli;

/**
 * Ends a command with exit code 1 and one line on standard error: the command's name, a colon
 * and this message. Never carries a stack trace to the user. The {@link #code} names the kind of
 * failure in {@code --json} error documents: the gRPC status code's name when a daemon refused or
 * could not be reached ({@code NOT_FOUND}, {@code UNAVAILABLE}, ...), {@code FAILED} otherwise.
 */
public final class CommandFailure extends Exception {
  /** The code of a failure that names no more precise one. */
  public static final String FAILED = "FAILED";

  private String code;

  public CommandFailure(String message) {
    this(FAILED, message);
  }

  public CommandFailure(String code, String message) {
    super(message);
    this.code = code;
  }

  /** The kind of failure: a gRPC status code's name or {@link #FAILED}. */
  public String code() {
    return code;
  }

  /** Sets the code and returns this failure, for {@code throw failure(...).withCode(...)}. */
  public CommandFailure withCode(String code) {
    this.code = code;
    return this;
  }
}
