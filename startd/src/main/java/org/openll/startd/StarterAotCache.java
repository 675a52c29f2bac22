package org.openll.startd;

import java.io.IOException;
import java.io.InputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openll.api.v1.StartdToStarter;
import org.openll.api.v1.StarterToStartd;
import org.openll.api.v1.StarterLaunch;
import org.openll.api.v1.StepLaunch;
import org.openll.api.v1.StepSpec;
import org.openll.common.aot.AotCacheFile;
import org.openll.common.aot.TrainingScratch;

/**
 * Builds the starter JVM's JDK AOT cache ({@link AotCacheFile} {@value #NAME}): the classes a
 * starter loads, linked and initialised by a training run at {@code ./openll build}, mapped at its
 * start. A missing cache means no AOT flags; a corrupt one is refused by the JVM, which then starts
 * without it.
 */
public final class StarterAotCache {
  static final String NAME = "starter";
  private static final long TRAINING_DEADLINE_SECONDS = 300;

  private StarterAotCache() {}

  /** The cache file for the starter class path {@code entries} run by the JDK at {@code javaHome}. */
  static Optional<Path> expectedFile(Path javaHome, List<String> entries) {
    return AotCacheFile.expected(NAME, javaHome, entries, List.of());
  }

  /** The cache a starter of JDK feature release {@code feature} should use: the expected file when it exists. */
  static Optional<Path> select(int feature, Path javaHome, List<String> entries) {
    return AotCacheFile.select(feature, NAME, javaHome, entries, List.of());
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
    if (feature < AotCacheFile.FIRST_FEATURE || cache.isEmpty()) {
      System.out.println("openll: no starter AOT cache (JDK " + feature + ", class path " + entries + ")");
      return;
    }
    Path file = cache.get();
    Files.createDirectories(file.getParent());
    AotCacheFile.removeOthers(file, NAME);
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    try (TrainingScratch scratch = TrainingScratch.create("openll-starter-aot");
        TrainingStartd startd = TrainingStartd.listen(scratch.resolve("startd.sock"))) {
      Path spool = Files.createDirectories(scratch.resolve("spool"));
      try (OutputStream out = Files.newOutputStream(spool.resolve("launch.pb"))) {
        trainingLaunch(scratch.path()).writeDelimitedTo(out);
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
}
