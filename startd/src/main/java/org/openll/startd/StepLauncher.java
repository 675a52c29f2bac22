package org.openll.startd;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import com.google.protobuf.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.openll.api.v1.StarterEvent;
import org.openll.api.v1.StarterInput;
import org.openll.api.v1.StarterLaunch;
import org.openll.api.v1.StartStepRequest;
import org.openll.api.v1.StepResult;
import org.openll.api.v1.StepState;
import org.openll.api.v1.StepUpdate;
import org.openll.common.config.ConfigException;
import org.openll.common.errors.OpenllException;

/**
 * Starts, cancels and follows the starters of this machine. For each accepted step it claims the
 * CPUs, creates {@code SPOOL/STEP_ID/}, forks a starter, sends it the launch and keeps its stdin
 * open for a cancel. One reader thread per starter relays its events, in order, through the
 * {@link ScheddReporter}; once the final one is acknowledged the step's folder is deleted and
 * its CPUs are freed. Thread-safe.
 */
public final class StepLauncher {
  private static final Logger LOG = LogManager.getLogger(StepLauncher.class);

  private final ClaimTable claims;
  private final ScheddReporter reporter;
  private final StarterCommand starterCommand;
  private final Path spoolRoot;
  private final String machine;
  private final Duration killGrace;
  private final Clock clock;
  private final StarterSettings settings;
  private final Map<String, StarterProcess> starters = new ConcurrentHashMap<>();

  public StepLauncher(ClaimTable claims, ScheddReporter reporter, StarterCommand starterCommand, Path spoolRoot,
      String machine, Duration killGrace, Clock clock) {
    this(claims, reporter, starterCommand, spoolRoot, machine, killGrace, clock,
        StarterSettings.minimal(spoolRoot.resolve("notify")));
  }

  public StepLauncher(ClaimTable claims, ScheddReporter reporter, StarterCommand starterCommand, Path spoolRoot,
      String machine, Duration killGrace, Clock clock, StarterSettings settings) {
    this.settings = settings;
    this.claims = claims;
    this.reporter = reporter;
    this.starterCommand = starterCommand;
    this.spoolRoot = spoolRoot;
    this.machine = machine;
    this.killGrace = killGrace;
    this.clock = clock;
  }

  /**
   * Accepts a step: returns once its starter is forked and has its launch.
   *
   * @throws OpenllException INVALID_ARGUMENT for a malformed request, the {@link ClaimTable}'s
   *     errors for a refused permit, UNAVAILABLE when the starter cannot be forked
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
    StarterLaunch.Builder launch;
    try {
      launch = settings.apply(StarterLaunch.newBuilder(), request.getLaunch());
    } catch (ConfigException e) {
      throw OpenllException.failedPrecondition("step " + stepId + ": " + e.getMessage());
    }
    int cpus = request.getPermit().getCpus() > 0 ? request.getPermit().getCpus()
        : Math.max(1, request.getLaunch().getSpec().getCpus());
    claims.claim(request.getPermit(), cpus);
    try {
      Path spool = spoolRoot.resolve(stepId);
      deleteTree(spool);
      Files.createDirectories(spool);
      Process process = new ProcessBuilder(starterCommand.command())
          .redirectError(spool.resolve("starter.log").toFile())
          .start();
      StarterProcess starter = new StarterProcess(stepId, request.getScheddAddress(), process);
      starters.put(stepId, starter);
      starter.send(StarterInput.newBuilder().setLaunch(launch
          .setStep(request.getLaunch())
          .setMachine(machine)
          .setSpoolDir(spool.toString())
          .setKillGraceMillis(killGrace.toMillis())).build());
      Thread reader = new Thread(() -> follow(starter, spool), "starter-" + stepId);
      reader.setDaemon(true);
      reader.start();
      LOG.info("step {} started: starter pid {}, {} CPUs", stepId, process.pid(), cpus);
    } catch (IOException e) {
      starters.remove(stepId);
      claims.release(stepId);
      throw OpenllException.unavailable("step " + stepId + ": cannot fork the starter: " + e.getMessage(), e);
    }
  }

  /** Asks the step's starter to kill its process tree. NOT_FOUND when the step does not run here. */
  public void cancel(String stepId, String reason) {
    StarterProcess starter = starters.get(stepId);
    if (starter == null) {
      throw OpenllException.notFound("step " + stepId + " does not run on " + machine);
    }
    LOG.info("step {}: cancel ({})", stepId, reason);
    if (!starter.cancel(reason)) {
      LOG.warn("step {}: its starter no longer reads its input", stepId);
    }
  }

  /** The steps whose starters run now. */
  public List<String> runningSteps() {
    return new ArrayList<>(starters.keySet());
  }

  /**
   * Stops every step: cancels them all, waits up to {@code wait} for the starters to end and their
   * final records to be acknowledged, then kills whatever is left (starter and step group).
   */
  public void shutdown(Duration wait) throws InterruptedException {
    List<StarterProcess> all = new ArrayList<>(starters.values());
    all.forEach(s -> s.cancel("the startd is stopping"));
    long deadline = System.nanoTime() + wait.toNanos();
    for (StarterProcess s : all) {
      long left = deadline - System.nanoTime();
      if (left > 0) {
        s.process().waitFor(left, TimeUnit.NANOSECONDS);
      }
    }
    while (!reporter.idle() && System.nanoTime() < deadline) {
      TimeUnit.MILLISECONDS.sleep(20); // waiting for acknowledgments that carry no event to block on
    }
    for (StarterProcess s : all) {
      if (s.process().isAlive()) {
        LOG.warn("step {}: starter still running at shutdown, killing it and the step", s.stepId());
      }
      s.killAll();
    }
  }

  private void follow(StarterProcess starter, Path spool) {
    String stepId = starter.stepId();
    boolean finalSeen = false;
    try (InputStream events = starter.process().getInputStream()) {
      StarterEvent event;
      while ((event = StarterEvent.parseDelimitedFrom(events)) != null) {
        if (event.getState() == StepState.STEP_STATE_RUNNING && event.getPid() > 0) {
          starter.stepStarted(event.getPid());
        }
        finalSeen = isFinal(event.getState());
        relay(starter, toUpdate(event), finalSeen, spool);
      }
    } catch (IOException e) {
      LOG.warn("step {}: lost the starter's events: {}", stepId, e.toString());
    }
    int exit = waitFor(starter.process());
    if (!finalSeen) {
      relay(starter, lostFinal(starter, spool, exit), true, spool);
    }
  }

  private void relay(StarterProcess starter, StepUpdate update, boolean last, Path spool) {
    reporter.report(starter.scheddAddress(), update, last ? () -> finished(starter, spool) : () -> { });
  }

  private void finished(StarterProcess starter, Path spool) {
    starters.remove(starter.stepId(), starter);
    try {
      deleteTree(spool);
    } catch (IOException e) {
      LOG.warn("step {}: cannot delete {}: {}", starter.stepId(), spool, e.toString());
    }
    claims.release(starter.stepId());
    LOG.info("step {} done", starter.stepId());
  }

  /** The final update of a starter that ended without sending one: its spool record if any, else a failure. */
  private StepUpdate lostFinal(StarterProcess starter, Path spool, int exit) {
    Path record = spool.resolve("final.pb");
    if (Files.exists(record)) {
      try (InputStream in = Files.newInputStream(record)) {
        StarterEvent event = StarterEvent.parseDelimitedFrom(in);
        if (event != null) {
          return toUpdate(event);
        }
      } catch (IOException e) {
        LOG.warn("step {}: unreadable {}: {}", starter.stepId(), record, e.toString());
      }
    }
    String message = "starter exited with " + exit + " without a final record; see " + spool.resolve("starter.log");
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

  private static int waitFor(Process process) {
    try {
      return process.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }
}
