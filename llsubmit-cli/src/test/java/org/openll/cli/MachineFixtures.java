package org.openll.cli;

import org.openll.api.v1.ClassStatus;
import org.openll.api.v1.MachineAd;
import org.openll.api.v1.MachineStatus;

/** Hand-built machines and classes for the llstatus and llclass tests. */
public final class MachineFixtures {
  private MachineFixtures() {}

  /** An up x86_64/Linux machine with {@code cpus} CPUs, 4096 MiB, no step. */
  public static MachineStatus idle(String name, int cpus) {
    return MachineStatus.newBuilder()
        .setAd(MachineAd.newBuilder()
            .setMachine(name)
            .setAddress("127.0.0.1:7100")
            .setCpus(cpus)
            .setMemoryMb(4096)
            .setVirtualMemoryMb(8192)
            .setArch("x86_64")
            .setOpsys("Linux")
            .setLoadAverage(0.25)
            .setDiskKb(1_000_000)
            .putResources("ConsumableMemory", 4096)
            .putClassSlots("small", 2)
            .putClassSlots("large", 1)
            .addFeatures("gpu"))
        .setUp(true)
        .setFreeCpus(cpus)
        .putFreeResources("ConsumableMemory", 4096)
        .putFreeClassSlots("small", 2)
        .putFreeClassSlots("large", 1)
        .setLastHeard(StepFixtures.at("2007-07-24T11:59:58Z"))
        .build();
  }

  /** {@code idle(name, cpus)} running {@code tasks} one-CPU tasks of {@code steps} steps. */
  public static MachineStatus running(String name, int cpus, int steps, int tasks) {
    return idle(name, cpus).toBuilder()
        .setRunningSteps(steps)
        .setRunningTasks(tasks)
        .setFreeCpus(cpus - tasks)
        .putFreeResources("ConsumableMemory", 4096 - 1024L * tasks)
        .build();
  }

  public static ClassStatus clazz(String name, int free, int max, String comment) {
    return ClassStatus.newBuilder().setName(name).setFreeSlots(free).setMaxSlots(max).setComment(comment).build();
  }
}
