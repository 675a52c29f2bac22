package org.openll.negotiator;

import java.time.Duration;
import org.openll.common.config.LoadLConfig;

/**
 * The negotiator's intervals, from {@code LoadL_config}.
 *
 * @param interval {@code NEGOTIATOR_INTERVAL}: period of the negotiation cycle (default 1 s)
 * @param machineTimeout {@code MACHINE_TIMEOUT}: a startd silent this long is down (default
 *     3 × {@code MACHINE_UPDATE_INTERVAL}, which defaults to 2 s)
 * @param reservationGrace {@code NEGOTIATOR_RESERVATION_GRACE}: how long the reservations of a
 *     schedd whose session ended are kept for it to reconnect and release them (default 30 s)
 * @param changeDelay {@code NEGOTIATOR_CHANGE_DELAY}: delay of the extra cycle that follows a
 *     change, so a burst of changes gives one cycle (default 2 ms: at 20 ms the slots of a stream
 *     of short steps stood idle a fifth of the time, docs/performance.md; a slow cycle also delays
 *     the next one, {@code CycleRunner})
 * @param machineLostTimeout {@code MACHINE_LOST_TIMEOUT}: a startd silent this long is lost and
 *     the schedds vacate its steps (default 3 × {@code MACHINE_TIMEOUT}; never less than it)
 */
public record NegotiatorSettings(Duration interval, Duration machineTimeout, Duration reservationGrace,
    Duration changeDelay, Duration machineLostTimeout) {
  public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(1);
  public static final Duration DEFAULT_MACHINE_UPDATE_INTERVAL = Duration.ofSeconds(2);
  public static final Duration DEFAULT_RESERVATION_GRACE = Duration.ofSeconds(30);
  public static final Duration DEFAULT_CHANGE_DELAY = Duration.ofMillis(2);

  public NegotiatorSettings {
    requirePositive("NEGOTIATOR_INTERVAL", interval);
    requirePositive("MACHINE_TIMEOUT", machineTimeout);
    if (machineLostTimeout.compareTo(machineTimeout) < 0) {
      throw new IllegalArgumentException("MACHINE_LOST_TIMEOUT must not be less than MACHINE_TIMEOUT, got "
          + machineLostTimeout + " < " + machineTimeout);
    }
    if (reservationGrace.isNegative() || changeDelay.isNegative()) {
      throw new IllegalArgumentException("NEGOTIATOR_RESERVATION_GRACE and NEGOTIATOR_CHANGE_DELAY must not be negative");
    }
  }

  /** Settings with the default {@code MACHINE_LOST_TIMEOUT} (3 × {@code machineTimeout}). */
  public NegotiatorSettings(Duration interval, Duration machineTimeout, Duration reservationGrace, Duration changeDelay) {
    this(interval, machineTimeout, reservationGrace, changeDelay, machineTimeout.multipliedBy(3));
  }

  public static NegotiatorSettings from(LoadLConfig config) {
    Duration update = config.getDuration("MACHINE_UPDATE_INTERVAL", DEFAULT_MACHINE_UPDATE_INTERVAL);
    Duration timeout = config.getDuration("MACHINE_TIMEOUT", update.multipliedBy(3));
    return new NegotiatorSettings(
        config.getDuration("NEGOTIATOR_INTERVAL", DEFAULT_INTERVAL),
        timeout,
        config.getDuration("NEGOTIATOR_RESERVATION_GRACE", DEFAULT_RESERVATION_GRACE),
        config.getDuration("NEGOTIATOR_CHANGE_DELAY", DEFAULT_CHANGE_DELAY),
        config.getDuration("MACHINE_LOST_TIMEOUT", timeout.multipliedBy(3)));
  }

  private static void requirePositive(String keyword, Duration value) {
    if (value.isZero() || value.isNegative()) {
      throw new IllegalArgumentException(keyword + " must be positive, got " + value);
    }
  }
}
