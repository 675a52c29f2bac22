package org.openll.negotiator.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openll.api.v1.MachineAd;
import org.openll.negotiator.match.Machine;

class NegotiatorProtosTest {
  @Test
  void toMachine_expressionFields_reachTheRecordAndBack() {
    MachineAd ad = MachineAd.newBuilder().setMachine("ll5").setAddress("ll5:9000").setCpus(2).setMemoryMb(4096)
        .setArch("x86_64").setOpsys("Linux").setLoadAverage(0.25).setDiskKb(777).setPool("3").setLlVersion("0.1.0")
        .putAttributes("Rack", "r12").build();

    Machine machine = NegotiatorProtos.toMachine(ad);

    assertEquals(777, machine.diskKb());
    assertEquals("3", machine.pool());
    assertEquals("0.1.0", machine.llVersion());
    assertEquals(Map.of("Rack", "r12"), machine.extra());
    assertEquals(ad, NegotiatorProtos.toPublicAd(machine));
  }

  @Test
  void toIdleStep_everyField_cpusFromFieldResourcesWithoutConsumableCpus_groupDefault() {
    org.openll.api.v1.IdleStep proto = org.openll.api.v1.IdleStep.newBuilder().setStepId("h.1.0").setOwner("alice")
        .setJobClass("par").setCpus(2).setQueueTime(com.google.protobuf.Timestamp.newBuilder().setSeconds(100))
        .addResources(org.openll.api.v1.ResourceRequest.newBuilder().setName("ConsumableCpus").setAmount(2))
        .addResources(org.openll.api.v1.ResourceRequest.newBuilder().setName("ConsumableMemory").setAmount(512))
        .addNodeResources(org.openll.api.v1.ResourceRequest.newBuilder().setName("scratch").setAmount(1))
        .setNodeMin(2).setNodeMax(3).setTasksPerNode(4).setTotalTasks(0).setBlocking(-1).setNotShared(true)
        .setWallClockLimitSeconds(3600).setParallel(true).build();

    org.openll.negotiator.match.IdleStepAd step = NegotiatorProtos.toIdleStep(proto);

    assertEquals("No_Group", step.group());
    assertEquals(2, step.cpus());
    assertEquals(Map.of("ConsumableMemory", 512L), step.resources());
    assertEquals(Map.of("scratch", 1L), step.nodeResources());
    assertEquals(2, step.nodeMin());
    assertEquals(3, step.nodeMax());
    assertEquals(4, step.tasksPerNode());
    assertEquals(-1, step.blocking());
    org.junit.jupiter.api.Assertions.assertTrue(step.notShared());
    org.junit.jupiter.api.Assertions.assertTrue(step.parallel());
    assertEquals(java.time.Duration.ofHours(1), step.wallClockLimit());
    assertEquals(java.time.Instant.ofEpochSecond(100), step.queueTime());
  }

  @Test
  void toIdleStep_cpusUnset_takesConsumableCpusOfResources() {
    var step = NegotiatorProtos.toIdleStep(org.openll.api.v1.IdleStep.newBuilder().setStepId("h.1.0").setGroup("phys")
        .addResources(org.openll.api.v1.ResourceRequest.newBuilder().setName("ConsumableCpus").setAmount(3)).build());
    assertEquals(3, step.cpus());
    assertEquals("phys", step.group());
    assertEquals(1, NegotiatorProtos.toIdleStep(
        org.openll.api.v1.IdleStep.newBuilder().setStepId("h.2.0").build()).cpus());
  }

  @Test
  void toIdleStep_nodeMaxBelowNodeMin_invalidArgumentNamingStep() {
    var e = org.junit.jupiter.api.Assertions.assertThrows(org.openll.common.errors.OpenllException.class,
        () -> NegotiatorProtos.toIdleStep(org.openll.api.v1.IdleStep.newBuilder().setStepId("h.1.0").setNodeMin(3)
            .setNodeMax(2).build()));
    assertEquals("IdleStep h.1.0: node_max 2 is less than node_min 3", e.getMessage());
  }

  @Test
  void toMachine_resourcesClassSlotsDrained_reachTheRecordAndBack() {
    MachineAd ad = MachineAd.newBuilder().setMachine("ll5").setAddress("ll5:9000").setCpus(4)
        .putResources("ConsumableMemory", 2048).putResources("GPU", 2).putClassSlots("small", 2).setDrained(true)
        .build();
    Machine machine = NegotiatorProtos.toMachine(ad);
    assertEquals(Map.of("ConsumableMemory", 2048L, "GPU", 2L), machine.resources());
    assertEquals(Map.of("small", 2), machine.classSlots());
    org.junit.jupiter.api.Assertions.assertTrue(machine.drained());
    assertEquals(ad, NegotiatorProtos.toPublicAd(machine));
  }

  @Test
  void toPermit_parallel_everyMachineInAllocation_firstInSingleFields() {
    var shares = java.util.List.of(
        new org.openll.negotiator.registry.GrantedShare(new org.openll.negotiator.match.MachineShare("m1", 2, 4,
            Map.of("GPU", 1L), true), "m1:9000", "s1"),
        new org.openll.negotiator.registry.GrantedShare(org.openll.negotiator.match.MachineShare.cpusOnly("m2", 1),
            "m2:9000", "s2"));
    var permit = NegotiatorProtos.toPermit(new org.openll.negotiator.registry.PermitGrant("h.1.0", shares,
        java.time.Instant.ofEpochSecond(5)));
    assertEquals("m1", permit.getMachine());
    assertEquals("s1", permit.getClaimSecret());
    assertEquals(4, permit.getCpus());
    assertEquals(2, permit.getAllocationCount());
    assertEquals(org.openll.api.v1.MachineAllocation.newBuilder().setMachine("m1").setStartdAddress("m1:9000")
        .setClaimSecret("s1").setTasks(2).setCpus(4).putResources("GPU", 1).setExclusive(true).build(),
        permit.getAllocation(0));
    assertEquals("s2", permit.getAllocation(1).getClaimSecret());
  }

  @Test
  void toAllocation_dispatchedStep_sharesOwnerAndDispatchTime() {
    var dispatched = org.openll.api.v1.DispatchedStep.newBuilder()
        .setStep(org.openll.api.v1.IdleStep.newBuilder().setStepId("h.1.0").setOwner("bob").setGroup("g")
            .setJobClass("small").setWallClockLimitSeconds(60))
        .addAllocation(org.openll.api.v1.MachineAllocation.newBuilder().setMachine("m1").setTasks(1).setCpus(2))
        .addAllocation(org.openll.api.v1.MachineAllocation.newBuilder().setMachine("m2").setCpus(2))
        .setDispatchTime(com.google.protobuf.Timestamp.newBuilder().setSeconds(77)).build();
    var allocation = NegotiatorProtos.toAllocation(dispatched);
    assertEquals(new org.openll.negotiator.match.Allocation("h.1.0", "bob", "g", "small", java.util.List.of(
        org.openll.negotiator.match.MachineShare.cpusOnly("m1", 2),
        org.openll.negotiator.match.MachineShare.cpusOnly("m2", 2)), java.time.Instant.ofEpochSecond(77),
        java.time.Duration.ofSeconds(60)), allocation);
  }

  @Test
  void toAllocation_noMachine_invalidArgument() {
    var e = org.junit.jupiter.api.Assertions.assertThrows(org.openll.common.errors.OpenllException.class,
        () -> NegotiatorProtos.toAllocation(org.openll.api.v1.DispatchedStep.newBuilder()
            .setStep(org.openll.api.v1.IdleStep.newBuilder().setStepId("h.1.0")).build()));
    assertEquals("DispatchedStep h.1.0: allocation is empty", e.getMessage());
  }
}
