package org.openll.starter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openll.api.v1.StarterCancel;
import org.openll.api.v1.StarterEvent;
import org.openll.api.v1.StarterInput;
import org.openll.api.v1.StarterLaunch;
import org.openll.api.v1.StepState;

class StarterMainTest {
  @TempDir Path dir;
  private final Launches.RecordingOutput out = new Launches.RecordingOutput();
  private String marker;

  private StarterMain starter(java.io.InputStream in) throws IOException {
    Path passwd = dir.resolve("passwd");
    Files.writeString(passwd, "");
    return new StarterMain(in, out, new PrintStream(System.err, true), Clock.systemUTC(),
        new CommandBuilder(new UserAccounts(passwd), "/usr/bin/setsid", dir.toString()), "/bin/kill", "/usr/bin/prlimit");
  }

  private List<StarterEvent> run(StarterLaunch launch) throws IOException {
    int code = starter(new ByteArrayInputStream(
        Launches.delimited(StarterInput.newBuilder().setLaunch(launch).build()))).run();
    assertEquals(0, code);
    return out.events();
  }

  private static List<StepState> states(List<StarterEvent> events) {
    return events.stream().map(StarterEvent::getState).toList();
  }

  @AfterEach
  void killLeftovers() {
    if (marker != null) {
      markedProcesses().forEach(ProcessHandle::destroyForcibly);
    }
  }

  @Test
  void run_commandExits3_reportsRunningCompletePendingCompletedWithExitCode() throws Exception {
    List<StarterEvent> events = run(Launches.launch(dir, Launches.spec(dir, "/bin/sh", "-c", "exit 3").build()));

    assertEquals(List.of(StepState.STEP_STATE_RUNNING, StepState.STEP_STATE_COMPLETE_PENDING,
        StepState.STEP_STATE_COMPLETED), states(events));
    assertTrue(events.get(0).getPid() > 0);
    StarterEvent last = events.get(2);
    assertTrue(last.getResult().getLaunched());
    assertEquals(3, last.getResult().getExitCode());
    assertEquals(0, last.getResult().getSignal());
    assertTrue(last.getResult().hasStartTime() && last.getResult().hasEndTime());
  }

  @Test
  void run_anyStep_writesFinalRecordEqualToLastEvent() throws Exception {
    List<StarterEvent> events = run(Launches.launch(dir, Launches.spec(dir, "/bin/echo", "hello").build()));

    StarterEvent record = FinalRecordWriter.read(dir.resolve("spool").resolve(FinalRecordWriter.FILE_NAME));
    assertEquals(events.get(events.size() - 1), record);
    assertEquals("hello\n", Files.readString(dir.resolve("out")));
  }

  @Test
  void run_commandKillsItself_reportsSignal() throws Exception {
    List<StarterEvent> events = run(Launches.launch(dir, Launches.spec(dir, "/bin/sh", "-c", "kill -KILL $$").build()));

    StarterEvent last = events.get(events.size() - 1);
    assertEquals(StepState.STEP_STATE_COMPLETED, last.getState());
    assertEquals(9, last.getResult().getSignal());
  }

  @Test
  void run_command_leadsItsOwnProcessGroupAndSeesStepEnvironment() throws Exception {
    var spec = Launches.spec(dir, "/bin/sh", "-c", "cut -d' ' -f5 /proc/$$/stat; echo $LOADL_STEP_ID $HOME >&2")
        .setError(dir.resolve("out").toString());

    List<StarterEvent> events = run(Launches.launch(dir, spec.build()));

    List<String> lines = Files.readAllLines(dir.resolve("out"));
    assertEquals(String.valueOf(events.get(0).getPid()), lines.get(0));
    assertEquals("host.1.0 " + dir, lines.get(1));
  }

  @Test
  void run_missingInputFile_completesNotLaunchedNamingTheFile() throws Exception {
    var spec = Launches.spec(dir, "/bin/cat").setInput(dir.resolve("missing").toString());

    List<StarterEvent> events = run(Launches.launch(dir, spec.build()));

    assertEquals(List.of(StepState.STEP_STATE_COMPLETED), states(events));
    var result = events.get(0).getResult();
    assertFalse(result.getLaunched());
    assertEquals(-1, result.getExitCode());
    assertEquals("cannot open input " + dir.resolve("missing") + ": No such file or directory", result.getMessage());
    assertTrue(Files.exists(dir.resolve("spool").resolve(FinalRecordWriter.FILE_NAME)));
  }

  @Test
  void run_missingInitialdirOrExecutable_completesNotLaunched() throws Exception {
    var spec = Launches.spec(dir, "/no/such/program");
    StarterEvent last = run(Launches.launch(dir, spec.build())).get(0);
    assertFalse(last.getResult().getLaunched());
    assertEquals("cannot execute /no/such/program: No such file or directory", last.getResult().getMessage());
  }

  @Test
  void run_cancelOfBackgroundTree_killsEveryProcessAndReportsRemoved() throws Exception {
    marker = "60" + (100000 + new Random().nextInt(800000));
    String script = "sleep " + marker + ".1 & sleep " + marker + ".2 & setsid sleep " + marker + ".3 & trap '' TERM; wait; while :; do sleep 1; done";
    Launches.FeedableInput in = new Launches.FeedableInput();
    in.feed(Launches.delimited(StarterInput.newBuilder()
        .setLaunch(Launches.launch(dir, Launches.spec(dir, "/bin/sh", "-c", script).build())).build()));
    StarterMain starter = starter(in);
    CompletableFuture<Integer> done = CompletableFuture.supplyAsync(starter::run);

    // the shell (its script names the marker) and its three sleeps
    await(() -> markedProcesses().count() == 4);
    in.feed(Launches.delimited(StarterInput.newBuilder().setCancel(StarterCancel.newBuilder().setReason("test")).build()));
    in.close();

    assertEquals(0, done.get(20, TimeUnit.SECONDS));
    assertEquals(0, markedProcesses().count());
    List<StarterEvent> events = out.events();
    assertEquals(List.of(StepState.STEP_STATE_RUNNING, StepState.STEP_STATE_REMOVED), states(events));
    assertEquals(9, events.get(1).getResult().getSignal()); // the shell ignored SIGTERM
  }

  @Test
  void run_endOfInputDuringStep_keepsRunningToCompletion() throws Exception {
    Launches.FeedableInput in = new Launches.FeedableInput();
    in.feed(Launches.delimited(StarterInput.newBuilder()
        .setLaunch(Launches.launch(dir, Launches.spec(dir, "/bin/sh", "-c", "sleep 0.3; exit 4").build())).build()));
    in.close();

    assertEquals(0, starter(in).run());

    assertEquals(4, out.events().get(2).getResult().getExitCode());
  }

  @Test
  void run_commandLeavesBackgroundProcess_killsItWithTheGroup() throws Exception {
    marker = "61" + (100000 + new Random().nextInt(800000));

    run(Launches.launch(dir, Launches.spec(dir, "/bin/sh", "-c", "sleep " + marker + " & exit 0").build()));

    StarterMainTest.await(() -> markedProcesses().count() == 0);
  }

  private Stream<ProcessHandle> markedProcesses() {
    return ProcessHandle.allProcesses().filter(p -> {
      try {
        return Files.readString(Path.of("/proc", Long.toString(p.pid()), "cmdline")).contains(marker);
      } catch (IOException | RuntimeException e) {
        return false;
      }
    });
  }

  static void await(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not met in 10 s");
      }
      TimeUnit.MILLISECONDS.sleep(20);
    }
  }
}
