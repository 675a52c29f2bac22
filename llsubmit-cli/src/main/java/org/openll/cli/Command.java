package org.openll.cli;

/** One user or admin command. Returns the exit code; failures are thrown with a one-line message. */
public interface Command {
  int run(String[] args, CliContext context) throws CommandFailure, UsageException;
}
