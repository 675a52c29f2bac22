package org.openll.schedd.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Timestamp;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openll.api.v1.Blocking;
import org.openll.api.v1.DispatchedStep;
import org.openll.api.v1.IdleStep;
import org.openll.api.v1.JobType;
import org.openll.api.v1.Limit;
import org.openll.api.v1.LimitValue;
import org.openll.api.v1.MachineAllocation;
import org.openll.api.v1.NodeCount;
import org.openll.api.v1.NodeUsage;
import org.openll.api.v1.Permit;
import org.openll.api.v1.ResourceRequest;
import org.openll.api.v1.StepLimits;
import org.openll.api.v1.StepStatus;

class IdleStepAdsTest {
  static StepStatus parallel() {
    return StepStatus.newBuilder().setStepId("n.1.0").setOwner("bob")
        .setQueueTime(Timestamp.newBuilder().setSeconds(5)).setDispatchTime(Timestamp.newBuilder().setSeconds(9))
        .setSpec(JobQueueTest.step("a").setGroup("physics").setJobType(JobType.JOB_TYPE_MPICH).setCpus(2)
            .addResources(ResourceRequest.newBuilder().setName("ConsumableCpus").setAmount(2))
            .addResources(ResourceRequest.newBuilder().setName("ConsumableMemory").setAmount(100))
            .addNodeResources(ResourceRequest.newBuilder().setName("scratch").setAmount(1))
            .setNode(NodeCount.newBuilder().setMin(2).setMax(3)).setTasksPerNode(4)
            .setBlocking(Blocking.newBuilder().setUnlimited(true)).setNodeUsage(NodeUsage.NODE_USAGE_NOT_SHARED)
            .setLimits(StepLimits.newBuilder().setWallClockLimit(Limit.newBuilder()
                .setHard(LimitValue.newBuilder().setAmount(3600)))))
        .build();
  }

  @Test
  void idle_parallelStep_everySchedulingField() {
    IdleStep ad = IdleStepAds.idle(parallel());

    assertEquals("physics", ad.getGroup());
    assertEquals(2, ad.getCpus());
    assertEquals(List.of("ConsumableMemory"), ad.getResourcesList().stream().map(ResourceRequest::getName).toList());
    assertEquals("scratch", ad.getNodeResources(0).getName());
    assertEquals(2, ad.getNodeMin());
    assertEquals(3, ad.getNodeMax());
    assertEquals(4, ad.getTasksPerNode());
    assertEquals(-1, ad.getBlocking());
    assertTrue(ad.getNotShared());
    assertTrue(ad.getParallel());
    assertEquals(3600, ad.getWallClockLimitSeconds());
  }

  @Test
  void dispatched_permitWithoutAllocation_oneEntryFromItsMachine() {
    Permit permit = JobQueueTest.permit("n.1.0");
    DispatchedStep d = IdleStepAds.dispatched(parallel(), permit);

    assertEquals(List.of(MachineAllocation.newBuilder().setMachine("m1").setStartdAddress("127.0.0.1:9000")
        .setClaimSecret("s3cret").setTasks(1).setCpus(1).build()), d.getAllocationList());
    assertEquals(9, d.getDispatchTime().getSeconds());
    assertEquals("n.1.0", d.getStep().getStepId());
  }
}
