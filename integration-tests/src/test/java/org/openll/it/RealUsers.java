package org.openll.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openll.starter.UserAccounts;

/**
 * Real accounts for tests that run as root (CI does): {@link #create} adds a user with
 * {@code useradd} (a unique name, its home under a given folder, a group of its name),
 * {@link #runAs} runs a command as that user through util-linux {@code setpriv}, and {@link #close}
 * removes every user it created, homes included, even after a failed test.
 */
final class RealUsers implements AutoCloseable {
  private static final Duration COMMAND_DEADLINE = Duration.ofSeconds(60);
  private final List<String> created = new ArrayList<>();
  private final String suffix = Integer.toString(10000 + new Random().nextInt(89999));

  /** A user this fixture created. */
  record User(String name, Path home) {}

  /** Whether this JVM runs as root, which creating users needs. */
  static boolean root() {
    return UserAccounts.currentUid() == 0;
  }

  /** Creates user {@code prefix + a number unique to this fixture}, its home in {@code homes}. */
  User create(String prefix, Path homes) throws IOException, InterruptedException {
    String name = prefix + suffix;
    Path home = homes.resolve(name);
    String out = exec("useradd", "--create-home", "--home-dir", home.toString(), "--shell", "/bin/sh",
        "--user-group", name);
    if (!Files.isDirectory(home)) {
      throw new AssertionError("useradd " + name + " failed: " + out);
    }
    created.add(name);
    return new User(name, home);
  }

  /**
   * The repository's {@code bin/} and {@code lib/} copied to {@code root/openll}, readable and
   * runnable by every user, with {@code root} made passable: a clone may sit in a folder only its
   * owner may enter (a {@code mktemp -d} folder, {@code /root}), yet the users run the real commands.
   * Returns the copy's {@code bin/}.
   */
  static Path commandsEveryoneMayRun(Path repository, Path root) throws IOException {
    Path copy = root.resolve("openll");
    for (String folder : List.of("bin", "lib")) {
      Path from = repository.resolve(folder);
      try (java.util.stream.Stream<Path> tree = Files.walk(from)) {
        for (Path file : tree.toList()) {
          Path to = copy.resolve(folder).resolve(from.relativize(file).toString());
          if (Files.isDirectory(file)) {
            Files.createDirectories(to);
          } else {
            Files.copy(file, to, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES); // mtimes: the AOT caches' keys
          }
          java.util.Set<java.nio.file.attribute.PosixFilePermission> mode = new java.util.HashSet<>(
              Files.getPosixFilePermissions(to));
          mode.addAll(java.nio.file.attribute.PosixFilePermissions.fromString("r--r--r--"));
          if (Files.isDirectory(to) || mode.contains(java.nio.file.attribute.PosixFilePermission.OWNER_EXECUTE)) {
            mode.addAll(java.nio.file.attribute.PosixFilePermissions.fromString("--x--x--x"));
          }
          Files.setPosixFilePermissions(to, mode);
        }
      }
    }
    for (Path dir : List.of(copy, root)) {
      java.util.Set<java.nio.file.attribute.PosixFilePermission> mode = new java.util.HashSet<>(
          Files.getPosixFilePermissions(dir));
      mode.addAll(java.nio.file.attribute.PosixFilePermissions.fromString("--x--x--x"));
      Files.setPosixFilePermissions(dir, mode);
    }
    return copy.resolve("bin");
  }

  /** Gives {@code path} (recursively) to {@code user} and their group. */
  static void chown(Path path, User user) throws IOException, InterruptedException {
    exec("chown", "-R", user.name() + ":" + user.name(), path.toString());
  }

  /**
   * Runs {@code command} as {@code user} (uid, gid and supplementary groups) in {@code dir}, with
   * exactly {@code env} as its environment; fails the test when it outlasts the deadline.
   */
  static CommandResult runAs(User user, Map<String, String> env, Path dir, String... command)
      throws IOException, InterruptedException {
    List<String> line = new ArrayList<>(List.of("/usr/bin/setpriv", "--reuid=" + user.name(),
        "--regid=" + user.name(), "--init-groups", "--"));
    line.addAll(List.of(command));
    Path out = Files.createTempFile("realuser", ".out");
    Path err = Files.createTempFile("realuser", ".err");
    try {
      ProcessBuilder builder = new ProcessBuilder(line).directory(dir.toFile())
          .redirectOutput(out.toFile()).redirectError(err.toFile());
      builder.environment().clear();
      builder.environment().putAll(env);
      Process process = builder.start();
      if (!process.waitFor(COMMAND_DEADLINE.toSeconds(), TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError(String.join(" ", command) + " as " + user.name() + " did not end within "
            + COMMAND_DEADLINE + "; stderr: " + Files.readString(err));
      }
      return new CommandResult(process.exitValue(), Files.readString(out), Files.readString(err));
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }

  @Override
  public void close() throws IOException, InterruptedException {
    for (String user : created) {
      exec("userdel", "-r", user); // also its home; mail spool warnings do not matter
    }
  }

  /** Runs a command; returns its output (stdout and stderr), with its exit code when it failed. */
  static String exec(String... command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    int code = process.waitFor();
    return code == 0 ? out : out + " (exit " + code + ")";
  }
}
