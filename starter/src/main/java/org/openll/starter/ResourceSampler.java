package org.openll.starter;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Samples the resident memory of a step's process tree (sum of {@code VmRSS} of the leader and
 * its descendants) at a fixed period and keeps the peak. The period is the system property
 * {@value #PERIOD_PROPERTY} in milliseconds (default 100). Thread-safe.
 */
final class ResourceSampler implements AutoCloseable {
  static final String PERIOD_PROPERTY = "openll.starter.samplePeriodMillis";

  private final ProcessTree tree;
  private final Path proc;
  private final AtomicLong peakKb = new AtomicLong();
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "rss-sampler");
    t.setDaemon(true);
    return t;
  });

  ResourceSampler(ProcessTree tree, Path proc) {
    this.tree = tree;
    this.proc = proc;
  }

  void start() {
    long period = Long.getLong(PERIOD_PROPERTY, 100L);
    timer.scheduleAtFixedRate(this::sample, 0, Math.max(1, period), TimeUnit.MILLISECONDS);
  }

  /** One sample now; also what the timer runs. */
  void sample() {
    long total = 0;
    for (ProcessHandle p : tree.snapshot()) {
      total += rssKb(proc.resolve(Long.toString(p.pid())).resolve("status"));
    }
    peakKb.accumulateAndGet(total, Math::max);
  }

  long peakKb() {
    return peakKb.get();
  }

  /** VmRSS of one {@code /proc/PID/status} file in KiB; 0 when the process is gone. */
  static long rssKb(Path statusFile) {
    try {
      for (String line : Files.readAllLines(statusFile)) {
        if (line.startsWith("VmRSS:")) {
          String[] parts = line.substring(6).trim().split("\\s+");
          return Long.parseLong(parts[0]);
        }
      }
    } catch (IOException | RuntimeException e) {
      return 0;
    }
    return 0;
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
