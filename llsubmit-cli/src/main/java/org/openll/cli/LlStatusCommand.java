package org.openll.cli;

import com.beust.jcommander.Parameter;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.openll.api.v1.MachineStatus;
import org.openll.api.v1.NegotiatorGrpc;
import org.openll.api.v1.QueryMachinesRequest;
import org.openll.api.v1.QueryStepsRequest;
import org.openll.api.v1.StepStatus;
import org.openll.cli.format.JsonDocument;
import org.openll.cli.format.LlDates;
import org.openll.cli.format.MachineListing;
import org.openll.cli.format.MachineListing.ScheddCounts;
import org.openll.cli.format.MachineListing.Trailer;
import org.openll.cli.format.MachineLongListing;
import org.openll.common.cluster.HostNames;
import org.openll.common.config.LoadLConfig;
import org.openll.common.grpc.HostPort;
import org.openll.common.state.StepState;
import org.openll.common.state.StepStateProtos;

/**
 * {@code llstatus [-l] [-R] [--json] [hostlist]}: the machines the negotiator knows, as
 * LoadLeveler's standard listing, the long listing ({@code -l}), the consumables ({@code -R}) or
 * one JSON document. A machine of the host list the negotiator does not know is reported on
 * standard error and makes the exit code 1. The schedd's counts come from its queue; a schedd
 * that does not answer shows Down.
 */
public final class LlStatusCommand implements Command {
  static final String NAME = "llstatus";

  static final class Options implements SimpleFlags.Simple {
    @Parameter(names = "-l", description = "long listing")
    boolean longListing;

    @Parameter(names = "-R", description = "the consumable resources of each machine")
    boolean resources;

    @Parameter(names = "--json", description = "one JSON document")
    boolean json;

    @Parameter(description = "[machine ...]")
    List<String> hosts = new ArrayList<>();

    @Override
    public Runnable flag(String flag) {
      return switch (flag) {
        case "-l" -> () -> longListing = true;
        case "-R" -> () -> resources = true;
        case "--json" -> () -> json = true;
        default -> null;
      };
    }

    @Override
    public List<String> positional() {
      return hosts;
    }
  }

  @Override
  public int run(String[] args, CliContext context) throws CommandFailure, UsageException {
    Options options = new Options();
    Flags.parse(NAME, options, args);
    Flags.rejectUnknownFlags(NAME, options, options.hosts);
    if ((options.longListing ? 1 : 0) + (options.resources ? 1 : 0) + (options.json ? 1 : 0) > 1) {
      throw Flags.usageError(NAME, options, "-l, -R and --json cannot be combined");
    }
    QueryMachinesRequest request = QueryMachinesRequest.newBuilder().addAllMachines(options.hosts).build();
    List<MachineStatus> machines;
    String centralManager;
    try (DaemonConnection negotiator = DaemonConnection.open(context, "negotiator")) {
      machines = negotiator.call(channel ->
          negotiator.withDeadline(NegotiatorGrpc.newBlockingStub(channel)).queryMachines(request)).getMachinesList();
      centralManager = hostOf(negotiator.address());
    }
    ScheddCounts schedd = scheddCounts(context);
    boolean backfill = "BACKFILL".equals(schedulerType(context));
    if (options.json) {
      JsonObject document = new JsonObject();
      document.addProperty("central_manager", centralManager);
      document.addProperty("scheduler_type", backfill ? "BACKFILL" : "LL_DEFAULT");
      JsonObject scheddJson = new JsonObject();
      scheddJson.addProperty("state", schedd.state());
      scheddJson.addProperty("in_queue", schedd.inQueue());
      scheddJson.addProperty("active", schedd.active());
      document.add("schedd", scheddJson);
      document.add("machines", JsonDocument.array(machines));
      context.out().print(JsonDocument.print(document));
    } else if (machines.isEmpty()) {
      context.out().println(NAME + ": There is currently no machine status to report.");
    } else if (options.longListing) {
      context.out().print(MachineLongListing.format(machines, new LlDates(context.clock().getZone())));
    } else if (options.resources) {
      context.out().print(MachineLongListing.resources(machines));
    } else {
      context.out().print(MachineListing.format(machines, schedd, new Trailer(centralManager, backfill)));
    }
    int exit = 0;
    for (String host : options.hosts) {
      if (machines.stream().noneMatch(m -> m.getAd().getMachine().equals(host))) {
        context.err().println(NAME + ": machine not found: " + host);
        exit = 1;
      }
    }
    return exit;
  }

  /** The schedd's unfinished and dispatched steps; Down when it does not answer. */
  static ScheddCounts scheddCounts(CliContext context) {
    try (DaemonConnection schedd = DaemonConnection.open(context, "schedd")) {
      List<StepStatus> steps = StepQuery.all(schedd, QueryStepsRequest.getDefaultInstance());
      int inQueue = 0;
      int active = 0;
      for (StepStatus step : steps) {
        StepState state;
        try {
          state = StepStateProtos.fromProto(step.getState());
        } catch (RuntimeException e) {
          continue;
        }
        if (!state.isTerminal()) {
          inQueue++;
        }
        if (state.isDispatched()) {
          active++;
        }
      }
      return new ScheddCounts("Avail", inQueue, active);
    } catch (CommandFailure e) {
      return ScheddCounts.down();
    }
  }

  /** SCHEDULER_TYPE of the cluster's LoadL_config, LL_DEFAULT when absent or unreadable. */
  static String schedulerType(CliContext context) {
    try {
      return LoadLConfig.load(context.home().configFile()).getString("SCHEDULER_TYPE", "LL_DEFAULT")
          .strip().toUpperCase(Locale.ROOT);
    } catch (IOException | RuntimeException e) {
      return "LL_DEFAULT";
    }
  }

  /** The host of a daemon's address; this host's name for a loopback address (a personal cluster). */
  static String hostOf(HostPort address) {
    String host = address.host();
    return host.equals("127.0.0.1") || host.equals("localhost") || host.equals("::1") || host.equals("0.0.0.0")
        ? HostNames.shortName() : host;
  }
}
