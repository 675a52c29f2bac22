package org.openll.cli;

import com.beust.jcommander.Parameter;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.openll.api.v1.QueryStepsRequest;
import org.openll.api.v1.StepStatus;
import org.openll.cli.format.DateRange;
import org.openll.cli.format.SummaryReport;
import org.openll.cli.format.SummaryReport.Report;
import org.openll.cli.format.SummarySection;
import org.openll.cli.format.SummarySelection;

/**
 * {@code llsummary [-u USER] [-c CLASS] [-g GROUP] [--account ACCOUNT] [-a HOST] [-j ID]
 * [-s RANGE] [-e RANGE] [-d SECTION,...] [-r REPORT,...] [--json]}: accounting of finished steps,
 * from the schedd's history (QuerySteps with include_finished), selected by LoadLeveler's flags and
 * grouped into one table per section. Selection happens here, on the history the schedd returns;
 * only {@code -u} is passed on to the schedd. openll keeps no history files: file arguments are refused.
 */
public final class LlSummaryCommand implements Command {
  static final String NAME = "llsummary";

  static final class Options implements SimpleFlags.Simple {
    @Parameter(description = "")
    List<String> rest = new ArrayList<>();

    @Parameter(names = "-u", description = "only the steps of this user")
    String user;

    @Parameter(names = "-c", description = "only the steps of this class")
    String jobClass;

    @Parameter(names = "-g", description = "only the steps of this LoadLeveler group (No_Group: none)")
    String group;

    @Parameter(names = "--account", description = "only the steps of this account number (NONE: none)")
    String account;

    @Parameter(names = "-a", description = "only the steps allocated this machine (short or full name)")
    String allocated;

    @Parameter(names = "-j", description = "only this job or step (host.N, host.N.S, N, N.S)")
    String job;

    @Parameter(names = "-s", description = "only the jobs queued in MM/DD/YYYY[ HH:MM]-MM/DD/YYYY[ HH:MM]")
    String queued;

    @Parameter(names = "-e", description = "only the steps completed in MM/DD/YYYY[ HH:MM]-MM/DD/YYYY[ HH:MM]")
    String completed;

    @Parameter(names = "-d", description = "sections, comma-separated: user, class, group, account, day, week,"
        + " month, jobid, jobname, allocated (default user,class,group,account)")
    String sections;

    @Parameter(names = "-r", description = "reports, comma-separated: summary (default), numeric, throughput,"
        + " avgthroughput, minthroughput, maxthroughput")
    String reports;

    @Parameter(names = "--json", description = "print the tables as one JSON object")
    boolean json;

    @Override
    public Runnable flag(String flag) {
      return switch (flag) {
        case "--json" -> () -> json = true;
        default -> null;
      };
    }

    @Override
    public List<String> positional() {
      return rest;
    }
  }

  @Override
  public int run(String[] args, CliContext context) throws CommandFailure, UsageException {
    Options options = new Options();
    Flags.parse(NAME, options, args);
    Flags.rejectUnknownFlags(NAME, options, options.rest);
    if (!options.rest.isEmpty()) {
      throw Flags.usageError(NAME, options, "openll keeps no history files: the history is the schedd's"
          + " (unexpected argument: " + options.rest.get(0) + ")");
    }
    ZoneId zone = context.clock().getZone();
    SummarySelection selection;
    List<SummarySection> sections;
    List<Report> reports;
    try {
      selection = new SummarySelection(Optional.ofNullable(options.user), Optional.ofNullable(options.jobClass),
          Optional.ofNullable(options.group), Optional.ofNullable(options.account),
          Optional.ofNullable(options.allocated), Optional.ofNullable(options.job),
          Optional.ofNullable(options.queued).map(text -> DateRange.parse(text, zone)),
          Optional.ofNullable(options.completed).map(text -> DateRange.parse(text, zone)));
      sections = options.sections == null ? SummarySection.DEFAULT : sections(options.sections);
      reports = options.reports == null ? List.of(Report.SUMMARY) : reports(options.reports);
    } catch (IllegalArgumentException e) {
      throw Flags.usageError(NAME, options, e.getMessage());
    }
    QueryStepsRequest.Builder request = QueryStepsRequest.newBuilder().setIncludeFinished(true);
    if (options.user != null) {
      request.addOwners(options.user);
    }
    List<StepStatus> steps;
    try (DaemonConnection schedd = DaemonConnection.open(context, "schedd")) {
      steps = StepQuery.all(schedd, request.build());
    }
    List<StepStatus> kept = steps.stream().filter(selection).toList();
    context.out().print(options.json
        ? SummaryReport.json(kept, sections, zone)
        : SummaryReport.text(kept, sections, reports, zone));
    return 0;
  }

  private static List<SummarySection> sections(String text) {
    List<SummarySection> list = Arrays.stream(text.split(",")).filter(s -> !s.isBlank())
        .map(s -> SummarySection.of(s).orElseThrow(() -> new IllegalArgumentException("unknown section: "
            + s.strip() + " (user, class, group, account, day, week, month, jobid, jobname, allocated)")))
        .distinct().toList();
    if (list.isEmpty()) {
      throw new IllegalArgumentException("-d needs at least one section");
    }
    return list;
  }

  private static List<Report> reports(String text) {
    return Arrays.stream(text.split(",")).filter(s -> !s.isBlank())
        .flatMap(s -> Report.of(s).stream()).distinct().toList();
  }
}
