package org.openll.schedd.queue;

import java.util.List;
import org.openll.api.v1.DispatchedStep;
import org.openll.api.v1.IdleStep;
import org.openll.api.v1.JobType;
import org.openll.api.v1.MachineAllocation;
import org.openll.api.v1.NodeUsage;
import org.openll.api.v1.Permit;
import org.openll.api.v1.StepSpec;
import org.openll.api.v1.StepStatus;
import org.openll.common.admin.AdminConfig;

/**
 * What the negotiator is told of a step: its {@link IdleStep} (the spec as stored, so after the
 * class rules of {@link SubmitPolicy}) and, for a dispatched step, its {@link DispatchedStep} with
 * the allocation of its permit. Pure.
 */
final class IdleStepAds {
  private static final String CPUS = "ConsumableCpus";

  private IdleStepAds() {}

  static IdleStep idle(StepStatus s) {
    StepSpec spec = s.getSpec();
    IdleStep.Builder b = IdleStep.newBuilder()
        .setStepId(s.getStepId())
        .setOwner(s.getOwner())
        .setJobClass(spec.getJobClass())
        .setCpus(Math.max(1, spec.getCpus()))
        .setRequirements(spec.getRequirements())
        .setPreferences(spec.getPreferences())
        .setUserPriority(spec.getUserPriority())
        .setQueueTime(s.getQueueTime())
        .setGroup(spec.getGroup().isBlank() ? AdminConfig.NO_GROUP : spec.getGroup())
        .addAllNodeResources(spec.getNodeResourcesList())
        .setTasksPerNode(spec.getTasksPerNode())
        .setTotalTasks(spec.getTotalTasks())
        .setNotShared(spec.getNodeUsage() == NodeUsage.NODE_USAGE_NOT_SHARED)
        .setParallel(spec.getJobType() == JobType.JOB_TYPE_PARALLEL || spec.getJobType() == JobType.JOB_TYPE_MPICH);
    spec.getResourcesList().stream().filter(r -> !r.getName().equals(CPUS)).forEach(b::addResources);
    if (spec.hasNode()) {
      b.setNodeMin(spec.getNode().getMin()).setNodeMax(spec.getNode().getMax());
    }
    if (spec.hasBlocking()) {
      b.setBlocking(spec.getBlocking().hasTasks() ? spec.getBlocking().getTasks() : -1);
    }
    var wall = spec.getLimits().getWallClockLimit();
    if (wall.hasHard() && wall.getHard().hasAmount()) {
      b.setWallClockLimitSeconds(wall.getHard().getAmount());
    }
    return b.build();
  }

  /** A dispatched step with the allocation of {@code permit} (one entry built from its first machine when it has none). */
  static DispatchedStep dispatched(StepStatus s, Permit permit) {
    DispatchedStep.Builder b = DispatchedStep.newBuilder().setStep(idle(s)).addAllAllocation(allocation(permit));
    if (s.hasDispatchTime()) {
      b.setDispatchTime(s.getDispatchTime());
    } else if (permit.hasIssued()) {
      b.setDispatchTime(permit.getIssued());
    }
    return b.build();
  }

  /** Every machine of {@code permit}, first = the one that runs the command. */
  static List<MachineAllocation> allocation(Permit permit) {
    if (permit.getAllocationCount() > 0) {
      return permit.getAllocationList();
    }
    return List.of(MachineAllocation.newBuilder().setMachine(permit.getMachine())
        .setStartdAddress(permit.getStartdAddress()).setClaimSecret(permit.getClaimSecret()).setTasks(1)
        .setCpus(permit.getCpus()).build());
  }
}
