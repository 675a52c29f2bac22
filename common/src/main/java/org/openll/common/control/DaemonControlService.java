package org.openll.common.control;

import com.google.protobuf.Timestamp;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.openll.api.v1.DaemonControlGrpc;
import org.openll.api.v1.DrainRequest;
import org.openll.api.v1.DrainResponse;
import org.openll.api.v1.FlushRequest;
import org.openll.api.v1.FlushResponse;
import org.openll.api.v1.PurgeRequest;
import org.openll.api.v1.PurgeResponse;
import org.openll.api.v1.ReconfigRequest;
import org.openll.api.v1.ReconfigResponse;
import org.openll.api.v1.ResumeRequest;
import org.openll.api.v1.ResumeResponse;
import org.openll.api.v1.StatusRequest;
import org.openll.api.v1.StatusResponse;
import org.openll.common.authz.Authorization;
import org.openll.common.config.ConfigException;
import org.openll.common.errors.OpenllException;
import org.openll.common.security.Caller;

/**
 * gRPC adapter of {@link Reconfigurable} and {@link AdminActions}: a configuration error becomes
 * INVALID_ARGUMENT with the file and line, an unreadable file UNAVAILABLE (the error interceptor
 * maps them). Reconfig, Drain, Resume, Flush and Purge are for administrators only: the verified
 * caller ({@link Authorization}) must be in LOADL_ADMIN, else PERMISSION_DENIED naming them (a
 * request's {@code requester} may be empty or name the caller, nobody else); Status is open to anyone.
 */
public final class DaemonControlService extends DaemonControlGrpc.DaemonControlImplBase {
  private static final Logger LOG = LogManager.getLogger(DaemonControlService.class);

  private final String daemonName;
  private final Reconfigurable target;
  private final AdminActions actions;
  private final Administrators administrators;
  private final String version;
  private final Instant startTime;
  private final long pid;

  /** A daemon without administrative actions (its Drain, Flush, ... refuse). */
  public DaemonControlService(String daemonName, Reconfigurable target) {
    this(daemonName, target, AdminActions.NONE, Administrators.NOBODY);
  }

  /** This process's daemon, its version ({@link OpenllVersion}), start time and pid. */
  public DaemonControlService(String daemonName, Reconfigurable target, AdminActions actions,
      Administrators administrators) {
    this(daemonName, target, actions, administrators, OpenllVersion.current(),
        ProcessHandle.current().info().startInstant().orElse(Instant.EPOCH), ProcessHandle.current().pid());
  }

  DaemonControlService(String daemonName, Reconfigurable target, AdminActions actions, Administrators administrators,
      String version, Instant startTime, long pid) {
    this.daemonName = daemonName;
    this.target = target;
    this.actions = actions;
    this.administrators = administrators;
    this.version = version;
    this.startTime = startTime;
    this.pid = pid;
  }

  @Override
  public void reconfig(ReconfigRequest request, StreamObserver<ReconfigResponse> response) {
    String user = administrator(request.getRequester(), "reconfig");
    try {
      var changed = target.reconfigure();
      LOG.info("reconfig by {}: {}", user, changed.isEmpty() ? "nothing changed" : changed);
      response.onNext(ReconfigResponse.newBuilder().setDaemon(daemonName).addAllChanged(changed).build());
      response.onCompleted();
    } catch (ConfigException e) {
      LOG.warn("reconfig by {} refused; keeping the last good configuration: {}", user,
          e.getMessage());
      throw OpenllException.invalidArgument(e.getMessage());
    } catch (IOException e) {
      throw OpenllException.unavailable("reconfig: " + e.getMessage(), e);
    }
  }

  @Override
  public void status(StatusRequest request, StreamObserver<StatusResponse> response) {
    response.onNext(StatusResponse.newBuilder()
        .setDaemon(daemonName)
        .setVersion(version)
        .setStartTime(Timestamp.newBuilder().setSeconds(startTime.getEpochSecond()).setNanos(startTime.getNano()))
        .setHealth("up")
        .setPid(pid)
        .setAdminState(actions.adminState())
        .setCaller(Caller.current().map(DaemonControlService::describe).orElse(""))
        .build());
    response.onCompleted();
  }

  /** How Status names its caller: {@code alice (unix socket)}. */
  static String describe(Caller caller) {
    return caller.name() + " (" + caller.how().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + ")";
  }

  @Override
  public void drain(DrainRequest request, StreamObserver<DrainResponse> response) {
    String user = administrator(request.getRequester(), "drain");
    String state = actions.drain(List.copyOf(request.getClassesList()));
    LOG.warn("drained by {}{}: {}", user, classes(request.getClassesList()), state);
    response.onNext(DrainResponse.newBuilder().setDaemon(daemonName).setAdminState(state).build());
    response.onCompleted();
  }

  @Override
  public void resume(ResumeRequest request, StreamObserver<ResumeResponse> response) {
    String user = administrator(request.getRequester(), "resume");
    String state = actions.resume(List.copyOf(request.getClassesList()));
    LOG.warn("resumed by {}{}: {}", user, classes(request.getClassesList()),
        state.isEmpty() ? "takes work again" : state);
    response.onNext(ResumeResponse.newBuilder().setDaemon(daemonName).setAdminState(state).build());
    response.onCompleted();
  }

  @Override
  public void flush(FlushRequest request, StreamObserver<FlushResponse> response) {
    String user = administrator(request.getRequester(), "flush");
    AdminActions.Flushed flushed = actions.flush();
    LOG.warn("flushed by {}: {} step(s) to vacate: {}", user, flushed.stepIds().size(),
        flushed.stepIds());
    response.onNext(FlushResponse.newBuilder().setDaemon(daemonName).setMachine(flushed.machine())
        .addAllStepIds(flushed.stepIds()).build());
    response.onCompleted();
  }

  @Override
  public void purge(PurgeRequest request, StreamObserver<PurgeResponse> response) {
    String user = administrator(request.getRequester(), "purge");
    if (request.getMachinesCount() == 0) {
      throw OpenllException.invalidArgument("machines: at least one machine is required");
    }
    for (int i = 0; i < request.getMachinesCount(); i++) {
      if (request.getMachines(i).isBlank()) {
        throw OpenllException.invalidArgument("machines[" + i + "]: is empty");
      }
    }
    String reason = request.getReason().isBlank() ? "purged by " + user : request.getReason();
    List<String> vacated = actions.purge(List.copyOf(request.getMachinesList()), reason);
    LOG.warn("{} purged by {}: vacated {}", request.getMachinesList(), user, vacated);
    response.onNext(PurgeResponse.newBuilder().setDaemon(daemonName).addAllStepIds(vacated).build());
    response.onCompleted();
  }

  /** The verified caller, when an administrator; {@code requester} must be empty or name them. */
  private String administrator(String requester, String action) {
    String user = Authorization.user("requester", requester);
    Authorization.checkAdministrator(user, administrators, action + " the " + daemonName);
    return user;
  }

  private static String classes(List<String> classes) {
    return classes.isEmpty() ? "" : " (classes " + String.join(" ", classes) + ")";
  }
}
