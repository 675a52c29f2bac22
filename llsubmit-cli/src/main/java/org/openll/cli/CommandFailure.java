package org.openll.cli;

/**
 * Ends a command with exit code 1 and one line on standard error: the command's name, a colon
 * and this message. Never carries a stack trace to the user.
 */
public final class CommandFailure extends Exception {
  public CommandFailure(String message) {
    super(message);
  }
}
