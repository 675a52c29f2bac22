package org.openll.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.openll.api.v1.DaemonControlGrpc;
import org.openll.api.v1.DaemonControlGrpc.DaemonControlBlockingStub;
import org.openll.api.v1.DrainRequest;
import org.openll.api.v1.FlushRequest;
import org.openll.api.v1.FlushResponse;
import org.openll.api.v1.PurgeRequest;
import org.openll.api.v1.PurgeResponse;
import org.openll.api.v1.ResumeRequest;

/**
 * {@code llctl drain|resume|flush|purge}: sends each addressed daemon its DaemonControl request as
 * the user running the command (administrators only: the daemon refuses anyone else) and prints
 * one line per daemon, {@code NAME outcome}. A flush drains each startd, then asks the schedd to
 * purge its machine, which vacates the steps that ran there (they requeue, or are cancelled with
 * {@code restart = no}). Exit 1 when any daemon refused or could not be reached.
 */
final class LlCtlAdmin {
  private final CliContext context;
  private int exit;

  LlCtlAdmin(CliContext context) {
    this.context = context;
  }

  int drain(LlCtlTargets targets) {
    DrainRequest request = DrainRequest.newBuilder().setRequester(context.user()).addAllClasses(targets.classes()).build();
    for (String daemon : daemons(targets)) {
      run(daemon, stub -> {
        String state = stub.drain(request).getAdminState();
        return state.isEmpty() ? "drained" : state;
      });
    }
    return exit;
  }

  int resume(LlCtlTargets targets) {
    ResumeRequest request = ResumeRequest.newBuilder().setRequester(context.user()).addAllClasses(targets.classes())
        .build();
    for (String daemon : daemons(targets)) {
      run(daemon, stub -> {
        String state = stub.resume(request).getAdminState();
        return state.isEmpty() ? "resumed" : "resumed; still " + state;
      });
    }
    return exit;
  }

  int flush(LlCtlTargets targets) {
    for (String daemon : targets.startds()) {
      FlushResponse[] flushed = new FlushResponse[1];
      boolean drained = run(daemon, null, stub -> {
        flushed[0] = stub.flush(FlushRequest.newBuilder().setRequester(context.user()).build());
        return null;
      });
      if (!drained) {
        continue;
      }
      String machine = flushed[0].getMachine();
      run(daemon, "schedd", stub -> "flushed: " + vacated(stub.purge(PurgeRequest.newBuilder()
          .setRequester(context.user()).addMachines(machine)
          .setReason("llctl flush of " + machine + " by " + context.user()).build())));
    }
    return exit;
  }

  int purge(List<String> machines) {
    PurgeRequest request = PurgeRequest.newBuilder().setRequester(context.user()).addAllMachines(machines).build();
    run("schedd", stub -> "purged " + String.join(" ", machines) + ": " + vacated(stub.purge(request)));
    return exit;
  }

  private static String vacated(PurgeResponse response) {
    return response.getStepIdsList().isEmpty()
        ? "no step was dispatched there"
        : "vacated " + String.join(" ", response.getStepIdsList());
  }

  private static List<String> daemons(LlCtlTargets targets) {
    List<String> daemons = new ArrayList<>();
    if (targets.schedd()) {
      daemons.add("schedd");
    }
    daemons.addAll(targets.startds());
    return daemons;
  }

  private void run(String daemon, Function<DaemonControlBlockingStub, String> call) {
    run(daemon, daemon, call);
  }

  /**
   * Calls {@code callee} for the line of {@code daemon}; prints the outcome (when {@code callee}
   * answers non-null) or the failure. Returns whether the call succeeded.
   */
  private boolean run(String daemon, String callee, Function<DaemonControlBlockingStub, String> call) {
    String target = callee == null ? daemon : callee;
    try (DaemonConnection connection = DaemonConnection.open(context, target)) {
      String outcome = connection.call(channel -> call.apply(
          connection.withDeadline(DaemonControlGrpc.newBlockingStub(channel))));
      if (outcome != null) {
        context.out().println(LlCtlCommand.reconfigLine(daemon, outcome));
      }
      return true;
    } catch (CommandFailure e) {
      context.out().println(LlCtlCommand.reconfigLine(daemon, "failed: " + e.getMessage()));
      exit = 1;
      return false;
    }
  }
}
