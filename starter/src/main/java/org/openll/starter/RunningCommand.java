package org.openll.starter;

/** A step's command once started: its pid, and its end. */
interface RunningCommand {
  long pid();

  /**
   * Waits for the command to end and returns its exit value (128 + signal when a signal killed it;
   * -1 when it could not be waited for).
   */
  int waitFor();

  /**
   * After {@link #waitFor}: the peak RSS of the command and of the descendants it waited for, in
   * KiB, as the kernel counted it; 0 when it is not known.
   */
  default long maxRssKb() {
    return 0;
  }

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
