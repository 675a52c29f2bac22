package org.openll.cli;

import com.beust.jcommander.Parameter;
import java.util.ArrayList;
import java.util.List;
import org.openll.api.v1.CancelStepsRequest;
import org.openll.api.v1.ScheddGrpc;

/**
 * {@code llcancel ID...}: asks the schedd to cancel jobs or steps. The schedd cancels all or,
 * when one id matches nothing, none.
 */
public final class LlCancelCommand implements Command {
  static final String NAME = "llcancel";

  static final class Options implements SimpleFlags.Simple {
    @Parameter(description = "job or step id ... (host.N, host.N.S, N, N.S)")
    List<String> ids = new ArrayList<>();

    @Override
    public Runnable flag(String flag) {
      return null;
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
    if (options.ids.isEmpty()) {
      throw Flags.usageError(NAME, options, "no job or step id given");
    }
    CancelStepsRequest request = CancelStepsRequest.newBuilder()
        .addAllIds(options.ids)
        .setRequester(context.user())
        .build();
    try (DaemonConnection schedd = DaemonConnection.open(context, "schedd")) {
      schedd.call(channel -> schedd.withDeadline(ScheddGrpc.newBlockingStub(channel)).cancelSteps(request));
    }
    context.out().println(NAME + ": Cancel command has been sent to the central manager.");
    return 0;
  }
}
