package org.openll.starter;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;

/**
 * The threads a starter keeps from one step to the next. A pooled starter runs thousands of steps,
 * and a thread started and ended per step costs ~0.1 ms of CPU (docs/performance.md). Daemon
 * threads, made on first use.
 */
final class StarterThreads {
  /** Samples the running step ({@link StepWatcher}); one step runs at a time. */
  static final ScheduledExecutorService WATCH = Executors.newSingleThreadScheduledExecutor(daemon("step-watcher"));
  /** The workers of the links to the startd ({@link SocketLink}), idle ones kept for a minute. */
  static final ExecutorService LINKS = Executors.newCachedThreadPool(daemon("startd-link"));

  private StarterThreads() {}

  static ThreadFactory daemon(String name) {
    return r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    };
  }
}
