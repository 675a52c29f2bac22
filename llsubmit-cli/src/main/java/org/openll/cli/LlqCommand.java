package org.openll.cli;

import com.beust.jcommander.Parameter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.openll.api.v1.StepEvent;
import org.openll.api.v1.WatchStepsRequest;
import org.openll.cli.format.ChangeLine;
import org.openll.common.state.StepStateProtos;
import org.openll.api.v1.QueryStepsRequest;
import org.openll.api.v1.ScheddGrpc;
import org.openll.api.v1.StepStatus;
import org.openll.cli.format.LlDates;
import org.openll.cli.format.LongListing;
import org.openll.cli.format.StandardListing;
import org.openll.cli.format.StepIds;
import org.openll.cli.format.StepsJson;

/**
 * {@code llq [-u USER...] [-j ID...] [-l] [--json] [-W] [-s] [ID...]}: lists the queue, or the asked-for
 * steps including finished ones; with {@code -W} then follows every change (WatchSteps); with
 * {@code -W --json} prints every StepEvent as one JSON line (JSON Lines) instead; with
 * {@code -s} adds each step's evaluation: why it does not run ({@link StepEvaluations}). An asked-for id that matches nothing is reported on standard
 * error and makes the exit code 1; the others are still listed.
 */
public final class LlqCommand implements Command {
  static final String NAME = "llq";
  static final String NO_STATUS = "llq: There is currently no job status to report.";

  static final class Options implements SimpleFlags.Simple {
    @Parameter(description = "[job or step id ...]")
    List<String> ids = new ArrayList<>();

    @Parameter(names = "-j", variableArity = true, description = "job or step ids (host.N, host.N.S, N, N.S)")
    List<String> jobs = new ArrayList<>();

    @Parameter(names = "-u", variableArity = true, description = "only the steps of these users")
    List<String> users = new ArrayList<>();

    @Parameter(names = "-l", description = "long listing")
    boolean longListing;

    @Parameter(names = "--json", description = "print the steps as one JSON array; with -W one StepEvent per line")
    boolean json;

    @Parameter(names = "-s", description = "why the steps do not run: the negotiator's evaluation of each")
    boolean evaluate;

    @Parameter(names = "-W", description = "watch: list once, then print each change until Ctrl-C"
        + " (or, with ids, until every step is finished)")
    boolean watch;

    @Override
    public Runnable flag(String flag) {
      return switch (flag) {
        case "-l" -> () -> longListing = true;
        case "--json" -> () -> json = true;
        case "-s" -> () -> evaluate = true;
        case "-W" -> () -> watch = true;
        default -> null;
      };
    }

    @Override
    public List<String> positional() {
      return ids;
    }
  }

  @Override
  public int run(String[] args, CliContext context) throws CommandFailure, UsageException {
    Options options = new Options();
    Flags.parse(NAME, options, args);
    Flags.rejectUnknownFlags(NAME, options, options.ids);
    List<String> ids = split(options.ids, options.jobs);
    List<String> users = split(options.users);
    boolean filtered = !ids.isEmpty() || !users.isEmpty();
    if (options.evaluate && options.watch) {
      throw Flags.usageError(NAME, options, "-s cannot be combined with -W");
    }
    if (options.evaluate && ids.isEmpty()) {
      throw Flags.usageError(NAME, options, "-s needs job or step ids");
    }
    if (options.watch) {
      return watch(options, ids, users, filtered, context);
    }
    QueryStepsRequest request = QueryStepsRequest.newBuilder()
        .addAllIds(ids)
        .addAllOwners(users)
        .setIncludeFinished(!ids.isEmpty())
        .build();
    List<StepStatus> steps;
    try (DaemonConnection schedd = DaemonConnection.open(context, "schedd")) {
      if (ids.isEmpty() && !options.json && !options.longListing && !options.evaluate) {
        return printPages(schedd, request, filtered, context);
      }
      steps = StepQuery.all(schedd, request);
    }
    if (options.evaluate) {
      new StepEvaluations(context).print(steps, options.json, options.longListing);
    } else {
      print(options, steps, filtered, context);
    }
    int exit = 0;
    for (String id : ids) {
      if (steps.stream().noneMatch(step -> StepIds.matches(id, step))) {
        context.err().println(NAME + ": job or step ID not found: " + id);
        exit = 1;
      }
    }
    return exit;
  }

  /**
   * The standard listing of the whole queue (or a user's part of it), printed page by page as the
   * schedd answers: a queue of a million steps is never held whole.
   */
  private static int printPages(DaemonConnection schedd, QueryStepsRequest request, boolean filtered,
      CliContext context) throws CommandFailure {
    StandardListing.Printer[] printer = {null};
    StandardListing listing = new StandardListing(new LlDates(context.clock().getZone()));
    StepQuery.forEachPage(schedd, request, page -> {
      if (printer[0] == null && !page.isEmpty()) {
        printer[0] = listing.printer(context.out());
      }
      page.forEach(step -> printer[0].add(step));
    });
    if (printer[0] == null) {
      context.out().println(NO_STATUS);
    } else {
      printer[0].end(filtered);
    }
    return 0;
  }

  /**
   * Lists the snapshot like llq, then prints one {@link ChangeLine} per change. Resumes with the last
   * token when the schedd dropped it as too slow. With ids, returns 0 once every watched step is
   * finished (1 when an id matched nothing); otherwise runs until interrupted.
   */
  private static int watch(Options options, List<String> ids, List<String> users, boolean filtered, CliContext context)
      throws CommandFailure {
    WatchStepsRequest request = WatchStepsRequest.newBuilder()
        .addAllIds(ids)
        .addAllOwners(users)
        .setIncludeFinished(!ids.isEmpty())
        .build();
    ChangeLine lines = new ChangeLine(context.clock().getZone());
    Map<String, StepStatus> watched = new LinkedHashMap<>();
    String[] token = {""};
    try (DaemonConnection schedd = DaemonConnection.open(context, "schedd")) {
      while (true) {
        WatchStepsRequest next = token[0].isEmpty() ? request : request.toBuilder().setResumeToken(token[0]).build();
        Integer exit = schedd.call(channel -> {
          // no deadline: the stream lasts as long as the user watches
          Iterator<StepEvent> events = ScheddGrpc.newBlockingStub(channel).watchSteps(next);
          try {
            return follow(events, options, ids, filtered, context, lines, watched, token);
          } catch (StatusRuntimeException e) {
            if (e.getStatus().getCode() == Status.Code.RESOURCE_EXHAUSTED && !token[0].isEmpty()) {
              return null; // too slow to read: resume after the last change printed
            }
            throw e;
          }
        });
        if (exit != null) {
          return exit;
        }
      }
    }
  }

  private static Integer follow(Iterator<StepEvent> events, Options options, List<String> ids, boolean filtered,
      CliContext context, ChangeLine lines, Map<String, StepStatus> watched, String[] token) {
    List<StepStatus> snapshot = new ArrayList<>();
    while (events.hasNext()) {
      StepEvent event = events.next();
      if (options.json) {
        // JSON Lines: every event as the API sends it, the snapshot included
        context.out().println(StepsJson.line(event));
        context.out().flush();
      }
      if (event.getSnapshot()) {
        snapshot.add(event.getStep());
        continue;
      }
      if (event.getSnapshotComplete()) {
        if (!options.json) {
          print(options, snapshot, filtered, context);
        }
        snapshot.forEach(step -> watched.put(step.getStepId(), step));
        int exit = 0;
        for (String id : ids) {
          if (snapshot.stream().noneMatch(step -> StepIds.matches(id, step))) {
            context.err().println(NAME + ": job or step ID not found: " + id);
            exit = 1;
          }
        }
        if (!ids.isEmpty() && allFinished(watched)) {
          return exit;
        }
        context.out().flush();
        continue;
      }
      token[0] = event.getResumeToken();
      StepStatus step = event.getStep();
      watched.put(step.getStepId(), step);
      if (!options.json) {
        context.out().println(lines.format(step));
        context.out().flush();
      }
      if (!ids.isEmpty() && allFinished(watched)) {
        return 0;
      }
    }
    return 0;
  }

  private static boolean allFinished(Map<String, StepStatus> steps) {
    return steps.values().stream()
        .allMatch(step -> StepStateProtos.fromProto(step.getState()).isTerminal());
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
