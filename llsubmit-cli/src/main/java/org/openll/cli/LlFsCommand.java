package org.openll.cli;

import com.beust.jcommander.Parameter;
import java.util.ArrayList;
import java.util.List;
import org.openll.api.v1.NegotiatorGrpc;
import org.openll.api.v1.QueryFairShareRequest;
import org.openll.api.v1.QueryFairShareResponse;
import org.openll.cli.format.FairShareListing;
import org.openll.cli.format.JsonDocument;

/**
 * {@code llfs [--json]}: fair share as the negotiator keeps it: total shares, the decay interval,
 * and per user and group the allocated shares, the used shares and CPU-seconds (decayed).
 */
public final class LlFsCommand implements Command {
  static final String NAME = "llfs";

  static final class Options {
    @Parameter(names = "--json", description = "one JSON document")
    boolean json;

    @Parameter(description = "")
    List<String> rest = new ArrayList<>();
  }

  @Override
  public int run(String[] args, CliContext context) throws CommandFailure, UsageException {
    Options options = new Options();
    Flags.parse(NAME, options, args);
    Flags.rejectUnknownFlags(NAME, options, options.rest);
    if (!options.rest.isEmpty()) {
      throw Flags.usageError(NAME, options, "unexpected argument: " + options.rest.get(0));
    }
    QueryFairShareResponse response;
    try (DaemonConnection negotiator = DaemonConnection.open(context, "negotiator")) {
      response = negotiator.call(channel -> negotiator.withDeadline(NegotiatorGrpc.newBlockingStub(channel))
          .queryFairShare(QueryFairShareRequest.getDefaultInstance()));
    }
    context.out().print(options.json
        ? JsonDocument.print(JsonDocument.of(response))
        : FairShareListing.format(response));
    return 0;
  }
}
