package org.openll.cli;

import com.beust.jcommander.Parameter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.openll.api.v1.QueryStepsRequest;
import org.openll.api.v1.QueryStepsResponse;
import org.openll.api.v1.ScheddGrpc;
import org.openll.api.v1.StepStatus;
import org.openll.cli.format.LlDates;
import org.openll.cli.format.LongListing;
import org.openll.cli.format.StandardListing;
import org.openll.cli.format.StepIds;
import org.openll.cli.format.StepsJson;

/**
 * {@code llq [-u USER...] [-j ID...] [-l] [--json] [ID...]}: lists the queue, or the asked-for
 * steps including finished ones. An asked-for id that matches nothing is reported on standard
 * error and makes the exit code 1; the others are still listed.
 */
public final class LlqCommand implements Command {
  static final String NAME = "llq";
  static final String NO_STATUS = "llq: There is currently no job status to report.";

  static final class Options {
    @Parameter(description = "[job or step id ...]")
    List<String> ids = new ArrayList<>();

    @Parameter(names = "-j", variableArity = true, description = "job or step ids (host.N, host.N.S, N, N.S)")
    List<String> jobs = new ArrayList<>();

    @Parameter(names = "-u", variableArity = true, description = "only the steps of these users")
    List<String> users = new ArrayList<>();

    @Parameter(names = "-l", description = "long listing")
    boolean longListing;

    @Parameter(names = "--json", description = "print the steps as one JSON array")
    boolean json;
  }

  @Override
  public int run(String[] args, CliContext context) throws CommandFailure, UsageException {
    Options options = new Options();
    Flags.parse(NAME, options, args);
    Flags.rejectUnknownFlags(NAME, options, options.ids);
    List<String> ids = split(options.ids, options.jobs);
    List<String> users = split(options.users);
    boolean filtered = !ids.isEmpty() || !users.isEmpty();
    QueryStepsRequest request = QueryStepsRequest.newBuilder()
        .addAllIds(ids)
        .addAllOwners(users)
        .setIncludeFinished(!ids.isEmpty())
        .build();
    QueryStepsResponse response;
    try (DaemonConnection schedd = DaemonConnection.open(context, "schedd")) {
      response = schedd.call(channel -> schedd.withDeadline(ScheddGrpc.newBlockingStub(channel)).querySteps(request));
    }
    List<StepStatus> steps = response.getStepsList();
    print(options, steps, filtered, context);
    int exit = 0;
    for (String id : ids) {
      if (steps.stream().noneMatch(step -> StepIds.matches(id, step))) {
        context.err().println(NAME + ": job or step ID not found: " + id);
        exit = 1;
      }
    }
    return exit;
  }

  private static void print(Options options, List<StepStatus> steps, boolean filtered, CliContext context) {
    LlDates dates = new LlDates(context.clock().getZone());
    if (options.json) {
      context.out().print(StepsJson.format(steps));
    } else if (steps.isEmpty()) {
      context.out().println(NO_STATUS);
    } else if (options.longListing) {
      context.out().print(new LongListing(dates).format(steps, filtered));
    } else {
      context.out().print(new StandardListing(dates).format(steps, filtered));
    }
  }

  /** The values of list flags, each also split on commas ({@code -u bob,ann}). */
  @SafeVarargs
  private static List<String> split(List<String>... lists) {
    List<String> values = new ArrayList<>();
    for (List<String> list : lists) {
      for (String value : list) {
        Arrays.stream(value.split(",")).map(String::strip).filter(v -> !v.isEmpty()).forEach(values::add);
      }
    }
    return values;
  }
}
