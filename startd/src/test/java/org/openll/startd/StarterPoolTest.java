package org.openll.startd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.openll.startd.StarterPool.State;

/** The pool's bookkeeping, with fake processes and connections. */
class StarterPoolTest {
  /** Processes that end when the test says so. */
  private static final class FakeSpawner implements StarterPool.Spawner {
    final List<StarterPool.Spawned> spawned = new ArrayList<>();
    boolean broken;

    @Override
    public StarterPool.Spawned spawn() throws IOException {
      if (broken) {
        throw new IOException("no java");
      }
      StarterPool.Spawned s = new StarterPool.Spawned(1000 + spawned.size(), 42, new CompletableFuture<>());
      spawned.add(s);
      return s;
    }

    long pid(int i) {
      return spawned.get(i).pid();
    }

    void exit(int i) {
      spawned.get(i).exit().complete(null);
    }
  }

  private static final class FakeLink implements StarterPool.Link {
    final List<Path> runs = new ArrayList<>();
    boolean closed;
    boolean broken;

    @Override
    public boolean run(Path spool) {
      runs.add(spool);
      return !broken;
    }

    @Override
    public void close() {
      closed = true;
    }
  }

  private final FakeSpawner spawner = new FakeSpawner();

  private StarterPool started(int size, int maxSteps) {
    StarterPool pool = new StarterPool(size, maxSteps, spawner);
    pool.start();
    return pool;
  }

  private static Map<State, Integer> counts(int starting, int ready, int leased, int retired) {
    return Map.of(State.STARTING, starting, State.READY, ready, State.LEASED, leased, State.RETURNING, 0,
        State.RETIRED, retired);
  }

  @Test
  void start_spawnsSizeStarters_allStartingUntilTheyConnect() {
    StarterPool pool = started(2, 100);

    assertEquals(2, spawner.spawned.size());
    assertEquals(counts(2, 0, 0, 0), pool.counts());
    pool.ready(spawner.pid(0), 42, new FakeLink());
    assertEquals(counts(1, 1, 0, 0), pool.counts());
  }

  @Test
  void lease_readyStarter_isLeasedAndGetsTheStepOnItsConnection() {
    StarterPool pool = started(1, 100);
    FakeLink link = new FakeLink();
    pool.ready(spawner.pid(0), 42, link);

    StarterPool.Lease lease = pool.lease().orElseThrow();
    lease.run(Path.of("/spool/h.1.0"));

    assertEquals(spawner.pid(0), lease.pid());
    assertEquals(42, lease.startMillis());
    assertEquals(State.LEASED, pool.state(spawner.pid(0)).orElseThrow());
    assertEquals(List.of(Path.of("/spool/h.1.0")), link.runs);
  }

  @Test
  void whenGone_runsOnlyTheLastStepsCallback_onceWhenTheStarterEnds() {
    StarterPool pool = started(1, 100);
    FakeLink link = new FakeLink();
    pool.ready(spawner.pid(0), 42, link);
    List<String> settled = new ArrayList<>();
    StarterPool.Lease first = pool.lease().orElseThrow();
    first.run(Path.of("/spool/h.1.0"));
    first.whenGone(() -> settled.add("h.1.0"));
    pool.returning(spawner.pid(0));
    pool.ready(spawner.pid(0), 42, link);
    StarterPool.Lease second = pool.lease().orElseThrow();
    second.run(Path.of("/spool/h.1.1"));
    second.whenGone(() -> settled.add("h.1.1"));

    spawner.exit(0);

    assertEquals(List.of("h.1.1"), settled, "a starter that served two steps settles only the one it ran");
    second.whenGone(() -> settled.add("late"));
    assertEquals(List.of("h.1.1", "late"), settled, "a starter that has ended settles at once");
  }

  @Test
  void lease_starterNotConnectedYet_getsTheStepAsSoonAsItSaysHello() {
    StarterPool pool = started(1, 100);

    StarterPool.Lease lease = pool.lease().orElseThrow();
    lease.run(Path.of("/spool/h.1.0"));
    FakeLink link = new FakeLink();
    pool.ready(spawner.pid(0), 42, link);

    assertEquals(List.of(Path.of("/spool/h.1.0")), link.runs);
    assertEquals(State.LEASED, pool.state(spawner.pid(0)).orElseThrow());
    assertTrue(pool.lease().isEmpty(), "a starter promised to a step is not promised twice");
  }

  @Test
  void lease_helloBetweenLeaseAndRun_stepStillGoesToTheStarter() {
    StarterPool pool = started(1, 1);
    StarterPool.Lease lease = pool.lease().orElseThrow();
    FakeLink link = new FakeLink();

    pool.ready(spawner.pid(0), 42, link);
    lease.run(Path.of("/spool/h.1.0"));

    assertFalse(link.closed);
    assertEquals(List.of(Path.of("/spool/h.1.0")), link.runs);
  }

  @Test
  void lease_starterWhoseConnectionEndsOrBreaks_refusesTheStep() {
    StarterPool pool = started(2, 100);
    FakeLink ended = new FakeLink();
    FakeLink broken = new FakeLink();
    broken.broken = true;
    pool.ready(spawner.pid(0), 42, ended);
    pool.ready(spawner.pid(1), 42, broken);

    StarterPool.Lease first = pool.lease().orElseThrow();
    pool.gone(ended);
    StarterPool.Lease second = pool.lease().orElseThrow();

    assertFalse(first.run(Path.of("/spool/h.1.0")), "its connection ended after the lease");
    assertFalse(second.run(Path.of("/spool/h.1.1")), "the write failed");
    assertEquals(State.RETIRED, pool.state(spawner.pid(1)).orElseThrow());
    assertTrue(pool.lease().isEmpty());
  }

  @Test
  void lease_noneFreeButOneReturning_waitsForItInsteadOfStartingAnother() throws Exception {
    StarterPool pool = started(1, 100);
    FakeLink link = new FakeLink();
    pool.ready(spawner.pid(0), 42, link);
    pool.lease().orElseThrow().run(Path.of("/spool/h.1.0"));
    pool.returning(spawner.pid(0)); // its final record was acknowledged

    CompletableFuture<Optional<StarterPool.Lease>> next =
        CompletableFuture.supplyAsync(() -> pool.lease(Duration.ofHours(1)));
    pool.ready(spawner.pid(0), 42, link);

    assertEquals(spawner.pid(0), next.get(60, TimeUnit.SECONDS).orElseThrow().pid());
    assertEquals(State.LEASED, pool.state(spawner.pid(0)).orElseThrow());
  }

  @Test
  void lease_noneFreeAndNoneReturning_doesNotWait() throws Exception {
    StarterPool pool = started(2, 1);
    FakeLink busy = new FakeLink();
    FakeLink done = new FakeLink();
    pool.ready(spawner.pid(0), 42, busy);
    pool.ready(spawner.pid(1), 42, done);
    pool.lease().orElseThrow();
    pool.lease().orElseThrow();
    pool.returning(spawner.pid(1)); // back soon, but it has served its 1 step: it will be retired

    CompletableFuture<Optional<StarterPool.Lease>> next =
        CompletableFuture.supplyAsync(() -> pool.lease(Duration.ofHours(1)));

    assertTrue(next.get(60, TimeUnit.SECONDS).isEmpty());
  }

  @Test
  void lease_allStartersBusy_isEmptySoTheStepGetsAStarterOfItsOwn() {
    StarterPool pool = started(1, 100);
    pool.ready(spawner.pid(0), 42, new FakeLink());
    pool.lease().orElseThrow();

    assertTrue(pool.lease().isEmpty());
    assertEquals(1, spawner.spawned.size(), "a lease never starts more starters than the pool's size");
  }

  @Test
  void ready_afterAStep_returnsTheStarterToThePool() {
    StarterPool pool = started(1, 100);
    FakeLink link = new FakeLink();
    pool.ready(spawner.pid(0), 42, link);
    pool.lease().orElseThrow().run(Path.of("/spool/h.1.0"));

    pool.ready(spawner.pid(0), 42, link);

    assertEquals(State.READY, pool.state(spawner.pid(0)).orElseThrow());
    pool.lease().orElseThrow().run(Path.of("/spool/h.1.1"));
    assertEquals(List.of(Path.of("/spool/h.1.0"), Path.of("/spool/h.1.1")), link.runs);
  }

  @Test
  void ready_afterMaxSteps_retiresTheStarterAndAnotherReplacesItWhenItExits() {
    StarterPool pool = started(1, 2);
    FakeLink link = new FakeLink();
    pool.ready(spawner.pid(0), 42, link);
    for (int step = 0; step < 2; step++) {
      pool.lease().orElseThrow().run(Path.of("/spool/h.1." + step));
      pool.ready(spawner.pid(0), 42, link);
    }

    assertTrue(link.closed, "its connection is closed: the starter exits");
    assertEquals(State.RETIRED, pool.state(spawner.pid(0)).orElseThrow());
    assertTrue(pool.lease().isEmpty());
    spawner.exit(0);
    assertEquals(2, spawner.spawned.size());
    assertEquals(counts(1, 0, 0, 0), pool.counts());
  }

  @Test
  void maxStepsOne_eachStarterServesOneStep() {
    StarterPool pool = started(1, 1);
    FakeLink link = new FakeLink();
    pool.ready(spawner.pid(0), 42, link);
    pool.lease().orElseThrow().run(Path.of("/spool/h.1.0"));

    pool.ready(spawner.pid(0), 42, link);

    assertTrue(link.closed);
  }

  @Test
  void exit_ofABusyStarter_isReplaced() {
    StarterPool pool = started(1, 100);
    pool.ready(spawner.pid(0), 42, new FakeLink());
    pool.lease().orElseThrow();

    spawner.exit(0);

    assertEquals(2, spawner.spawned.size());
    assertTrue(pool.state(spawner.pid(0)).isEmpty());
    assertEquals(counts(1, 0, 0, 0), pool.counts());
  }

  @Test
  void ready_fromAStarterThePoolDidNotStart_closesItsConnection() {
    StarterPool pool = started(1, 100);
    FakeLink stranger = new FakeLink();
    FakeLink reusedPid = new FakeLink();

    pool.ready(77, 42, stranger);
    pool.ready(spawner.pid(0), 43, reusedPid);

    assertTrue(stranger.closed);
    assertTrue(reusedPid.closed, "same pid, other start time: not the process the pool started");
    assertEquals(counts(1, 0, 0, 0), pool.counts());
  }

  @Test
  void gone_connectionOfAReadyStarterEnds_itIsNotLeasedAgain() {
    StarterPool pool = started(1, 100);
    FakeLink link = new FakeLink();
    pool.ready(spawner.pid(0), 42, link);

    pool.gone(link);

    assertEquals(State.RETIRED, pool.state(spawner.pid(0)).orElseThrow());
    assertTrue(pool.lease().isEmpty());
  }

  @Test
  void close_idleStartersExitNowBusyOnesAfterTheirStep_andNoneIsStartedAgain() {
    StarterPool pool = started(2, 100);
    FakeLink idle = new FakeLink();
    FakeLink busy = new FakeLink();
    pool.ready(spawner.pid(0), 42, busy);
    pool.lease().orElseThrow().run(Path.of("/spool/h.1.0"));
    pool.ready(spawner.pid(1), 42, idle);

    pool.close();

    assertTrue(idle.closed);
    assertTrue(pool.lease().isEmpty());
    pool.ready(spawner.pid(0), 42, busy); // its step is over
    assertEquals(State.RETIRED, pool.state(spawner.pid(0)).orElseThrow());
    spawner.exit(0);
    spawner.exit(1);
    assertEquals(2, spawner.spawned.size(), "a closed pool starts nothing");
  }

  @Test
  void sizeZero_startsNothingAndLeasesNothing() {
    StarterPool pool = started(0, 100);

    assertTrue(spawner.spawned.isEmpty());
    assertTrue(pool.lease().isEmpty());
  }

  @Test
  void startersThatDieBeforeConnecting_stopThePoolFromStartingMore() {
    StarterPool pool = started(1, 100);
    for (int i = 0; i < StarterPool.MAX_FAILED_STARTS; i++) {
      spawner.exit(i);
    }

    assertEquals(StarterPool.MAX_FAILED_STARTS, spawner.spawned.size());
    assertEquals(counts(0, 0, 0, 0), pool.counts());
    assertTrue(pool.lease().isEmpty());
  }

  @Test
  void spawnFailure_leavesThePoolEmptyWithoutThrowing() {
    spawner.broken = true;
    StarterPool pool = started(2, 100);

    assertTrue(pool.lease().isEmpty());
  }

  @Test
  void badSizes_areRefused() {
    assertThrows(IllegalArgumentException.class, () -> new StarterPool(-1, 1, spawner));
    assertThrows(IllegalArgumentException.class, () -> new StarterPool(1, 0, spawner));
  }
}
