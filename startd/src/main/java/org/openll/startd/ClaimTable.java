package org.openll.startd;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.openll.api.v1.Permit;
import org.openll.common.errors.OpenllException;

/**
 * The steps that hold CPUs on this machine, from the accepted {@code StartStep} until their final
 * record is acknowledged by the schedd. Checks each permit against this machine's identity and
 * free CPUs. Thread-safe; listeners run after every change, outside the lock.
 */
public final class ClaimTable {
  private final MachineIdentity identity;
  private final Map<String, Integer> cpusByStep = new LinkedHashMap<>();
  private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

  public ClaimTable(MachineIdentity identity) {
    this.identity = identity;
  }

  /** Calls {@code listener} after every claim and release. */
  public void addListener(Runnable listener) {
    listeners.add(listener);
  }

  /**
   * Claims {@code cpus} CPUs for the permit's step.
   *
   * @throws OpenllException PERMISSION_DENIED for a wrong secret or machine, ALREADY_EXISTS when
   *     the step is here already, RESOURCE_EXHAUSTED when not enough CPUs are free
   */
  public void claim(Permit permit, int cpus) {
    synchronized (this) {
      if (!identity.machine().equals(permit.getMachine())) {
        throw OpenllException.permissionDenied("step " + permit.getStepId() + ": permit.machine is "
            + permit.getMachine() + ", this is " + identity.machine());
      }
      // before the secret: a schedd that restarts resends StartStep with its old permit, and a step
      // this startd re-adopted after its own restart (new secret) must read as started, not refused
      if (cpusByStep.containsKey(permit.getStepId())) {
        throw new OpenllException(org.openll.common.errors.ErrorCode.ALREADY_EXISTS,
            "step " + permit.getStepId() + " already runs on " + identity.machine());
      }
      if (!identity.claimSecret().equals(permit.getClaimSecret())) {
        throw OpenllException.permissionDenied("step " + permit.getStepId() + ": permit.claim_secret is not "
            + identity.machine() + "'s current secret");
      }
      int free = freeCpus();
      if (cpus > free) {
        throw OpenllException.resourceExhausted("step " + permit.getStepId() + " needs " + cpus + " CPUs, "
            + identity.machine() + " has " + free + " free");
      }
      cpusByStep.put(permit.getStepId(), cpus);
    }
    fireChanged();
  }

  /**
   * Claims {@code cpus} CPUs for a step re-adopted from the spool after a restart: no permit to
   * check, and never refused (the step runs whatever the table says).
   */
  public void adopt(String stepId, int cpus) {
    synchronized (this) {
      cpusByStep.put(stepId, cpus);
    }
    fireChanged();
  }

  /** Frees the CPUs of {@code stepId}; nothing happens for an unknown step. */
  public void release(String stepId) {
    boolean removed;
    synchronized (this) {
      removed = cpusByStep.remove(stepId) != null;
    }
    if (removed) {
      fireChanged();
    }
  }

  public synchronized boolean holds(String stepId) {
    return cpusByStep.containsKey(stepId);
  }

  public synchronized int freeCpus() {
    return identity.cpus() - cpusByStep.values().stream().mapToInt(Integer::intValue).sum();
  }

  /** The steps holding CPUs and how many each, in claim order. */
  public synchronized Map<String, Integer> snapshot() {
    return new LinkedHashMap<>(cpusByStep);
  }

  private void fireChanged() {
    for (Runnable listener : new ArrayList<>(listeners)) {
      listener.run();
    }
  }
}
