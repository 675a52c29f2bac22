package org.openll.startd;

import com.google.protobuf.Timestamp;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.openll.api.v1.StarterEvent;
import org.openll.api.v1.StarterHello;
import org.openll.api.v1.StarterLaunch;
import org.openll.api.v1.StartStepRequest;
import org.openll.api.v1.StepClaimRecord;
import org.openll.api.v1.StepResult;
import org.openll.api.v1.StepState;
import org.openll.api.v1.StepUpdate;
import org.openll.common.config.ConfigException;
import org.openll.common.errors.OpenllException;

/**
 * Starts, cancels, follows and re-adopts the starters of this machine (docs/fault-tolerance.md,
 * "Execute side"). For each accepted step it claims what the permit gives it here (CPUs,
 * consumables, class initiators: {@link PermitShare}), writes {@code claim.pb} and
 * {@code launch.pb} into {@code SPOOL/STEP_ID/} and starts the starter detached; the starter
 * connects to the {@link StarterLinkServer}. Events are relayed in order through the
 * {@link ScheddReporter} and acknowledged to the starter once the schedd took them; once the
 * final one is acknowledged the step's folder is deleted and its CPUs are freed.
 *
 * <p>A starter that is gone (its process ended, no connection) without having delivered its final
 * event is settled from the spool: {@code final.pb} when the starter wrote it, else TERMINATED
 * (REMOVED when a cancel was asked). {@link #adopt} rebuilds all this from the spool after a
 * restart. Thread-safe.
 */
public final class StepLauncher {
  private static final Logger LOG = LogManager.getLogger(StepLauncher.class);
  static final String SOCKET = "startd.sock";
  /** Where pooled starters write what they print outside any step (the spool root; steps log to their own folder). */
  static final String POOL_LOG = "starter-pool.log";
  /** How long a step waits for a pooled starter that is on its way back before it gets one of its own. */
  static final Duration POOL_WAIT = Duration.ofMillis(250);

  private final ClaimTable claims;
  private final ScheddReporter reporter;
  private final StarterCommand starterCommand;
  private final Path spoolRoot;
  private final String machine;
  private final Duration killGrace;
  private final Clock clock;
  private volatile StarterSettings settings;
  private final OwnerPolicy owners;
  private final StarterPool pool;
  private final Map<String, StarterProcess> starters = new ConcurrentHashMap<>();
  private final java.util.concurrent.atomic.AtomicLong stepsStarted = new java.util.concurrent.atomic.AtomicLong();
  private final java.util.concurrent.atomic.AtomicLong stepsFinished = new java.util.concurrent.atomic.AtomicLong();
  private final java.util.concurrent.atomic.AtomicLong stepsPooled = new java.util.concurrent.atomic.AtomicLong();

  public StepLauncher(ClaimTable claims, ScheddReporter reporter, StarterCommand starterCommand, Path spoolRoot,
      String machine, Duration killGrace, Clock clock) {
    this(claims, reporter, starterCommand, spoolRoot, machine, killGrace, clock,
        StarterSettings.minimal(spoolRoot.resolve("notify")));
  }

  public StepLauncher(ClaimTable claims, ScheddReporter reporter, StarterCommand starterCommand, Path spoolRoot,
      String machine, Duration killGrace, Clock clock, StarterSettings settings) {
    this(claims, reporter, starterCommand, spoolRoot, machine, killGrace, clock, settings,
        OwnerPolicy.asStartdUser(machine));
  }

  /** With {@code owners} deciding whose steps are refused here and whether starters switch to the owner. */
  StepLauncher(ClaimTable claims, ScheddReporter reporter, StarterCommand starterCommand, Path spoolRoot,
      String machine, Duration killGrace, Clock clock, StarterSettings settings, OwnerPolicy owners) {
    this(claims, reporter, starterCommand, spoolRoot, machine, killGrace, clock, settings, owners, PoolSettings.NONE);
  }

  /** How many starters to keep started ahead of steps, and how many steps each may serve. */
  record PoolSettings(int size, int maxSteps) {
    static final PoolSettings NONE = new PoolSettings(0, 1);
  }

  /** With a pool of pre-started starters ({@link StarterPool}); started by {@link #startPool}. */
  StepLauncher(ClaimTable claims, ScheddReporter reporter, StarterCommand starterCommand, Path spoolRoot,
      String machine, Duration killGrace, Clock clock, StarterSettings settings, OwnerPolicy owners,
      PoolSettings poolSettings) {
    this.pool = new StarterPool(poolSettings.size(), poolSettings.maxSteps(), this::spawnPooled);
    this.owners = owners;
    this.settings = settings;
    this.claims = claims;
    this.reporter = reporter;
    this.starterCommand = starterCommand;
    this.spoolRoot = spoolRoot;
    this.machine = machine;
    this.killGrace = killGrace;
    this.clock = clock;
  }

  /** Replaces the settings the next steps start with (reconfig); running steps keep theirs. */
  public void settings(StarterSettings next) {
    settings = next;
  }

  /** The Unix-domain socket the starters connect to. */
  public Path socket() {
    return spoolRoot.resolve(SOCKET);
  }

  /**
   * Accepts a step: returns once its records are in the spool and its starter is started.
   *
   * @throws OpenllException INVALID_ARGUMENT for a malformed request or an owner this machine does
   *     not run steps for ({@link OwnerPolicy}, checked before anything is claimed), the {@link ClaimTable}'s
   *     errors for a refused permit, UNAVAILABLE when the starter cannot be started
   */
  public void start(StartStepRequest request) {
    String stepId = request.getLaunch().getStepId();
    if (!request.hasPermit() || !request.hasLaunch() || stepId.isEmpty()) {
      throw OpenllException.invalidArgument("StartStep needs permit and launch.step_id");
    }
    if (!request.getPermit().getStepId().equals(stepId)) {
      throw OpenllException.invalidArgument("permit.step_id " + request.getPermit().getStepId()
          + " differs from launch.step_id " + stepId);
    }
    if (request.getScheddAddress().isEmpty()) {
      throw OpenllException.invalidArgument("step " + stepId + ": schedd_address is empty");
    }
    if (stepId.contains("/") || stepId.startsWith(".")) {
      throw OpenllException.invalidArgument("launch.step_id is not a step id: " + stepId);
    }
    owners.check(request.getLaunch());
    StarterLaunch.Builder launch;
    try {
      launch = settings.apply(StarterLaunch.newBuilder(), request.getLaunch());
    } catch (ConfigException e) {
      throw OpenllException.failedPrecondition("step " + stepId + ": " + e.getMessage());
    }
    ClaimTable.Claim claim = PermitShare.claimOn(request.getPermit(), request.getLaunch().getSpec(), machine);
    int cpus = claim.cpus();
    releaseFollowed(request.getFollowsStepId());
    claims.claim(request.getPermit(), claim);
    StepSpool spool = new StepSpool(stepId, spoolRoot.resolve(stepId));
    StarterProcess starter = new StarterProcess(spool, request.getScheddAddress());
    try {
      spool.createEmpty();
      StepClaimRecord.Builder record = StepClaimRecord.newBuilder().setScheddAddress(request.getScheddAddress())
          .setCpus(cpus).putAllResources(claim.resources()).setLaunch(launch
              .setStep(request.getLaunch())
              .addAllTaskHosts(PermitShare.taskHosts(request.getPermit(), request.getLaunch().getSpec()))
              .setMachine(machine)
              .setSpoolDir(spool.dir().toString())
              .setKillGraceMillis(killGrace.toMillis())
              .setStartdSocket(socket().toString()));
      starters.put(stepId, starter);
      Optional<StarterPool.Lease> lease = pool.lease(POOL_WAIT);
      // a leased starter is connected to the pool: its pid is still the process the pool started
      Optional<ProcessHandle> pooled = lease.flatMap(StarterPool.Lease::process);
      // a pooled starter's pid goes into the claim record: a restarted startd must know the starter
      // before it hears of the step, and one file per step is cheaper than two (docs/performance.md)
      pooled.ifPresent(p -> record.setStarterPid(p.pid()).setStarterStartMillis(lease.get().startMillis()));
      spool.writeClaim(record.build());
      ProcessHandle process = null;
      if (pooled.isPresent()) {
        starter.starterIs(pooled.get());
        if (lease.get().run(spool.dir())) {
          process = pooled.get();
          stepsPooled.incrementAndGet();
          lease.get().whenGone(() -> settleIfGone(starter));
        }
      }
      if (process == null) {
        process = startDetached(starterCommand.detached(spool.dir(), owners.runAsOwner()), spool.log()).toHandle();
        starter.starterIs(process);
        spool.writeStarterPid(process);
        process.onExit().thenRun(() -> settleIfGone(starter));
      }
      stepsStarted.incrementAndGet();
      LOG.info("step {} started: {} starter pid {}, holding {}", stepId,
          pooled.isPresent() && process.equals(pooled.get()) ? "pooled" : "new", process.pid(), claim);
    } catch (IOException e) {
      starters.remove(stepId, starter);
      claims.release(stepId);
      throw OpenllException.unavailable("step " + stepId + ": cannot start the starter: " + e.getMessage(), e);
    }
  }

  /**
   * Claim reuse: the schedd has committed the Completed of the step a StartStep follows, so that
   * step's resources are free even if the acknowledgement of its final record has not arrived yet.
   * A step whose final record was not taken still runs: its resources stay held.
   */
  private void releaseFollowed(String followed) {
    StarterProcess previous = followed.isEmpty() ? null : starters.get(followed);
    if (previous != null && previous.finalTaken()) {
      claims.release(followed);
      // its pooled starter comes back once the acknowledgement arrives: the new step waits for it
      // rather than starting a JVM
      previous.starter().ifPresent(p -> pool.returning(p.pid()));
    }
  }

  /** Starts the pool's starters; call once the starters' socket is bound. */
  public void startPool() {
    pool.start();
  }

  StarterPool pool() {
    return pool;
  }

  private StarterPool.Spawned spawnPooled() throws IOException {
    Process process = startDetached(starterCommand.pooled(socket(), owners.runAsOwner()), spoolRoot.resolve(POOL_LOG));
    return new StarterPool.Spawned(process.pid(), StepSpool.startMillis(process.toHandle()), process.onExit());
  }

  /** Starts a starter: stdin from /dev/null, stdout and stderr appended to {@code log}. */
  private static Process startDetached(List<String> command, Path log) throws IOException {
    return new ProcessBuilder(command)
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
        .redirectErrorStream(true)
        .start();
  }

  /**
   * Re-adopts the steps left in the spool by an earlier startd of this machine: claims their CPUs
   * again, expects their live starters to reconnect, and settles those whose starter is gone
   * (final.pb, else TERMINATED). A folder without {@code claim.pb} (the startd died while
   * accepting it) is deleted. Call once, before the startd offers its machine.
   */
  public void adopt() throws IOException {
    for (StepSpool spool : StepSpool.list(spoolRoot)) {
      Optional<StepClaimRecord> claim;
      try {
        claim = spool.readClaim();
      } catch (IOException e) {
        claim = Optional.empty();
      }
      if (claim.isEmpty() || claim.get().getScheddAddress().isEmpty()) {
        LOG.warn("{}: no claim record, deleting it", spool.dir());
        spool.delete();
        continue;
      }
      StarterProcess starter = new StarterProcess(spool, claim.get().getScheddAddress());
      claims.adopt(spool.stepId(), adoptedClaim(spool, claim.get()));
      starters.put(spool.stepId(), starter);
      Optional<ProcessHandle> live = spool.liveStarter();
      live.ifPresent(starter::starterIs);
      LOG.info("step {} re-adopted: starter {}", spool.stepId(), live.map(p -> "pid " + p.pid() + " alive")
          .orElse("gone"));
      if (live.isPresent()) {
        live.get().onExit().thenRun(() -> settleIfGone(starter));
      } else {
        settleIfGone(starter);
      }
    }
  }

  /**
   * What a re-adopted step holds: CPUs and consumables from its claim record, class and tasks here
   * from its launch record (No_Class, one task when that is unreadable).
   */
  private ClaimTable.Claim adoptedClaim(StepSpool spool, StepClaimRecord claim) {
    String jobClass = "";
    int tasks = 1;
    try {
      Optional<StarterLaunch> launch = spool.readLaunch();
      if (launch.isPresent()) {
        jobClass = launch.get().getStep().getSpec().getJobClass();
        tasks = (int) Math.max(1, launch.get().getTaskHostsList().stream().filter(machine::equals).count());
      }
    } catch (IOException e) {
      LOG.warn("step {}: unreadable launch record, counting one No_Class task: {}", spool.stepId(), e.toString());
    }
    return new ClaimTable.Claim(Math.max(1, claim.getCpus()), claim.getResourcesMap(), jobClass, tasks);
  }

  /** Asks the step's starter to kill its process tree. NOT_FOUND when the step does not run here. */
  public void cancel(String stepId, String reason) {
    StarterProcess starter = starters.get(stepId);
    if (starter == null) {
      throw OpenllException.notFound("step " + stepId + " does not run on " + machine);
    }
    LOG.info("step {}: cancel ({})", stepId, reason);
    if (!starter.cancel(reason)) {
      LOG.info("step {}: its starter is not connected; the cancel goes out when it connects", stepId);
    }
  }

  /**
   * The schedd whose step {@code stepId} is here (its launch record's {@code schedd_host}); empty
   * when the step does not run here or its launch record cannot be read.
   */
  public Optional<String> scheddOf(String stepId) {
    StarterProcess starter = starters.get(stepId);
    if (starter == null) {
      return Optional.empty();
    }
    try {
      return starter.spool().readLaunch().map(launch -> launch.getStep().getScheddHost());
    } catch (IOException e) {
      LOG.warn("step {}: unreadable launch record: {}", stepId, e.toString());
      return Optional.empty();
    }
  }

  /** How many steps have starters now (running, or with final records not acknowledged yet). */
  public int starterCount() {
    return starters.size();
  }

  /** Steps whose starter this startd started since it started (re-adopted ones not counted). */
  public long stepsStarted() {
    return stepsStarted.get();
  }

  /** Of {@link #stepsStarted}, those handed to a pooled starter. */
  public long stepsPooled() {
    return stepsPooled.get();
  }

  /** Steps whose final record the schedd acknowledged since this startd started. */
  public long stepsFinished() {
    return stepsFinished.get();
  }

  /** The steps whose starters run now or whose final records are not acknowledged yet. */
  public List<String> runningSteps() {
    return new ArrayList<>(starters.keySet());
  }

  /**
   * Stops every step: cancels them all, waits up to {@code wait} for the starters to end and their
   * final records to be acknowledged, then kills whatever is left (starter and step group).
   */
  public void shutdown(Duration wait) throws InterruptedException {
    pool.close(); // idle starters exit now, busy ones once their step is over
    List<StarterProcess> all = new ArrayList<>(starters.values());
    all.forEach(s -> s.cancel("the startd is stopping"));
    long deadline = System.nanoTime() + wait.toNanos();
    for (StarterProcess s : all) {
      Optional<ProcessHandle> process = s.starter();
      long left = deadline - System.nanoTime();
      if (process.isPresent() && left > 0) {
        try {
          process.get().onExit().get(left, TimeUnit.NANOSECONDS);
        } catch (ExecutionException | TimeoutException e) {
          // killed below
        }
      }
    }
    while (!reporter.idle() && System.nanoTime() < deadline) {
      TimeUnit.MILLISECONDS.sleep(20); // waiting for acknowledgments that carry no event to block on
    }
    for (StarterProcess s : all) {
      if (s.starterAlive()) {
        LOG.warn("step {}: starter still running at shutdown, killing it and the step", s.stepId());
      }
      s.killAll();
    }
  }

  /** A starter said hello: the step's entry, now connected, or empty for a step not on this machine. */
  Optional<StarterProcess> attach(StarterHello hello, StarterConnection connection) {
    StarterProcess starter = starters.get(hello.getStepId());
    if (starter == null) {
      return Optional.empty();
    }
    if (starter.starter().map(ProcessHandle::pid).orElse(0L) != hello.getStarterPid()) {
      StepSpool.live(hello.getStarterPid(), hello.getStarterStartMillis()).ifPresent(starter::starterIs);
    }
    starter.stepStarted(hello.getStepPid());
    starter.attach(connection);
    LOG.debug("step {}: starter pid {} connected", hello.getStepId(), hello.getStarterPid());
    return Optional.of(starter);
  }

  /** One event from a connected starter; a resent one already received is dropped. */
  void onEvent(StarterProcess starter, long sequence, StarterEvent event) {
    if (!starter.receive(sequence)) {
      return;
    }
    if (event.getState() == StepState.STEP_STATE_RUNNING) {
      starter.stepStarted(event.getPid());
    }
    boolean last = isFinal(event.getState());
    if (last && !starter.takeFinal()) {
      return;
    }
    if (!last && starter.finalTaken()) {
      return;
    }
    reporter.report(starter.scheddAddress(), toUpdate(event), () -> {
      if (last) {
        finished(starter); // first: a pooled starter may take its next step as soon as it has the acknowledgment
      }
      starter.acknowledge(sequence);
    });
  }

  /** A starter's connection ended. */
  void detached(StarterProcess starter, StarterConnection connection) {
    if (starter.detach(connection)) {
      settleIfGone(starter);
    }
  }

  /**
   * Settles a step whose starter is gone without having delivered its final event: relays its
   * final.pb, or a TERMINATED (REMOVED after a cancel) record. Does nothing while the starter is
   * connected or alive (it will reconnect) or once the final record was taken.
   */
  private void settleIfGone(StarterProcess starter) {
    if (starters.get(starter.stepId()) != starter) {
      return; // finished already (a pooled starter ends long after the steps it served)
    }
    if (!starter.starterAlive()) {
      // the starter's own starter.pid names it, should the process this startd forked not be the starter
      Optional<ProcessHandle> recorded = starter.spool().liveStarter();
      if (recorded.isPresent() && !recorded.equals(starter.starter())) {
        starter.starterIs(recorded.get());
        recorded.get().onExit().thenRun(() -> settleIfGone(starter));
        return;
      }
    }
    if (starter.connected() || starter.starterAlive() || !starter.takeFinal()) {
      return;
    }
    StepUpdate update = spooledFinal(starter).orElseGet(() -> lostFinal(starter));
    reporter.report(starter.scheddAddress(), update, () -> finished(starter));
    removeStepCgroup(starter);
  }

  /** A starter that was killed could not remove its step's cgroup. */
  private void removeStepCgroup(StarterProcess starter) {
    String parent = settings.containment().cgroupParent();
    if (!parent.isEmpty()) {
      starter.starter().ifPresent(p -> StaleStepCgroups.removeIfStale(Path.of(parent), starter.stepId(), p.pid()));
    }
  }

  private void finished(StarterProcess starter) {
    // the claim first: a StartStep that follows this step ({@link #releaseFollowed}) finds it either
    // here, its final taken, or released
    claims.release(starter.stepId());
    if (starters.remove(starter.stepId(), starter)) {
      stepsFinished.incrementAndGet();
    }
    starter.starter().ifPresent(p -> pool.returning(p.pid()));
    try {
      starter.spool().delete();
    } catch (IOException e) {
      LOG.warn("step {}: cannot delete {}: {}", starter.stepId(), starter.spool().dir(), e.toString());
    }
    long command = starter.stepPgid();
    LOG.info("step {} done{}", starter.stepId(), command > 0 ? ": its command ran as pid " + command : "");
  }

  private Optional<StepUpdate> spooledFinal(StarterProcess starter) {
    try {
      Optional<StarterEvent> record = starter.spool().readFinal();
      record.ifPresent(e -> LOG.info("step {}: final record from the spool ({})", starter.stepId(), e.getState()));
      return record.map(StepLauncher::toUpdate);
    } catch (IOException e) {
      LOG.warn("step {}: unreadable final record: {}", starter.stepId(), e.toString());
      return Optional.empty();
    }
  }

  /** The final update of a starter that ended without a final record. */
  private StepUpdate lostFinal(StarterProcess starter) {
    String message = "the starter ended without a final record; see " + starter.spool().log();
    LOG.error("step {}: {}", starter.stepId(), message);
    Instant now = clock.instant();
    StepState state = starter.cancelRequested() ? StepState.STEP_STATE_REMOVED : StepState.STEP_STATE_TERMINATED;
    return StepUpdate.newBuilder()
        .setStepId(starter.stepId())
        .setState(state)
        .setTime(Timestamp.newBuilder().setSeconds(now.getEpochSecond()).setNanos(now.getNano()))
        .setResult(StepResult.newBuilder().setLaunched(false).setExitCode(-1).setMessage(message))
        .setMessage(message)
        .build();
  }

  static StepUpdate toUpdate(StarterEvent event) {
    StepUpdate.Builder update = StepUpdate.newBuilder()
        .setStepId(event.getStepId())
        .setState(event.getState())
        .setTime(event.getTime())
        .setMessage(event.getMessage());
    if (event.hasResult()) {
      update.setResult(event.getResult());
    }
    return update.build();
  }

  private static boolean isFinal(StepState state) {
    return state == StepState.STEP_STATE_COMPLETED || state == StepState.STEP_STATE_REMOVED;
  }
}
