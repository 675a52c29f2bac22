package org.openll.startd;

import java.io.IOException;
import java.io.InputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openll.api.v1.StartdToStarter;
import org.openll.api.v1.StarterToStartd;
import org.openll.api.v1.StarterLaunch;
import org.openll.api.v1.StepLaunch;
import org.openll.api.v1.StepSpec;

/**
 * The starter JVM's JDK AOT cache (JDK 25+, docs/performance.md): the classes a starter loads,
 * linked and initialised by a training run at {@code ./openll build}, mapped at its start. It lives
 * in {@code aot/} next to the starter's jars and is named {@code starter-KEY.aot}, KEY a hash of the
 * JDK (its real home and {@code release} file) and of each starter jar's name, size and mtime:
 * JDK 25.0.3 can silently use a stale cache after a jar changed, so a cache of other jars or of
 * another JDK is never even named. Without jars (Maven's {@code target/classes}) there is no cache.
 * A missing cache means no AOT flags; a corrupt one is refused by the JVM, which then starts
 * without it ({@code -XX:AOTMode=auto}) and silently (its AOT logging is off: stdout is the
 * starter's protocol in pipe mode).
 */
public final class StarterAotCache {
  /** The first JDK feature release with {@code -XX:AOTCache}. */
  static final int FIRST_FEATURE = 25;
  static final String FOLDER = "aot";
  static final String PREFIX = "starter-";
  static final String SUFFIX = ".aot";
  private static final long TRAINING_DEADLINE_SECONDS = 300;

  private StarterAotCache() {}

  /**
   * The cache file for the starter class path {@code entries} run by the JDK at {@code javaHome}
   * (whether it exists or not), or empty when an entry is not a jar file.
   */
  static Optional<Path> expectedFile(Path javaHome, List<String> entries) {
    if (entries.isEmpty()) {
      return Optional.empty();
    }
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      Path home = javaHome.toRealPath();
      digest.update((home + "\n").getBytes(StandardCharsets.UTF_8));
      Path release = home.resolve("release");
      if (Files.isRegularFile(release)) {
        digest.update(Files.readAllBytes(release));
      }
      for (String entry : entries) {
        Path jar = Path.of(entry);
        if (!entry.endsWith(".jar") || !Files.isRegularFile(jar)) {
          return Optional.empty();
        }
        digest.update((jar.getFileName() + " " + Files.size(jar) + " "
            + Files.getLastModifiedTime(jar).toMillis() / 1000 + "\n").getBytes(StandardCharsets.UTF_8));
      }
      String key = HexFormat.of().formatHex(digest.digest(), 0, 8);
      Path folder = Path.of(entries.get(0)).toAbsolutePath().getParent().resolve(FOLDER);
      return Optional.of(folder.resolve(PREFIX + key + SUFFIX));
    } catch (IOException e) {
      return Optional.empty();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  /** The cache a starter of JDK feature release {@code feature} should use: the expected file when it exists. */
  static Optional<Path> select(int feature, Path javaHome, List<String> entries) {
    if (feature < FIRST_FEATURE) {
      return Optional.empty();
    }
    return expectedFile(javaHome, entries).filter(Files::isRegularFile);
  }

  /** The JVM flags that use {@code cache}, or start without it when the JVM refuses it. */
  static List<String> useFlags(Path cache) {
    return List.of("-XX:AOTMode=auto", "-XX:AOTCache=" + cache, "-Xlog:aot*=off", "-Xlog:cds*=off");
  }

  /**
   * Builds the cache for this JVM and the starter jars on its class path by a training run of the
   * starter in socket mode (as the startd runs it) on a step of {@code /bin/true}; removes the other starter caches of the
   * folder. Prints one line and exits 0 even when no cache could be built: starters then start
   * without one.
   */
  public static void main(String[] args) throws Exception {
    int feature = Runtime.version().feature();
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    List<String> entries = StarterCommand.starterEntries(System.getProperty("java.class.path"));
    Optional<Path> cache = expectedFile(Path.of(System.getProperty("java.home")), entries);
    if (feature < FIRST_FEATURE || cache.isEmpty()) {
      System.out.println("openll: no starter AOT cache (JDK " + feature + ", class path " + entries + ")");
      return;
    }
    Path file = cache.get();
    Files.createDirectories(file.getParent());
    try (DirectoryStream<Path> old = Files.newDirectoryStream(file.getParent(), PREFIX + "*")) {
      for (Path stale : old) {
        Files.deleteIfExists(stale);
      }
    }
    Path scratch = Files.createTempDirectory("openll-starter-aot");
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    try (TrainingStartd startd = TrainingStartd.listen(scratch.resolve("startd.sock"))) {
      Path spool = Files.createDirectories(scratch.resolve("spool"));
      try (OutputStream out = Files.newOutputStream(spool.resolve("launch.pb"))) {
        trainingLaunch(scratch).writeDelimitedTo(out);
      }
      List<String> command = new ArrayList<>(StarterCommand.of(java, System.getProperty("java.class.path"), feature)
          .command());
      command.removeIf(flag -> flag.startsWith("-XX:AOT") || flag.startsWith("-Xshare") || flag.startsWith("-Xlog"));
      command.add(1, "-XX:AOTCacheOutput=" + tmp);
      command.add(2, "-Xlog:aot*=off");
      command.add(3, "-Xlog:cds*=off");
      command.add(spool.toString());
      Process training = new ProcessBuilder(command).redirectInput(Path.of("/dev/null").toFile())
          .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD).start();
      if (!training.waitFor(TRAINING_DEADLINE_SECONDS, TimeUnit.SECONDS)) {
        training.destroyForcibly();
      }
      if (Files.isRegularFile(tmp)) {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        System.out.println("openll: starter AOT cache " + file);
      } else {
        System.out.println("openll: could not build the starter AOT cache; starters start without one");
      }
    } finally {
      Files.deleteIfExists(tmp);
      deleteTree(scratch);
    }
  }

  /**
   * A launch of {@code /bin/true} by this user in socket mode, as the startd launches, with its
   * spool, notifications and the startd's socket under {@code scratch}.
   */
  static StarterLaunch trainingLaunch(Path scratch) {
    StepSpec spec = StepSpec.newBuilder().setStepName("0").setExecutable("/bin/true").setInput("/dev/null")
        .setOutput("/dev/null").setError("/dev/null").setInitialdir(scratch.toString()).setJobClass("No_Class")
        .build();
    StepLaunch step = StepLaunch.newBuilder().setStepId("aot.1.0").setJobName("aot.1")
        .setOwner(System.getProperty("user.name")).setSpec(spec).setScheddHost("localhost").build();
    return StarterLaunch.newBuilder().setStep(step).setMachine("localhost")
        .setSpoolDir(scratch.resolve("spool").toString()).setContainment("proc")
        .setNotifyDir(scratch.resolve("notify").toString()).setStartdSocket(scratch.resolve("startd.sock").toString())
        .setFinalLingerMillis(5000).build();
  }

  /** The training run's startd: acknowledges every event on its socket so the starter exits at once. */
  private static final class TrainingStartd implements AutoCloseable {
    private final ServerSocketChannel server;

    private TrainingStartd(ServerSocketChannel server) {
      this.server = server;
    }

    static TrainingStartd listen(Path socket) throws IOException {
      ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
      server.bind(UnixDomainSocketAddress.of(socket));
      TrainingStartd startd = new TrainingStartd(server);
      Thread.ofPlatform().daemon().start(startd::accept);
      return startd;
    }

    private void accept() {
      try {
        while (true) {
          SocketChannel connection = server.accept();
          Thread.ofPlatform().daemon().start(() -> serve(connection));
        }
      } catch (IOException closed) {
        // close() ends the training
      }
    }

    private static void serve(SocketChannel connection) {
      try (connection; InputStream in = Channels.newInputStream(connection);
          OutputStream out = Channels.newOutputStream(connection)) {
        long acknowledged = 0;
        StarterToStartd message;
        while ((message = StarterToStartd.parseDelimitedFrom(in)) != null) {
          acknowledged = Math.max(acknowledged, message.getSequence());
          StartdToStarter.newBuilder().setAcknowledged(acknowledged).build().writeDelimitedTo(out);
          out.flush();
        }
      } catch (IOException broken) {
        // the starter exited
      }
    }

    @Override
    public void close() throws IOException {
      server.close();
    }
  }

  private static void deleteTree(Path root) throws IOException {
    try (var paths = Files.walk(root)) {
      for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }
}
