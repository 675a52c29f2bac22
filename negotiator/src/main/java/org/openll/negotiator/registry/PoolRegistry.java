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
import java.util.Set;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.openll.negotiator.NegotiatorSettings;
import org.openll.negotiator.match.FreeCpus;
import org.openll.negotiator.match.IdleStepAd;
import org.openll.negotiator.match.Machine;
import org.openll.negotiator.match.Match;
import org.openll.negotiator.match.MatchPlan;
import org.openll.negotiator.match.PoolMachine;
import org.openll.negotiator.match.PoolSnapshot;
import org.openll.negotiator.match.Reservation;

/**
 * The negotiator's picture of the pool: machines, the idle steps of each schedd session, and the
 * reservations of outstanding permits. Thread-safe: every method holds one lock, and none calls out
 * (permits are returned by {@link #apply} for the caller to send).
 *
 * <p>Rules:
 * <ul>
 *   <li>A machine is up while its startd session is open and its last ad is no older than
 *       {@code MACHINE_TIMEOUT}. Only the session that sent the latest ad can end it, so a late
 *       end of a restarted startd's old stream does not mark the machine down.
 *   <li>A permit reserves its CPUs under the step id, until the schedd releases the step, or until
 *       the machine's ad lists the step as running (from then on the ad accounts for it; a later
 *       release is a no-op). Each step holds at most one reservation, so nothing is freed twice.
 *   <li>Idle steps belong to the session that sent them; they are forgotten when it ends (the
 *       schedd resends a snapshot when it reconnects). A new hello from a schedd name supersedes
 *       that name's older session.
 *   <li>The reservations of a schedd whose session ended are kept for
 *       {@code NEGOTIATOR_RESERVATION_GRACE}; a new session of the same schedd within it adopts
 *       them, otherwise they are dropped (the schedd's restart logic sends steps that did not start
 *       back as idle).
 *   <li>A machine whose last ad is older than {@code MACHINE_LOST_TIMEOUT} (whether or not its
 *       session is still open) is <em>lost</em>: {@link #sweepNotices} announces it once to every
 *       open schedd session, and {@link #helloNotices} lists it for a schedd that says hello later.
 *       Its next ad makes it known again and is announced the same way, with the steps the ad lists
 *       as running ({@link MachineReturned}), so the schedds kill the copies they vacated.
 *   <li>A step sent as idle while it holds a reservation loses the reservation: the schedd never
 *       acted on that permit (it was lost with a session), and only sends a step idle again after
 *       releasing it.
 * </ul>
 */
@Singleton
public final class PoolRegistry {
  private static final Logger LOG = LogManager.getLogger(PoolRegistry.class);

  private record IdleEntry(IdleStepAd step, ScheddSession session) {}

  private record Held(Reservation reservation, String scheddName, Instant orphanedSince) {
    Held orphaned(Instant since) {
      return new Held(reservation, scheddName, since);
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

  /** Ends {@code session}: forgets its idle steps and starts the grace of its reservations. */
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
    for (IdleStepAd step : steps) {
      Held dropped = reservations.remove(step.stepId());
      if (dropped != null) {
        LOG.info("step {} is idle again: its reservation on {} is dropped", step.stepId(), dropped.reservation().machine());
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

  /** Frees the reservations of the named steps of this schedd. Returns whether any was freed. */
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

  private boolean isOpen(ScheddSession session) {
    return sessions.get(session.id()) == session;
  }

  // ---- startd sessions

  /**
   * Records {@code ad} as the machine's latest, heard now on startd session {@code sessionId}, and
   * drops the reservations of steps the ad lists as running. Returns whether the offer changed (a
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
    Iterator<Map.Entry<String, Held>> it = reservations.entrySet().iterator();
    while (it.hasNext()) {
      Reservation r = it.next().getValue().reservation();
      if (r.machine().equals(ad.name()) && ad.running().containsKey(r.stepId())) {
        it.remove();
        changed = true;
      }
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

  /** The pool as one cycle sees it: idle steps, every known machine with its up flag, reservations. */
  public synchronized PoolSnapshot snapshot() {
    Instant now = clock.instant();
    dropExpiredReservations(now);
    List<IdleStepAd> steps = idle.values().stream().map(IdleEntry::step).toList();
    List<PoolMachine> pool = machines.values().stream().map(e -> new PoolMachine(e.ad(), isUp(e, now))).toList();
    return PoolSnapshot.of(steps, pool, currentReservations());
  }

  /**
   * Records the matches of {@code plan} that still hold (the step is still idle in an open session,
   * the machine still up): reserves their CPUs, removes the steps from the idle set, and returns the
   * permits to send, in plan order.
   */
  public synchronized List<PermitDelivery> apply(MatchPlan plan) {
    Instant now = clock.instant();
    List<PermitDelivery> deliveries = new ArrayList<>();
    for (Match match : plan.matches()) {
      IdleEntry entry = idle.get(match.stepId());
      MachineEntry machine = machines.get(match.machine());
      if (entry == null || !isOpen(entry.session()) || reservations.containsKey(match.stepId())
          || machine == null || !isUp(machine, now)) {
        LOG.debug("match of {} to {} no longer holds", match.stepId(), match.machine());
        continue;
      }
      idle.remove(match.stepId());
      reservations.put(match.stepId(), new Held(new Reservation(match.stepId(), match.machine(), match.cpus()),
          entry.session().scheddName(), null));
      deliveries.add(new PermitDelivery(entry.session().sink(), new PermitGrant(match.stepId(), match.machine(),
          machine.ad().address(), machine.ad().claimSecret(), match.cpus(), now)));
    }
    return deliveries;
  }

  private void dropExpiredReservations(Instant now) {
    reservations.values().removeIf(held -> {
      boolean expired = held.orphanedSince() != null && !now.isBefore(held.orphanedSince().plus(reservationGrace));
      if (expired) {
        LOG.info("reservation of step {} on {} dropped: schedd {} did not come back within {}",
            held.reservation().stepId(), held.reservation().machine(), held.scheddName(), reservationGrace);
      }
      return expired;
    });
  }

  // ---- queries

  /** Every known machine, by name. */
  public synchronized List<MachineView> machines() {
    Instant now = clock.instant();
    dropExpiredReservations(now);
    List<Reservation> held = currentReservations();
    return machines.values().stream()
        .map(e -> new MachineView(e.ad(), isUp(e, now), FreeCpus.of(e.ad(), held.stream().map(Reservation::toAllocation).toList()), e.lastHeard()))
        .toList();
  }

  /** The outstanding reservations, in the order they were made. */
  public synchronized List<Reservation> reservations() {
    dropExpiredReservations(clock.instant());
    return currentReservations();
  }

  /** Ids of the idle steps, in the order they arrived. */
  public synchronized List<String> idleStepIds() {
    return List.copyOf(idle.keySet());
  }

  private List<Reservation> currentReservations() {
    return reservations.values().stream().map(Held::reservation).toList();
  }
}
