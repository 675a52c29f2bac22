package org.openll.common.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.stub.StreamObserver;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openll.api.v1.DrainRequest;
import org.openll.api.v1.DrainResponse;
import org.openll.api.v1.FlushRequest;
import org.openll.api.v1.FlushResponse;
import org.openll.api.v1.PurgeRequest;
import org.openll.api.v1.PurgeResponse;
import org.openll.api.v1.ReconfigRequest;
import org.openll.api.v1.ReconfigResponse;
import org.openll.api.v1.StatusRequest;
import org.openll.api.v1.StatusResponse;
import org.openll.common.authz.TestCallers;
import org.openll.common.errors.ErrorCode;
import org.openll.common.errors.OpenllException;

class DaemonControlServiceTest {
  private final List<String> calls = new ArrayList<>();
  private final AdminActions startdLike = new AdminActions() {
    @Override
    public String drain(List<String> classes) {
      calls.add("drain " + classes);
      return "drained";
    }

    @Override
    public Flushed flush() {
      return new Flushed("m1", List.of("s.1.0"));
    }

    @Override
    public String adminState() {
      return "drained";
    }
  };
  private final DaemonControlService service = new DaemonControlService("startd m1", List::of, startdLike,
      "loadl"::equals, "1.2.3", Instant.parse("2026-11-25T19:00:00Z"), 42);

  @Test
  void status_anyone_answersNameVersionStartAndState() {
    StatusResponse status = single(o -> service.status(StatusRequest.getDefaultInstance(), o));
    assertEquals("startd m1", status.getDaemon());
    assertEquals("1.2.3", status.getVersion());
    assertEquals(Instant.parse("2026-11-25T19:00:00Z").getEpochSecond(), status.getStartTime().getSeconds());
    assertEquals("up", status.getHealth());
    assertEquals(42, status.getPid());
    assertEquals("drained", status.getAdminState());
  }

  @Test
  void drain_administrator_callsTheDaemonWithItsClasses() {
    DrainResponse r = single(o -> as("loadl", () -> service.drain(
        DrainRequest.newBuilder().setRequester("loadl").addClasses("small").build(), o)));
    assertEquals("drained", r.getAdminState());
    assertEquals(List.of("drain [small]"), calls);
  }

  @Test
  void drain_otherUser_permissionDeniedNamingThem() {
    OpenllException e = assertThrows(OpenllException.class, () -> as("mallory", () -> service.drain(
        DrainRequest.getDefaultInstance(), new Recorder<>())));
    assertEquals(ErrorCode.PERMISSION_DENIED, e.code());
    assertEquals("mallory may not drain the startd m1: only an administrator in LOADL_ADMIN may", e.getMessage());
    assertTrue(calls.isEmpty());
  }

  @Test
  void drain_otherUserNamingAnAdministrator_permissionDenied() {
    OpenllException e = assertThrows(OpenllException.class, () -> as("mallory", () -> service.drain(
        DrainRequest.newBuilder().setRequester("loadl").build(), new Recorder<>())));
    assertEquals(ErrorCode.PERMISSION_DENIED, e.code());
    assertTrue(e.getMessage().startsWith("authenticated as mallory"), e.getMessage());
    assertTrue(calls.isEmpty());
  }

  @Test
  void drain_noCaller_unauthenticated() {
    OpenllException e = assertThrows(OpenllException.class, () -> service.drain(
        DrainRequest.newBuilder().setRequester("loadl").build(), new Recorder<>()));
    assertEquals(ErrorCode.UNAUTHENTICATED, e.code());
    assertTrue(calls.isEmpty());
  }

  @Test
  void reconfig_otherUser_permissionDenied_administratorReconfigures() {
    List<String> reconfigs = new ArrayList<>();
    DaemonControlService reconfigurable = new DaemonControlService("schedd", () -> {
      reconfigs.add("reconfig");
      return List.of("LOADL_ADMIN");
    }, startdLike, "loadl"::equals);
    OpenllException e = assertThrows(OpenllException.class, () -> as("mallory", () -> reconfigurable.reconfig(
        ReconfigRequest.getDefaultInstance(), new Recorder<>())));
    assertEquals(ErrorCode.PERMISSION_DENIED, e.code());
    assertEquals("mallory may not reconfig the schedd: only an administrator in LOADL_ADMIN may", e.getMessage());
    assertTrue(reconfigs.isEmpty());

    ReconfigResponse r = single(o -> as("loadl", () -> reconfigurable.reconfig(ReconfigRequest.getDefaultInstance(), o)));
    assertEquals(List.of("LOADL_ADMIN"), r.getChangedList());
  }

  @Test
  void flush_administrator_answersMachineAndSteps() {
    FlushResponse r = single(o -> as("loadl", () -> service.flush(FlushRequest.newBuilder().setRequester("loadl").build(), o)));
    assertEquals("m1", r.getMachine());
    assertEquals(List.of("s.1.0"), r.getStepIdsList());
  }

  @Test
  void purge_daemonThatDoesNotPurge_failedPrecondition() {
    OpenllException e = assertThrows(OpenllException.class, () -> as("loadl", () -> service.purge(
        PurgeRequest.newBuilder().addMachines("m2").build(), new Recorder<PurgeResponse>())));
    assertEquals(ErrorCode.FAILED_PRECONDITION, e.code());
  }

  @Test
  void purge_noMachine_invalidArgument() {
    OpenllException e = assertThrows(OpenllException.class, () -> as("loadl", () -> service.purge(
        PurgeRequest.getDefaultInstance(), new Recorder<PurgeResponse>())));
    assertEquals(ErrorCode.INVALID_ARGUMENT, e.code());
  }

  @Test
  void drain_twoArgumentConstructor_nobodyIsAdministrator() {
    DaemonControlService plain = new DaemonControlService("negotiator", List::of);
    OpenllException e = assertThrows(OpenllException.class, () -> as("loadl", () -> plain.drain(
        DrainRequest.getDefaultInstance(), new Recorder<>())));
    assertEquals(ErrorCode.PERMISSION_DENIED, e.code());
  }

  private static void as(String user, Runnable call) {
    TestCallers.run(TestCallers.user(user), call);
  }

  @Test
  void fromProperties_versionLine_returnsIt() throws Exception {
    assertEquals("0.4.0", OpenllVersion.fromProperties(
        new ByteArrayInputStream("version=0.4.0\n".getBytes(StandardCharsets.UTF_8))));
    assertEquals("unknown", OpenllVersion.fromProperties(new ByteArrayInputStream(new byte[0])));
  }

  private static <T> T single(java.util.function.Consumer<StreamObserver<T>> call) {
    Recorder<T> recorder = new Recorder<>();
    call.accept(recorder);
    assertEquals(1, recorder.values.size());
    assertTrue(recorder.completed);
    return recorder.values.get(0);
  }

  private static final class Recorder<T> implements StreamObserver<T> {
    final List<T> values = new ArrayList<>();
    boolean completed;

    @Override
    public void onNext(T value) {
      values.add(value);
    }

    @Override
    public void onError(Throwable t) {
      throw new AssertionError(t);
    }

    @Override
    public void onCompleted() {
      completed = true;
    }
  }
}
