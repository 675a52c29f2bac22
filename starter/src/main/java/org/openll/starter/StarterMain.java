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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.openll.api.v1.StarterEvent;
import org.openll.api.v1.StarterInput;
import org.openll.api.v1.StarterLaunch;
import org.openll.api.v1.StepResult;
import org.openll.api.v1.StepState;

/**
 * The starter: the chaperone of one job step, forked by the startd. It speaks length-delimited
 * protobuf ({@code starter.proto}): {@link StarterInput}s on stdin, {@link StarterEvent}s on
 * stdout. Nothing else is ever written to stdout; diagnostics go to stderr.
 *
 * <pre>
 *  read launch ── prepare (CommandBuilder: shell, job_file, env) ── fail ──┐
 *        │                                                                 │
 *  launch (CommandLauncher: setsid, redirects) ──────────────────── fail ──┤  COMPLETED
 *        │  RUNNING(pid)                                                   │  launched = false
 *  watch: ResourceSampler (peak RSS)   stdin: StarterCancel ─► ProcessTree.terminate
 *        │  command exits                                                  │
 *  collect: exit code/signal, cutime/cstime, times                         │
 *        │  COMPLETE_PENDING (skipped when cancelled)                      │
 *  report: final COMPLETED or REMOVED ─► SPOOL/final.pb (fsync, rename) ─► stdout ─► exit 0
 * </pre>
 *
 * <p>End of stdin means the startd went away: the step keeps running, events are still written
 * while the pipe lasts, and the final record still reaches the spool, where a restarted startd
 * finds it.
 */
public final class StarterMain {
  /** Used when the launch carries no kill grace (STARTER_KILL_GRACE's default). */
  static final Duration DEFAULT_KILL_GRACE = Duration.ofSeconds(2);

  private final InputStream in;
  private final PrintStream err;
  private final EventChannel events;
  private final Clock clock;
  private final CommandBuilder commands;
  private final String killProgram;
  private final AtomicBoolean cancelled = new AtomicBoolean();
  private final CompletableFuture<Void> treeGone = new CompletableFuture<>();

  public StarterMain(InputStream in, OutputStream out, PrintStream err, Clock clock) {
    this(in, out, err, clock, CommandBuilder.forSystem(System.getenv("PATH")),
        CommandBuilder.findOnPath("kill", System.getenv("PATH")).orElse("/bin/kill"));
  }

  StarterMain(InputStream in, OutputStream out, PrintStream err, Clock clock, CommandBuilder commands,
      String killProgram) {
    this.in = in;
    this.err = err;
    this.events = new EventChannel(out, err);
    this.clock = clock;
    this.commands = commands;
    this.killProgram = killProgram;
  }

  public static void main(String[] args) {
    // stdout carries the protocol: keep System.out away from it
    OutputStream protocol = new BufferedOutputStream(new FileOutputStream(FileDescriptor.out));
    System.setOut(System.err);
    int code = new StarterMain(new BufferedInputStream(System.in), protocol, System.err, Clock.systemUTC()).run();
    System.exit(code);
  }

  /** Runs the step to its end. Returns the starter's exit code: 0 once the final record is written. */
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
    String stepId = launch.getStep().getStepId();
    Path spool = Path.of(launch.getSpoolDir());
    FinalRecordWriter finalRecord = new FinalRecordWriter(spool);
    try {
      Files.createDirectories(spool);
    } catch (IOException e) {
      err.println("starter: cannot create spool " + spool + ": " + e.getMessage());
    }

    ChildCpuTimes baseline = ChildCpuTimes.ofSelf();
    Instant start = clock.instant();
    Process process;
    try {
      process = CommandLauncher.start(commands.build(launch, spool));
    } catch (LaunchFailure e) {
      StepResult result = StepResult.newBuilder().setLaunched(false).setExitCode(-1)
          .setStartTime(ts(start)).setEndTime(ts(clock.instant())).setMessage(e.getMessage()).build();
      return finish(finalRecord, event(stepId, StepState.STEP_STATE_COMPLETED).setResult(result)
          .setMessage(e.getMessage()).build());
    }

    ProcessTree tree = new ProcessTree(process.pid(), killProgram);
    events.send(event(stepId, StepState.STEP_STATE_RUNNING).setTime(ts(start)).setPid((int) process.pid()).build());
    Duration grace = launch.getKillGraceMillis() > 0 ? Duration.ofMillis(launch.getKillGraceMillis()) : DEFAULT_KILL_GRACE;
    startCommandReader(tree, grace);

    int exitValue;
    long peakKb;
    try (ResourceSampler sampler = new ResourceSampler(tree, Path.of("/proc"))) {
      sampler.start();
      exitValue = waitUninterruptibly(process);
      peakKb = sampler.peakKb();
    }
    Instant end = clock.instant();
    ChildCpuTimes cpu = ChildCpuTimes.ofSelf().minus(baseline);
    ExitStatus status = ExitStatus.fromExitValue(exitValue);
    tree.killLeftovers();

    StepState finalState = StepState.STEP_STATE_COMPLETED;
    String message = status.signal() != 0 ? "killed by signal " + status.signal() : "exited with " + status.exitCode();
    if (cancelled.get()) {
      awaitTreeGone();
      finalState = StepState.STEP_STATE_REMOVED;
      message = "removed: " + message;
    } else {
      events.send(event(stepId, StepState.STEP_STATE_COMPLETE_PENDING).setTime(ts(end)).build());
    }
    StepResult result = StepResult.newBuilder()
        .setLaunched(true)
        .setExitCode(status.exitCode())
        .setSignal(status.signal())
        .setUserCpuMicros(cpu.userMicros())
        .setSystemCpuMicros(cpu.systemMicros())
        .setMaxRssKb(peakKb)
        .setStartTime(ts(start))
        .setEndTime(ts(end))
        .setMessage(message)
        .build();
    return finish(finalRecord, event(stepId, finalState).setTime(ts(end)).setResult(result).setMessage(message).build());
  }

  private int finish(FinalRecordWriter finalRecord, StarterEvent finalEvent) {
    try {
      finalRecord.write(finalEvent);
    } catch (IOException e) {
      err.println("starter: cannot write " + finalRecord.target() + ": " + e.getMessage());
    }
    events.send(finalEvent);
    return 0;
  }

  /** Reads commands until end of input; a cancel kills the tree on this thread, once. */
  private void startCommandReader(ProcessTree tree, Duration grace) {
    Thread reader = new Thread(() -> {
      try {
        StarterInput input;
        while ((input = StarterInput.parseDelimitedFrom(in)) != null) {
          if (input.hasCancel() && cancelled.compareAndSet(false, true)) {
            err.println("starter: cancel (" + input.getCancel().getReason() + "): terminating " + tree);
            try {
              tree.terminate(grace);
            } finally {
              treeGone.complete(null);
            }
          }
        }
        err.println("starter: end of input; the step keeps running");
      } catch (IOException e) {
        err.println("starter: input closed: " + e.getMessage());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        treeGone.complete(null);
      }
    }, "starter-input");
    reader.setDaemon(true);
    reader.start();
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

  private static int waitUninterruptibly(Process process) {
    while (true) {
      try {
        return process.waitFor();
      } catch (InterruptedException e) {
        // the starter's only job is to see its command end
      }
    }
  }

  private StarterEvent.Builder event(String stepId, StepState state) {
    return StarterEvent.newBuilder().setStepId(stepId).setState(state).setTime(ts(clock.instant()));
  }

  private static Timestamp ts(Instant t) {
    return Timestamp.newBuilder().setSeconds(t.getEpochSecond()).setNanos(t.getNano()).build();
  }
}
