package org.openll.startd;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import org.openll.api.v1.Permit;
import org.openll.common.admin.AdminConfig;
import org.openll.common.errors.ErrorCode;
import org.openll.common.errors.OpenllException;

/**
 * The steps that hold CPUs, consumables and class initiators on this machine, from the accepted
 * {@code StartStep} until their final record is acknowledged by the schedd, and the
 * {@link MachineOffer} they are admitted against. Checks each permit against this machine's
 * identity and what is free. Thread-safe; listeners run after every change (claims, releases and
 * a new offer), outside the lock.
 */
public final class ClaimTable {
  /**
   * What one step holds here.
   *
   * @param resources consumables other than CPUs, by name
   * @param jobClass the step's class ({@code No_Class} when it names none)
   * @param tasks its tasks on this machine, each using one initiator of its class
   */
  public record Claim(int cpus, Map<String, Long> resources, String jobClass, int tasks) {
    public Claim {
      resources = Map.copyOf(resources);
      jobClass = jobClass == null || jobClass.isEmpty() ? AdminConfig.NO_CLASS : jobClass;
      tasks = Math.max(1, tasks);
    }

    /** A one-task {@code No_Class} step holding only CPUs. */
    public static Claim ofCpus(int cpus) {
      return new Claim(cpus, Map.of(), AdminConfig.NO_CLASS, 1);
    }
  }

  private final MachineIdentity identity;
  private final Map<String, Claim> byStep = new LinkedHashMap<>();
  private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
  private MachineOffer offer;

  /** A table for a machine that offers only its CPUs, to any class. */
  public ClaimTable(MachineIdentity identity) {
    this(identity, MachineOffer.none(Path.of("")));
  }

  public ClaimTable(MachineIdentity identity, MachineOffer offer) {
    this.identity = identity;
    this.offer = Objects.requireNonNull(offer, "offer");
  }

  /** Calls {@code listener} after every claim, release and new offer. */
  public void addListener(Runnable listener) {
    listeners.add(listener);
  }

  public synchronized MachineOffer offer() {
    return offer;
  }

  /**
   * Replaces what the machine offers (reconfig). Steps already admitted keep what they hold, even
   * beyond the new offer; new steps are admitted against it. Listeners run even when nothing
   * changed, so a fresh ad goes out.
   */
  public void offer(MachineOffer next) {
    synchronized (this) {
      offer = Objects.requireNonNull(next, "offer");
    }
    fireChanged();
  }

  /** Claims {@code cpus} CPUs for a one-task {@code No_Class} step; see {@link #claim(Permit, Claim)}. */
  public void claim(Permit permit, int cpus) {
    claim(permit, Claim.ofCpus(cpus));
  }

  /**
   * Claims what {@code claim} says for the permit's step.
   *
   * @throws OpenllException PERMISSION_DENIED for a wrong secret or machine, ALREADY_EXISTS when
   *     the step is here already, RESOURCE_EXHAUSTED when not enough CPUs, of a consumable, or
   *     initiators of its class are free
   */
  public void claim(Permit permit, Claim claim) {
    String step = permit.getStepId();
    synchronized (this) {
      if (!identity.machine().equals(permit.getMachine())) {
        throw OpenllException.permissionDenied("step " + step + ": permit.machine is "
            + permit.getMachine() + ", this is " + identity.machine());
      }
      // before the secret: a schedd that restarts resends StartStep with its old permit, and a step
      // this startd re-adopted after its own restart (new secret) must read as started, not refused
      if (byStep.containsKey(step)) {
        throw new OpenllException(ErrorCode.ALREADY_EXISTS, "step " + step + " already runs on " + identity.machine());
      }
      if (!identity.claimSecret().equals(permit.getClaimSecret())) {
        throw OpenllException.permissionDenied("step " + step + ": permit.claim_secret is not "
            + identity.machine() + "'s current secret");
      }
      int free = freeCpus();
      if (claim.cpus() > free) {
        throw OpenllException.resourceExhausted("step " + step + " needs " + claim.cpus() + " CPUs, "
            + identity.machine() + " has " + free + " free (held by " + String.join(", ", byStep.keySet()) + ")");
      }
      Map<String, Long> freeResources = freeResources();
      for (Map.Entry<String, Long> asked : claim.resources().entrySet()) {
        long left = freeResources.getOrDefault(asked.getKey(), 0L);
        if (asked.getValue() > left) {
          throw OpenllException.resourceExhausted("step " + step + " needs " + asked.getKey() + "("
              + asked.getValue() + "), " + identity.machine() + " has " + left + " free");
        }
      }
      int slots = freeClassSlots(claim.jobClass());
      if (claim.tasks() > slots) {
        throw OpenllException.resourceExhausted("step " + step + " needs " + claim.tasks() + " initiators of class "
            + claim.jobClass() + ", " + identity.machine() + " has " + slots + " free");
      }
      byStep.put(step, claim);
    }
    fireChanged();
  }

  /**
   * Claims {@code cpus} CPUs for a step re-adopted from the spool after a restart; see
   * {@link #adopt(String, Claim)}.
   */
  public void adopt(String stepId, int cpus) {
    adopt(stepId, Claim.ofCpus(cpus));
  }

  /**
   * Claims what a step re-adopted from the spool after a restart holds: no permit to check, and
   * never refused (the step runs whatever the table says).
   */
  public void adopt(String stepId, Claim claim) {
    synchronized (this) {
      byStep.put(stepId, claim);
    }
    fireChanged();
  }

  /** Frees what {@code stepId} holds; nothing happens for an unknown step. */
  public void release(String stepId) {
    boolean removed;
    synchronized (this) {
      removed = byStep.remove(stepId) != null;
    }
    if (removed) {
      fireChanged();
    }
  }

  public synchronized boolean holds(String stepId) {
    return byStep.containsKey(stepId);
  }

  public synchronized int freeCpus() {
    return identity.cpus() - byStep.values().stream().mapToInt(Claim::cpus).sum();
  }

  /** Each consumable of the offer minus what the steps here hold of it (negative after a shrinking reconfig). */
  public synchronized Map<String, Long> freeResources() {
    Map<String, Long> free = new LinkedHashMap<>(offer.resources());
    for (Claim claim : byStep.values()) {
      claim.resources().forEach((name, amount) -> free.merge(name, -amount, Long::sum));
    }
    return free;
  }

  /** The initiators of {@code jobClass} not used by the tasks of the steps here. */
  public synchronized int freeClassSlots(String jobClass) {
    int used = byStep.values().stream().filter(c -> c.jobClass().equals(jobClass)).mapToInt(Claim::tasks).sum();
    return offer.slotsOf(jobClass, identity.cpus()) - used;
  }

  /** The steps holding CPUs and how many each, in claim order. */
  public synchronized Map<String, Integer> snapshot() {
    Map<String, Integer> cpus = new LinkedHashMap<>();
    byStep.forEach((step, claim) -> cpus.put(step, claim.cpus()));
    return cpus;
  }

  /** The steps here and what each holds, in claim order. */
  public synchronized Map<String, Claim> claims() {
    return new LinkedHashMap<>(byStep);
  }

  private void fireChanged() {
    for (Runnable listener : new ArrayList<>(listeners)) {
      listener.run();
    }
  }
}
