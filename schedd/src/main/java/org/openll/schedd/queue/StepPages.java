package org.openll.schedd.queue;

import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.openll.api.v1.StepStatus;
import org.openll.common.errors.OpenllException;
import org.openll.schedd.store.JobStore;
import org.openll.schedd.store.StoredStep;

/**
 * One page of QuerySteps: the queue's steps and, on request, the history's, merged in queue order
 * (job number, then step number) after the page token, until the page holds the steps asked for
 * (at most {@link #MAX_STEPS}) or about {@link #MAX_BYTES} of statuses. The token is
 * {@code <job>.<step>} of the page's last step, so a page read later starts where the previous one
 * ended whatever changed in between. Called under the {@link JobQueue}'s lock: it reads the queue
 * only while the page fills, and the history one bounded SELECT at a time.
 */
public final class StepPages {
  static final int MAX_STEPS = 10_000;
  /** Well under the 4 MB that gRPC clients accept by default, and the schedd's 16 MB. */
  static final long MAX_BYTES = 2L << 20;

  /** @param nextPageToken empty on the last page */
  public record Page(List<StepStatus> steps, String nextPageToken) {}

  private StepPages() {}

  static Page read(ActiveSteps active, JobStore store, List<StepIdPattern> patterns, Set<String> owners,
      boolean includeFinished, int pageSize, String pageToken) {
    int limit = pageSize <= 0 || pageSize > MAX_STEPS ? MAX_STEPS : pageSize;
    long after = pageToken.isEmpty() ? -1 : parseToken(pageToken);
    Set<Long> jobs = new TreeSet<>();
    patterns.stream().filter(p -> !p.isForeign()).forEach(p -> jobs.add(p.jobNumber()));
    if (!patterns.isEmpty() && jobs.isEmpty()) {
      return new Page(List.of(), "");
    }
    Stream<StoredStep> queued = patterns.isEmpty() ? active.after(after)
        : jobs.stream().flatMap(job -> active.ofJob(job).stream()).filter(s -> ActiveSteps.key(s) > after);
    Peeking inQueue = new Peeking(queued.filter(s -> selected(s, patterns, owners)).iterator());
    List<StoredStep> history = includeFinished
        ? store.loadFinished(owners, jobs, after >> 32, (int) after, limit + 1) : List.of();
    Peeking finished = new Peeking(history.stream().filter(s -> selected(s, patterns, owners)).iterator());
    List<StepStatus> page = new java.util.ArrayList<>();
    long bytes = 0;
    long last = after;
    while (inQueue.hasNext() || finished.hasNext()) {
      if (page.size() >= limit || bytes >= MAX_BYTES) {
        return new Page(page, token(last));
      }
      StoredStep next;
      if (!finished.hasNext() || (inQueue.hasNext() && ActiveSteps.key(inQueue.peek()) <= ActiveSteps.key(finished.peek()))) {
        next = inQueue.next();
        if (finished.hasNext() && ActiveSteps.key(finished.peek()) == ActiveSteps.key(next)) {
          finished.next(); // the queue's copy is the newer
        }
      } else {
        next = finished.next();
      }
      StepStatus status = next.status();
      page.add(status);
      bytes += status.getSerializedSize();
      last = ActiveSteps.key(next);
    }
    // the history was read up to limit + 1 rows: when all were used, more may follow, after the
    // last row read (which the ids may have left out of the page)
    if (history.size() > limit) {
      return new Page(page, token(Math.max(last, ActiveSteps.key(history.get(history.size() - 1)))));
    }
    return new Page(page, "");
  }

  static boolean selected(StoredStep step, List<StepIdPattern> patterns, Set<String> owners) {
    return (owners.isEmpty() || owners.contains(step.owner()))
        && (patterns.isEmpty() || patterns.stream().anyMatch(p -> p.matches(step.jobNumber(), step.stepNumber())));
  }

  private static String token(long key) {
    return (key >>> 32) + "." + (int) key;
  }

  private static long parseToken(String token) {
    int dot = token.indexOf('.');
    try {
      long job = Long.parseLong(token.substring(0, Math.max(dot, 0)));
      int step = Integer.parseInt(token.substring(dot + 1));
      if (dot > 0 && job >= 0 && step >= 0) {
        return ActiveSteps.key(job, step);
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw OpenllException.invalidArgument("page_token: \"" + token + "\" is not a token this schedd gave");
  }

  /** An iterator that can show its next element without taking it. */
  private static final class Peeking {
    private final Iterator<StoredStep> it;
    private StoredStep next;

    Peeking(Iterator<StoredStep> it) {
      this.it = it;
    }

    boolean hasNext() {
      return next != null || it.hasNext();
    }

    StoredStep peek() {
      if (next == null) {
        next = it.next();
      }
      return next;
    }

    StoredStep next() {
      StoredStep n = peek();
      next = null;
      return n;
    }
  }
}
