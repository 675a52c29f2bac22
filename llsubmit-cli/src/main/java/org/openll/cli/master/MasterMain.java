package org.openll.cli.master;

import com.beust.jcommander.JCommander;
import com.beust.jcommander.ParameterException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.openll.common.cluster.ClusterHome;
import org.openll.common.cluster.HostNames;
import org.openll.common.config.ConfigException;
import org.openll.common.config.LoadLConfig;
import org.openll.common.metrics.LogSettings;

/**
 * The master of one machine ({@code llctl start} runs it detached): writes
 * {@code run/master.pid}, runs this machine's daemons ({@link ClusterLayout#forMachine}: the whole
 * personal cluster, or the roles LoadL_config gives this host) with a
 * {@link Supervisor} (which publishes their state in {@code run/master.status}), and on SIGTERM
 * stops them all and removes the pid file.
 *
 * <p>Reads {@code RESTARTS_PER_HOUR} (10), {@code MASTER_RESTART_DELAY} (1 s),
 * {@code MASTER_STOP_GRACE} (12 s per group of daemons) and {@code MASTER_NEGOTIATOR_TIMEOUT}
 * (30 s) from LoadL_config.
 */
public final class MasterMain {
  static {
    // the stop hook below logs; log4j's own hook would otherwise shut logging down first
    System.setProperty("log4j.shutdownHookEnabled", "false");
  }

  private static final Logger LOG = LogManager.getLogger(MasterMain.class);

  private MasterMain() {}

  public static void main(String[] args) throws Exception {
    MasterOptions options = new MasterOptions();
    JCommander commander = JCommander.newBuilder().programName("openll-master").addObject(options).build();
    try {
      commander.parse(args);
    } catch (ParameterException e) {
      System.err.println("openll-master: " + e.getMessage());
      commander.usage();
      System.exit(1);
    }
    if (options.help) {
      commander.usage();
      return;
    }
    if (options.startds < 1) {
      System.err.println("openll-master: --startds must be at least 1, got " + options.startds);
      System.exit(1);
    }
    System.exit(run(options));
  }

  private static int run(MasterOptions options) throws IOException, InterruptedException {
    ClusterHome home = new ClusterHome(Path.of(options.home));
    Files.createDirectories(home.runDir());
    Files.createDirectories(home.logDir());
    Optional<ProcessHandle> other = MasterPidFile.liveMaster(home);
    if (other.isPresent() && other.get().pid() != ProcessHandle.current().pid()) {
      LOG.error("another master runs in {} (pid {})", home, other.get().pid());
      return 1;
    }
    LoadLConfig config = LoadLConfig.load(home.configFile());
    Clock clock = Clock.systemDefaultZone();
    JavaCommand java = JavaCommand.ofThisJvm(Optional.ofNullable(System.getProperty(JavaCommand.LOG_LEVEL_PROPERTY)));
    int restartsPerHour = config.getInt("RESTARTS_PER_HOUR", 10);
    LogSettings logs = LogSettings.from(config);
    List<DaemonProcess> daemons = new ArrayList<>();
    String host = options.host != null && !options.host.isBlank() ? options.host : HostNames.localName(System.getenv());
    List<DaemonSpec> specs;
    try {
      specs = ClusterLayout.forMachine(home, host, options.startds, options.cpus);
    } catch (IOException | ConfigException e) {
      LOG.error("cannot tell which daemons {} runs: {}", host, e.getMessage());
      return 1;
    }
    if (specs.isEmpty()) {
      LOG.error("LoadL_config gives {} no role (CENTRAL_MANAGER_LIST, SCHEDD_HOST, STARTD_RUNS_HERE): nothing to run", host);
      return 1;
    }
    LOG.info("{} runs {}", host, specs.stream().map(DaemonSpec::name).toList());
    try {
      MasterCertificates.ensure(home, config, host, specs, System.getProperty("user.name"), clock);
    } catch (IOException e) {
      LOG.error("cannot create the cluster's certificates in {}: {}", home.root().resolve("security"), e.getMessage());
      return 1;
    }
    DaemonAotCache aot = DaemonAotCache.forThisJvm(Optional.ofNullable(options.aotTraining).map(Path::of));
    for (DaemonSpec spec : specs) {
      // each daemon writes and rolls its own log/NAME.log; its stdout and stderr go to log/NAME.out
      Path logFile = home.logDir().resolve(spec.name() + ".log");
      List<String> flags = new ArrayList<>(spec.jvmFlags());
      flags.addAll(logs.jvmFlags(logFile));
      flags.addAll(aot.flags(spec));
      daemons.add(new DaemonProcess(spec, java.command(spec.mainClass(), flags, spec.args()),
          logFile, new RestartBudget(clock, restartsPerHour)));
    }
    Supervisor supervisor = new Supervisor(home, MasterStatusFile.of(home), daemons, clock,
        config.getDuration("MASTER_RESTART_DELAY", Duration.ofSeconds(1)),
        config.getDuration("MASTER_NEGOTIATOR_TIMEOUT", Duration.ofSeconds(30)),
        config.getDuration("MASTER_STOP_GRACE", Duration.ofSeconds(12)));

    MasterPidFile.write(home, ProcessHandle.current().pid());
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      LOG.info("stopping the daemons in {}", home);
      supervisor.stop();
      MasterPidFile.delete(home);
      LOG.info("master stopped");
      stopped.countDown();
      LogManager.shutdown();
    }, "master-stop"));
    LOG.info("master (pid {}) starting {} daemons in {}", ProcessHandle.current().pid(), daemons.size(), home);
    supervisor.start();
    stopped.await();
    return 0;
  }
}
