package org.openll.schedd.queue;

import java.util.List;

/** The ids a submit assigned: the job's and its steps', in step order. */
public record SubmittedJob(String jobId, List<String> stepIds) {
  public SubmittedJob {
    stepIds = List.copyOf(stepIds);
  }
}
