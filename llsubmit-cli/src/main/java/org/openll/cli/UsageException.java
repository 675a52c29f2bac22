package org.openll.cli;

/** Bad flags or arguments: the command prints the message, then its usage, and exits 1. */
public final class UsageException extends Exception {
  private final String usage;

  public UsageException(String message, String usage) {
    super(message);
    this.usage = usage;
  }

  public String usage() {
    return usage;
  }
}
