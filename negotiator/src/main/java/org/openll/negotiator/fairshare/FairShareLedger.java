package org.openll.negotiator.fairshare;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.openll.negotiator.match.Allocation;
import org.openll.negotiator.match.FairShareUsage;
import org.openll.negotiator.match.MachineShare;

/**
 * Decayed CPU usage per user and per LoadLeveler group, the memory behind fair share.
 *
 * <p>Accrual: on each {@link #accrue}, every allocation adds {@code cpus × seconds} to its owner
 * and its group, for the time since the later of the last accrual and the allocation's start.
 *
 * <p>Decay: before adding, every figure is multiplied by {@code 0.05^(elapsed / FAIR_SHARE_INTERVAL)},
 * so usage that is not renewed falls to 5% over one interval (LoadLeveler's rule).
 *
 * <p>Shares: {@code usedShares(u) = usedCpuSeconds(u) / Σ usedCpuSeconds(all users) ×
 * FAIR_SHARE_TOTAL_SHARES}, and the same over groups; 0 when nothing was used. A user who used all
 * the recent CPU time thus holds every share.
 *
 * <p>Thread-safe. {@link #dirty} says whether anything changed since the last {@link #snapshot}.
 */
public final class FairShareLedger {
  /** What the ledger holds, for persistence. */
  public record State(Map<String, Double> users, Map<String, Double> groups, Instant lastAccrual) {
    public State {
      users = Map.copyOf(users);
      groups = Map.copyOf(groups);
    }

    public static State empty() {
      return new State(Map.of(), Map.of(), null);
    }
  }

  /** Figures below this many CPU-seconds are forgotten, so the ledger does not grow forever. */
  static final double FORGET_BELOW = 1e-3;
  private static final double RESIDUE = 0.05;

  private final Map<String, Double> users = new HashMap<>();
  private final Map<String, Double> groups = new HashMap<>();
  private Instant lastAccrual;
  private boolean dirty;

  public FairShareLedger(State state) {
    users.putAll(state.users());
    groups.putAll(state.groups());
    lastAccrual = state.lastAccrual();
  }

  /**
   * Decays the figures for the time since the last accrual, then adds what {@code allocations}
   * used in it. The first call only sets the clock. A clock that went back changes nothing.
   */
  public synchronized void accrue(Collection<Allocation> allocations, Instant now, Duration interval) {
    if (lastAccrual == null || now.isBefore(lastAccrual)) {
      lastAccrual = now;
      dirty = true;
      return;
    }
    double elapsed = Duration.between(lastAccrual, now).toNanos() / 1e9;
    if (elapsed <= 0) {
      return;
    }
    boolean hadFigures = !users.isEmpty() || !groups.isEmpty();
    double factor = Math.pow(RESIDUE, elapsed / Math.max(1e-9, interval.toNanos() / 1e9));
    decay(users, factor);
    decay(groups, factor);
    for (Allocation a : allocations) {
      Instant from = a.since().isAfter(lastAccrual) ? a.since() : lastAccrual;
      if (!now.isAfter(from)) {
        continue;
      }
      int cpus = a.machines().stream().mapToInt(MachineShare::cpus).sum();
      double used = cpus * (Duration.between(from, now).toNanos() / 1e9);
      users.merge(a.owner(), used, Double::sum);
      groups.merge(a.group(), used, Double::sum);
    }
    lastAccrual = now;
    // an empty ledger whose clock alone moved need not be saved: after a restart the first accrual sets it again
    dirty |= hadFigures || !users.isEmpty() || !groups.isEmpty();
  }

  private static void decay(Map<String, Double> figures, double factor) {
    figures.replaceAll((name, value) -> value * factor);
    figures.values().removeIf(v -> v < FORGET_BELOW);
  }

  /** The decayed usage in shares of {@code totalShares}; none when fair share is off (0 shares). */
  public synchronized FairShareUsage usage(long totalShares) {
    if (totalShares <= 0) {
      return FairShareUsage.none();
    }
    return new FairShareUsage(shares(users, totalShares), shares(groups, totalShares));
  }

  private static Map<String, Double> shares(Map<String, Double> figures, long totalShares) {
    double total = figures.values().stream().mapToDouble(Double::doubleValue).sum();
    Map<String, Double> result = new HashMap<>();
    if (total > 0) {
      figures.forEach((name, value) -> result.put(name, value / total * totalShares));
    }
    return result;
  }

  /** One line of llfs: decayed CPU-seconds and used shares. */
  public record Entry(String name, boolean group, double usedCpuSeconds, double usedShares) {}

  /** Users then groups, each by name, with their used shares of {@code totalShares}. */
  public synchronized List<Entry> entries(long totalShares) {
    List<Entry> result = new ArrayList<>();
    Map<String, Double> userShares = shares(users, Math.max(0, totalShares));
    Map<String, Double> groupShares = shares(groups, Math.max(0, totalShares));
    new TreeMap<>(users).forEach((n, v) -> result.add(new Entry(n, false, v, userShares.getOrDefault(n, 0.0))));
    new TreeMap<>(groups).forEach((n, v) -> result.add(new Entry(n, true, v, groupShares.getOrDefault(n, 0.0))));
    return result;
  }

  /** The state to persist; clears {@link #dirty}. */
  public synchronized State snapshot() {
    dirty = false;
    return new State(users, groups, lastAccrual);
  }

  /** Marks the ledger changed again (its last snapshot could not be saved). */
  public synchronized void markDirty() {
    dirty = true;
  }

  public synchronized boolean dirty() {
    return dirty;
  }
}
