package org.openll.cli;

import com.beust.jcommander.Parameter;
import java.util.ArrayList;
import java.util.List;
import org.openll.api.v1.HoldStepsRequest;
import org.openll.api.v1.HoldType;
import org.openll.api.v1.ReleaseStepsRequest;
import org.openll.api.v1.ScheddGrpc;

/**
 * {@code llhold [-r] [-s] ID...}: places a user hold on jobs or steps that wait (Idle, Deferred,
 * Not Queued), or with {@code -s} a system hold; {@code -r} releases that hold instead. A step
 * with no hold left goes Idle (or Deferred, Not Queued, Not Run as its startdate and dependency
 * say). Running steps are unaffected. When one id matches no step in the queue nothing changes.
 */
public final class LlHoldCommand implements Command {
  static final String NAME = "llhold";

  static final class Options implements SimpleFlags.Simple {
    @Parameter(names = "-r", description = "release the hold instead of placing it")
    boolean release;

    @Parameter(names = "-s", description = "the system hold instead of the user hold")
    boolean system;

    @Parameter(description = "job or step id ... (host.N, host.N.S, N, N.S)")
    List<String> ids = new ArrayList<>();

    @Override
    public Runnable flag(String flag) {
      return switch (flag) {
        case "-r" -> () -> release = true;
        case "-s" -> () -> system = true;
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
    if (options.ids.isEmpty()) {
      throw Flags.usageError(NAME, options, "no job or step id given");
    }
    HoldType type = options.system ? HoldType.HOLD_TYPE_SYSTEM : HoldType.HOLD_TYPE_USER;
    try (DaemonConnection schedd = DaemonConnection.open(context, "schedd")) {
      if (options.release) {
        ReleaseStepsRequest request = ReleaseStepsRequest.newBuilder()
            .addAllIds(options.ids).setRequester(context.user()).setHoldType(type).build();
        schedd.call(channel -> schedd.withDeadline(ScheddGrpc.newBlockingStub(channel)).releaseSteps(request));
      } else {
        HoldStepsRequest request = HoldStepsRequest.newBuilder()
            .addAllIds(options.ids).setRequester(context.user()).setHoldType(type).build();
        schedd.call(channel -> schedd.withDeadline(ScheddGrpc.newBlockingStub(channel)).holdSteps(request));
      }
    }
    context.out().println(NAME + ": Hold command has been sent to the central manager.");
    return 0;
  }
}
