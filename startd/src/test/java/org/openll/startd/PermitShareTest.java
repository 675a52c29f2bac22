package org.openll.startd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openll.api.v1.JobType;
import org.openll.api.v1.MachineAllocation;
import org.openll.api.v1.Permit;
import org.openll.api.v1.StepSpec;
import org.openll.common.errors.ErrorCode;
import org.openll.common.errors.OpenllException;

class PermitShareTest {
  private static final StepSpec PARALLEL = StepSpec.newBuilder().setJobType(JobType.JOB_TYPE_PARALLEL)
      .setJobClass("big").setCpus(1).build();

  private static Permit parallelPermit() {
    return Permit.newBuilder().setStepId("h.1.0").setMachine("HOST-1").setCpus(2)
        .addAllocation(MachineAllocation.newBuilder().setMachine("HOST-1").setTasks(2).setCpus(2)
            .putResources("ConsumableMemory", 512))
        .addAllocation(MachineAllocation.newBuilder().setMachine("HOST-2").setTasks(3).setCpus(3))
        .addAllocation(MachineAllocation.newBuilder().setMachine("HOST-3").setTasks(1).setCpus(1))
        .build();
  }

  @Test
  void claimOn_allocationEntryOfThisMachine_itsCpusResourcesTasksAndTheStepsClass() {
    ClaimTable.Claim claim = PermitShare.claimOn(parallelPermit(), PARALLEL, "HOST-1");

    assertEquals(new ClaimTable.Claim(2, Map.of("ConsumableMemory", 512L), "big", 2), claim);
  }

  @Test
  void claimOn_permitWithoutAllocation_permitCpusOneNoClassTask() {
    Permit old = Permit.newBuilder().setStepId("h.1.0").setMachine("HOST-1").setCpus(3).build();

    assertEquals(new ClaimTable.Claim(3, Map.of(), "No_Class", 1),
        PermitShare.claimOn(old, StepSpec.getDefaultInstance(), "HOST-1"));
  }

  @Test
  void claimOn_permitForThisMachineWhoseAllocationOmitsIt_invalidArgument() {
    Permit inconsistent = parallelPermit().toBuilder().setMachine("HOST-9").build();

    OpenllException e = assertThrows(OpenllException.class,
        () -> PermitShare.claimOn(inconsistent, PARALLEL, "HOST-9"));

    assertEquals(ErrorCode.INVALID_ARGUMENT, e.code());
  }

  @Test
  void claimOn_permitForAnotherMachineNotListingThisOne_permissionDenied() {
    Permit other = parallelPermit().toBuilder().setMachine("HOST-9").build();

    OpenllException e = assertThrows(OpenllException.class, () -> PermitShare.claimOn(other, PARALLEL, "HOST-8"));

    assertEquals(ErrorCode.PERMISSION_DENIED, e.code());
  }

  @Test
  void taskHosts_parallelStep_eachMachineRepeatedByItsTasksInAllocationOrder() {
    assertEquals(List.of("HOST-1", "HOST-1", "HOST-2", "HOST-2", "HOST-2", "HOST-3"),
        PermitShare.taskHosts(parallelPermit(), PARALLEL));
  }

  @Test
  void taskHosts_serialStepOnOneMachine_empty() {
    Permit serial = Permit.newBuilder().setStepId("h.1.0").setMachine("HOST-1")
        .addAllocation(MachineAllocation.newBuilder().setMachine("HOST-1").setTasks(1).setCpus(1)).build();

    assertEquals(List.of(), PermitShare.taskHosts(serial, StepSpec.getDefaultInstance()));
  }
}
