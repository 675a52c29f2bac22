package org.openll.cli;

import com.beust.jcommander.Parameter;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.openll.api.v1.DaemonControlGrpc;
import org.openll.api.v1.MachineStatus;
import org.openll.api.v1.ReconfigRequest;
import org.openll.api.v1.ReconfigResponse;
import org.openll.api.v1.StatusRequest;
import org.openll.cli.format.JsonDocument;
import org.openll.cli.master.DaemonSpec;
import org.openll.cli.master.DaemonState;
import org.openll.cli.master.JavaCommand;
import org.openll.cli.master.HomeProcesses;
import org.openll.cli.master.MasterPidFile;
import org.openll.cli.master.MasterStatusFile;
import org.openll.cli.master.ProcessTrees;
import org.openll.cli.master.Waits;
import org.openll.common.cluster.ClusterHome;
import org.openll.common.cluster.HostNames;

/**
 * {@code llctl [-h MACHINE]... start [--startds N] [--cpus N] [--timeout S] | stop | status [--json] | reconfig |
 * drain [schedd|startd [classlist|allclasses]] | resume [...] | flush | purge MACHINE... | ca init |
 * cert issue --machine NAME [--role R] [--san NAME]... | token issue --user U [--lifetime D] [--output FILE] |
 * whoami [DAEMON]}: controls this machine's personal cluster in {@code $OPENLL_HOME}; {@code ca},
 * {@code cert} and {@code token} manage the cluster CA and what it signs ({@link LlCtlCertificates});
 * {@code whoami} prints who a daemon takes this user to be, and how it knows.
 *
 * <ul>
 *   <li>start launches the master detached ({@code setsid}, output to {@code log/master.log}) and
 *       returns once every daemon answers its health check and the negotiator sees every startd.
 *   <li>stop sends the master SIGTERM and waits until it and its descendants are gone; SIGKILL
 *       at the deadline. Stopping a stopped cluster succeeds.
 *   <li>status prints the master's pid and each daemon's address, health and (from the master's
 *       {@code run/master.status}) restarts in the last hour, plus a line for each daemon the
 *       master gave up restarting; exit 1 when the master does not run.
 *   <li>reconfig asks every daemon that published an address (negotiator, schedd, each startd) to
 *       reread LoadL_config and LoadL_admin, and prints one line per daemon: what changed, or why
 *       it refused (the file and line) or could not be reached; exit 1 when any did not reconfigure.
 * </ul>
 */
public final class LlCtlCommand implements Command {
  static final String NAME = "llctl";
  static final String MASTER_MAIN = "org.openll.cli.master.MasterMain";
  private static final Duration POLL = Duration.ofMillis(200);
  private static final Duration STOP_DEADLINE = Duration.ofSeconds(30);
  private static final Duration HEALTH_DEADLINE = Duration.ofSeconds(2);

  static final class Options {
    @Parameter(description = "start | stop | status | reconfig | drain [schedd|startd [classlist|allclasses]]"
        + " | resume [schedd|startd [classlist|allclasses]] | flush | purge MACHINE... | ca init"
        + " | cert issue --machine NAME [--role R] [--san NAME]..."
        + " | token issue --user U [--lifetime D] [--output FILE] | whoami [DAEMON]")
    List<String> action = new ArrayList<>();

    @Parameter(names = "-h", description = "drain, resume, flush: address the startd of this machine only"
        + " (e.g. HOST-2; repeatable)")
    List<String> hosts = new ArrayList<>();

    @Parameter(names = "-g", description = "every machine: the default of a personal cluster (LoadLeveler's flag)")
    boolean global;

    @Parameter(names = "--json", description = "status: one JSON document")
    boolean json;

    @Parameter(names = "--startds", description = "start: how many startds to run on this machine (default 1)")
    int startds = 1;

    @Parameter(names = "--cpus", description = "start: CPUs each startd offers (default: the machine's)")
    int cpus;

    @Parameter(names = "--host", description = "start: this machine's name for LoadL_config's roles (default $LOADL_HOST, else the host name)")
    String host;

    @Parameter(names = "--machine", description = "cert issue: the machine (the user for --role client) the certificate names")
    String machine;

    @Parameter(names = "--role", description = "cert issue: negotiator, schedd, startd (default) or client")
    String role = "startd";

    @Parameter(names = "--san", description = "cert issue: another DNS name or IP address the daemon is reached at (repeatable)")
    List<String> sans = new ArrayList<>();

    @Parameter(names = "--user", description = "token issue: the user the token names")
    String user;

    @Parameter(names = "--lifetime", description = "token issue: how long the token is valid: 30d (default), 12h, 90m, 3600s")
    String lifetime;

    @Parameter(names = "--output", description = "token issue: write the token to this file (0600) instead of printing it")
    String output;

    @Parameter(names = "--timeout", description = "start: seconds to wait for every daemon to be up (default 60)")
    int timeoutSeconds = 60;
  }

  @Override
  public int run(String[] args, CliContext context) throws CommandFailure, UsageException {
    Options options = new Options();
    Flags.parse(NAME, options, args);
    Flags.rejectUnknownFlags(NAME, options, options.action);
    if (options.action.isEmpty()) {
      throw Flags.usageError(NAME, options, "give one of start, stop, status, reconfig, drain, resume, flush, purge");
    }
    String action = options.action.get(0);
    List<String> words = options.action.subList(1, options.action.size());
    switch (action) {
      case "ca" -> {
        if (!words.equals(List.of("init"))) {
          throw Flags.usageError(NAME, options, "use: llctl ca init");
        }
        return new LlCtlCertificates(context).initCa();
      }
      case "cert" -> {
        if (!words.equals(List.of("issue"))) {
          throw Flags.usageError(NAME, options, "use: llctl cert issue --machine NAME [--role R] [--san NAME]...");
        }
        return new LlCtlCertificates(context).issue(options.machine, options.role, options.sans);
      }
      case "token" -> {
        if (!words.equals(List.of("issue"))) {
          throw Flags.usageError(NAME, options, "use: llctl token issue --user U [--lifetime D] [--output FILE]");
        }
        return new LlCtlCertificates(context).issueToken(options.user, options.lifetime, options.output);
      }
      case "whoami" -> {
        if (words.size() > 1) {
          throw Flags.usageError(NAME, options, "use: llctl whoami [negotiator|schedd|startd-MACHINE]");
        }
        return whoami(context, words.isEmpty() ? "schedd" : words.get(0));
      }
      case "drain", "resume", "flush" -> {
        if (options.global && !options.hosts.isEmpty()) {
          throw Flags.usageError(NAME, options, "give -g or -h, not both");
        }
        LlCtlTargets targets = LlCtlTargets.parse(action, words, options.hosts, publishedStartds(context.home()));
        LlCtlAdmin admin = new LlCtlAdmin(context);
        return switch (action) {
          case "drain" -> admin.drain(targets);
          case "resume" -> admin.resume(targets);
          default -> admin.flush(targets);
        };
      }
      case "purge" -> {
        if (words.isEmpty()) {
          throw Flags.usageError(NAME, options, "purge needs the machines to purge");
        }
        return new LlCtlAdmin(context).purge(words);
      }
      default -> {
        if (!words.isEmpty()) {
          throw Flags.usageError(NAME, options, action + " takes no argument: " + String.join(" ", words));
        }
        if (!options.hosts.isEmpty()) {
          throw Flags.usageError(NAME, options, "-h applies to drain, resume and flush");
        }
      }
    }
    return switch (action) {
      case "start" -> {
        if (options.startds < 1 || options.cpus < 0 || options.timeoutSeconds < 1) {
          throw Flags.usageError(NAME, options, "--startds and --timeout must be at least 1, --cpus not negative");
        }
        yield start(options, context);
      }
      case "stop" -> stop(context);
      case "status" -> status(context, options.json);
      case "reconfig" -> reconfig(context);
      default -> throw Flags.usageError(NAME, options, "unknown action: " + options.action.get(0));
    };
  }

  private int start(Options options, CliContext context) throws CommandFailure {
    ClusterHome home = context.home();
    Optional<ProcessHandle> running = MasterPidFile.liveMaster(home);
    if (running.isPresent()) {
      throw new CommandFailure("openll is already running (master pid " + running.get().pid() + ")");
    }
    List<ProcessHandle> orphans = HomeProcesses.of(home);
    if (!orphans.isEmpty()) {
      throw new CommandFailure(orphans.size() + " daemon(s) of an earlier run still run in " + home
          + " without their master (pid " + orphans.get(0).pid() + "); run llctl stop first");
    }
    String host = options.host != null && !options.host.isBlank() ? options.host : HostNames.localName(context.env());
    options.host = host;
    List<DaemonSpec> specs = MachineDaemons.of(home, host, options.startds, options.cpus);
    List<String> daemons = specs.stream().map(DaemonSpec::name).toList();
    var machines = new HashSet<>(specs.stream().filter(DaemonSpec::isStartd)
        .map(s -> s.name().substring("startd-".length())).toList());
    Process master = launchMaster(home, options, context);
    String[] missing = {"the master"};
    try (ClusterProbe probe = new ClusterProbe(home, context.channels(), HEALTH_DEADLINE)) {
      boolean up = Waits.until(() -> {
        if (!master.isAlive() && MasterPidFile.liveMaster(home).isEmpty()) {
          return true;
        }
        for (String daemon : daemons) {
          if (!probe.healthy(daemon)) {
            missing[0] = daemon;
            return false;
          }
        }
        missing[0] = "the startds' registration with the negotiator";
        return probe.machinesUp(machines) >= machines.size();
      }, Duration.ofSeconds(options.timeoutSeconds), POLL);
      if (!master.isAlive() && MasterPidFile.liveMaster(home).isEmpty()) {
        throw new CommandFailure("the master exited with code " + master.exitValue() + "; see "
            + home.logDir().resolve("master.log"));
      }
      if (!up) {
        String log = missing[0].startsWith("the ") ? "master.log" : missing[0] + ".log";
        throw new CommandFailure("openll did not start within " + options.timeoutSeconds + " s: waiting for "
            + missing[0] + "; see " + home.logDir().resolve(log) + " (llctl stop stops what runs)");
      }
      context.out().println(NAME + ": openll started in " + home + ": negotiator "
          + probe.address("negotiator").map(Object::toString).orElse("?") + ", schedd "
          + probe.address("schedd").map(Object::toString).orElse("?") + ", " + machines.size() + " startd(s)");
    }
    return 0;
  }

  private static Process launchMaster(ClusterHome home, Options options, CliContext context) throws CommandFailure {
    try {
      Files.createDirectories(home.runDir());
      Files.createDirectories(home.logDir());
      Files.createDirectories(home.spoolDir());
      Optional<String> logLevel = Optional.ofNullable(context.env().get("OPENLL_LOG_LEVEL"));
      List<String> masterArgs = new ArrayList<>(List.of("--home", home.root().toString(),
          "--startds", Integer.toString(options.startds), "--host", options.host));
      if (options.cpus > 0) {
        masterArgs.addAll(List.of("--cpus", Integer.toString(options.cpus)));
      }
      List<String> command = new ArrayList<>();
      command.add("setsid");
      command.addAll(JavaCommand.ofThisJvm(logLevel).command(MASTER_MAIN, JavaCommand.MASTER_FLAGS, masterArgs));
      ProcessBuilder builder = new ProcessBuilder(command)
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(home.logDir().resolve("master.log").toFile()))
          .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
      builder.environment().put(ClusterHome.ENV, home.root().toString());
      return builder.start();
    } catch (IOException e) {
      throw new CommandFailure("cannot start the master: " + e.getMessage());
    }
  }

  private int stop(CliContext context) {
    ClusterHome home = context.home();
    Optional<ProcessHandle> master = MasterPidFile.liveMaster(home);
    List<ProcessHandle> killed = new ArrayList<>();
    master.ifPresent(m -> killed.addAll(ProcessTrees.terminate(List.of(m), STOP_DEADLINE)));
    // daemons whose master died before them (kill -9 of the master) are found by their --home
    List<ProcessHandle> orphans = HomeProcesses.of(home);
    if (!orphans.isEmpty()) {
      context.err().println(NAME + ": stopping " + orphans.size() + " daemon(s) that outlived their master");
      killed.addAll(ProcessTrees.terminate(orphans, STOP_DEADLINE));
    }
    if (master.isEmpty() && orphans.isEmpty()) {
      context.out().println(NAME + ": openll is not running in " + home);
      return 0;
    }
    if (!killed.isEmpty()) {
      context.err().println(NAME + ": " + killed.size() + " process(es) did not stop within "
          + STOP_DEADLINE.toSeconds() + " s and were killed");
    }
    MasterPidFile.delete(home);
    context.out().println(NAME + ": openll stopped");
    return 0;
  }

  /** For a startd: how its starters contain steps, as its machine ad says ("proc" before ads carried it). */
  private static String containment(String daemon, Map<String, MachineStatus> machines) {
    if (!daemon.startsWith("startd-")) {
      return "";
    }
    MachineStatus machine = machines.get(daemon.substring("startd-".length()));
    if (machine == null) {
      return "";
    }
    String mechanism = machine.getAd().getContainment();
    return mechanism.isEmpty() ? "proc" : mechanism;
  }

  private int reconfig(CliContext context) {
    List<String> daemons = new ArrayList<>(List.of("negotiator", "schedd"));
    daemons.addAll(publishedStartds(context.home()));
    ReconfigRequest request = ReconfigRequest.newBuilder().setRequester(context.user()).build();
    int exit = 0;
    for (String daemon : daemons) {
      String outcome;
      try (DaemonConnection connection = DaemonConnection.open(context, daemon)) {
        ReconfigResponse response = connection.call(channel ->
            connection.withDeadline(DaemonControlGrpc.newBlockingStub(channel)).reconfig(request));
        outcome = response.getChangedList().isEmpty()
            ? "reconfigured: nothing changed"
            : "reconfigured: " + String.join("; ", response.getChangedList());
      } catch (CommandFailure e) {
        outcome = "not reconfigured: " + e.getMessage();
        exit = 1;
      }
      context.out().println(reconfigLine(daemon, outcome));
    }
    return exit;
  }

  /** Prints who {@code daemon} takes this command's user to be: {@code alice (unix socket) to the schedd at WHERE}. */
  private int whoami(CliContext context, String daemon) throws CommandFailure {
    try (DaemonConnection connection = DaemonConnection.open(context, daemon)) {
      String caller = connection.call(channel -> connection.withDeadline(DaemonControlGrpc.newBlockingStub(channel))
          .status(StatusRequest.getDefaultInstance())).getCaller();
      context.out().println((caller.isEmpty() ? "(the " + daemon + " does not say)" : caller) + " to the " + daemon
          + " at " + connection.where());
      return 0;
    }
  }

  /** One daemon's reconfig line. */
  static String reconfigLine(String daemon, String outcome) {
    return String.format("%-24s %s", daemon, outcome);
  }

  /** The startds that published an address in {@code run/}, by name. */
  private static TreeSet<String> publishedStartds(ClusterHome home) {
    TreeSet<String> startds = new TreeSet<>();
    try (var files = Files.list(home.runDir())) {
      files.map(f -> f.getFileName().toString())
          .filter(f -> f.startsWith("startd-") && f.endsWith(".addr"))
          .map(f -> f.substring(0, f.length() - ".addr".length()))
          .forEach(startds::add);
    } catch (IOException e) {
      // no run folder: nothing published
    }
    return startds;
  }

  private int status(CliContext context, boolean json) {
    ClusterHome home = context.home();
    Optional<ProcessHandle> master = MasterPidFile.liveMaster(home);
    Map<String, DaemonState> states = new LinkedHashMap<>();
    MasterStatusFile.read(MasterStatusFile.of(home)).forEach(s -> states.put(s.name(), s));
    TreeSet<String> startds = publishedStartds(home);
    // a startd the master gave up on may have withdrawn its address
    states.keySet().stream().filter(n -> n.startsWith("startd-")).forEach(startds::add);
    List<String> daemons = new ArrayList<>(List.of("negotiator", "schedd"));
    daemons.addAll(startds);
    List<DaemonStatusLine> lines = new ArrayList<>();
    try (ClusterProbe probe = new ClusterProbe(home, context.channels(), HEALTH_DEADLINE)) {
      Map<String, MachineStatus> machines = probe.machines();
      for (String daemon : daemons) {
        boolean healthy = probe.healthy(daemon);
        lines.add(new DaemonStatusLine(daemon, probe.address(daemon).map(Object::toString), healthy,
            Optional.ofNullable(states.get(daemon)), healthy ? probe.status(daemon) : Optional.empty(),
            containment(daemon, machines)));
      }
    }
    Instant now = context.clock().instant();
    if (json) {
      JsonObject document = new JsonObject();
      JsonObject masterJson = new JsonObject();
      masterJson.addProperty("running", master.isPresent());
      masterJson.addProperty("pid", master.map(ProcessHandle::pid).orElse(null));
      masterJson.addProperty("home", home.root().toString());
      document.add("master", masterJson);
      JsonArray array = new JsonArray();
      lines.forEach(l -> array.add(l.json(now)));
      document.add("daemons", array);
      context.out().print(JsonDocument.print(document));
    } else {
      context.out().println(master.map(p -> "master      pid " + p.pid()).orElse("master      not running")
          + " (" + home + ")");
      for (DaemonStatusLine line : lines) {
        context.out().println(line.line(now));
        line.state().filter(DaemonState::gaveUp).ifPresent(st -> context.out().println(gaveUpLine(st)));
      }
    }
    return master.isPresent() ? 0 : 1;
  }

  static String gaveUpLine(DaemonState state) {
    return state.name() + ": gave up after " + state.restartsPerHour()
        + " restarts in an hour (RESTARTS_PER_HOUR); see log/" + state.name() + ".log";
  }
}
