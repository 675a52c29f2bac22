package org.openll.negotiator.registry;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.openll.negotiator.NegotiatorSettings;
import org.openll.negotiator.match.Allocation;
import org.openll.negotiator.match.IdleStepAd;
import org.openll.negotiator.match.Machine;
import org.openll.negotiator.match.MachineShare;
import org.openll.negotiator.match.Match;
import org.openll.negotiator.match.MatchPlan;
import org.openll.negotiator.match.PoolMachine;
import org.openll.negotiator.match.PoolSnapshot;
import org.openll.negotiator.match.SchedulingPolicy;

/**
 * The negotiator's picture of the pool: machines, the idle steps of each schedd session, and the
 * allocations of permitted steps. Thread-safe: every method holds one lock, and none calls out
 * (permits are returned by {@link #apply} for the caller to send).
 *
 * <p>Rules:
 * <ul>
 *   <li>A machine is up while its startd session is open and its last ad is no older than
 *       {@code MACHINE_TIMEOUT}. Only the session that sent the latest ad can end it, so a late
 *       end of a restarted startd's old stream does not mark the machine down.
 *   <li>A permit creates an {@link Allocation} (owner, group, class, every machine share, since = now)
 *       that lives until the schedd releases the step, whatever the machines' ads say: an ad's
 *       running list only counts the steps no allocation covers ({@link
 *       org.openll.negotiator.match.FreeCpus}). Each step holds at most one allocation, so nothing
 *       is freed twice.
 *   <li>A permit is only granted if every machine of its match is still up and still has the CPUs
 *       free, counted against the allocations at that moment (allocations may have been rebuilt
 *       from a schedd's {@code DispatchedSteps} since the cycle's snapshot).
 *   <li>{@code DispatchedSteps}, sent by a schedd after its hello, (re)creates the allocations of
 *       the steps it lists under that schedd and drops the schedd's other allocations (released
 *       while it was away, or permits it never received): a restarted negotiator rebuilds what it
 *       had permitted before and never oversubscribes a machine.
 *   <li>Idle steps belong to the session that sent them; they are forgotten when it ends (the
 *       schedd resends a snapshot when it reconnects). A new hello from a schedd name supersedes
 *       that name's older session.
 *   <li>The allocations of a schedd whose session ended are kept for
 *       {@code NEGOTIATOR_RESERVATION_GRACE}; a new session of the same schedd within it adopts
 *       them, otherwise they are dropped (the schedd's restart logic sends steps that did not start
 *       back as idle).
 *   <li>A machine whose last ad is older than {@code MACHINE_LOST_TIMEOUT} (whether or not its
 *       session is still open) is <em>lost</em>: {@link #sweepNotices} announces it once to every
 *       open schedd session, and {@link #helloNotices} lists it for a schedd that says hello later.
 *       Its next ad makes it known again and is announced the same way, with the steps the ad lists
 *       as running ({@link MachineReturned}), so the schedds kill the copies they vacated.
 *   <li>A step sent as idle while it holds an allocation loses the allocation: the schedd never
 *       acted on that permit (it was lost with a session), and only sends a step idle again after
 *       releasing it.
 * </ul>
 */
@Singleton
public final class PoolRegistry {
  private static final Logger LOG = LogManager.getLogger(PoolRegistry.class);

  private record IdleEntry(IdleStepAd step, ScheddSession session) {}

  private record Held(Allocation allocation, String scheddName, Instant orphanedSince) {
    Held orphaned(Instant since) {
      return new Held(allocation, scheddName, since);
    }
  }

  private record MachineEntry(Machine ad, Instant lastHeard, long sessionId, boolean open) {}

  private final Clock clock;
  private final Duration machineTimeout;
  private final Duration reservationGrace;
  private final Duration lostTimeout;
  private final Set<String> lost = new HashSet<>();
  private final List<MachineReturned> returned = new ArrayList<>();
  private final AtomicLong ids = new AtomicLong();
  private final Map<Long, ScheddSession> sessions = new HashMap<>();
  private final Map<String, IdleEntry> idle = new LinkedHashMap<>();
  private final Map<String, Held> reservations = new LinkedHashMap<>();
  private long idleAdds;
  private final Map<String, MachineEntry> machines = new TreeMap<>();

  @Inject
  public PoolRegistry(Clock clock, NegotiatorSettings settings) {
    this.clock = clock;
    this.machineTimeout = settings.machineTimeout();
    this.reservationGrace = settings.reservationGrace();
    this.lostTimeout = settings.machineLostTimeout();
  }

  /** A fresh id for a startd session, to pass to {@link #updateMachine} and {@link #endStartdSession}. */
  public long newStartdSessionId() {
    return ids.incrementAndGet();
  }

  // ---- schedd sessions

  /** Opens the session of schedd {@code scheddName}, superseding an older one of the same name. */
  public ScheddSession openScheddSession(String scheddName, String address, PermitSink sink) {
    return openScheddSession(scheddName, address, sink, lost -> true);
  }

  /**
   * Opens the session of schedd {@code scheddName}, superseding an older one of the same name;
   * lost machines are announced on {@code lostSink}.
   */
  public synchronized ScheddSession openScheddSession(String scheddName, String address, PermitSink sink,
      MachineNoticeSink lostSink) {
    for (ScheddSession old : List.copyOf(sessions.values())) {
      if (old.scheddName().equals(scheddName)) {
        LOG.info("{} superseded by a new session", old);
        forget(old);
      }
    }
    ScheddSession session = new ScheddSession(ids.incrementAndGet(), scheddName, address, sink, lostSink);
    sessions.put(session.id(), session);
    reservations.replaceAll((step, held) -> held.scheddName().equals(scheddName) ? held.orphaned(null) : held);
    LOG.info("{} opened from {}", session, address);
    return session;
  }

  /** Ends {@code session}: forgets its idle steps and starts the grace of its allocations. */
  public synchronized void closeScheddSession(ScheddSession session) {
    if (sessions.get(session.id()) != session) {
      return;
    }
    forget(session);
    Instant now = clock.instant();
    reservations.replaceAll((step, held) -> held.scheddName().equals(session.scheddName()) ? held.orphaned(now) : held);
    LOG.info("{} ended", session);
  }

  private void forget(ScheddSession session) {
    sessions.remove(session.id());
    idle.values().removeIf(e -> e.session() == session);
  }

  /** Adds or replaces idle steps of {@code session}. Returns whether anything changed. */
  public synchronized boolean addIdleSteps(ScheddSession session, Collection<IdleStepAd> steps) {
    if (!isOpen(session)) {
      return false;
    }
    idleAdds += steps.size();
    for (IdleStepAd step : steps) {
      Held dropped = reservations.remove(step.stepId());
      if (dropped != null) {
        LOG.info("step {} is idle again: its allocation on {} is dropped", step.stepId(), machineNames(dropped.allocation()));
      }
      idle.put(step.stepId(), new IdleEntry(step, session));
    }
    return !steps.isEmpty();
  }

  /** Removes idle steps of {@code session} that no longer want to run. Returns whether any was idle. */
  public synchronized boolean withdrawSteps(ScheddSession session, Collection<String> stepIds) {
    if (!isOpen(session)) {
      return false;
    }
    boolean changed = false;
    for (String stepId : stepIds) {
      IdleEntry entry = idle.get(stepId);
      if (entry != null && entry.session() == session) {
        idle.remove(stepId);
        changed = true;
      }
    }
    return changed;
  }

  /** Frees the allocations of the named steps of this schedd. Returns whether any was freed. */
  public synchronized boolean releaseSteps(ScheddSession session, Collection<String> stepIds) {
    if (!isOpen(session)) {
      return false;
    }
    boolean changed = false;
    for (String stepId : stepIds) {
      Held held = reservations.get(stepId);
      if (held != null && held.scheddName().equals(session.scheddName())) {
        reservations.remove(stepId);
        changed = true;
      }
    }
    return changed;
  }

  /** A step that ended and the step its schedd started on its resources instead (claim reuse). */
  public record Handover(String endedStepId, Allocation next) {}

  /**
   * Moves each ended step's allocation to the step that follows it: the ended step's is released,
   * the next step is idle no more and holds what its schedd reports. Asks for no cycle: nothing
   * was freed.
   */
  public synchronized void handOver(ScheddSession session, Collection<Handover> handovers) {
    if (!isOpen(session)) {
      return;
    }
    for (Handover handover : handovers) {
      Held ended = reservations.get(handover.endedStepId());
      if (ended != null && ended.scheddName().equals(session.scheddName())) {
        reservations.remove(handover.endedStepId());
      }
      String next = handover.next().stepId();
      idle.remove(next);
      reservations.put(next, new Held(handover.next(), session.scheddName(), null));
    }
  }

  /**
   * The steps {@code session}'s schedd has dispatched and not released: their allocations are
   * (re)created under that schedd, with the shares, owner and start the schedd reports, and the
   * schedd's allocations not listed are dropped. A listed step that was idle is idle no more.
   * Returns whether anything changed.
   */
  public synchronized boolean adoptDispatched(ScheddSession session, Collection<Allocation> dispatched) {
    if (!isOpen(session)) {
      return false;
    }
    Set<String> listed = new HashSet<>();
    for (Allocation allocation : dispatched) {
      listed.add(allocation.stepId());
      idle.remove(allocation.stepId());
      Held previous = reservations.put(allocation.stepId(), new Held(allocation, session.scheddName(), null));
      if (previous == null) {
        LOG.info("{}: step {} holds {} (dispatched before this session)", session, allocation.stepId(),
            describe(allocation));
      }
    }
    int before = reservations.size();
    reservations.values().removeIf(held -> held.scheddName().equals(session.scheddName())
        && !listed.contains(held.allocation().stepId()));
    int dropped = before - reservations.size();
    if (dropped > 0) {
      LOG.info("{}: {} allocations it no longer reports were dropped", session, dropped);
    }
    return !dispatched.isEmpty() || dropped > 0;
  }

  /** The schedd sessions open now (metrics). */
  public synchronized int openScheddSessions() {
    return sessions.size();
  }

  private boolean isOpen(ScheddSession session) {
    return sessions.get(session.id()) == session;
  }

  // ---- startd sessions

  /**
   * Records {@code ad} as the machine's latest, heard now on startd session {@code sessionId}. Returns whether the offer changed (a
   * new or returning machine, or a different ad apart from its load average and free disk), which
   * merits a cycle.
   */
  public synchronized boolean updateMachine(long sessionId, Machine ad) {
    Instant now = clock.instant();
    MachineEntry previous = machines.get(ad.name());
    boolean changed = previous == null || !isUp(previous, now) || !withoutLoad(previous.ad()).equals(withoutLoad(ad));
    machines.put(ad.name(), new MachineEntry(ad, now, sessionId, true));
    if (lost.remove(ad.name())) {
      LOG.info("machine {} reports again after it was declared lost, running {}", ad.name(), ad.running().keySet());
      returned.add(new MachineReturned(ad.name(), List.copyOf(ad.running().keySet())));
    }
    return changed;
  }

  /** Marks the machine down if {@code sessionId} is the session that sent its latest ad. */
  public synchronized void endStartdSession(long sessionId, String machine) {
    MachineEntry entry = machines.get(machine);
    if (entry != null && entry.sessionId() == sessionId && entry.open()) {
      machines.put(machine, new MachineEntry(entry.ad(), entry.lastHeard(), sessionId, false));
      LOG.info("machine {} is down: its startd session ended", machine);
    }
  }

  /**
   * Declares lost every machine silent past {@code MACHINE_LOST_TIMEOUT} that was not declared
   * lost yet, and returns what to send: one delivery per open schedd session for each machine
   * newly lost and for each lost machine that reported again since the last sweep.
   */
  public synchronized List<NoticeDelivery> sweepNotices() {
    Instant now = clock.instant();
    List<MachineNotice> notices = new ArrayList<>(returned);
    returned.clear();
    for (MachineEntry entry : machines.values()) {
      String name = entry.ad().name();
      if (lost.contains(name) || !now.isAfter(entry.lastHeard().plus(lostTimeout))) {
        continue;
      }
      lost.add(name);
      MachineLost notice = notice(entry);
      LOG.warn("{}: its steps are vacated", notice.reason());
      notices.add(notice);
    }
    List<NoticeDelivery> deliveries = new ArrayList<>();
    for (MachineNotice notice : notices) {
      for (ScheddSession session : sessions.values()) {
        deliveries.add(new NoticeDelivery(session.lostSink(), session.scheddName(), notice));
      }
    }
    return deliveries;
  }

  /**
   * What a schedd that says hello is told: every machine lost now, and every other machine whose
   * latest ad lists running steps, with those steps.
   */
  public synchronized List<MachineNotice> helloNotices() {
    List<MachineNotice> notices = new ArrayList<>();
    for (MachineEntry e : machines.values()) {
      if (lost.contains(e.ad().name())) {
        notices.add(notice(e));
      } else if (!e.ad().running().isEmpty()) {
        notices.add(new MachineReturned(e.ad().name(), List.copyOf(e.ad().running().keySet())));
      }
    }
    return notices;
  }

  private MachineLost notice(MachineEntry entry) {
    return new MachineLost(entry.ad().name(), entry.lastHeard(),
        "machine " + entry.ad().name() + " did not report for " + lostTimeout.toString().substring(2).toLowerCase());
  }

  private boolean isUp(MachineEntry entry, Instant now) {
    return entry.open() && !now.isAfter(entry.lastHeard().plus(machineTimeout));
  }

  private static Machine withoutLoad(Machine ad) {
    return ad.withoutGauges();
  }

  // ---- the cycle

  /**
   * How many idle steps were added (or offered again) so far: a cycle that saw this count has
   * judged every step that is idle now, until the count moves.
   */
  public synchronized long idleAdds() {
    return idleAdds;
  }

  /**
   * Whether a machine that is up and not drained has a CPU that neither a step of its ad nor an
   * allocation holds: the only way a cycle could match a step it has judged already. Looks at the
   * machines and allocations only, not at the idle steps.
   */
  public synchronized boolean anyFreeCpu() {
    Instant now = clock.instant();
    dropExpiredReservations(now);
    Map<String, Integer> free = freeCpusNow();
    for (MachineEntry e : machines.values()) {
      if (isUp(e, now) && !e.ad().drained() && free.getOrDefault(e.ad().name(), 0) > 0) {
        return true;
      }
    }
    return false;
  }

  /** {@link #snapshot(SchedulingPolicy)} with the default policy. */
  public PoolSnapshot snapshot() {
    return snapshot(SchedulingPolicy.defaults());
  }

  /** The pool as one cycle sees it: idle steps, every known machine with its up flag, allocations, now. */
  public synchronized PoolSnapshot snapshot(SchedulingPolicy policy) {
    Instant now = clock.instant();
    dropExpiredReservations(now);
    List<IdleStepAd> steps = idle.values().stream().map(IdleEntry::step).toList();
    List<PoolMachine> pool = machines.values().stream().map(e -> new PoolMachine(e.ad(), isUp(e, now))).toList();
    return new PoolSnapshot(steps, pool, currentAllocations(), policy, now);
  }

  /**
   * Records the matches of {@code plan} that still hold (the step is still idle in an open session,
   * every machine still up with the CPUs free): allocates their shares, removes the steps from the
   * idle set, and returns the permits to send, in plan order.
   */
  public synchronized List<PermitDelivery> apply(MatchPlan plan) {
    Instant now = clock.instant();
    List<PermitDelivery> deliveries = new ArrayList<>();
    Map<String, Integer> freeCpus = plan.matches().isEmpty() ? Map.of() : freeCpusNow();
    for (Match match : plan.matches()) {
      IdleEntry entry = idle.get(match.stepId());
      if (entry == null || !isOpen(entry.session()) || reservations.containsKey(match.stepId())) {
        LOG.debug("match of {} to {} no longer holds: the step is not idle", match.stepId(), match.machine());
        continue;
      }
      List<GrantedShare> granted = grantable(match, now, freeCpus);
      if (granted == null) {
        continue;
      }
      for (MachineShare share : match.machines()) {
        freeCpus.merge(share.machine(), -share.cpus(), Integer::sum);
      }
      IdleStepAd step = entry.step();
      idle.remove(match.stepId());
      Allocation allocation = new Allocation(step.stepId(), step.owner(), step.group(), step.jobClass(),
          match.machines(), now, step.wallClockLimit());
      reservations.put(match.stepId(), new Held(allocation, entry.session().scheddName(), null));
      deliveries.add(new PermitDelivery(entry.session().sink(), new PermitGrant(match.stepId(), granted, now)));
    }
    return deliveries;
  }

  /** The shares of {@code match} with their startds, or null when a machine is gone or too busy now. */
  private List<GrantedShare> grantable(Match match, Instant now, Map<String, Integer> freeCpus) {
    List<GrantedShare> granted = new ArrayList<>(match.machines().size());
    Map<String, Integer> wanted = new HashMap<>();
    for (MachineShare share : match.machines()) {
      MachineEntry machine = machines.get(share.machine());
      if (machine == null || !isUp(machine, now)) {
        LOG.debug("match of {} no longer holds: machine {} is down", match.stepId(), share.machine());
        return null;
      }
      if (wanted.merge(share.machine(), share.cpus(), Integer::sum) > freeCpus.getOrDefault(share.machine(), 0)) {
        LOG.info("match of {} no longer holds: machine {} has not {} CPUs free any more", match.stepId(),
            share.machine(), share.cpus());
        return null;
      }
      granted.add(new GrantedShare(share, machine.ad().address(), machine.ad().claimSecret()));
    }
    return granted;
  }

  /** Free CPUs of every known machine against the current allocations, in one pass over them. */
  private Map<String, Integer> freeCpusNow() {
    Map<String, Integer> free = new HashMap<>();
    for (MachineEntry e : machines.values()) {
      free.put(e.ad().name(), e.ad().unclaimedCpus());
    }
    for (Held held : reservations.values()) {
      Allocation a = held.allocation();
      for (MachineShare share : a.machines()) {
        MachineEntry e = machines.get(share.machine());
        if (e != null && !e.ad().running().containsKey(a.stepId())) {
          free.merge(share.machine(), -share.cpus(), Integer::sum);
        }
      }
    }
    return free;
  }

  private void dropExpiredReservations(Instant now) {
    reservations.values().removeIf(held -> {
      boolean expired = held.orphanedSince() != null && !now.isBefore(held.orphanedSince().plus(reservationGrace));
      if (expired) {
        LOG.info("allocation of step {} on {} dropped: schedd {} did not come back within {}",
            held.allocation().stepId(), machineNames(held.allocation()), held.scheddName(), reservationGrace);
      }
      return expired;
    });
  }

  // ---- queries

  /** Every known machine, by name, with what the steps there hold. */
  public synchronized List<MachineView> machines() {
    Instant now = clock.instant();
    dropExpiredReservations(now);
    List<Allocation> held = currentAllocations();
    Map<String, List<Allocation>> byMachine = new HashMap<>();
    for (Allocation a : held) {
      for (MachineShare share : a.machines()) {
        byMachine.computeIfAbsent(share.machine(), m -> new ArrayList<>()).add(a);
      }
    }
    return machines.values().stream()
        .map(e -> new MachineView(e.ad(), isUp(e, now),
            MachineLoad.of(e.ad(), byMachine.getOrDefault(e.ad().name(), List.of())), e.lastHeard()))
        .toList();
  }

  /** The current allocations, in the order they were made. */
  public synchronized List<Allocation> allocations() {
    dropExpiredReservations(clock.instant());
    return currentAllocations();
  }

  /** Ids of the idle steps, in the order they arrived. */
  public synchronized List<String> idleStepIds() {
    return List.copyOf(idle.keySet());
  }

  /** The idle steps, in the order they arrived. */
  public synchronized List<IdleStepAd> idleSteps() {
    return idle.values().stream().map(IdleEntry::step).toList();
  }

  private List<Allocation> currentAllocations() {
    return reservations.values().stream().map(Held::allocation).toList();
  }

  /** The machines of {@code allocation} with what it holds on each, e.g. {@code m1(2 CPUs) m2(2 CPUs)}. */
  public static String describe(Allocation allocation) {
    return describe(allocation.machines());
  }

  /** The shares, e.g. {@code m1(1 task, 2 CPUs) m2(1 task, 2 CPUs, GPU 1)}. */
  public static String describe(List<MachineShare> shares) {
    StringBuilder text = new StringBuilder();
    for (MachineShare share : shares) {
      if (!text.isEmpty()) {
        text.append(' ');
      }
      text.append(share.machine()).append('(').append(share.tasks()).append(share.tasks() == 1 ? " task, " : " tasks, ")
          .append(share.cpus()).append(share.cpus() == 1 ? " CPU" : " CPUs");
      share.resources().forEach((name, amount) -> text.append(", ").append(name).append(' ').append(amount));
      if (share.exclusive()) {
        text.append(", not shared");
      }
      text.append(')');
    }
    return text.toString();
  }

  private static String machineNames(Allocation allocation) {
    return String.join(",", allocation.machines().stream().map(MachineShare::machine).toList());
  }
}
