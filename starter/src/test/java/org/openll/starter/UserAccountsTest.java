package org.openll.starter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UserAccountsTest {
  @TempDir Path dir;

  @Test
  void find_readsTheFile_andSeesItChangeInPlaceOrReplaced() throws IOException {
    Path passwd = dir.resolve("passwd");
    Files.writeString(passwd, "root:x:0:0:root:/root:/bin/bash\nalice:x:1001:1001::/home/alice:/bin/sh\n");
    UserAccounts accounts = new UserAccounts(passwd);

    assertEquals(Optional.of(new UserAccounts.Account("alice", 1001, 1001, "/home/alice", "/bin/sh")), accounts.find("alice"));
    assertTrue(accounts.find("bob").isEmpty());

    Files.writeString(passwd, "bob:x:1002:1002::/home/bob:/bin/sh\n", java.nio.file.StandardOpenOption.APPEND);
    assertEquals(1002, accounts.find("bob").orElseThrow().uid());

    Path next = dir.resolve("passwd.new"); // as useradd and vipw do: a new file renamed over the old
    Files.writeString(next, "alice:x:2001:2001::/home/alice2:/bin/sh\n");
    Files.move(next, passwd, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    assertEquals(2001, accounts.find("alice").orElseThrow().uid());
    assertTrue(accounts.find("bob").isEmpty());
  }

  @Test
  void find_theFirstLineOfANameCounts_malformedLinesAndNamesAreSkipped() throws IOException {
    Path passwd = dir.resolve("passwd");
    Files.writeString(passwd, "carol:x:notanumber:1::/h:/bin/sh\nshort:x:1\ncarol:x:7:7::/home/c:/bin/sh\n"
        + "carol:x:8:8::/home/other:/bin/sh\n");
    UserAccounts accounts = new UserAccounts(passwd);

    assertEquals(7, accounts.find("carol").orElseThrow().uid());
    assertTrue(accounts.find("short").isEmpty());
    assertTrue(accounts.find("carol:x").isEmpty());
    assertTrue(accounts.find("").isEmpty());
  }
}
