package org.openll.common.security;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class UserNamesTest {
  /** A clock tests move by hand. */
  private static final class MovableClock extends Clock {
    Instant now = Instant.parse("2026-11-25T12:00:00Z");

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
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

  @Test
  void system_rootIsRoot_unknownUidIsUidN() {
    UserNames names = UserNames.system();
    assertEquals("root", names.name(0));
    assertEquals("uid 2147000001", names.name(2147000001));
  }

  @Test
  void etcPasswd_nameOfTheUid_emptyWhenAbsent(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
    java.nio.file.Path passwd = dir.resolve("passwd");
    java.nio.file.Files.writeString(passwd, "root:x:0:0:root:/root:/bin/bash\nalice:x:1001:1001::/home/alice:/bin/sh\n"
        + "broken-line\n");
    assertEquals(Optional.of("alice"), UserNames.etcPasswd(passwd, 1001));
    assertEquals(Optional.of("root"), UserNames.etcPasswd(passwd, 0));
    assertEquals(Optional.empty(), UserNames.etcPasswd(passwd, 1002));
    assertEquals(Optional.empty(), UserNames.etcPasswd(dir.resolve("none"), 0));
  }

  @Test
  void passwdName_firstField() {
    assertEquals(Optional.of("alice"), UserNames.passwdName("alice:x:1001:1001::/home/alice:/bin/sh\n"));
    assertEquals(Optional.empty(), UserNames.passwdName(""));
  }

  @Test
  void name_lookedUpOncePerTtl() {
    AtomicInteger lookups = new AtomicInteger();
    MovableClock clock = new MovableClock();
    UserNames names = new UserNames(uid -> {
      lookups.incrementAndGet();
      return Optional.of("user" + uid);
    }, clock);
    assertEquals("user7", names.name(7));
    assertEquals("user7", names.name(7));
    assertEquals(1, lookups.get());
    clock.now = clock.now.plus(UserNames.TTL).plus(Duration.ofSeconds(1));
    assertEquals("user7", names.name(7));
    assertEquals(2, lookups.get());
  }
}
