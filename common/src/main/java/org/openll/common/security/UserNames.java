package org.openll.common.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/**
 * The login name of a uid, from the passwd database through {@code getent passwd UID} (so LDAP and
 * SSSD accounts resolve too); a uid without an account is {@code uid N}. Answers are kept for
 * {@link #TTL}, so a busy socket costs one lookup per user and minute; at most {@link #MAX_CACHED}
 * uids are kept. Thread-safe.
 */
public final class UserNames {
  static final Duration TTL = Duration.ofMinutes(1);
  static final int MAX_CACHED = 1024;

  private record Cached(String name, Instant until) {}

  private final IntFunction<Optional<String>> lookup;
  private final Clock clock;
  private final ConcurrentHashMap<Integer, Cached> cache = new ConcurrentHashMap<>();

  UserNames(IntFunction<Optional<String>> lookup, Clock clock) {
    this.lookup = lookup;
    this.clock = clock;
  }

  /** Names from {@code getent passwd}. */
  public static UserNames system() {
    return new UserNames(UserNames::getent, Clock.systemUTC());
  }

  /** The login name of {@code uid}, or {@code uid N} when it has none. */
  public String name(int uid) {
    Instant now = clock.instant();
    Cached cached = cache.get(uid);
    if (cached != null && now.isBefore(cached.until())) {
      return cached.name();
    }
    String name = lookup.apply(uid).orElse("uid " + uid);
    if (cache.size() >= MAX_CACHED) {
      cache.clear();
    }
    cache.put(uid, new Cached(name, now.plus(TTL)));
    return name;
  }

  /** The first field of {@code getent passwd UID}'s line; empty when there is no such account. */
  static Optional<String> getent(int uid) {
    try {
      Process process = new ProcessBuilder("getent", "passwd", Integer.toString(uid))
          .redirectError(ProcessBuilder.Redirect.DISCARD).start();
      String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        return Optional.empty();
      }
      return process.exitValue() == 0 ? passwdName(out) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  /** The name field of a passwd line ({@code alice:x:1001:1001::/home/alice:/bin/sh}). */
  static Optional<String> passwdName(String line) {
    int colon = line.indexOf(':');
    return colon > 0 ? Optional.of(line.substring(0, colon).strip()) : Optional.empty();
  }
}
