package org.openll.cli;

import java.util.ArrayList;
import java.util.List;
import org.openll.api.v1.ScheddGrpc;
import org.openll.api.v1.SetUserPriorityRequest;

/**
 * {@code llprio [-q] [+n | -n | -p n] ID...}: sets ({@code -p n}, 0..100) or adjusts ({@code +n},
 * {@code -n}) the user priority of the caller's own steps, which orders that user's steps among
 * themselves. Without a change it raises by 1, as LoadLeveler does. The schedd refuses someone
 * else's step (unless an administrator asks) and an id that matches nothing; then nothing changes.
 */
public final class LlPrioCommand implements Command {
  static final String NAME = "llprio";
  static final String USAGE = "usage: llprio [-q] [+n | -n | -p n] job_or_step_id ...\n";

  @Override
  public int run(String[] args, CliContext context) throws CommandFailure, UsageException {
    SetUserPriorityRequest.Builder request = SetUserPriorityRequest.newBuilder().setRequester(context.user());
    boolean quiet = false;
    boolean changeGiven = false;
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (arg.equals("-q")) {
        quiet = true;
      } else if (arg.equals("-p")) {
        if (i + 1 >= args.length) {
          throw new UsageException("-p needs a priority (0..100)", USAGE);
        }
        int value = number(args[++i]);
        if (value < 0 || value > 100) {
          throw new UsageException("priority must be 0..100: " + args[i], USAGE);
        }
        changeGiven = checkOne(changeGiven);
        request.setAbsolute(value);
      } else if (arg.matches("[+-][0-9]+")) {
        changeGiven = checkOne(changeGiven);
        request.setAdjustment(number(arg));
      } else if (arg.startsWith("-") && arg.length() > 1) {
        throw new UsageException("unknown option: " + arg, USAGE);
      } else {
        ids.add(arg);
      }
    }
    if (ids.isEmpty()) {
      throw new UsageException("no job or step id given", USAGE);
    }
    if (!changeGiven) {
      request.setAdjustment(1);
    }
    request.addAllIds(ids);
    try (DaemonConnection schedd = DaemonConnection.open(context, "schedd")) {
      schedd.call(channel -> schedd.withDeadline(ScheddGrpc.newBlockingStub(channel)).setUserPriority(request.build()));
    }
    if (!quiet) {
      context.out().println(NAME + ": Priority command has been sent to the central manager.");
    }
    return 0;
  }

  private static boolean checkOne(boolean changeGiven) throws UsageException {
    if (changeGiven) {
      throw new UsageException("give one of +n, -n, -p n", USAGE);
    }
    return true;
  }

  private static int number(String text) throws UsageException {
    try {
      return Integer.parseInt(text.startsWith("+") ? text.substring(1) : text);
    } catch (NumberFormatException e) {
      throw new UsageException("not a number: " + text, USAGE);
    }
  }
}
