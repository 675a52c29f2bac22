package org.openll.schedd.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openll.schedd.queue.JobQueueTest.expect;
import static org.openll.schedd.queue.JobQueueTest.job;
import static org.openll.schedd.queue.JobQueueTest.permit;
import static org.openll.schedd.queue.JobQueueTest.step;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openll.api.v1.HoldType;
import org.openll.api.v1.Limit;
import org.openll.api.v1.LimitValue;
import org.openll.api.v1.StepLimits;
import org.openll.api.v1.StepStatus;
import org.openll.common.admin.AdminConfig;
import org.openll.common.admin.ClassStanza;
import org.openll.common.config.SchedulingConfig;
import org.openll.common.config.SchedulingConfig.RejectAction;
import org.openll.common.errors.ErrorCode;
import org.openll.common.errors.OpenllException;
import org.openll.common.state.StepState;
import org.openll.common.state.StepStateProtos;
import org.openll.common.time.FakeClock;
import org.openll.schedd.config.AdminInputs;
import org.openll.schedd.store.InMemoryJobStore;

/** llmodify ({@link JobQueue#modify}, {@link StepModifications}) and llctl purge ({@link JobQueue#vacateMachine}). */
class JobQueueModifyTest {
  final FakeClock clock = new FakeClock(Instant.parse("2025-01-01T00:00:00Z"));
  final InMemoryJobStore store = new InMemoryJobStore();
  final RecordingNegotiator negotiator = new RecordingNegotiator();
  final FakeStartdClient startds = new FakeStartdClient();
  AdminConfig admin = Admin.config(List.of(shortClass(), onlyAlice()), List.of(), List.of());
  SchedulingConfig scheduling = Admin.scheduling(-1, RejectAction.HOLD, "root");
  JobQueue queue;

  @BeforeEach
  void setUp() {
    AdminInputs inputs = new AdminInputs() {
      @Override
      public AdminConfig admin() {
        return admin;
      }

      @Override
      public SchedulingConfig scheduling() {
        return scheduling;
      }
    };
    queue = new JobQueue(store, negotiator, startds, new JobQueueTest.FixedEndpoint("node1", "127.0.0.1:7000"), clock,
        clock.scheduler(), inputs, Duration.ofSeconds(1), Duration.ofSeconds(30));
    queue.recover();
  }

  /** Class "short": wall_clock_limit at most 60 s. */
  static ClassStanza shortClass() {
    StepLimits max = StepLimits.newBuilder().setWallClockLimit(limit(60)).build();
    return new ClassStanza("short", 0, Set.of(), Set.of(), Set.of(), Set.of(), -1, -1, -1, -1, max,
        StepLimits.getDefaultInstance(), List.of(), "", Map.of());
  }

  static ClassStanza onlyAlice() {
    return new ClassStanza("alices", 0, Set.of("alice"), Set.of(), Set.of(), Set.of(), -1, -1, -1, -1,
        StepLimits.getDefaultInstance(), StepLimits.getDefaultInstance(), List.of(), "", Map.of());
  }

  static Limit limit(long seconds) {
    return Limit.newBuilder().setHard(LimitValue.newBuilder().setAmount(seconds)).build();
  }

  static StepModifications.Change toClass(String name) {
    return new StepModifications.Change(Optional.of(name), Optional.empty(), Optional.empty(), OptionalInt.empty());
  }

  String submit(String owner) {
    return queue.submit(job(step("a")), owner).stepIds().get(0);
  }

  StepStatus statusOf(String id) {
    return queue.query(List.of(id), Set.of(), true).get(0);
  }

  @Test
  void modify_classOfAHeldStep_committedWithTheClassLimits() {
    String id = submit("bob");
    queue.hold(List.of(id), HoldType.HOLD_TYPE_USER, "bob");

    assertEquals(List.of(id), queue.modify(List.of(id), "bob", toClass("short")));

    StepStatus status = store.get(id).orElseThrow().status();
    assertEquals("short", status.getSpec().getJobClass());
    assertEquals(60, status.getSpec().getLimits().getWallClockLimit().getHard().getAmount());
    assertEquals(StepState.HOLD, StepStateProtos.fromProto(status.getState()));
  }

  @Test
  void modify_wallClockLimitAboveTheClassLimit_cappedAtIt() {
    String id = submit("bob");
    queue.modify(List.of(id), "bob", toClass("short"));

    queue.modify(List.of(id), "bob", new StepModifications.Change(Optional.empty(), Optional.of(limit(3600)),
        Optional.of("proj7"), OptionalInt.of(80)));

    StepStatus status = statusOf(id);
    assertEquals(60, status.getSpec().getLimits().getWallClockLimit().getHard().getAmount());
    assertEquals("proj7", status.getSpec().getAccountNo());
    assertEquals(80, status.getSpec().getUserPriority());
  }

  @Test
  void modify_idleStep_offeredAgain() {
    String id = submit("bob");
    negotiator.clear();

    queue.modify(List.of(id), "bob", toClass("short"));

    assertEquals(List.of("withdraw:" + id, "idle:" + id), negotiator.events());
  }

  @Test
  void modify_dispatchedStep_failedPreconditionNamingItsState() {
    String id = submit("bob");
    queue.onPermit(permit(id));

    OpenllException e = expect(ErrorCode.FAILED_PRECONDITION, () -> queue.modify(List.of(id), "bob", toClass("short")));

    assertTrue(e.getMessage().startsWith("step " + id + " is Pending"), e.getMessage());
    assertEquals("No_Class", statusOf(id).getSpec().getJobClass());
  }

  @Test
  void modify_classTheOwnerMayNotUse_permissionDeniedNamingTheStep() {
    String id = submit("bob");

    OpenllException e = expect(ErrorCode.PERMISSION_DENIED, () -> queue.modify(List.of(id), "bob", toClass("alices")));

    assertEquals("step " + id + ": class alices: user bob is not in include_users of class alices", e.getMessage());
  }

  @Test
  void modify_undefinedClass_invalidArgument() {
    String id = submit("bob");
    expect(ErrorCode.INVALID_ARGUMENT, () -> queue.modify(List.of(id), "bob", toClass("nosuch")));
  }

  @Test
  void modify_someoneElsesStep_permissionDeniedUnlessAdministrator() {
    String id = submit("bob");
    expect(ErrorCode.PERMISSION_DENIED, () -> queue.modify(List.of(id), "eve", toClass("short")));
    queue.modify(List.of(id), "root", toClass("short"));
    assertEquals("short", statusOf(id).getSpec().getJobClass());
  }

  @Test
  void change_nothingOrBadPriority_invalidArgument() {
    expect(ErrorCode.INVALID_ARGUMENT, () -> new StepModifications.Change(Optional.empty(), Optional.empty(),
        Optional.empty(), OptionalInt.empty()));
    expect(ErrorCode.INVALID_ARGUMENT, () -> new StepModifications.Change(Optional.empty(), Optional.empty(),
        Optional.empty(), OptionalInt.of(101)));
  }

  @Test
  void vacateMachine_dispatchedStep_requeuedAndItsIdReturned() {
    String id = submit("bob");
    String other = submit("bob");
    queue.onPermit(permit(id));

    assertEquals(List.of(id), queue.vacateMachine("m1", "purged by root (machine m1)"));

    assertEquals(StepState.IDLE, StepStateProtos.fromProto(statusOf(id).getState()));
    assertEquals(StepState.IDLE, StepStateProtos.fromProto(statusOf(other).getState()));
    assertEquals(List.of(), queue.vacateMachine("m1", "again"));
  }
}
