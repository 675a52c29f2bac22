package org.openll.schedd.queue;

import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;
import io.grpc.Status;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.openll.api.v1.CancelStepRequest;
import org.openll.api.v1.DispatchedStep;
import org.openll.api.v1.HoldType;
import org.openll.api.v1.IdleStep;
import org.openll.api.v1.JobSpec;
import org.openll.api.v1.MachineAllocation;
import org.openll.api.v1.Permit;
import org.openll.api.v1.StartStepRequest;
import org.openll.api.v1.StepLaunch;
import org.openll.api.v1.StepSpec;
import org.openll.api.v1.StepStatus;
import org.openll.api.v1.StepUpdate;
import org.openll.common.admin.AdminConfig;
import org.openll.common.config.SchedulingConfig;
import org.openll.common.errors.OpenllException;
import org.openll.common.jcf.JobIdVariables;
import org.openll.common.state.Actor;
import org.openll.common.state.IllegalTransitionException;
import org.openll.common.state.StepState;
import org.openll.common.state.StepStateProtos;
import org.openll.common.state.StepTransitions;
import org.openll.common.validate.JobSpecValidator;
import org.openll.schedd.config.AdminInputs;
import org.openll.schedd.store.JobStore;
import org.openll.schedd.store.StoredStep;

/**
 * The schedd's queue: every step not yet in a terminal state, in memory, backed by the
 * {@link JobStore}. Each operation validates, commits its whole effect to the store in one
 * transaction and only then changes memory, answers, and tells the negotiator; a failed commit
 * changes nothing. Every state change goes through {@link StepTransitions}: a transition the
 * table forbids is logged at ERROR and refused, never applied.
 *
 * <p>Before a step goes Idle (sent to the negotiator) it passes the {@link StepGate}: a hold keeps
 * it in Hold, a startdate ahead in Deferred (a timer on the injected scheduler, set again by
 * {@link #recover()}), an undecided dependency in Not Queued. Whenever steps of a job finish, the
 * job's Not Queued steps are evaluated again, in step order, and go Idle or Not Run.
 *
 * <p>Thread-safe: one lock orders all operations. Calls to startds are made outside the lock and
 * their answers come back as further operations. Negotiator notifications are made under the lock,
 * so the negotiator sees them in commit order.
 */
public final class JobQueue {
  private static final Logger LOG = LogManager.getLogger(JobQueue.class);
  /** StartStep answers after which the step may or may not be on the startd. */
  private static final Set<Status.Code> UNKNOWN_OUTCOME = Set.of(Status.Code.UNAVAILABLE,
      Status.Code.DEADLINE_EXCEEDED, Status.Code.CANCELLED, Status.Code.UNKNOWN, Status.Code.INTERNAL,
      Status.Code.ABORTED);
  private static final Comparator<StoredStep> ORDER =
      Comparator.comparingLong(StoredStep::jobNumber).thenComparingInt(StoredStep::stepNumber);

  private final JobStore store;
  private final NegotiatorNotifier negotiator;
  private final StartdClient startds;
  private final ScheddEndpoint endpoint;
  private final StepTransitioner transitions;
  private final StepGate gate;
  private final java.time.Clock clock;
  private final ScheduledExecutorService timers;
  private final AdminInputs config;
  private final StepOutcomes outcomes;
  private final java.time.Duration startRetry;
  private final java.time.Duration startRetryMax;
  /** How long a machine's claim passes from step to step before the negotiator chooses again; zero: never. */
  private final java.time.Duration claimWorklife;
  private final CountDownLatch loaded = new CountDownLatch(1);
  private final VacatedCancels vacatedCancels;

  private final Object lock = new Object();
  private final ActiveSteps active = new ActiveSteps();
  /** The permit of every dispatched step: where it runs and what it holds. */
  private final Map<String, Permit> permits = new HashMap<>();
  private final ReusableSteps reusable = new ReusableSteps();
  /**
   * Steps cancelled while Pending whose StartStep has not answered: they may run there. A step
   * missing from the queue when its StartStep answers may also have finished already (a short one
   * reports its end before the answer arrives), which needs no cancel.
   */
  private final Set<String> removedWhilePending = new HashSet<>();
  /** False while no step can be Not Queued by maxidle, so the idle limits need no pass. */
  private boolean idleWaiting;
  private long lastJobNumber;
  private boolean ready;
  private volatile StepChangeListener listener = steps -> {};
  private final StepStateCounts counts = new StepStateCounts();

  /**
   * @param timers runs the startdate timers of Deferred steps
   * @param rejectLimit after this many rejections a step gets a system hold instead of being requeued
   */
  public JobQueue(JobStore store, NegotiatorNotifier negotiator, StartdClient startds, ScheddEndpoint endpoint,
      java.time.Clock clock, ScheduledExecutorService timers, int rejectLimit) {
    this(store, negotiator, startds, endpoint, clock, timers, rejectLimit,
        java.time.Duration.ofSeconds(1), java.time.Duration.ofSeconds(30));
  }

  /**
   * @param startRetry first delay before StartStep is sent again after an answer that leaves its
   *     outcome unknown; it doubles on each further attempt up to {@code startRetryMax}
   */
  public JobQueue(JobStore store, NegotiatorNotifier negotiator, StartdClient startds, ScheddEndpoint endpoint,
      java.time.Clock clock, ScheduledExecutorService timers, int rejectLimit,
      java.time.Duration startRetry, java.time.Duration startRetryMax) {
    this(store, negotiator, startds, endpoint, clock, timers, rejectsAfter(rejectLimit), startRetry, startRetryMax);
  }

  /**
   * @param config LoadL_admin and the scheduling keywords, read at each use, so a reconfig applies
   *     to every later operation
   */
  public JobQueue(JobStore store, NegotiatorNotifier negotiator, StartdClient startds, ScheddEndpoint endpoint,
      java.time.Clock clock, ScheduledExecutorService timers, AdminInputs config,
      java.time.Duration startRetry, java.time.Duration startRetryMax) {
    this(store, negotiator, startds, endpoint, clock, timers, config, startRetry, startRetryMax, java.time.Duration.ZERO);
  }

  /**
   * @param claimWorklife how long after the negotiator's permit a machine's claim may pass from a
   *     step that completed to the next Idle step of the same owner and shape without a new permit
   *     (claim reuse); zero turns that off
   */
  public JobQueue(JobStore store, NegotiatorNotifier negotiator, StartdClient startds, ScheddEndpoint endpoint,
      java.time.Clock clock, ScheduledExecutorService timers, AdminInputs config,
      java.time.Duration startRetry, java.time.Duration startRetryMax, java.time.Duration claimWorklife) {
    this.claimWorklife = claimWorklife;
    this.startRetry = startRetry;
    this.startRetryMax = startRetryMax;
    this.store = store;
    this.negotiator = negotiator;
    this.startds = startds;
    this.endpoint = endpoint;
    this.transitions = new StepTransitioner(clock);
    this.gate = new StepGate(transitions, clock);
    this.clock = clock;
    this.timers = timers;
    this.config = config;
    this.outcomes = new StepOutcomes(transitions, new RejectPolicy(transitions), config);
    this.vacatedCancels = new VacatedCancels(startds, timers, startRetry, startRetryMax, this::notDispatchedTo);
    config.onChange(this::reconfigured);
  }

  /** No admin file, and a system hold after {@code rejectLimit} rejections. */
  private static AdminInputs rejectsAfter(int rejectLimit) {
    SchedulingConfig d = SchedulingConfig.defaults();
    return AdminInputs.of(AdminConfig.empty(), new SchedulingConfig(d.schedulerType(), d.sysprio(),
        d.scheduleByResources(), d.floatingResources(), rejectLimit, SchedulingConfig.RejectAction.SYSHOLD,
        d.fairShareTotalShares(), d.fairShareInterval(), d.administrators()));
  }

  /**
   * Loads the queue from the (open) store. Steps keep their state. A Pending step (permitted, its
   * StartStep maybe received) stays Pending and its StartStep is sent again with the same permit:
   * the startd's answer says whether it runs the step ({@link #dispatch}), so a restart never runs
   * a step twice. A Pending step without a stored permit (a store of an older schedd) goes back to
   * Idle through Rejected. Deferred steps get their startdate timers again (a startdate that passed
   * while the schedd was down makes them Idle at once) and Not Queued ones are evaluated again.
   * Until this returns every other operation fails with UNAVAILABLE.
   */
  public void recover() {
    Map<StoredStep, Permit> reconcile = new LinkedHashMap<>();
    synchronized (lock) {
      lastJobNumber = store.lastJobNumber();
      Map<String, Permit> stored = store.loadPermits();
      List<StoredStep> requeued = new ArrayList<>();
      for (StoredStep step : store.loadActive()) {
        active.put(step);
        counts.loaded(step.state());
        idleWaiting |= step.state() == StepState.NOT_QUEUED && IdleLimits.isWaiting(step.status());
        Permit permit = stored.get(step.stepId());
        if (permit != null && step.state().isDispatched()) {
          permits.put(step.stepId(), permit);
        }
        if (step.state() != StepState.PENDING) {
          continue;
        }
        if (permit == null) {
          StepStatus rejected = transitions.move(step.status(), StepState.REJECTED, Actor.SCHEDD,
              "the schedd restarted before the startd accepted the step");
          requeued.add(step.with(outcomes.retry(rejected)));
        } else {
          reconcile.put(step, permit);
        }
      }
      store.commit(requeued);
      requeued.forEach(this::apply);
      ready = true;
      Set<Long> waiting = new TreeSet<>();
      for (StoredStep step : active.values()) {
        if (step.state() == StepState.DEFERRED) {
          scheduleStartdate(step);
        }
        if (step.state() == StepState.NOT_QUEUED) {
          waiting.add(step.jobNumber());
        }
        if (step.state() == StepState.IDLE && !claimWorklife.isZero()) {
          reusable.offered(toIdle(step.status()), ActiveSteps.key(step));
        }
      }
      settle(waiting);
      notify(List.of(), List.of(), List.of());
      LOG.info("queue loaded: {} step(s) in the queue, {} requeued, {} Pending asked of their startd again,"
          + " last job number {}", active.size(), requeued.size(), reconcile.size(), lastJobNumber);
    }
    loaded.countDown();
    if (!reconcile.isEmpty()) {
      String scheddAddress = endpoint.address();
      reconcile.forEach((step, permit) -> dispatch(StartStepRequest.newBuilder().setPermit(permit)
          .setLaunch(launch(step)).setScheddAddress(scheddAddress).build(), 0));
    }
  }

  /** Blocks until {@link #recover()} has run. */
  public void awaitLoaded() throws InterruptedException {
    loaded.await();
  }

  /**
   * Validates {@code job}, assigns its number and ids, and commits every step as Idle, or Hold,
   * Deferred or Not Queued as its hold, startdate and dependency say ({@link StepGate}), or Not
   * Queued beyond its owner's or group's maxidle ({@link IdleLimits}). Each step first gets the
   * class and group rules of LoadL_admin ({@link SubmitPolicy}); a step beyond maxqueued is refused
   * with RESOURCE_EXHAUSTED. When this returns the job is durable. Throws INVALID_ARGUMENT or
   * PERMISSION_DENIED naming the step and the field or rule.
   */
  public SubmittedJob submit(JobSpec job, String owner) {
    if (owner.isBlank()) {
      throw OpenllException.invalidArgument("owner: is required");
    }
    JobSpecValidator.validate(job);
    AdminConfig admin = config.admin();
    List<StepSpec> specs = new ArrayList<>();
    for (int i = 0; i < job.getStepsCount(); i++) {
      specs.add(SubmitPolicy.apply(job.getSteps(i), i, owner, admin));
    }
    String name = endpoint.name();
    long number;
    Timestamp now;
    synchronized (lock) {
      checkReady();
      SubmitPolicy.checkQueued(specs, owner, admin, active.values());
      number = ++lastJobNumber;
      now = transitions.now();
    }
    // committed outside the lock, so concurrent submits share one transaction (group commit). A
    // number whose commit fails is never given back: a commit that failed at its last fsync may
    // still be on disk, and a later job must not take its number.
    String jobId = name + "." + number;
    String jobName = JobIdVariables.expandJobName(job.getJobName(), name, number);
    List<StoredStep> steps = new ArrayList<>();
    for (int i = 0; i < job.getStepsCount(); i++) {
      StepStatus idle = StepStatus.newBuilder()
          .setStepId(jobId + "." + i)
          .setJobId(jobId)
          .setJobName(jobName)
          .setOwner(owner)
          .setState(StepStateProtos.toProto(StepState.IDLE))
          .setSpec(JobIdVariables.expand(specs.get(i), name, number, i, jobName))
          .setQueueTime(now)
          .addHistory(transitions.change(StepState.IDLE, "submitted by " + owner + " from " + job.getSubmitHost()))
          .setScheddHost(name)
          .setSubmitHost(job.getSubmitHost())
          .setJobFileName(job.getJobFileName())
          .build();
      steps.add(new StoredStep(number, i, gate.submitted(idle, stepName -> Optional.empty())));
    }
    store.commitJob(number, job.getJobFileContent(), steps);
    synchronized (lock) {
      steps.forEach(this::apply);
      steps.forEach(this::scheduleStartdate);
      notify(steps.stream().filter(s -> s.state() == StepState.IDLE).map(s -> toIdle(s.status())).toList(),
          List.of(), List.of());
    }
    LOG.info("job {} of {} queued: {} step(s)", jobId, owner, steps.size());
    return new SubmittedJob(jobId, steps.stream().map(StoredStep::stepId).toList());
  }

  /**
   * The steps matching any of {@code ids} (all when empty) and owned by one of {@code owners} (anyone
   * when empty), with the terminal ones from the history when {@code includeFinished}; ordered by
   * job number then step number. Throws INVALID_ARGUMENT for text that is no id.
   */
  public List<StepStatus> query(List<String> ids, Set<String> owners, boolean includeFinished) {
    List<StepIdPattern> patterns = parse(ids);
    Map<String, StoredStep> found = new HashMap<>();
    synchronized (lock) {
      checkReady();
      for (StoredStep step : active.values()) {
        if (selected(step, patterns, owners)) {
          found.put(step.stepId(), step);
        }
      }
      if (includeFinished) {
        for (StoredStep step : store.loadFinished(owners)) {
          if (selected(step, patterns, owners)) {
            found.putIfAbsent(step.stepId(), step);
          }
        }
      }
    }
    return found.values().stream().sorted(ORDER).map(StoredStep::status).toList();
  }

  /**
   * One page of {@link #query}: at most {@code pageSize} steps (10,000 when 0 or more) and about 2 MiB,
   * after the step named by {@code pageToken} (from the first when empty); see {@link StepPages}.
   * Throws INVALID_ARGUMENT for text that is no id or a token this schedd did not give.
   */
  public StepPages.Page queryPage(List<String> ids, Set<String> owners, boolean includeFinished, int pageSize,
      String pageToken) {
    List<StepIdPattern> patterns = parse(ids);
    synchronized (lock) {
      checkReady();
      return StepPages.read(active, store, patterns, owners, includeFinished, pageSize, pageToken);
    }
  }

  /**
   * Cancels the steps matching {@code ids}: waiting ones become Removed, Pending ones Removed with
   * their permit released, dispatched ones Remove Pending with a CancelStep sent to their startd.
   * Throws NOT_FOUND naming the first id that matches no step in the queue, PERMISSION_DENIED the
   * first step of someone else unless {@code requester} is an administrator; nothing changes then.
   * Returns the ids of the steps cancelled or being removed.
   */
  public List<String> cancel(List<String> ids, String requester) {
    if (ids.isEmpty()) {
      throw OpenllException.invalidArgument("ids: at least one job or step id is required");
    }
    List<StepIdPattern> patterns = parse(ids);
    String message = "cancelled by " + requester;
    List<Runnable> startdCalls = new ArrayList<>();
    synchronized (lock) {
      checkReady();
      Map<String, StoredStep> targets = matchActive(patterns);
      Permissions.checkOwner(targets.values(), requester, config.scheduling(), "cancel");
      List<StoredStep> changed = new ArrayList<>();
      List<String> cancelled = new ArrayList<>();
      List<String> withdrawn = new ArrayList<>();
      List<String> released = new ArrayList<>();
      for (StoredStep step : targets.values()) {
        StepState from = step.state();
        try {
          if (from == StepState.REMOVE_PENDING) {
            startdCalls.add(cancelOnStartd(step, message));
          } else if (from == StepState.PENDING || StepTransitions.isLegal(from, StepState.REMOVED, Actor.SCHEDD)) {
            changed.add(step.with(outcomes.finish(transitions.move(step.status(), StepState.REMOVED, Actor.SCHEDD, message), null)));
            (from == StepState.PENDING ? released : withdrawn).add(step.stepId());
            if (from == StepState.PENDING) {
              removedWhilePending.add(step.stepId());
            }
          } else {
            changed.add(step.with(transitions.move(step.status(), StepState.REMOVE_PENDING, Actor.SCHEDD, message)));
            startdCalls.add(cancelOnStartd(step, message));
          }
          cancelled.add(step.stepId());
        } catch (IllegalTransitionException e) {
          LOG.error("cancel of {} refused: {}", step.stepId(), e.getMessage());
        }
      }
      store.commit(changed);
      changed.forEach(this::apply);
      notify(List.of(), withdrawn, released);
      settle(jobsWithFinished(changed));
      LOG.info("{}: {}", message, cancelled);
      startdCalls.forEach(Runnable::run);
      return cancelled;
    }
  }

  /**
   * A permit from the negotiator: an Idle step becomes Pending (committed with its permit) and is
   * started on the permit's startd; a step that is not Idle any more has its permit released at
   * once. A parallel step's permit holds several machines: StartStep goes to the first with the
   * whole permit (its startd builds the task host list from it); allocated_hosts lists every
   * machine, machine is the first.
   */
  public void onPermit(Permit permit) {
    String id = permit.getStepId();
    String scheddAddress = endpoint.address();
    StartStepRequest request;
    synchronized (lock) {
      checkReady();
      StoredStep step = active.get(id);
      if (step == null || step.state() != StepState.IDLE) {
        LOG.info("permit for {} released: the step is {}", id, step == null ? "not in the queue" : step.state().longName());
        negotiator.release(List.of(id));
        return;
      }
      StoredStep next = pending(step, permit, "permit to run on " + permit.getMachine());
      try {
        store.commitPending(next, permit);
      } catch (OpenllException e) {
        negotiator.release(List.of(id));
        throw e;
      }
      permits.put(id, permit);
      apply(next);
      notify(List.of(), List.of(), List.of());
      request = startStep(next, permit, scheddAddress).build();
    }
    dispatch(request, 0);
  }

  /** {@code step} Pending on the machines of {@code permit}. */
  private StoredStep pending(StoredStep step, Permit permit, String reason) {
    return step.with(transitions.move(step.status(), StepState.PENDING, Actor.SCHEDD, reason)
        .toBuilder().setMachine(permit.getMachine()).setDispatchTime(transitions.now())
        .clearAllocatedHosts().addAllAllocatedHosts(IdleStepAds.allocation(permit).stream()
            .map(MachineAllocation::getMachine).toList())
        .build());
  }

  private StartStepRequest.Builder startStep(StoredStep pending, Permit permit, String scheddAddress) {
    return StartStepRequest.newBuilder().setPermit(permit).setLaunch(launch(pending)).setScheddAddress(scheddAddress);
  }

  /**
   * Sends StartStep for a Pending step and handles the answer: success or ALREADY_EXISTS (the
   * startd has the step: an earlier call whose answer was lost, or one made before a restart)
   * make it Starting; an answer that leaves the outcome unknown (UNAVAILABLE, DEADLINE_EXCEEDED,
   * ...) keeps it Pending and sends the same request again after a backoff; any other refusal
   * (the claim is gone, the CPUs are taken) makes it Reject Pending, Rejected, then Idle or what
   * ACTION_ON_MAX_REJECT says ({@link RejectPolicy}).
   */
  private void dispatch(StartStepRequest request, int attempt) {
    Permit permit = request.getPermit();
    String id = permit.getStepId();
    startds.startStep(permit.getStartdAddress(), request).whenComplete((ok, error) -> guarded(id, () -> {
      Status.Code code = error == null ? Status.Code.OK : Status.fromThrowable(error).getCode();
      if (code == Status.Code.OK || code == Status.Code.ALREADY_EXISTS) {
        onStarted(id, permit);
      } else if (UNKNOWN_OUTCOME.contains(code)) {
        retryStart(request, attempt + 1, error);
      } else {
        onStartFailed(id, permit, error);
      }
    }));
  }

  private void retryStart(StartStepRequest request, int attempt, Throwable error) {
    String id = request.getPermit().getStepId();
    if (!stillPending(id, request.getPermit())) {
      return;
    }
    long delay = startRetry.multipliedBy(1L << Math.min(attempt - 1, 16)).toMillis();
    delay = Math.min(delay, startRetryMax.toMillis());
    LOG.warn("{}: StartStep on {} answered {}; the step may run there, so it stays Pending and is asked again in {} ms",
        id, request.getPermit().getMachine(), Status.fromThrowable(error), delay);
    try {
      timers.schedule(() -> guarded(id, () -> {
        if (stillPending(id, request.getPermit())) {
          dispatch(request, attempt);
        }
      }), delay, TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.RejectedExecutionException stopping) {
      LOG.debug("{}: the schedd is stopping; the step is reconciled at the next start", id);
    }
  }

  /**
   * Transitions reported by the startd of {@code machine}, applied in order and committed in one
   * transaction before this returns. Updates of unknown or finished steps and repeated updates are
   * acknowledged without effect (a startd resends after a crash); forbidden ones are logged and
   * skipped.
   */
  public void onUpdates(String machine, List<StepUpdate> updates) {
    List<StartStepRequest> starts = new ArrayList<>();
    for (int i = 0; i < updates.size(); i++) {
      StepUpdate u = updates.get(i);
      if (u.getStepId().isEmpty()) {
        throw OpenllException.invalidArgument("updates[" + i + "].step_id: is required");
      }
      if (u.getStateValue() == 0 || u.getState() == org.openll.api.v1.StepState.UNRECOGNIZED) {
        throw OpenllException.invalidArgument("updates[" + i + "].state: is unspecified or unknown");
      }
    }
    synchronized (lock) {
      checkReady();
      Map<String, StoredStep> changed = new LinkedHashMap<>();
      for (StepUpdate u : updates) {
        StoredStep step = changed.getOrDefault(u.getStepId(), active.get(u.getStepId()));
        StepState to = StepStateProtos.fromProto(u.getState());
        if (step == null) {
          LOG.info("{} from {}: step {} is not in the queue (unknown or finished); acknowledged", to.longName(), machine, u.getStepId());
          continue;
        }
        if (!machine.equals(step.status().getMachine())) {
          // a copy the schedd vacated from this machine: it must not live on (lease rule 3)
          LOG.warn("{} from {}: step {} is not dispatched there ({}); refused, and {} is told to kill it",
              to.longName(), machine, u.getStepId(), step.state().longName(), machine);
          if (!to.isTerminal()) {
            vacatedCancels.kill(u.getStepId(), machine, "");
          }
          continue;
        }
        StepStatus next = outcomes.update(step, to, u, machine);
        if (next != null) {
          changed.put(step.stepId(), step.with(next));
        }
      }
      ClaimReuse reuse = reuseClaims(changed.values());
      store.commit(reuse.committed(changed.values()), reuse.permits());
      counts.claimsReused(reuse.starts().size());
      List<IdleStep> idle = new ArrayList<>();
      List<String> released = new ArrayList<>();
      for (StoredStep step : changed.values()) {
        apply(step);
        if ((step.state().isTerminal() || !step.state().isDispatched()) && !reuse.passed(step.stepId())) {
          released.add(step.stepId());
        }
        if (step.state() == StepState.IDLE) {
          idle.add(toIdle(step.status()));
        }
      }
      String scheddAddress = reuse.starts().isEmpty() ? "" : endpoint.address();
      for (ClaimReuse.Start start : reuse.starts()) {
        permits.put(start.next().stepId(), start.permit());
        apply(start.next());
        starts.add(startStep(start.next(), start.permit(), scheddAddress).setFollowsStepId(start.ended()).build());
      }
      notify(idle, List.of(), released);
      if (!reuse.starts().isEmpty()) {
        negotiator.handOver(reuse.handovers());
      }
      settle(jobsWithFinished(changed.values()));
    }
    starts.forEach(request -> dispatch(request, 0));
  }

  /**
   * Claim reuse: for each step of {@code changed} that completed on a claim younger than {@code
   * CLAIM_WORKLIFE}, the first Idle step of the same shape ({@link ReusableSteps}) goes Pending on
   * the same machine with the same resources, without a new permit. Called under the lock, before
   * {@code changed} is committed: the steps that follow are committed with it.
   */
  private ClaimReuse reuseClaims(Collection<StoredStep> changed) {
    if (claimWorklife.isZero()) {
      return ClaimReuse.NONE;
    }
    ClaimReuse reuse = new ClaimReuse();
    java.time.Instant now = clock.instant();
    for (StoredStep ended : changed) {
      Permit permit = permits.get(ended.stepId());
      if (ended.state() != StepState.COMPLETED || permit == null || permit.getAllocationCount() > 1
          || !now.isBefore(java.time.Instant.ofEpochSecond(permit.getIssued().getSeconds()).plus(claimWorklife))) {
        continue;
      }
      Optional<IdleStep> shape = ReusableSteps.shapeOf(toIdle(ended.status()));
      Optional<String> nextId = shape.flatMap(reusable::take);
      StoredStep idle = nextId.map(active::get).orElse(null);
      if (idle == null || idle.state() != StepState.IDLE) {
        continue;
      }
      Permit passed = permit.toBuilder().setStepId(idle.stepId()).build();
      StoredStep next = pending(idle, passed, "claim of " + ended.stepId() + " on " + permit.getMachine() + " reused");
      reuse.add(new ClaimReuse.Start(ended.stepId(), next, passed, IdleStepAds.dispatched(next.status(), passed)));
    }
    return reuse;
  }

  /**
   * Places the hold {@code type} on the steps matching {@code ids} that wait (Idle, Deferred, Not
   * Queued, Hold); dispatched steps are unaffected. Idle ones are withdrawn from the negotiator.
   * Throws NOT_FOUND naming the first id that matches no step in the queue, PERMISSION_DENIED for a
   * step of someone else or a system hold unless {@code requester} is an administrator; nothing
   * changes then. Returns the ids of the steps now held; the change is committed when this returns.
   */
  public List<String> hold(List<String> ids, HoldType type, String requester) {
    checkHoldType(type);
    List<StepIdPattern> patterns = parse(ids);
    synchronized (lock) {
      checkReady();
      Map<String, StoredStep> targets = matchActive(patterns);
      Permissions.checkOwner(targets.values(), requester, config.scheduling(), "hold");
      Permissions.checkHoldType(type, requester, config.scheduling(), "place");
      List<StoredStep> changed = new ArrayList<>();
      List<String> held = new ArrayList<>();
      List<String> withdrawn = new ArrayList<>();
      for (StoredStep step : targets.values()) {
        StepStatus next = gate.hold(step.status(), type, "placed by " + requester);
        if (next == null) {
          LOG.info("{} not held: it is {}", step.stepId(), step.state().longName());
          continue;
        }
        held.add(step.stepId());
        if (!next.equals(step.status())) {
          changed.add(step.with(next));
          if (step.state() == StepState.IDLE) {
            withdrawn.add(step.stepId());
          }
        }
      }
      store.commit(changed);
      changed.forEach(this::apply);
      notify(List.of(), withdrawn, List.of());
      LOG.info("{} placed by {}: {}", HoldTypes.describe(type), requester, held);
      return held;
    }
  }

  /**
   * Releases the hold {@code type} from the held steps matching {@code ids}; a step with no hold
   * left goes where {@link StepGate#admit} puts it (Idle, Deferred, Not Queued or Not Run). Throws
   * NOT_FOUND as {@link #hold} does. Returns the ids of the steps that lost that hold.
   */
  public List<String> release(List<String> ids, HoldType type, String requester) {
    checkHoldType(type);
    List<StepIdPattern> patterns = parse(ids);
    synchronized (lock) {
      checkReady();
      List<StoredStep> changed = new ArrayList<>();
      Map<Long, Map<String, Integer>> codes = new HashMap<>();
      Map<String, StoredStep> targets = matchActive(patterns);
      Permissions.checkOwner(targets.values(), requester, config.scheduling(), "release");
      Permissions.checkHoldType(type, requester, config.scheduling(), "release");
      for (StoredStep step : targets.values()) {
        Map<String, Integer> jobCodes = codes.computeIfAbsent(step.jobNumber(), this::finishedCodes);
        StepStatus next = gate.release(step.status(), type, lookup(jobCodes), "released by " + requester);
        if (next != null) {
          changed.add(step.with(next));
        }
      }
      commitWaiting(changed);
      LOG.info("{} released by {}: {}", HoldTypes.describe(type), requester, changed.stream().map(StoredStep::stepId).toList());
      return changed.stream().map(StoredStep::stepId).toList();
    }
  }

  /** The startdate timer of a Deferred step: Idle (or Not Queued, Not Run) once the startdate has come. */
  private void onStartdate(String id) {
    synchronized (lock) {
      StoredStep step = active.get(id);
      if (step == null || step.state() != StepState.DEFERRED) {
        return;
      }
      StepStatus next = gate.admit(step.status(), lookup(finishedCodes(step.jobNumber())), "startdate reached");
      if (next.equals(step.status())) {
        scheduleStartdate(step);
        return;
      }
      commitWaiting(List.of(step.with(next)));
    }
  }

  /**
   * Commits steps that moved between waiting states, applies them, sends the Idle ones to the
   * negotiator, sets the timers of the Deferred ones and settles the jobs of the ones that ended
   * (Not Run). Called under the lock.
   */
  private void commitWaiting(List<StoredStep> changed) {
    store.commit(changed);
    changed.forEach(this::apply);
    changed.forEach(this::scheduleStartdate);
    notify(changed.stream().filter(s -> s.state() == StepState.IDLE).map(s -> toIdle(s.status())).toList(),
        List.of(), List.of());
    settle(jobsWithFinished(changed));
  }

  /**
   * Evaluates again the dependencies of the Not Queued steps of {@code jobs}, in step order, so
   * that a step made Not Run here is seen as CC_NOTRUN by the later ones. Called under the lock.
   */
  private void settle(Collection<Long> jobs) {
    List<StoredStep> changed = new ArrayList<>();
    for (long job : jobs) {
      if (!active.hasNotQueued(job)) {
        continue;
      }
      List<StoredStep> waiting = active.ofJob(job).stream()
          .filter(s -> s.state() == StepState.NOT_QUEUED && !IdleLimits.isWaiting(s.status()))
          .toList();
      if (waiting.isEmpty()) {
        continue; // reading the job's finished steps from the store costs O(steps) per finished step
      }
      Map<String, Integer> codes = finishedCodes(job);
      for (StoredStep step : waiting) {
        StepStatus next = gate.admit(step.status(), lookup(codes), "dependency decided");
        if (!next.equals(step.status())) {
          changed.add(step.with(next));
          DependencyCodes.of(next).ifPresent(code -> codes.put(next.getSpec().getStepName(), code));
        }
      }
    }
    if (changed.isEmpty()) {
      return;
    }
    store.commit(changed);
    changed.forEach(this::apply);
    changed.forEach(this::scheduleStartdate);
    notify(changed.stream().filter(s -> s.state() == StepState.IDLE).map(s -> toIdle(s.status())).toList(),
        List.of(), List.of());
    LOG.info("dependencies decided: {}", changed.stream().map(s -> s.stepId() + " " + s.state().longName()).toList());
  }

  /** Step name → dependency value of every finished step of job {@code jobNumber}, from the store. */
  private Map<String, Integer> finishedCodes(long jobNumber) {
    Map<String, Integer> codes = new HashMap<>();
    for (StoredStep step : store.loadJob(jobNumber)) {
      if (step.state().isTerminal()) {
        DependencyCodes.of(step.status()).ifPresent(code -> codes.put(step.status().getSpec().getStepName(), code));
      }
    }
    return codes;
  }

  private static Function<String, Optional<Integer>> lookup(Map<String, Integer> codes) {
    return name -> Optional.ofNullable(codes.get(name));
  }

  private static Set<Long> jobsWithFinished(Collection<StoredStep> steps) {
    Set<Long> jobs = new TreeSet<>();
    for (StoredStep step : steps) {
      if (step.state().isTerminal()) {
        jobs.add(step.jobNumber());
      }
    }
    return jobs;
  }

  private void scheduleStartdate(StoredStep step) {
    gate.deferredUntil(step.status()).ifPresent(until -> {
      // one millisecond more, so the timer never fires just before the startdate
      long delay = Math.max(0, java.time.Duration.between(clock.instant(), until).toMillis()) + 1;
      String id = step.stepId();
      try {
        timers.schedule(() -> guarded(id, () -> onStartdate(id)), delay, TimeUnit.MILLISECONDS);
      } catch (java.util.concurrent.RejectedExecutionException stopping) {
        LOG.debug("{}: the schedd is stopping; its startdate timer is set again at the next start", id);
      }
    });
  }

  private Map<String, StoredStep> matchActive(List<StepIdPattern> patterns) {
    Map<String, StoredStep> targets = new LinkedHashMap<>();
    for (StepIdPattern pattern : patterns) {
      List<StoredStep> matches = active.ofJob(pattern.jobNumber()).stream()
          .filter(s -> pattern.matches(s.jobNumber(), s.stepNumber())).toList();
      if (matches.isEmpty()) {
        throw OpenllException.notFound("no step in the queue matches " + pattern);
      }
      matches.forEach(s -> targets.putIfAbsent(s.stepId(), s));
    }
    return targets;
  }

  private static void checkHoldType(HoldType type) {
    if (type == HoldType.HOLD_TYPE_NONE || type == HoldType.UNRECOGNIZED) {
      throw OpenllException.invalidArgument("hold_type: must be USER, SYSTEM or USERSYS");
    }
  }

  /**
   * The negotiator declared {@code machine} lost ({@code reason}, e.g. "machine m1 did not report
   * for 1s"). Every step dispatched there (Pending, Starting, Running, Complete Pending) goes
   * Vacate Pending, Vacated, then Idle, or Canceled when its spec says {@code restart = no}; a
   * Remove Pending one becomes Removed. All of it is committed in one transaction before this
   * returns, the steps' reservations are released, the requeued steps are offered again, and the
   * machine is ordered to kill its copies ({@link VacatedCancels}) until it answers. A parallel
   * step is vacated when any machine of its allocation is lost; its first machine, which runs the
   * command, is ordered to kill it too. Returns the ids of the steps vacated.
   */
  public List<String> vacateMachine(String machine, String reason) {
    synchronized (lock) {
      checkReady();
      List<StoredStep> changed = new ArrayList<>();
      List<String[]> kills = new ArrayList<>();
      for (StoredStep step : active.values()) {
        if (!step.state().isDispatched()) {
          continue; // only a dispatched step holds a machine (a waiting one may name the last it ran on)
        }
        String first = step.status().getMachine();
        if (!machine.equals(first) && !step.status().getAllocatedHostsList().contains(machine)) {
          continue;
        }
        try {
          StepStatus next = outcomes.vacated(step, reason);
          if (next != null) {
            kills.add(new String[] {step.stepId(), machine, startdAddress(step.stepId(), machine)});
            if (!first.isEmpty() && !first.equals(machine)) {
              // a parallel step that lost another machine: its command runs on the first one
              kills.add(new String[] {step.stepId(), first, startdAddress(step.stepId(), first)});
            }
            changed.add(step.with(next));
          }
        } catch (IllegalTransitionException e) {
          LOG.error("{}: not vacated from {}: {}", step.stepId(), machine, e.getMessage());
        }
      }
      if (changed.isEmpty()) {
        return List.of();
      }
      store.commit(changed);
      changed.forEach(this::apply);
      List<IdleStep> idle = changed.stream().filter(st -> st.state() == StepState.IDLE).map(st -> toIdle(st.status())).toList();
      List<String> vacated = changed.stream().map(StoredStep::stepId).toList();
      notify(idle, List.of(), vacated);
      settle(jobsWithFinished(changed));
      LOG.warn("{}: vacated {}", reason, vacated);
      kills.forEach(k -> vacatedCancels.kill(k[0], k[1], k[2]));
      return vacated;
    }
  }

  /**
   * {@code machine} runs {@code runningStepIds}: each step of this queue among them that is not
   * dispatched to {@code machine} (a copy vacated from it) is ordered killed there. Steps not in
   * the queue (finished, or another schedd's) are left alone.
   */
  public void reconcileMachine(String machine, List<String> runningStepIds) {
    List<String> stale = new ArrayList<>();
    synchronized (lock) {
      checkReady();
      for (String id : runningStepIds) {
        StoredStep step = active.get(id);
        if (step != null && !machine.equals(step.status().getMachine())) {
          stale.add(id);
        }
      }
    }
    if (!stale.isEmpty()) {
      LOG.warn("{} runs {}, which are not dispatched there any more; they are killed there", machine, stale);
      stale.forEach(id -> vacatedCancels.kill(id, machine, ""));
    }
  }

  /** True unless step {@code id} is in the queue and dispatched to {@code machine}. */
  private boolean notDispatchedTo(String id, String machine) {
    synchronized (lock) {
      StoredStep step = active.get(id);
      return step == null || !machine.equals(step.status().getMachine());
    }
  }


  /**
   * Applies a new configuration to the waiting steps: Idle steps beyond a lowered maxidle go Not
   * Queued (withdrawn), waiting ones within a raised one go Idle. The other rules apply to the
   * operations that follow (class rules at the next submit, MAX_JOB_REJECT at the next rejection).
   */
  public void reconfigured() {
    synchronized (lock) {
      if (ready) {
        idleWaiting = true; // a limit may have been lifted: look once
        notify(List.of(), List.of(), List.of());
      }
    }
  }

  /** Every Idle step, for the snapshot the negotiator gets on each (re)connect. */
  public List<IdleStep> idleSnapshot() {
    return sessionSnapshot().idle();
  }

  /** What a negotiator session starts with: the dispatched steps with their allocations, then the Idle ones. */
  public record SessionSnapshot(List<DispatchedStep> dispatched, List<IdleStep> idle) {}

  /**
   * The dispatched steps (every step holding a permit, with the permit's allocation and its
   * dispatch time) and the Idle steps, read at one instant, in queue order.
   */
  public SessionSnapshot sessionSnapshot() {
    List<DispatchedStep> dispatched = new ArrayList<>();
    List<StoredStep> idleSteps = new ArrayList<>();
    synchronized (lock) {
      checkReady();
      for (StoredStep step : active.values()) {
        Permit permit = permits.get(step.stepId());
        if (step.state().isDispatched() && permit != null) {
          dispatched.add(IdleStepAds.dispatched(step.status(), permit));
        } else if (step.state() == StepState.IDLE) {
          idleSteps.add(step);
        }
      }
    }
    // the steps are immutable: their ads are built outside the lock (seconds for a million steps)
    List<IdleStep> idle = new ArrayList<>(idleSteps.size());
    idleSteps.forEach(step -> idle.add(toIdle(step.status())));
    return new SessionSnapshot(dispatched, idle);
  }

  /**
   * llprio: sets ({@code absolute}) or adjusts the user priority of the waiting steps matching
   * {@code ids}, clamped to 0..100 ({@link PriorityChanges}); dispatched steps keep theirs. Idle ones
   * are offered to the negotiator again (withdrawn, then idle) so the next cycle orders them by
   * the new priority. Throws NOT_FOUND naming the first id that matches no step, PERMISSION_DENIED
   * the first step of someone else unless {@code requester} is an administrator; nothing changes
   * then. Returns the ids of the steps whose priority changed, committed when this returns.
   */
  public List<String> setUserPriority(List<String> ids, String requester, java.util.OptionalInt absolute,
      int adjustment) {
    if (ids.isEmpty()) {
      throw OpenllException.invalidArgument("ids: at least one job or step id is required");
    }
    List<StepIdPattern> patterns = parse(ids);
    synchronized (lock) {
      checkReady();
      Map<String, StoredStep> targets = matchActive(patterns);
      Permissions.checkOwner(targets.values(), requester, config.scheduling(), "change the priority of");
      List<StoredStep> changed = new ArrayList<>();
      for (StoredStep step : targets.values()) {
        StepStatus next = PriorityChanges.change(step.status(), absolute, adjustment);
        if (next != null) {
          changed.add(step.with(next));
        }
      }
      store.commit(changed);
      changed.forEach(this::apply);
      List<StoredStep> idle = changed.stream().filter(st -> st.state() == StepState.IDLE).toList();
      notify(idle.stream().map(st -> toIdle(st.status())).toList(), idle.stream().map(StoredStep::stepId).toList(),
          List.of());
      List<String> result = changed.stream().map(StoredStep::stepId).toList();
      LOG.info("user priority of {} changed by {}", result, requester);
      return result;
    }
  }

  /**
   * llmodify: applies {@code change} to the waiting steps matching {@code ids}, all or nothing
   * ({@link StepModifications}: state, class rules and limits). Idle ones are offered to the
   * negotiator again. Throws NOT_FOUND for an id that matches no step, PERMISSION_DENIED for a step
   * of someone else unless {@code requester} is an administrator. Returns the ids of the steps
   * changed, committed when this returns.
   */
  public List<String> modify(List<String> ids, String requester, StepModifications.Change change) {
    List<StepIdPattern> patterns = parse(ids);
    synchronized (lock) {
      checkReady();
      Map<String, StoredStep> targets = matchActive(patterns);
      Permissions.checkOwner(targets.values(), requester, config.scheduling(), "modify");
      List<StoredStep> changed = StepModifications.apply(targets.values(), change, config.admin());
      store.commit(changed);
      changed.forEach(this::apply);
      List<StoredStep> idle = changed.stream().filter(st -> st.state() == StepState.IDLE).toList();
      notify(idle.stream().map(st -> toIdle(st.status())).toList(), idle.stream().map(StoredStep::stepId).toList(),
          List.of());
      List<String> result = changed.stream().map(StoredStep::stepId).toList();
      LOG.info("{} modified by {}: {}", result, requester, change);
      return result;
    }
  }

  private void onStarted(String id, Permit permit) {
    Runnable cancel = null;
    synchronized (lock) {
      StoredStep step = active.get(id);
      if (step == null) {
        cancel = cancelIfRemovedWhilePending(id, permit);
      } else if (step.state() == StepState.PENDING) {
        StoredStep next = step.with(transitions.move(step.status(), StepState.STARTING, Actor.SCHEDD,
            "started on " + permit.getMachine()));
        // a restarted schedd that finds it Pending asks its startd again (ALREADY_EXISTS: Starting)
        store.commitLater(List.of(next));
        apply(next);
      }
    }
    if (cancel != null) {
      cancel.run();
    }
  }

  /**
   * Whether step {@code id}, whose StartStep's outcome is not known, is still Pending; if it was
   * cancelled meanwhile, the startd is told to cancel it, since it may run there.
   */
  private boolean stillPending(String id, Permit permit) {
    Runnable cancel;
    synchronized (lock) {
      StoredStep step = active.get(id);
      if (step != null) {
        return step.state() == StepState.PENDING;
      }
      cancel = cancelIfRemovedWhilePending(id, permit);
    }
    if (cancel != null) {
      cancel.run();
    }
    return false;
  }

  /** Under the lock: for a step no longer in the queue when its StartStep answers, the cancel it needs, if any. */
  private Runnable cancelIfRemovedWhilePending(String id, Permit permit) {
    if (!removedWhilePending.remove(id)) {
      return null; // it ended before the answer arrived
    }
    // it is Removed here, so it must not run there
    LOG.info("{} was cancelled before {} started it; cancelling it there", id, permit.getMachine());
    return () -> startds.cancelStep(permit.getMachine(), permit.getStartdAddress(),
        CancelStepRequest.newBuilder().setStepId(id).setReason("cancelled before it started").build());
  }

  private void onStartFailed(String id, Permit permit, Throwable error) {
    Status status = Status.fromThrowable(error);
    String reason = "StartStep on " + permit.getMachine() + " failed: " + status.getCode()
        + (status.getDescription() == null ? "" : ": " + status.getDescription());
    LOG.warn("{}: {}", id, reason);
    synchronized (lock) {
      removedWhilePending.remove(id);
      StoredStep step = active.get(id);
      if (step == null || step.state() != StepState.PENDING) {
        return;
      }
      StepStatus rejecting = transitions.move(step.status(), StepState.REJECT_PENDING, Actor.SCHEDD, reason);
      StepStatus rejected = transitions.move(rejecting, StepState.REJECTED, Actor.SCHEDD, reason);
      StoredStep next = step.with(RejectPolicy.MACHINE_BUSY.contains(status.getCode())
          ? outcomes.retry(rejected) : outcomes.requeue(rejected));
      store.commit(List.of(next));
      apply(next);
      notify(next.state() == StepState.IDLE ? List.of(toIdle(next.status())) : List.of(), List.of(), List.of(id));
      settle(jobsWithFinished(List.of(next)));
    }
  }

  private Runnable cancelOnStartd(StoredStep step, String reason) {
    String machine = step.status().getMachine();
    String address = startdAddress(step.stepId());
    CancelStepRequest request = CancelStepRequest.newBuilder().setStepId(step.stepId()).setReason(reason).build();
    return () -> startds.cancelStep(machine, address, request).whenComplete((ok, error) -> {
      if (error != null) {
        LOG.warn("CancelStep {} on {} failed: {}", step.stepId(), machine, Status.fromThrowable(error));
      }
    });
  }

  private StepLaunch launch(StoredStep step) {
    StepStatus s = step.status();
    StepLaunch.Builder b = StepLaunch.newBuilder()
        .setStepId(s.getStepId())
        .setJobName(s.getJobName())
        .setOwner(s.getOwner())
        .setSpec(s.getSpec())
        .setScheddHost(s.getScheddHost());
    if (s.getSpec().getExecutableIsJobFile()) {
      b.setJobFileContent(store.jobFile(step.jobNumber()).orElse(ByteString.EMPTY));
    }
    return b.build();
  }

  /** Tells {@code listener} of every step change committed from now on (replacing any earlier one). */
  public void setListener(StepChangeListener listener) {
    this.listener = listener;
  }

  /** Runs {@code action} while no step changes, e.g. to read a snapshot and subscribe to what follows it. */
  public <T> T whileQuiet(java.util.function.Supplier<T> action) {
    synchronized (lock) {
      return action.get();
    }
  }

  /** Steps by state, started and finished, kept up to date as changes are applied (metrics). */
  public StepStateCounts counts() {
    return counts;
  }

  private void apply(StoredStep step) {
    if (step.state() != StepState.IDLE) {
      reusable.left(step.stepId());
    }
    StoredStep before = active.get(step.stepId());
    counts.moved(before == null ? null : before.state(), step.state());
    listener.changed(List.of(step.status()));
    if (!step.state().isDispatched()) {
      permits.remove(step.stepId());
    }
    if (step.state().isTerminal()) {
      active.remove(step);
    } else {
      active.put(step);
    }
  }

  private String startdAddress(String stepId) {
    Permit permit = permits.get(stepId);
    return permit == null ? "" : permit.getStartdAddress();
  }

  /** The address of the startd of {@code machine} in the permit of step {@code stepId}; empty when unknown. */
  private String startdAddress(String stepId, String machine) {
    Permit permit = permits.get(stepId);
    if (permit == null) {
      return "";
    }
    return IdleStepAds.allocation(permit).stream().filter(a -> a.getMachine().equals(machine))
        .map(MachineAllocation::getStartdAddress).findFirst().orElse("");
  }

  /**
   * Tells the negotiator of a committed change, after the maxidle limits are applied to the queue
   * ({@link #balanceIdle}): a step the limits keep Not Queued is not offered, one they promote is.
   * Called under the lock.
   */
  private void notify(List<IdleStep> idle, List<String> withdrawn, List<String> released) {
    IdleLimits.Plan plan = balanceIdle();
    List<IdleStep> offered = idle;
    List<String> withdrawing = withdrawn;
    if (!plan.isEmpty()) {
      Set<String> demoted = new java.util.HashSet<>();
      plan.demote().forEach(st -> demoted.add(st.stepId()));
      Set<String> announced = new java.util.HashSet<>();
      idle.forEach(st -> announced.add(st.getStepId()));
      List<IdleStep> kept = new ArrayList<>(idle.stream().filter(st -> !demoted.contains(st.getStepId())).toList());
      plan.promote().forEach(st -> kept.add(toIdle(active.get(st.stepId()).status())));
      offered = kept;
      withdrawing = new ArrayList<>(withdrawn);
      for (String id : demoted) {
        if (!announced.contains(id)) {
          withdrawing.add(id);
        }
      }
    }
    if (!withdrawing.isEmpty()) {
      negotiator.withdraw(withdrawing);
    }
    if (!released.isEmpty()) {
      negotiator.release(released);
    }
    if (!offered.isEmpty()) {
      if (!claimWorklife.isZero()) {
        for (IdleStep step : offered) {
          StoredStep queued = active.get(step.getStepId());
          if (queued != null) {
            reusable.offered(step, ActiveSteps.key(queued));
          }
        }
      }
      negotiator.idle(offered);
    }
  }

  /**
   * Moves Idle steps beyond a maxidle limit to Not Queued and promotes waiting ones that fit again,
   * committed in one transaction. Skipped while no limit is set and no step waits for one. Called
   * under the lock.
   */
  private IdleLimits.Plan balanceIdle() {
    AdminConfig admin = config.admin();
    if (!idleWaiting && !IdleLimits.limited(admin)) {
      return new IdleLimits.Plan(List.of(), List.of(), Map.of());
    }
    IdleLimits.Plan plan = IdleLimits.plan(active.values(), admin);
    if (plan.isEmpty()) {
      idleWaiting = active.values().stream().anyMatch(st -> st.state() == StepState.NOT_QUEUED && IdleLimits.isWaiting(st.status()));
      return plan;
    }
    List<StoredStep> changed = new ArrayList<>();
    for (StoredStep step : plan.demote()) {
      changed.add(step.with(transitions.move(step.status(), StepState.NOT_QUEUED, Actor.SCHEDD,
          plan.reasons().get(step.stepId()))));
    }
    for (StoredStep step : plan.promote()) {
      changed.add(step.with(transitions.move(step.status(), StepState.IDLE, Actor.SCHEDD, "within maxidle again")));
    }
    try {
      store.commit(changed);
    } catch (OpenllException e) {
      // the operation that called this is committed already; the next one balances again
      LOG.warn("maxidle: could not commit {} change(s): {}", changed.size(), e.getMessage());
      return new IdleLimits.Plan(List.of(), List.of(), Map.of());
    }
    changed.forEach(this::apply);
    LOG.info("maxidle: {} step(s) Not Queued, {} Idle again", plan.demote().size(), plan.promote().size());
    idleWaiting = active.values().stream().anyMatch(st -> st.state() == StepState.NOT_QUEUED && IdleLimits.isWaiting(st.status()));
    return plan;
  }

  private void checkReady() {
    if (!ready) {
      throw OpenllException.unavailable("the schedd is still loading its queue", null);
    }
  }

  private List<StepIdPattern> parse(Collection<String> ids) {
    String name = endpoint.name();
    return ids.stream().map(id -> StepIdPattern.parse(id, name)).toList();
  }

  private static boolean selected(StoredStep step, List<StepIdPattern> patterns, Set<String> owners) {
    return StepPages.selected(step, patterns, owners);
  }

  /**
   * Runs a timer's or a startd answer's handler. When the store refuses the handler's write (disk
   * trouble: RESOURCE_EXHAUSTED; or UNAVAILABLE) the handler runs again after
   * SCHEDD_START_RETRY_INTERVAL until it succeeds, so no step stays Deferred or Pending until a
   * restart because the disk was full once; every handler checks the step's state first.
   */
  private void guarded(String id, Runnable action) {
    try {
      action.run();
    } catch (OpenllException e) {
      if (e.code() != org.openll.common.errors.ErrorCode.RESOURCE_EXHAUSTED
          && e.code() != org.openll.common.errors.ErrorCode.UNAVAILABLE) {
        LOG.error("{}: handling the startd's answer or a timer failed", id, e);
        return;
      }
      LOG.warn("{}: {}; trying again in {} ms", id, e.getMessage(), startRetry.toMillis());
      try {
        timers.schedule(() -> guarded(id, action), startRetry.toMillis(), TimeUnit.MILLISECONDS);
      } catch (java.util.concurrent.RejectedExecutionException stopping) {
        LOG.debug("{}: the schedd is stopping; the step is reconciled at the next start", id);
      }
    } catch (RuntimeException e) {
      LOG.error("{}: handling the startd's answer or a timer failed", id, e);
    }
  }

  static IdleStep toIdle(StepStatus s) {
    return IdleStepAds.idle(s);
  }
}
