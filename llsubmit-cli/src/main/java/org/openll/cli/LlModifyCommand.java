package org.openll.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.openll.api.v1.Limit;
import org.openll.api.v1.ModifyStepsRequest;
import org.openll.api.v1.ModifyStepsResponse;
import org.openll.api.v1.ScheddGrpc;
import org.openll.common.jcf.JobCommandFileException;
import org.openll.common.jcf.JobCommandFileParser;
import org.openll.common.jcf.SubmitContext;
import org.openll.common.jcf.SubmitLimits;

/**
 * {@code llmodify [-q] {-k keyword=value}... [-p n] jobstep...}: changes waiting (Idle or held) steps,
 * as LoadLeveler's later {@code llmodify -k}. Keywords: {@code class} (or {@code job_class}),
 * {@code wall_clock_limit} (hard[,soft], the job command file's syntax), {@code account_no};
 * {@code -p n} (or {@code -k user_priority=n}) sets the user priority, 0..100. The schedd checks
 * the owner (or LOADL_ADMIN), the step's state, and a new class's rules; nothing changes when any
 * step is refused.
 */
public final class LlModifyCommand implements Command {
  static final String NAME = "llmodify";
  static final String USAGE = "usage: llmodify [-q] {-k keyword=value}... [-p priority] jobstep ...\n"
      + "  keywords: class, wall_clock_limit, account_no, user_priority\n";

  @Override
  public int run(String[] args, CliContext context) throws CommandFailure, UsageException {
    ModifyStepsRequest.Builder request = ModifyStepsRequest.newBuilder().setRequester(context.user());
    boolean quiet = false;
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      switch (arg) {
        case "-q" -> quiet = true;
        case "-k" -> {
          if (i + 1 >= args.length) {
            throw new UsageException("-k needs keyword=value", USAGE);
          }
          keyword(args[++i], request);
        }
        case "-p" -> {
          if (i + 1 >= args.length) {
            throw new UsageException("-p needs a priority (0..100)", USAGE);
          }
          request.setUserPriority(priority(args[++i]));
        }
        default -> {
          if (arg.startsWith("-") && arg.length() > 1) {
            throw new UsageException("unknown option: " + arg, USAGE);
          }
          ids.add(arg);
        }
      }
    }
    if (ids.isEmpty()) {
      throw new UsageException("no job step given", USAGE);
    }
    if (!request.hasJobClass() && !request.hasWallClockLimit() && !request.hasAccountNo()
        && !request.hasUserPriority()) {
      throw new UsageException("nothing to modify: give -k keyword=value or -p", USAGE);
    }
    request.addAllIds(ids);
    ModifyStepsResponse response;
    try (DaemonConnection schedd = DaemonConnection.open(context, "schedd")) {
      response = schedd.call(channel -> schedd.withDeadline(ScheddGrpc.newBlockingStub(channel))
          .modifySteps(request.build()));
    }
    if (!quiet) {
      context.out().println(NAME + ": " + (response.getStepIdsList().isEmpty()
          ? "nothing changed"
          : "modified " + String.join(" ", response.getStepIdsList())));
    }
    return 0;
  }

  /** Adds {@code keyword=value} to {@code request}; a usage error names what is wrong. */
  static void keyword(String text, ModifyStepsRequest.Builder request) throws UsageException {
    int eq = text.indexOf('=');
    if (eq <= 0) {
      throw new UsageException("-k " + text + ": expected keyword=value", USAGE);
    }
    String keyword = text.substring(0, eq).strip().toLowerCase(Locale.ROOT);
    String value = text.substring(eq + 1).strip();
    if (value.isEmpty()) {
      throw new UsageException("-k " + keyword + ": the value is empty", USAGE);
    }
    switch (keyword) {
      case "class", "job_class" -> request.setJobClass(value);
      case "account_no" -> request.setAccountNo(value);
      case "wall_clock_limit" -> request.setWallClockLimit(wallClockLimit(value));
      case "user_priority" -> request.setUserPriority(priority(value));
      default -> throw new UsageException("-k " + keyword + ": llmodify changes class, wall_clock_limit, "
          + "account_no or user_priority", USAGE);
    }
  }

  /** {@code value} read as a job command file reads {@code wall_clock_limit}; its error as a usage error. */
  static Limit wallClockLimit(String value) throws UsageException {
    String file = "# @ wall_clock_limit = " + value + "\n# @ executable = /bin/true\n# @ queue\n";
    SubmitContext submit = new SubmitContext("-k wall_clock_limit", java.nio.file.Path.of("/"), "llmodify", "/",
        "localhost", java.util.Map.of(), "", java.time.Clock.systemUTC(), SubmitLimits.none());
    try {
      return new JobCommandFileParser().parse(file, submit).job().getSteps(0).getLimits().getWallClockLimit();
    } catch (JobCommandFileException e) {
      String problem = e.problems().isEmpty() ? e.problem() : e.problems().get(0).text();
      throw new UsageException("-k wall_clock_limit=" + value + ": " + problem, USAGE);
    }
  }

  private static int priority(String text) throws UsageException {
    try {
      int value = Integer.parseInt(text.strip());
      if (value < 0 || value > 100) {
        throw new UsageException("priority must be 0..100: " + text, USAGE);
      }
      return value;
    } catch (NumberFormatException e) {
      throw new UsageException("not a number: " + text, USAGE);
    }
  }
}
