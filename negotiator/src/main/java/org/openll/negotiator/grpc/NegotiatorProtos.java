package org.openll.negotiator.grpc;

import com.google.protobuf.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openll.api.v1.DispatchedStep;
import org.openll.api.v1.IdleStep;
import org.openll.api.v1.MachineAd;
import org.openll.api.v1.MachineAllocation;
import org.openll.api.v1.MachineDown;
import org.openll.api.v1.MachineUp;
import org.openll.api.v1.NegotiatorToSchedd;
import org.openll.api.v1.MachineStatus;
import org.openll.api.v1.Permit;
import org.openll.api.v1.ResourceRequest;
import org.openll.api.v1.RunningStep;
import org.openll.common.errors.OpenllException;
import org.openll.common.admin.AdminConfig;
import org.openll.negotiator.match.Allocation;
import org.openll.negotiator.match.IdleStepAd;
import org.openll.negotiator.match.Machine;
import org.openll.negotiator.match.MachineShare;
import org.openll.negotiator.registry.GrantedShare;
import org.openll.negotiator.registry.MachineLost;
import org.openll.negotiator.registry.MachineNotice;
import org.openll.negotiator.registry.MachineReturned;
import org.openll.negotiator.registry.MachineView;
import org.openll.negotiator.registry.PermitGrant;

/** Converts between the negotiator's wire messages and its records. Stateless. */
final class NegotiatorProtos {
  private NegotiatorProtos() {}

  /** Name of the CPU consumable, carried in {@code IdleStep.cpus} rather than in the resources map. */
  static final String CONSUMABLE_CPUS = "ConsumableCpus";

  /**
   * The step. {@code cpus} unset (0) means the ConsumableCpus of {@code resources}, else 1; an empty
   * group is {@code No_Group}; {@code resources} and {@code node_resources} become maps without
   * ConsumableCpus (amounts of a name given twice add up). Throws INVALID_ARGUMENT naming the field
   * when it is invalid.
   */
  static IdleStepAd toIdleStep(IdleStep proto) {
    String id = proto.getStepId();
    if (id.isBlank()) {
      throw OpenllException.invalidArgument("IdleStep.step_id is required");
    }
    if (proto.getCpus() < 0) {
      throw OpenllException.invalidArgument("IdleStep " + id + ": cpus must be >= 1, got " + proto.getCpus());
    }
    if (proto.getNodeMin() < 0 || proto.getNodeMax() < 0 || proto.getTasksPerNode() < 0 || proto.getTotalTasks() < 0
        || proto.getBlocking() < -1) {
      throw OpenllException.invalidArgument("IdleStep " + id
          + ": node_min, node_max, tasks_per_node and total_tasks must be >= 0 and blocking >= -1");
    }
    if (proto.getNodeMax() > 0 && proto.getNodeMax() < proto.getNodeMin()) {
      throw OpenllException.invalidArgument("IdleStep " + id + ": node_max " + proto.getNodeMax()
          + " is less than node_min " + proto.getNodeMin());
    }
    if (proto.getWallClockLimitSeconds() < 0) {
      throw OpenllException.invalidArgument("IdleStep " + id + ": wall_clock_limit_seconds must be >= 0");
    }
    Map<String, Long> resources = toResources(id, "resources", proto.getResourcesList());
    Long cpusResource = resources.remove(CONSUMABLE_CPUS);
    int cpus = proto.getCpus() > 0 ? proto.getCpus() : cpusResource != null ? (int) Math.max(1, cpusResource) : 1;
    Map<String, Long> nodeResources = toResources(id, "node_resources", proto.getNodeResourcesList());
    nodeResources.remove(CONSUMABLE_CPUS);
    String group = proto.getGroup().isBlank() ? AdminConfig.NO_GROUP : proto.getGroup();
    // Interned: every cycle looks each idle step's owner, group, class and expressions up in maps,
    // and equal strings that are one object compare at once (at 10,000 idle steps, String.equals
    // was a tenth of the negotiator's CPU). A pool has few distinct values of each.
    return new IdleStepAd(id, proto.getOwner().intern(), group.intern(), proto.getJobClass().intern(), cpus,
        proto.getRequirements().intern(), proto.getPreferences().intern(), proto.getUserPriority(),
        toInstant(proto.getQueueTime()), resources, nodeResources, proto.getNodeMin(), proto.getNodeMax(),
        proto.getTasksPerNode(), proto.getTotalTasks(), proto.getBlocking(), proto.getNotShared(),
        Duration.ofSeconds(proto.getWallClockLimitSeconds()), proto.getParallel());
  }

  private static Map<String, Long> toResources(String stepId, String field, List<ResourceRequest> requests) {
    Map<String, Long> result = new LinkedHashMap<>();
    for (ResourceRequest r : requests) {
      if (r.getName().isBlank() || r.getAmount() < 0) {
        throw OpenllException.invalidArgument("IdleStep " + stepId + ": " + field
            + " needs a name and an amount >= 0, got '" + r.getName() + "' " + r.getAmount());
      }
      result.merge(r.getName(), r.getAmount(), Long::sum);
    }
    return result;
  }

  /**
   * The allocation a schedd reports for a step it dispatched: the step's owner, group, class and
   * wall-clock limit, its shares in order, since its dispatch time. Throws INVALID_ARGUMENT when the
   * step is invalid or holds no machine.
   */
  static Allocation toAllocation(DispatchedStep proto) {
    IdleStepAd step = toIdleStep(proto.getStep());
    if (proto.getAllocationCount() == 0) {
      throw OpenllException.invalidArgument("DispatchedStep " + step.stepId() + ": allocation is empty");
    }
    List<MachineShare> shares = new ArrayList<>();
    for (MachineAllocation a : proto.getAllocationList()) {
      if (a.getMachine().isBlank() || a.getCpus() < 0 || a.getTasks() < 0) {
        throw OpenllException.invalidArgument("DispatchedStep " + step.stepId()
            + ": each allocation needs a machine and cpus, tasks >= 0");
      }
      Map<String, Long> resources = new LinkedHashMap<>(a.getResourcesMap());
      resources.remove(CONSUMABLE_CPUS);
      shares.add(new MachineShare(a.getMachine(), Math.max(1, a.getTasks()), a.getCpus(), resources,
          a.getExclusive()));
    }
    return new Allocation(step.stepId(), step.owner(), step.group(), step.jobClass(), shares,
        toInstant(proto.getDispatchTime()), step.wallClockLimit());
  }

  /** The ad; throws INVALID_ARGUMENT when it has no machine name. */
  static Machine toMachine(MachineAd proto) {
    if (proto.getMachine().isBlank()) {
      throw OpenllException.invalidArgument("MachineAd.machine is required");
    }
    Map<String, Integer> running = new LinkedHashMap<>();
    for (RunningStep step : proto.getRunningList()) {
      running.merge(step.getStepId(), step.getCpus(), Math::max);
    }
    Map<String, Long> resources = new LinkedHashMap<>(proto.getResourcesMap());
    resources.remove(CONSUMABLE_CPUS);
    return new Machine(proto.getMachine(), proto.getAddress(), proto.getCpus(), proto.getMemoryMb(), proto.getArch(),
        proto.getOpsys(), proto.getFeaturesList(), proto.getClassesList(), running, proto.getClaimSecret(),
        proto.getLoadAverage(), proto.getDiskKb(), proto.getPool(), proto.getLlVersion(), proto.getAttributesMap(),
        proto.getContainment(), resources, proto.getClassSlotsMap(), proto.getDrained());
  }

  /** The ad as {@code llstatus} sees it: without its claim secret. */
  static MachineAd toPublicAd(Machine machine) {
    MachineAd.Builder ad = MachineAd.newBuilder()
        .setMachine(machine.name())
        .setAddress(machine.address())
        .setCpus(machine.cpus())
        .setMemoryMb(machine.memoryMb())
        .setArch(machine.arch())
        .setOpsys(machine.opsys())
        .addAllFeatures(machine.features())
        .addAllClasses(machine.classes())
        .setLoadAverage(machine.loadAverage())
        .setDiskKb(machine.diskKb())
        .setPool(machine.pool())
        .setLlVersion(machine.llVersion())
        .putAllAttributes(machine.extra())
        .setContainment(machine.containment())
        .putAllResources(machine.resources())
        .putAllClassSlots(machine.classSlots())
        .setDrained(machine.drained());
    machine.running().forEach((step, cpus) -> ad.addRunning(RunningStep.newBuilder().setStepId(step).setCpus(cpus)));
    return ad.build();
  }

  static MachineStatus toStatus(MachineView view) {
    return MachineStatus.newBuilder()
        .setAd(toPublicAd(view.ad()))
        .setUp(view.up())
        .setFreeCpus(view.freeCpus())
        .setLastHeard(toTimestamp(view.lastHeard()))
        .putAllFreeResources(view.load().freeResources())
        .setRunningSteps(view.load().runningSteps())
        .setRunningTasks(view.load().runningTasks())
        .putAllFreeClassSlots(view.load().freeClassSlots())
        .build();
  }

  /** The permit: every machine in {@code allocation}, the first also in the single-machine fields. */
  static Permit toPermit(PermitGrant grant) {
    Permit.Builder permit = Permit.newBuilder()
        .setStepId(grant.stepId())
        .setMachine(grant.machine())
        .setStartdAddress(grant.startdAddress())
        .setClaimSecret(grant.claimSecret())
        .setCpus(grant.cpus())
        .setIssued(toTimestamp(grant.issued()));
    for (GrantedShare g : grant.machines()) {
      permit.addAllocation(MachineAllocation.newBuilder()
          .setMachine(g.share().machine())
          .setStartdAddress(g.startdAddress())
          .setClaimSecret(g.claimSecret())
          .setTasks(g.share().tasks())
          .setCpus(g.share().cpus())
          .putAllResources(g.share().resources())
          .setExclusive(g.share().exclusive()));
    }
    return permit.build();
  }

  static NegotiatorToSchedd toMessage(MachineNotice notice) {
    return switch (notice) {
      case MachineLost lost -> NegotiatorToSchedd.newBuilder().setMachineDown(MachineDown.newBuilder()
          .setMachine(lost.machine())
          .setLastHeard(toTimestamp(lost.lastHeard()))
          .setReason(lost.reason())).build();
      case MachineReturned back -> NegotiatorToSchedd.newBuilder().setMachineUp(MachineUp.newBuilder()
          .setMachine(back.machine())
          .addAllRunningStepIds(back.runningStepIds())).build();
    };
  }

  static Instant toInstant(Timestamp ts) {
    return Instant.ofEpochSecond(ts.getSeconds(), ts.getNanos());
  }

  static Timestamp toTimestamp(Instant instant) {
    return Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).setNanos(instant.getNano()).build();
  }
}
