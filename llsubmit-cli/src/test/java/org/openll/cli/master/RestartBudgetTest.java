package org.openll.cli.master;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class RestartBudgetTest {
  /** A clock the test moves by hand. */
  private static final class FakeClock extends Clock {
    Instant now = Instant.parse("2026-01-01T00:00:00Z");

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public ZoneId getZone() {
      return ZoneId.of("UTC");
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  private final FakeClock clock = new FakeClock();

  @Test
  void tryRestart_withinTheLimit_allows() {
    RestartBudget budget = new RestartBudget(clock, 3);

    assertTrue(budget.tryRestart());
    assertTrue(budget.tryRestart());
    assertTrue(budget.tryRestart());
  }

  @Test
  void tryRestart_overTheLimitInAnHour_refuses() {
    RestartBudget budget = new RestartBudget(clock, 2);
    budget.tryRestart();
    clock.advance(Duration.ofMinutes(30));
    budget.tryRestart();
    clock.advance(Duration.ofMinutes(29));

    assertFalse(budget.tryRestart());
  }

  @Test
  void tryRestart_anHourAfterTheOldest_allowsAgain() {
    RestartBudget budget = new RestartBudget(clock, 2);
    budget.tryRestart();
    clock.advance(Duration.ofMinutes(30));
    budget.tryRestart();
    clock.advance(Duration.ofMinutes(30));

    assertTrue(budget.tryRestart());
    assertFalse(budget.tryRestart());
  }

  @Test
  void tryRestart_zeroPerHour_neverAllows() {
    assertFalse(new RestartBudget(clock, 0).tryRestart());
  }

  @Test
  void restartsInLastHour_afterAnHour_forgetsTheOldest() {
    RestartBudget budget = new RestartBudget(clock, 5);
    budget.tryRestart();
    clock.advance(Duration.ofMinutes(40));
    budget.tryRestart();
    assertEquals(2, budget.restartsInLastHour());

    clock.advance(Duration.ofMinutes(20));

    assertEquals(1, budget.restartsInLastHour());
  }
}
