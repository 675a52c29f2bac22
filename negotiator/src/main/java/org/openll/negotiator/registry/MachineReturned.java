package org.openll.negotiator.registry;

import java.util.List;

/**
 * A machine that reports after it was lost, or any machine running steps when a schedd says hello,
 * with the steps its latest ad lists as running: a schedd kills those it no longer has on it.
 */
public record MachineReturned(String machine, List<String> runningStepIds) implements MachineNotice {
  public MachineReturned {
    runningStepIds = List.copyOf(runningStepIds);
  }
}
