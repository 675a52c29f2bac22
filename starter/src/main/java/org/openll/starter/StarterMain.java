package org.openll.starter;

import com.google.protobuf.Timestamp;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.FileOutputStream;
import java.io.FileDescriptor;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.openll.api.v1.StarterEvent;
import org.openll.api.v1.StarterInput;
import org.openll.api.v1.StarterLaunch;
import org.openll.api.v1.StepResult;
import org.openll.api.v1.StepState;

/**
 * The starter: the chaperone of one job step, started detached by the startd
 * ({@code StarterMain SPOOL/STEP [--as-owner]}: the launch is read from {@code SPOOL/STEP/claim.pb}, events
 * and cancels go over the startd's Unix-domain socket, see {@link SocketLink}). Without arguments
 * it speaks on stdin/stdout instead ({@link PipeLink}: tests, benchmarks): nothing else is then
 * written to stdout; diagnostics go to stderr. With {@code --as-owner} (a startd running as root)
 * the command and the user prolog and epilog run as the step's owner ({@link OwnerSwitch}).
 *
 * <pre>
 *  read launch ── prepare (CommandBuilder: shell, job_file, env, hostfile) ── fail ──┐
 *        │                                                                            │
 *  JOB_PROLOG, JOB_USER_PROLOG (StepHooks) ─────────────────── non-zero exit ────────┤  COMPLETED
 *        │                                                                            │  launched = false
 *  launch (CommandLauncher: SessionLeader, cgroup, prlimit, redirects) ─────── fail ─┤  (JOB_EPILOG runs)
 *        │  RUNNING(pid)                                                              │
 *  watch: StepWatcher (RSS, CPU, LimitPolicy)  link: StarterCancel ─► StepTerminator
 *        │  command exits, or a hard limit killed the step                            │
 *  collect: kill what is left of the step, exit code/signal, CPU of the container     │
 *        │  COMPLETE_PENDING (skipped when cancelled); JOB_USER_EPILOG, JOB_EPILOG    │
 *        │  Notifier (mail or NOTIFY_DIR/OWNER.log)                                   │
 *  report: final COMPLETED or REMOVED ─► SPOOL/final.pb (rename) ─► link ─► exit 0
 * </pre>
 *
 * <p>The step never depends on the startd: when it goes away the step keeps running, the socket
 * link reconnects and resends, and the final record reaches the spool, where a restarted startd
 * finds it (docs/fault-tolerance.md, "Execute side").
 */
public final class StarterMain {
  private static final int SIGXCPU = 24;
  /** Used when the launch carries no kill grace (STARTER_KILL_GRACE's default). */
  static final Duration DEFAULT_KILL_GRACE = Duration.ofSeconds(2);
  /** Used when the launch carries no sample period. */
  static final long DEFAULT_SAMPLE_MILLIS = 100;
  private static final Path PROC = Path.of("/proc");

  /** Used when the launch carries no linger (STARTER_FINAL_LINGER's default). */
  static final Duration DEFAULT_FINAL_LINGER = Duration.ofSeconds(10);
  /** Used when the launch carries no reconnect backoff. */
  static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(1);

  private final InputStream in;
  private final OutputStream out;
  private final PrintStream err;
  private StartdLink link;
  private final Clock clock;
  private final CommandBuilder commands;
  private final String killProgram;
  private final String prlimitProgram;
  private final AtomicBoolean cancelled = new AtomicBoolean();
  private final CompletableFuture<Void> treeGone = new CompletableFuture<>();
  /** This JVM's own CPU before this step: 0 for a starter of one step, the earlier steps' for a pooled one. */
  private long ownCpuBefore;
  /** Whether the startd acknowledged every event, the final one included. */
  private boolean delivered;

  public StarterMain(InputStream in, OutputStream out, PrintStream err, Clock clock) {
    this(in, out, err, clock, SystemPrograms.ofThisStarter(false));
  }

  private StarterMain(InputStream in, OutputStream out, PrintStream err, Clock clock, SystemPrograms programs) {
    this(in, out, err, clock, programs.commands(), programs.kill(), programs.prlimit());
  }

  StarterMain(InputStream in, OutputStream out, PrintStream err, Clock clock, CommandBuilder commands,
      String killProgram, String prlimitProgram) {
    this.in = in;
    this.out = out;
    this.err = err;
    this.clock = clock;
    this.commands = commands;
    this.killProgram = killProgram;
    this.prlimitProgram = prlimitProgram;
  }

  /** The second argument of a detached starter whose steps run as their owners (the startd runs as root). */
  public static final String AS_OWNER = "--as-owner";

  public static void main(String[] args) {
    if (args.length >= 2 && args[0].equals(PooledStarter.POOL) && (args.length == 2 || args[2].equals(AS_OWNER))) {
      System.exit(PooledStarter.run(Path.of(args[1]), args.length == 3, System.err));
    }
    if (args.length == 1 || args.length == 2 && args[1].equals(AS_OWNER)) {
      System.exit(runDetached(Path.of(args[0]), args.length == 2, System.err, 0, true).exitCode());
    }
    // stdout carries the protocol: keep System.out away from it
    OutputStream protocol = new BufferedOutputStream(new FileOutputStream(FileDescriptor.out));
    System.setOut(System.err);
    int code = new StarterMain(new BufferedInputStream(System.in), protocol, System.err, Clock.systemUTC()).run();
    System.exit(code);
  }

  /** How a detached run ended: the starter's exit code, and whether the startd acknowledged every event. */
  record Outcome(int exitCode, boolean delivered) {}

  /**
   * Socket mode: the launch from {@code spool/claim.pb}, the link to the startd's socket,
   * diagnostics to {@code err}; {@code ownCpuBefore} is this JVM's CPU not to charge to this step.
   * {@code writePid}: write {@code starter.pid}; a pooled starter's startd recorded its pid in
   * {@code claim.pb} before it handed the step over.
   */
  static Outcome runDetached(Path spool, boolean asOwner, PrintStream err, long ownCpuBefore, boolean writePid) {
    StarterLaunch launch;
    try {
      launch = LaunchRecord.read(spool).orElse(null);
      if (writePid) {
        StarterPidFile.writeSelf(spool);
      }
    } catch (IOException e) {
      err.println("starter: cannot read the launch in " + spool.resolve(LaunchRecord.CLAIM_FILE) + ": " + e.getMessage());
      return new Outcome(2, false);
    }
    if (launch == null || launch.getStartdSocket().isEmpty()) {
      err.println("starter: " + spool.resolve(LaunchRecord.CLAIM_FILE) + " holds no launch with a startd_socket");
      return new Outcome(2, false);
    }
    Duration backoff = launch.getReconnectMaxBackoffMillis() > 0
        ? Duration.ofMillis(launch.getReconnectMaxBackoffMillis()) : DEFAULT_MAX_BACKOFF;
    StartdLink link = SocketLink.open(Path.of(launch.getStartdSocket()), launch.getStep().getStepId(), err,
        backoff);
    StarterMain starter = new StarterMain(null, null, err, Clock.systemUTC(), SystemPrograms.ofThisStarter(asOwner));
    starter.ownCpuBefore = ownCpuBefore;
    int code = starter.run(launch, link);
    return new Outcome(code, starter.delivered);
  }

  /** Pipe mode: reads the launch from the input stream, then runs the step to its end. */
  public int run() {
    StarterLaunch launch;
    try {
      StarterInput first = StarterInput.parseDelimitedFrom(in);
      if (first == null || !first.hasLaunch()) {
        err.println("starter: the first input must be a launch");
        return 2;
      }
      launch = first.getLaunch();
    } catch (IOException e) {
      err.println("starter: cannot read the launch: " + e.getMessage());
      return 2;
    }
    return run(launch, new PipeLink(in, out, err));
  }

  /** Runs the step to its end. Returns the starter's exit code: 0 once the final record is written. */
  int run(StarterLaunch launch, StartdLink link) {
    this.link = link;
    String stepId = launch.getStep().getStepId();
    Path spool = Path.of(launch.getSpoolDir());
    FinalRecordWriter finalRecord = new FinalRecordWriter(spool, launch.getSyncFinalRecord());
    try {
      if (!Files.isDirectory(spool)) {
        Files.createDirectories(spool);
      }
      StepEnvironment.writeHostFile(launch);
    } catch (IOException e) {
      err.println("starter: cannot prepare spool " + spool + ": " + e.getMessage());
    }
    Notifier notifier = new Notifier(launch);
    Instant start = clock.instant();
    LaunchPlan plan;
    try {
      plan = commands.build(launch, spool);
    } catch (LaunchFailure e) {
      return notLaunched(launch, finalRecord, notifier, start, e.getMessage(), "");
    }
    if (plan.owner() != null) {
      try {
        OwnerSwitch.openSpool(spool);
      } catch (IOException e) {
        err.println("starter: cannot open spool " + spool + " to user " + plan.owner().owner().name() + ": "
            + e.getMessage());
      }
    }
    Path hookDir = Files.isDirectory(plan.workDir()) ? plan.workDir() : spool;
    StepHooks hooks = new StepHooks(hookDir, plan.owner(), plan.workDir());
    if (!launch.getJobProlog().isEmpty()) {
      StepHooks.Outcome prolog = hooks.run(launch.getJobProlog(), plan.environment());
      if (!prolog.ok()) {
        return notLaunched(launch, finalRecord, notifier, start,
            "JOB_PROLOG " + launch.getJobProlog() + " " + prolog.failure() + ": the step did not run",
            launch.getJobEpilog());
      }
    }
    Map<String, String> exported = Map.of();
    if (!launch.getUserProlog().isEmpty()) {
      StepHooks.Outcome prolog = hooks.runAsOwner(launch.getUserProlog(), plan.environment());
      if (!prolog.ok()) {
        return notLaunched(launch, finalRecord, notifier, start,
            "JOB_USER_PROLOG " + launch.getUserProlog() + " " + prolog.failure() + ": the step did not run",
            launch.getJobEpilog());
      }
      exported = prolog.exported();
    }

    Containment containment = Containments.create(launch, PROC);
    Map<String, String> extraEnv = new HashMap<>(exported);
    extraEnv.putAll(containment.marker());
    Optional<Path> cgroup = containment.joinFile();
    if (cgroup.isPresent()) {
      plan = plan.inCgroup(cgroup.get(), commands.leader());
    }
    plan = plan.limited(Rlimits.of(launch.getLimits()), prlimitProgram).withEnvironment(extraEnv);

    ChildCpuTimes baseline = ChildCpuTimes.ofSelf();
    start = clock.instant();
    RunningCommand process;
    try {
      process = CommandLauncher.start(plan);
    } catch (LaunchFailure e) {
      containment.close();
      return notLaunched(launch, finalRecord, notifier, start, e.getMessage(), launch.getJobEpilog());
    }
    containment.started(process.pid());
    StepTerminator terminator = new StepTerminator(containment);
    link.send(event(stepId, StepState.STEP_STATE_RUNNING).setTime(ts(start)).setPid((int) process.pid()).build());
    notifier.started(process.pid());
    Duration grace = launch.getKillGraceMillis() > 0 ? Duration.ofMillis(launch.getKillGraceMillis()) : DEFAULT_KILL_GRACE;
    startCommandReader(terminator, grace);

    LimitPolicy policy = new LimitPolicy(launch.getLimits(), launch.getMemoryLimitBytes());
    StepWatcher watcher = new StepWatcher(containment, policy, new Signals(killProgram), PROC, clock, start,
        () -> {
          ChildCpuTimes reaped = ChildCpuTimes.ofSelf().minus(baseline);
          return reaped.userMicros() + reaped.systemMicros();
        },
        kill -> killQuietly(terminator));
    long period = launch.getSamplePeriodMillis() > 0 ? launch.getSamplePeriodMillis() : DEFAULT_SAMPLE_MILLIS;
    ScheduledFuture<?> sampling = watcher.start(StarterThreads.WATCH, Duration.ofMillis(period));
    int exitValue = process.waitFor();
    Instant end = clock.instant();
    sampling.cancel(true);
    killQuietly(terminator); // the step ends with its command: whatever it left behind goes too
    long[] cpu = containment.cpuMicros().orElseGet(() -> {
      ChildCpuTimes reaped = ChildCpuTimes.ofSelf().minus(baseline); // what the kernel counted of the reaped ones
      return new long[] {reaped.userMicros(), reaped.systemMicros()};
    });
    containment.close();
    ExitStatus status = ExitStatus.fromExitValue(exitValue);

    StepState finalState = StepState.STEP_STATE_COMPLETED;
    String message = status.signal() != 0 ? "killed by signal " + status.signal() : "exited with " + status.exitCode();
    LimitPolicy.Kill exceeded = watcher.exceeded();
    if (cancelled.get()) {
      awaitTreeGone();
      finalState = StepState.STEP_STATE_REMOVED;
      message = "removed: " + message;
    } else {
      if (exceeded != null) {
        message = exceeded.message() + ": " + message;
      } else if (diedOfSoftLimit(watcher, status)) {
        message = "soft " + watcher.softReached().limit().keyword + " reached (SIGXCPU): " + message;
      }
      link.send(event(stepId, StepState.STEP_STATE_COMPLETE_PENDING).setTime(ts(end)).build());
    }
    StepResult.Builder result = StepResult.newBuilder()
        .setLaunched(true)
        .setExitCode(status.exitCode())
        .setSignal(status.signal())
        .setUserCpuMicros(cpu[0])
        .setSystemCpuMicros(cpu[1])
        .setMaxRssKb(Math.max(watcher.peakKb(), process.maxRssKb()))
        .setStartTime(ts(start))
        .setEndTime(ts(end))
        .setMachine(launch.getMachine())
        .setMessage(message)
        .setStarterCpuMicros(ChildCpuTimes.ownMicros() - ownCpuBefore);
    if (exceeded != null && !cancelled.get()) {
      result.setLimitExceeded(exceeded.limit().keyword);
    } else if (!cancelled.get() && diedOfSoftLimit(watcher, status)) {
      result.setLimitExceeded(watcher.softReached().limit().keyword);
    }
    if (!launch.getUserEpilog().isEmpty()) {
      report("JOB_USER_EPILOG", launch.getUserEpilog(), hooks.runAsOwner(launch.getUserEpilog(), plan.environment()));
    }
    if (!launch.getJobEpilog().isEmpty()) {
      report("JOB_EPILOG", launch.getJobEpilog(), hooks.run(launch.getJobEpilog(), plan.environment()));
    }
    notifier.ended(result.build()).ifPresent(f -> result.setNotificationFile(f.toString()));
    return finish(launch, finalRecord, event(stepId, finalState).setTime(ts(end)).setResult(result).setMessage(message).build());
  }

  /** The step did not run: COMPLETED, launched = false, with the reason; the system epilog still runs. */
  private int notLaunched(StarterLaunch launch, FinalRecordWriter finalRecord, Notifier notifier, Instant start,
      String message, String epilog) {
    if (!epilog.isEmpty()) {
      report("JOB_EPILOG", epilog, new StepHooks(Path.of(launch.getSpoolDir())).run(epilog,
          StepEnvironment.build(launch, "/", "/bin/sh")));
    }
    StepResult.Builder result = StepResult.newBuilder().setLaunched(false).setExitCode(-1)
        .setStartTime(ts(start)).setEndTime(ts(clock.instant())).setMachine(launch.getMachine()).setMessage(message);
    notifier.ended(result.build()).ifPresent(f -> result.setNotificationFile(f.toString()));
    return finish(launch, finalRecord, event(launch.getStep().getStepId(), StepState.STEP_STATE_COMPLETED).setResult(result)
        .setMessage(message).build());
  }

  private void report(String what, String program, StepHooks.Outcome outcome) {
    if (!outcome.ok()) {
      err.println("starter: " + what + " " + program + " " + outcome.failure());
    }
  }

  private void killQuietly(StepTerminator terminator) {
    try {
      terminator.kill();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private int finish(StarterLaunch launch, FinalRecordWriter finalRecord, StarterEvent finalEvent) {
    try {
      finalRecord.write(finalEvent);
    } catch (IOException e) {
      err.println("starter: cannot write " + finalRecord.target() + ": " + e.getMessage());
    }
    link.send(finalEvent);
    delivered = link.close(launch.getFinalLingerMillis() > 0 ? Duration.ofMillis(launch.getFinalLingerMillis())
        : DEFAULT_FINAL_LINGER);
    return 0;
  }

  /** The first cancel kills the tree, on a thread of its own so that the link keeps reading. */
  private void startCommandReader(StepTerminator tree, Duration grace) {
    link.onCancel(reason -> {
      if (!cancelled.compareAndSet(false, true)) {
        return;
      }
      err.println("starter: cancel (" + reason + "): terminating the step");
      Thread killer = new Thread(() -> {
        try {
          tree.terminate(grace);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        } finally {
          treeGone.complete(null);
        }
      }, "starter-cancel");
      killer.setDaemon(true);
      killer.start();
    });
  }

  private void awaitTreeGone() {
    try {
      treeGone.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException e) {
      err.println("starter: killing the tree failed: " + e.getCause());
    }
  }

  private StarterEvent.Builder event(String stepId, StepState state) {
    return StarterEvent.newBuilder().setStepId(stepId).setState(state).setTime(ts(clock.instant()));
  }

  private static Timestamp ts(Instant t) {
    return Timestamp.newBuilder().setSeconds(t.getEpochSecond()).setNanos(t.getNano()).build();
  }

  /** A step that did not trap the SIGXCPU of a soft limit dies of it: that limit ended it. */
  private static boolean diedOfSoftLimit(StepWatcher watcher, ExitStatus status) {
    return watcher.softReached() != null && status.signal() == SIGXCPU;
  }
}
