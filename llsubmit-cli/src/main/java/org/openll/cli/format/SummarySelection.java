package org.openll.cli.format;

import java.util.Optional;
import java.util.function.Predicate;
import org.openll.api.v1.StepStatus;

/**
 * Which finished steps llsummary counts: each criterion that is present must hold. Pure.
 *
 * @param user {@code -u}: the step's owner
 * @param jobClass {@code -c}: the step's class
 * @param group {@code -g}: the step's LoadLeveler group ({@code No_Group} matches steps without one)
 * @param account {@code --account}: the step's account number ({@code NONE} matches steps without one)
 * @param allocated {@code -a}: a machine the step was allocated (short or full name)
 * @param job {@code -j}: the step's job or step id, as llq takes it ({@link StepIds#matches})
 * @param queued {@code -s}: when the job was queued (submitted)
 * @param completed {@code -e}: when the step completed
 */
public record SummarySelection(
    Optional<String> user,
    Optional<String> jobClass,
    Optional<String> group,
    Optional<String> account,
    Optional<String> allocated,
    Optional<String> job,
    Optional<DateRange> queued,
    Optional<DateRange> completed) implements Predicate<StepStatus> {

  /** Everything. */
  public static final SummarySelection ALL = new SummarySelection(Optional.empty(), Optional.empty(),
      Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

  @Override
  public boolean test(StepStatus step) {
    return user.map(step.getOwner()::equals).orElse(true)
        && jobClass.map(step.getSpec().getJobClass()::equals).orElse(true)
        && group.map(SummarySection.GROUP.key(step, null)::equals).orElse(true)
        && account.map(SummarySection.ACCOUNT.key(step, null)::equals).orElse(true)
        && allocated.map(host -> ranOn(step, host)).orElse(true)
        && job.map(id -> StepIds.matches(id, step)).orElse(true)
        && queued.map(range -> range.contains(step.getQueueTime())).orElse(true)
        && completed.map(range -> range.contains(step.getCompletionTime())).orElse(true);
  }

  private static boolean ranOn(StepStatus step, String host) {
    if (sameHost(step.getMachine(), host) || sameHost(step.getResult().getMachine(), host)) {
      return true;
    }
    return step.getAllocatedHostsList().stream().anyMatch(h -> sameHost(h, host));
  }

  /** {@code a} and {@code b} name the same machine: equal, or equal up to the first dot of either. */
  private static boolean sameHost(String machine, String asked) {
    if (machine.isEmpty()) {
      return false;
    }
    return machine.equals(asked) || shortName(machine).equals(shortName(asked));
  }

  private static String shortName(String host) {
    int dot = host.indexOf('.');
    return dot < 0 ? host : host.substring(0, dot);
  }
}
