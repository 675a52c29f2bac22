package org.openll.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.openll.api.v1.QueryStepsRequest;
import org.openll.api.v1.QueryStepsResponse;
import org.openll.api.v1.ScheddGrpc;
import org.openll.api.v1.StepStatus;

/**
 * QuerySteps page after page (a schedd answers at most 10,000 steps or about 2 MiB per call), each
 * page with its own deadline, so a listing of a million steps neither exceeds a message's limit nor
 * the command's deadline.
 */
final class StepQuery {
  private StepQuery() {}

  /** Passes every page of {@code request}'s answer to {@code page}, in order, as it arrives. */
  static void forEachPage(DaemonConnection schedd, QueryStepsRequest request, Consumer<List<StepStatus>> page)
      throws CommandFailure {
    QueryStepsRequest next = request;
    while (true) {
      QueryStepsRequest asked = next;
      QueryStepsResponse response =
          schedd.call(channel -> schedd.withDeadline(ScheddGrpc.newBlockingStub(channel)).querySteps(asked));
      page.accept(response.getStepsList());
      if (response.getNextPageToken().isEmpty()) {
        return;
      }
      next = request.toBuilder().setPageToken(response.getNextPageToken()).build();
    }
  }

  /** Every step of {@code request}'s answer, every page read. */
  static List<StepStatus> all(DaemonConnection schedd, QueryStepsRequest request) throws CommandFailure {
    List<StepStatus> steps = new ArrayList<>();
    forEachPage(schedd, request, steps::addAll);
    return steps;
  }
}
