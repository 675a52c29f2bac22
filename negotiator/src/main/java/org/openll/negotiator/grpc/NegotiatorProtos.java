package org.openll.negotiator.grpc;

import com.google.protobuf.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.openll.api.v1.IdleStep;
import org.openll.api.v1.MachineAd;
import org.openll.api.v1.MachineDown;
import org.openll.api.v1.MachineUp;
import org.openll.api.v1.NegotiatorToSchedd;
import org.openll.api.v1.MachineStatus;
import org.openll.api.v1.Permit;
import org.openll.api.v1.RunningStep;
import org.openll.common.errors.OpenllException;
import org.openll.negotiator.match.IdleStepAd;
import org.openll.negotiator.match.Machine;
import org.openll.negotiator.registry.MachineLost;
import org.openll.negotiator.registry.MachineNotice;
import org.openll.negotiator.registry.MachineReturned;
import org.openll.negotiator.registry.MachineView;
import org.openll.negotiator.registry.PermitGrant;

/** Converts between the negotiator's wire messages and its records. Stateless. */
final class NegotiatorProtos {
  private NegotiatorProtos() {}

  /** The step; an unset {@code cpus} means 1. Throws INVALID_ARGUMENT naming the field when it is invalid. */
  static IdleStepAd toIdleStep(IdleStep proto) {
    if (proto.getStepId().isBlank()) {
      throw OpenllException.invalidArgument("IdleStep.step_id is required");
    }
    if (proto.getCpus() < 0) {
      throw OpenllException.invalidArgument("IdleStep " + proto.getStepId() + ": cpus must be >= 1, got " + proto.getCpus());
    }
    return new IdleStepAd(proto.getStepId(), proto.getOwner(), proto.getJobClass(), Math.max(1, proto.getCpus()),
        proto.getRequirements(), proto.getPreferences(), proto.getUserPriority(), toInstant(proto.getQueueTime()));
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
    return new Machine(proto.getMachine(), proto.getAddress(), proto.getCpus(), proto.getMemoryMb(), proto.getArch(),
        proto.getOpsys(), proto.getFeaturesList(), proto.getClassesList(), running, proto.getClaimSecret(),
        proto.getLoadAverage(), proto.getDiskKb(), proto.getPool(), proto.getLlVersion(), proto.getAttributesMap(),
        proto.getContainment());
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
        .setContainment(machine.containment());
    machine.running().forEach((step, cpus) -> ad.addRunning(RunningStep.newBuilder().setStepId(step).setCpus(cpus)));
    return ad.build();
  }

  static MachineStatus toStatus(MachineView view) {
    return MachineStatus.newBuilder()
        .setAd(toPublicAd(view.ad()))
        .setUp(view.up())
        .setFreeCpus(view.freeCpus())
        .setLastHeard(toTimestamp(view.lastHeard()))
        .build();
  }

  static Permit toPermit(PermitGrant grant) {
    return Permit.newBuilder()
        .setStepId(grant.stepId())
        .setMachine(grant.machine())
        .setStartdAddress(grant.startdAddress())
        .setClaimSecret(grant.claimSecret())
        .setCpus(grant.cpus())
        .setIssued(toTimestamp(grant.issued()))
        .build();
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
