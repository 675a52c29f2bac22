package org.openll.schedd.admin;

import com.google.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import org.openll.common.control.AdminActions;
import org.openll.schedd.queue.JobQueue;

/**
 * The schedd's {@code llctl drain|resume|purge}: drain closes the {@link SubmitGate} (no new job;
 * classes are a startd's matter and ignored here), resume opens it, purge vacates every step
 * dispatched to the machines named ({@link JobQueue#vacateMachine}): they requeue at once, or are
 * cancelled with {@code restart = no}.
 */
public final class ScheddAdmin implements AdminActions {
  private final SubmitGate gate;
  private final JobQueue queue;

  @Inject
  public ScheddAdmin(SubmitGate gate, JobQueue queue) {
    this.gate = gate;
    this.queue = queue;
  }

  @Override
  public String drain(List<String> classes) {
    gate.close();
    return adminState();
  }

  @Override
  public String resume(List<String> classes) {
    gate.open();
    return adminState();
  }

  @Override
  public List<String> purge(List<String> machines, String reason) {
    List<String> vacated = new ArrayList<>();
    for (String machine : machines) {
      vacated.addAll(queue.vacateMachine(machine, reason + " (machine " + machine + ")"));
    }
    return vacated;
  }

  @Override
  public String adminState() {
    return gate.isClosed() ? "drained" : "";
  }
}
