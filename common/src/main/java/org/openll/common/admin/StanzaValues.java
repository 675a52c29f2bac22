package org.openll.common.admin;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.openll.api.v1.Limit;
import org.openll.api.v1.ResourceRequest;
import org.openll.common.config.ConfigException;

/**
 * Typed reads of one stanza's keywords (its type's default stanza already merged in). A value that
 * does not parse is a {@link ConfigException} {@code "<file>:<line>: <type> <label>: <keyword> =
 * <value>: <why>"}, the line being the one the keyword is written on.
 */
final class StanzaValues {
  private final String source;
  private final AdminFile.Stanza stanza;

  StanzaValues(String source, AdminFile.Stanza stanza) {
    this.source = source;
    this.stanza = stanza;
  }

  String label() {
    return stanza.label();
  }

  Map<String, String> keywords() {
    return stanza.keywords();
  }

  /** An integer keyword, any sign. */
  int integer(String keyword, int absent) {
    return read(keyword, absent, v -> (int) number(v, Integer.MIN_VALUE, Integer.MAX_VALUE));
  }

  /** A count limit: {@code -1} ({@link Unlimited#VALUE}) or more; unlimited when absent. */
  int count(String keyword) {
    return read(keyword, Unlimited.VALUE, v -> {
      long n = number(v, Long.MIN_VALUE, Long.MAX_VALUE);
      if (n < Unlimited.VALUE || n > Integer.MAX_VALUE) {
        throw new IllegalArgumentException("expected -1 (unlimited) or a count from 0");
      }
      return (int) n;
    });
  }

  /** A non-negative number. */
  long nonNegative(String keyword, long absent) {
    return read(keyword, absent, v -> {
      long n = number(v, Long.MIN_VALUE, Long.MAX_VALUE);
      if (n < 0) {
        throw new IllegalArgumentException("must not be negative");
      }
      return n;
    });
  }

  /** A blank- or comma-separated list of names, in the order written. */
  List<String> names(String keyword) {
    return read(keyword, List.of(), v -> Arrays.stream(v.split("[\\s,]+")).filter(w -> !w.isEmpty()).toList());
  }

  String text(String keyword, String absent) {
    return read(keyword, absent, v -> v);
  }

  /** A {@code hard[,soft]} limit, times in seconds or sizes in bytes. */
  Optional<Limit> limit(String keyword, boolean time) {
    return Optional.ofNullable(read(keyword, null, v -> ClassLimits.parseLimit(v, time)));
  }

  List<ResourceRequest> resources(String keyword) {
    return read(keyword, List.of(), ResourceCounts::requests);
  }

  Map<String, Long> resourceCounts(String keyword) {
    return read(keyword, Map.of(), ResourceCounts::parse);
  }

  private <T> T read(String keyword, T absent, Function<String, T> reader) {
    Optional<String> value = stanza.get(keyword);
    if (value.isEmpty() || value.get().isBlank()) {
      return absent;
    }
    try {
      return reader.apply(value.get());
    } catch (IllegalArgumentException e) {
      throw new ConfigException(source + ":" + stanza.lineOf(keyword) + ": " + stanza.type() + " " + stanza.label()
          + ": " + keyword + " = " + value.get() + ": " + e.getMessage());
    }
  }

  private static long number(String text, long min, long max) {
    long n;
    try {
      n = Long.parseLong(text.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not a number");
    }
    if (n < min || n > max) {
      throw new IllegalArgumentException("out of range");
    }
    return n;
  }
}
