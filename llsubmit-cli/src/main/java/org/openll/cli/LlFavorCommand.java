package org.openll.cli;

import com.beust.jcommander.Parameter;
import java.util.ArrayList;
import java.util.List;
import org.openll.api.v1.FavorStepsRequest;
import org.openll.api.v1.FavorStepsResponse;
import org.openll.api.v1.NegotiatorGrpc;

/**
 * {@code llfavorjob [-u] ID...} and {@code llfavoruser [-u] USER...}: favored steps (every step of
 * a favored user) go before every other step whatever their SYSPRIO; {@code -u} unfavors. Asks
 * the negotiator, which refuses anyone but an administrator.
 */
public final class LlFavorCommand implements Command {
  static final String JOB = "llfavorjob";
  static final String USER = "llfavoruser";

  private final boolean users;

  private LlFavorCommand(boolean users) {
    this.users = users;
  }

  static LlFavorCommand jobs() {
    return new LlFavorCommand(false);
  }

  static LlFavorCommand users() {
    return new LlFavorCommand(true);
  }

  static final class Options {
    @Parameter(names = "-u", description = "unfavor instead of favor")
    boolean unfavor;

    @Parameter(description = "job or step ids (llfavorjob), user names (llfavoruser)")
    List<String> names = new ArrayList<>();
  }

  @Override
  public int run(String[] args, CliContext context) throws CommandFailure, UsageException {
    String name = users ? USER : JOB;
    Options options = new Options();
    Flags.parse(name, options, args);
    Flags.rejectUnknownFlags(name, options, options.names);
    if (options.names.isEmpty()) {
      throw Flags.usageError(name, options, users ? "no user given" : "no job or step id given");
    }
    FavorStepsRequest.Builder request = FavorStepsRequest.newBuilder()
        .setUnfavor(options.unfavor).setRequester(context.user());
    if (users) {
      request.addAllUsers(options.names);
    } else {
      request.addAllStepIds(options.names);
    }
    FavorStepsResponse response;
    try (DaemonConnection negotiator = DaemonConnection.open(context, "negotiator")) {
      response = negotiator.call(channel ->
          negotiator.withDeadline(NegotiatorGrpc.newBlockingStub(channel)).favorSteps(request.build()));
    }
    context.out().println(name + ": " + (options.unfavor ? "Unfavor" : "Favor")
        + " command has been sent to the central manager.");
    List<String> favored = users ? response.getFavoredUsersList() : response.getFavoredStepIdsList();
    context.out().println(name + ": favored now: " + (favored.isEmpty() ? "none" : String.join(" ", favored)));
    return 0;
  }
}
