package org.openll.starter;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.openll.api.v1.Limit;
import org.openll.api.v1.LimitValue;
import org.openll.api.v1.StepLimits;

/**
 * Decides, from one sample of a step (elapsed time, CPU of the whole tree, RSS of the tree),
 * which whole-step limits it crossed: {@code wall_clock_limit}, {@code job_cpu_limit},
 * {@code rss_limit} and the enforced {@code ConsumableMemory}. A soft limit asks for SIGXCPU, once
 * per limit; a hard limit asks for the step to be killed. Pure and single-threaded: the starter's
 * watcher calls it from one thread. The per-process limits ({@code cpu_limit}, ...) are rlimits
 * set by {@link Rlimits}, not watched here.
 */
final class LimitPolicy {
  /** The limits this class watches. */
  enum Watched {
    /** Elapsed time since the command started, in seconds. */
    WALL_CLOCK("wall_clock_limit"),
    /** CPU of the whole tree, in seconds. */
    JOB_CPU("job_cpu_limit"),
    /** Resident memory of the whole tree, in bytes. */
    RSS("rss_limit"),
    /** The step's ConsumableMemory, in bytes, when the administrator enforces it. */
    CONSUMABLE_MEMORY("ConsumableMemory");

    final String keyword;

    Watched(String keyword) {
      this.keyword = keyword;
    }
  }

  /** What to do now. */
  sealed interface Action {}

  /** SIGXCPU to every process of the step. */
  record SoftSignal(Watched limit) implements Action {}

  /** Kill the step; {@code message} is what the user sees. */
  record Kill(Watched limit, String message) implements Action {}

  private final StepLimits limits;
  private final long memoryLimitBytes;
  private final Set<Watched> softSent = EnumSet.noneOf(Watched.class);

  LimitPolicy(StepLimits limits, long memoryLimitBytes) {
    this.limits = limits;
    this.memoryLimitBytes = memoryLimitBytes;
  }

  /** Whether any limit needs sampling at all (no watcher runs otherwise). */
  boolean watchesAnything() {
    return limits.hasWallClockLimit() || limits.hasJobCpuLimit() || limits.hasRssLimit() || memoryLimitBytes > 0;
  }

  /** The actions one sample calls for, kills first being no concern of the caller: it kills once. */
  List<Action> check(Duration elapsed, long cpuMicros, long rssBytes) {
    List<Action> actions = new ArrayList<>();
    timeLimit(actions, Watched.WALL_CLOCK, limits.getWallClockLimit(), elapsed.toMillis(), limits.hasWallClockLimit());
    timeLimit(actions, Watched.JOB_CPU, limits.getJobCpuLimit(), cpuMicros / 1000, limits.hasJobCpuLimit());
    if (limits.hasRssLimit()) {
      Limit rss = limits.getRssLimit();
      if (over(rss.getHard(), rssBytes)) {
        actions.add(new Kill(Watched.RSS, "rss_limit of " + size(rss.getHard().getAmount()) + " exceeded (RSS "
            + size(rssBytes) + ")"));
      } else if (over(rss.getSoft(), rssBytes) && softSent.add(Watched.RSS)) {
        actions.add(new SoftSignal(Watched.RSS));
      }
    }
    if (memoryLimitBytes > 0 && rssBytes > memoryLimitBytes) {
      actions.add(new Kill(Watched.CONSUMABLE_MEMORY, "ConsumableMemory of " + size(memoryLimitBytes)
          + " exceeded (RSS " + size(rssBytes) + ")"));
    }
    return actions;
  }

  private void timeLimit(List<Action> actions, Watched which, Limit limit, long usedMillis, boolean present) {
    if (!present) {
      return;
    }
    if (over(limit.getHard(), usedMillis / 1000.0)) {
      actions.add(new Kill(which, which.keyword + " of " + hms(limit.getHard().getAmount()) + " exceeded"));
    } else if (over(limit.getSoft(), usedMillis / 1000.0) && softSent.add(which)) {
      actions.add(new SoftSignal(which));
    }
  }

  /** Reached for time (used >= amount seconds); above for sizes. */
  private static boolean over(LimitValue value, double used) {
    return value.getValueCase() == LimitValue.ValueCase.AMOUNT && used >= value.getAmount();
  }

  private static boolean over(LimitValue value, long usedBytes) {
    return value.getValueCase() == LimitValue.ValueCase.AMOUNT && usedBytes > value.getAmount();
  }

  /** Seconds as LoadLeveler shows them: {@code hh:mm:ss}. */
  static String hms(long seconds) {
    // by hand, not String.format: every step's notification prints three (C1 runs the format slowly)
    StringBuilder text = new StringBuilder(8);
    twoDigits(text, seconds / 3600).append(':');
    twoDigits(text, seconds / 60 % 60).append(':');
    return twoDigits(text, seconds % 60).toString();
  }

  /** {@code %02d}: at least two characters, the sign counted. */
  private static StringBuilder twoDigits(StringBuilder text, long value) {
    return value >= 0 && value < 10 ? text.append('0').append(value) : text.append(value);
  }

  /** Bytes as LoadLeveler shows sizes: {@code 7.764 gb}. */
  static String size(long bytes) {
    String[] units = {"b", "kb", "mb", "gb", "tb"};
    double v = bytes;
    int u = 0;
    while (v >= 1024 && u < units.length - 1) {
      v /= 1024;
      u++;
    }
    return u == 0 ? bytes + " b" : String.format(Locale.ROOT, "%.3f %s", v, units[u]);
  }
}
