package org.openll.starter;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Looks users up in a {@code passwd}-format file ({@code /etc/passwd} in production), then, for
 * the system's accounts, through {@code getent passwd NAME} so that NSS sources (LDAP, SSSD) count
 * too. Used by the starter (home, shell, the uid and gid to run as) and by the startd (a step
 * whose owner is unknown here is refused).
 */
public final class UserAccounts {
  /** One line of the file: the fields the starter needs. */
  public record Account(String name, int uid, int gid, String home, String shell) {}

  /** The file's accounts by name as last read, with what identified that version of the file. */
  private record Snapshot(Object fileKey, FileTime modified, long size, Map<String, Account> byName) {}

  private final Path passwdFile;
  private final String getent;
  private volatile Snapshot snapshot;

  public UserAccounts(Path passwdFile) {
    this(passwdFile, null);
  }

  private UserAccounts(Path passwdFile, String getent) {
    this.passwdFile = passwdFile;
    this.getent = getent;
  }

  /** {@code /etc/passwd}, then {@code getent} when the system has it. */
  public static UserAccounts system() {
    String getent = List.of("/usr/bin/getent", "/bin/getent").stream()
        .filter(p -> Files.isExecutable(Path.of(p))).findFirst().orElse(null);
    return new UserAccounts(Path.of("/etc/passwd"), getent);
  }

  /** The account of {@code user}, or empty when no source lists it (or none can be read). */
  public Optional<Account> find(String user) {
    if (user.isEmpty() || user.contains(":") || user.contains("\n")) {
      return Optional.empty();
    }
    try {
      Account account = accounts().get(user);
      if (account != null) {
        return Optional.of(account);
      }
    } catch (IOException e) {
      // unreadable: try getent
    }
    return getent == null ? Optional.empty() : fromGetent(user);
  }

  /**
   * The file's accounts, read again only when the file changed (another inode, time or size):
   * every step asks, in the startd and in its starter, and the file changes seldom.
   */
  private Map<String, Account> accounts() throws IOException {
    BasicFileAttributes now = Files.readAttributes(passwdFile, BasicFileAttributes.class);
    Snapshot last = snapshot;
    if (last != null && Objects.equals(last.fileKey(), now.fileKey())
        && last.modified().equals(now.lastModifiedTime()) && last.size() == now.size()) {
      return last.byName();
    }
    Map<String, Account> byName = new HashMap<>();
    for (String line : Files.readAllLines(passwdFile)) {
      int colon = line.indexOf(':');
      if (colon > 0) {
        parse(line, line.substring(0, colon)).ifPresent(account -> byName.putIfAbsent(account.name(), account));
      }
    }
    snapshot = new Snapshot(now.fileKey(), now.lastModifiedTime(), now.size(), byName);
    return byName;
  }

  /** The uid of this process (its effective uid: the owner of {@code /proc/self}), or -1 when unknown. */
  public static int currentUid() {
    try {
      return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
    } catch (IOException | UnsupportedOperationException | ClassCastException e) {
      return -1;
    }
  }

  private Optional<Account> fromGetent(String user) {
    try {
      Process process = new ProcessBuilder(getent, "passwd", "--", user)
          .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
          .redirectError(ProcessBuilder.Redirect.DISCARD).start();
      String out;
      try (InputStream in = process.getInputStream()) {
        out = new String(in.readNBytes(64 * 1024), StandardCharsets.UTF_8);
      }
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        return Optional.empty();
      }
      return process.exitValue() == 0 ? parse(out.strip(), user) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  private static Optional<Account> parse(String line, String user) {
    String[] f = line.split(":", -1);
    if (f.length < 7 || !f[0].equals(user)) {
      return Optional.empty();
    }
    try {
      return Optional.of(new Account(f[0], Integer.parseInt(f[2]), Integer.parseInt(f[3]), f[5], f[6]));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
