package org.openll.starter;

/** A step's command once started: its pid, and its end. */
interface RunningCommand {
  long pid();

  /**
   * Waits for the command to end and returns its exit value (128 + signal when a signal killed it;
   * -1 when it could not be waited for).
   */
  int waitFor();

  /** A command the JDK started. */
  static RunningCommand of(Process process) {
    return new RunningCommand() {
      @Override
      public long pid() {
        return process.pid();
      }

      @Override
      public int waitFor() {
        while (true) {
          try {
            return process.waitFor();
          } catch (InterruptedException e) {
            // the starter's only job is to see its command end
          }
        }
      }
    };
  }
}
