package org.openll.starter;

/**
 * How the command ended, from {@link Process#exitValue()}.
 *
 * <p>The JDK reports a death by signal N as 128 + N and hides the real wait status. Because
 * The session leader execs the command in place, nothing between the starter and the command turns a
 * signal into an exit code, so the starter reads 129..192 as a signal unless it knows better. A
 * command that itself calls {@code exit 137} is therefore reported as killed by signal 9, which is
 * also what a shell reports. The raw value stays in {@code exit_code} so nothing is lost.
 *
 * @param exitCode the value the JDK reported
 * @param signal the terminating signal, 0 when the command exited
 */
record ExitStatus(int exitCode, int signal) {
  private static final int SIGNAL_BASE = 128;
  private static final int MAX_SIGNAL = 64;

  static ExitStatus fromExitValue(int value) {
    if (value > SIGNAL_BASE && value <= SIGNAL_BASE + MAX_SIGNAL) {
      return new ExitStatus(value, value - SIGNAL_BASE);
    }
    return new ExitStatus(value, 0);
  }
}
