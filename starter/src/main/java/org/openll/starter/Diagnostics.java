package org.openll.starter;

import java.io.File;

/**
 * Where the standard error of the starter's helper processes (prolog and epilog programs, the
 * owner switch, the mailer) goes: the starter's own standard error, which the startd points at
 * the step's {@code starter.log}; while a pooled starter ({@link PooledStarter}) runs a step, that
 * step's {@code starter.log}, as {@code System.err} is. Process-wide like {@code System.err}: a
 * starter runs one step at a time.
 */
final class Diagnostics {
  private static volatile ProcessBuilder.Redirect target = ProcessBuilder.Redirect.INHERIT;

  private Diagnostics() {}

  static ProcessBuilder.Redirect redirect() {
    return target;
  }

  /** Appends to {@code file} until {@link #inherit}. */
  static void appendTo(File file) {
    target = ProcessBuilder.Redirect.appendTo(file);
  }

  static void inherit() {
    target = ProcessBuilder.Redirect.INHERIT;
  }
}
