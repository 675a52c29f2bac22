package org.openll.cli;

import com.beust.jcommander.Parameter;
import java.util.ArrayList;
import java.util.List;
import org.openll.api.v1.QueryStepsRequest;
import org.openll.api.v1.ScheddGrpc;
import org.openll.api.v1.StepStatus;
import org.openll.cli.format.SummaryReport;

/**
 * {@code llsummary [-u USER] [-c CLASS] [--json]}: accounting of finished steps, from the
 * schedd's queue (QuerySteps with include_finished), per user, class, group and account.
 */
public final class LlSummaryCommand implements Command {
  static final String NAME = "llsummary";

  static final class Options {
    @Parameter(description = "")
    List<String> rest = new ArrayList<>();

    @Parameter(names = "-u", description = "only the steps of this user")
    String user;

    @Parameter(names = "-c", description = "only the steps of this class")
    String jobClass;

    @Parameter(names = "--json", description = "print the tables as one JSON object")
    boolean json;
  }

  @Override
  public int run(String[] args, CliContext context) throws CommandFailure, UsageException {
    Options options = new Options();
    Flags.parse(NAME, options, args);
    Flags.rejectUnknownFlags(NAME, options, options.rest);
    QueryStepsRequest.Builder request = QueryStepsRequest.newBuilder().setIncludeFinished(true);
    if (options.user != null) {
      request.addOwners(options.user);
    }
    List<StepStatus> steps;
    try (DaemonConnection schedd = DaemonConnection.open(context, "schedd")) {
      steps = schedd.call(channel -> schedd.withDeadline(ScheddGrpc.newBlockingStub(channel))
          .querySteps(request.build())).getStepsList();
    }
    List<StepStatus> kept = steps.stream()
        .filter(s -> options.jobClass == null || s.getSpec().getJobClass().equals(options.jobClass))
        .toList();
    context.out().print(options.json ? SummaryReport.json(kept) : SummaryReport.text(kept));
    return 0;
  }
}
