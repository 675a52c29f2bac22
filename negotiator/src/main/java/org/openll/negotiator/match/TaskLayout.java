package org.openll.negotiator.match;

import java.util.ArrayList;
import java.util.List;

/**
 * How many tasks of a step go on each of its machines, after LoadLeveler's job command file
 * keywords. The rules, first that applies:
 *
 * <ol>
 *   <li>a serial step (not parallel, {@code node} 1, no task keyword): one machine, one task;
 *   <li>{@code blocking} with {@code total_tasks}: machines are filled in rank order, each taking
 *       as many whole blocks of {@code blocking} tasks as it has room for (the last block may be
 *       short); {@code blocking = unlimited} fills each machine as full as it can (blocks of 1).
 *       {@code node} is ignored, as LoadLeveler forbids it with {@code blocking};
 *   <li>{@code tasks_per_node = T}: {@code node}'s minimum N machines with T tasks each
 *       (N &times; T tasks);
 *   <li>{@code total_tasks = K} with {@code node = N}: min(N, K) machines, K spread evenly, the
 *       first K mod N machines (in rank order) taking one task more;
 *   <li>otherwise ({@code node = N} alone): N machines with one task each.
 * </ol>
 *
 * <p>{@code node}'s maximum is not used: a step gets its minimum, never more. Every machine of a
 * step is chosen in one decision, or none is.
 *
 * @param kind FIXED (machines &times; tasksEach), SPREAD (total over machines) or FILL (total in
 *     blocks, machines as needed)
 */
record TaskLayout(Kind kind, int machines, int tasksEach, int total, int block) {
  enum Kind { FIXED, SPREAD, FILL }

  /** One machine of a placement with its tasks. */
  record Slot(MachineState machine, int tasks) {}

  static TaskLayout of(Shape s) {
    boolean serial = !s.parallel() && s.nodeMin() == 1 && s.tasksPerNode() == 0 && s.totalTasks() == 0
        && s.blocking() == 0;
    if (serial) {
      return new TaskLayout(Kind.FIXED, 1, 1, 1, 1);
    }
    if (s.blocking() != 0 && s.totalTasks() > 0) {
      return new TaskLayout(Kind.FILL, 0, 0, s.totalTasks(), s.blocking() > 0 ? s.blocking() : 1);
    }
    if (s.tasksPerNode() > 0) {
      return new TaskLayout(Kind.FIXED, s.nodeMin(), s.tasksPerNode(), s.nodeMin() * s.tasksPerNode(), 1);
    }
    if (s.totalTasks() > 0) {
      int n = Math.min(s.nodeMin(), s.totalTasks());
      return new TaskLayout(Kind.SPREAD, n, s.totalTasks() / n, s.totalTasks(), 1);
    }
    return new TaskLayout(Kind.FIXED, s.nodeMin(), 1, s.nodeMin(), 1);
  }

  /**
   * Tasks the least loaded machine of the step takes: a machine with room for fewer is no use to it
   * (under {@code blocking}, the short last block when there is one).
   */
  int minTasksPerMachine() {
    return switch (kind) {
      case FIXED, SPREAD -> tasksEach;
      case FILL -> total % block == 0 ? block : total % block;
    };
  }

  /** Machines a step needs, at least. */
  int minMachines() {
    return kind == Kind.FILL ? 1 : machines;
  }

  /**
   * Machines and tasks for one step after its layout, taking candidates from {@code source} in rank
   * order; null when there are not enough. A candidate with no room for the least a machine of the
   * step must take is dropped (nothing frees within a cycle); others not used are put back.
   */
  List<Slot> choose(Candidates source) {
    int min = minTasksPerMachine();
    List<Slot> chosen = new ArrayList<>();
    List<MachineState> unused = new ArrayList<>();
    boolean done;
    switch (kind) {
      case FIXED -> {
        while (chosen.size() < machines) {
          MachineState m = source.next();
          if (m == null) {
            break;
          }
          if (source.capacity(m) >= min) {
            chosen.add(new Slot(m, tasksEach));
          }
        }
        done = chosen.size() == machines;
      }
      case SPREAD -> {
        int n = machines;
        int extra = total % n;
        int floor = tasksEach;
        List<MachineState> big = new ArrayList<>();
        List<MachineState> all = new ArrayList<>();
        while (big.size() < extra || all.size() < n) {
          MachineState m = source.next();
          if (m == null) {
            break;
          }
          int c = source.capacity(m);
          if (c >= floor) {
            all.add(m);
            if (c > floor && extra > 0) {
              big.add(m);
            }
          }
        }
        done = big.size() >= extra && all.size() >= n;
        if (done) {
          List<MachineState> withExtra = big.subList(0, extra);
          withExtra.forEach(m -> chosen.add(new Slot(m, floor + 1)));
          for (MachineState m : all) {
            if (chosen.size() < n && !withExtra.contains(m)) {
              chosen.add(new Slot(m, floor));
            } else if (!withExtra.contains(m)) {
              unused.add(m);
            }
          }
        } else {
          all.forEach(m -> chosen.add(new Slot(m, 0)));
        }
      }
      case FILL -> {
        int remaining = total;
        while (remaining > 0) {
          MachineState m = source.next();
          if (m == null) {
            break;
          }
          int c = source.capacity(m);
          if (c < min) {
            continue;
          }
          int t = c >= remaining ? remaining : (c / block) * block;
          if (t == 0) {
            unused.add(m);
            continue;
          }
          chosen.add(new Slot(m, t));
          remaining -= t;
        }
        done = remaining == 0;
      }
      default -> throw new IllegalStateException();
    }
    unused.forEach(source::putBack);
    if (!done) {
      chosen.forEach(s -> source.putBack(s.machine()));
      return null;
    }
    return chosen;
  }

}
