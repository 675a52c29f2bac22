package org.openll.common.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.stream.Stream;

/**
 * The login name of a uid: from {@code /etc/passwd}, else through {@code getent passwd UID} (so LDAP
 * and SSSD accounts resolve too, at the cost of a process); a uid without an account is {@code uid N}. Answers are kept for
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

  /** Names from {@code /etc/passwd}, else {@code getent passwd}. */
  public static UserNames system() {
    return new UserNames(uid -> etcPasswd(Path.of("/etc/passwd"), uid).or(() -> getent(uid)), Clock.systemUTC());
  }

  /** The name of {@code uid} in a passwd file ({@code name:x:uid:gid:...}); empty when absent or unreadable. */
  static Optional<String> etcPasswd(Path file, int uid) {
    try (Stream<String> lines = Files.lines(file)) {
      String wanted = Integer.toString(uid);
      return lines.map(line -> line.split(":", 4))
          .filter(fields -> fields.length >= 3 && fields[2].equals(wanted) && !fields[0].isEmpty())
          .map(fields -> fields[0]).findFirst();
    } catch (IOException | java.io.UncheckedIOException e) {
      return Optional.empty();
    }
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
