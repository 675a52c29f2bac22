package org.openll.common.admin;

/** The value of a count limit (maxjobs, maxidle, ...) that is not set or set to -1: no limit. */
public final class Unlimited {
  public static final int VALUE = -1;

  private Unlimited() {}

  /** Whether {@code count} more would exceed {@code limit} ({@link #VALUE} never is). */
  public static boolean reached(int limit, long count) {
    return limit != VALUE && count >= limit;
  }
}
