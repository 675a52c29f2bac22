package org.openll.it;

/** What one command printed and returned. */
record CommandResult(int exitCode, String out, String err) {
  CommandResult requireSuccess() {
    if (exitCode != 0) {
      throw new AssertionError("exit " + exitCode + "\nstdout:\n" + out + "\nstderr:\n" + err);
    }
    return this;
  }
}
