package org.openll.startd;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.openll.api.v1.JobType;
import org.openll.api.v1.MachineAllocation;
import org.openll.api.v1.Permit;
import org.openll.api.v1.StepSpec;
import org.openll.common.errors.OpenllException;

/**
 * What a permit gives a step on one machine, and where its tasks are. A permit lists every
 * machine of its step in {@code allocation} (the first is the one that gets {@code StartStep});
 * permits issued before allocations existed carry only {@code cpus}.
 */
final class PermitShare {
  private PermitShare() {}

  /**
   * What the step may hold on {@code machine}: the CPUs, consumables and tasks of its allocation
   * entry for that machine, or, without allocation, {@code permit.cpus} (else the spec's CPUs) for
   * one task.
   *
   * @throws OpenllException PERMISSION_DENIED when the permit is for another machine and its
   *     allocation does not list this one, INVALID_ARGUMENT when a permit for this machine does not
   */
  static ClaimTable.Claim claimOn(Permit permit, StepSpec spec, String machine) {
    int fallbackCpus = permit.getCpus() > 0 ? permit.getCpus() : Math.max(1, spec.getCpus());
    if (permit.getAllocationCount() == 0) {
      return new ClaimTable.Claim(fallbackCpus, Map.of(), spec.getJobClass(), 1);
    }
    MachineAllocation entry = entryFor(permit, machine).orElseThrow(() -> permit.getMachine().equals(machine)
        ? OpenllException.invalidArgument("step " + permit.getStepId() + ": permit.allocation does not list " + machine)
        : OpenllException.permissionDenied("step " + permit.getStepId() + ": permit.machine is " + permit.getMachine()
            + ", this is " + machine));
    int cpus = entry.getCpus() > 0 ? entry.getCpus() : fallbackCpus;
    return new ClaimTable.Claim(cpus, entry.getResourcesMap(), spec.getJobClass(), Math.max(1, entry.getTasks()));
  }

  static Optional<MachineAllocation> entryFor(Permit permit, String machine) {
    return permit.getAllocationList().stream().filter(a -> a.getMachine().equals(machine)).findFirst();
  }

  /**
   * One machine name per task, in allocation order, each machine repeated by its task count; empty
   * for a serial step on one machine (the starter then names its own machine).
   */
  static List<String> taskHosts(Permit permit, StepSpec spec) {
    boolean parallel = spec.getJobType() == JobType.JOB_TYPE_PARALLEL || spec.getJobType() == JobType.JOB_TYPE_MPICH;
    if (!parallel && permit.getAllocationCount() <= 1) {
      return List.of();
    }
    List<String> hosts = new ArrayList<>();
    for (MachineAllocation entry : permit.getAllocationList()) {
      for (int i = 0; i < Math.max(1, entry.getTasks()); i++) {
        hosts.add(entry.getMachine());
      }
    }
    return hosts;
  }
}
