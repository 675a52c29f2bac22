package org.openll.startd;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import org.openll.common.admin.AdminConfig;

/**
 * What {@code llctl drain|resume|flush} set on this startd: the whole machine drained (it starts no
 * new step; running ones finish), or only some classes (they leave the machine's ad), and whether
 * it was flushed. Survives until resumed or the startd restarts. Thread-safe; listeners run after
 * every change, outside the lock, so a fresh machine ad goes out at once.
 */
public final class DrainState {
  private final Set<String> classes = new TreeSet<>();
  private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
  private boolean machine;
  private boolean flushed;

  public void addListener(Runnable listener) {
    listeners.add(listener);
  }

  /** Drains the machine ({@code jobClasses} empty or containing "allclasses") or those classes. */
  public String drain(List<String> jobClasses) {
    synchronized (this) {
      if (wholeMachine(jobClasses)) {
        machine = true;
      } else {
        classes.addAll(jobClasses);
      }
    }
    fireChanged();
    return describe();
  }

  /** Drains the whole machine and marks it flushed. */
  public String flush() {
    synchronized (this) {
      machine = true;
      flushed = true;
    }
    fireChanged();
    return describe();
  }

  /** Undoes drain and flush: for everything ({@code jobClasses} empty or "allclasses"), or those classes. */
  public String resume(List<String> jobClasses) {
    synchronized (this) {
      if (wholeMachine(jobClasses)) {
        machine = false;
        flushed = false;
        classes.clear();
      } else {
        classes.removeAll(jobClasses);
      }
    }
    fireChanged();
    return describe();
  }

  /** True when the machine starts no new step at all. */
  public synchronized boolean machineDrained() {
    return machine;
  }

  /** True when a new step of {@code jobClass} may not start here. */
  public synchronized boolean refuses(String jobClass) {
    String name = jobClass == null || jobClass.isEmpty() ? AdminConfig.NO_CLASS : jobClass;
    return machine || classes.contains(name);
  }

  /** {@code offered} without the drained classes. */
  public synchronized List<String> open(List<String> offered) {
    List<String> open = new ArrayList<>(offered);
    open.removeAll(classes);
    return open;
  }

  /** "" when nothing is drained; else "flushed", "drained", or "drained classes: a b". */
  public synchronized String describe() {
    if (flushed) {
      return "flushed";
    }
    if (machine) {
      return "drained";
    }
    return classes.isEmpty() ? "" : "drained classes: " + String.join(" ", classes);
  }

  private static boolean wholeMachine(List<String> jobClasses) {
    return jobClasses.isEmpty() || jobClasses.stream().anyMatch(c -> c.equalsIgnoreCase("allclasses"));
  }

  private void fireChanged() {
    for (Runnable listener : listeners) {
      listener.run();
    }
  }
}
