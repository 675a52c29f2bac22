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
}
