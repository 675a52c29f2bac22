package org.openll.schedd.queue;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.openll.api.v1.Limit;
import org.openll.api.v1.StepSpec;
import org.openll.api.v1.StepStatus;
import org.openll.common.admin.AdminConfig;
import org.openll.common.errors.OpenllException;
import org.openll.common.state.StepState;
import org.openll.schedd.store.StoredStep;

/**
 * llmodify's changes to waiting steps (Idle, Hold, Deferred, Not Queued: never to one that is
 * dispatched or ending). A new class or wall_clock_limit goes through LoadL_admin's rules again as
 * at submit ({@link SubmitPolicy}: who may use the class, its limits through
 * {@link ClassLimitRules}, its node and task limits). All or nothing: the first refusal throws and
 * nothing changes. Pure.
 */
public final class StepModifications {
  /**
   * What to change; an empty part stays as it is.
   *
   * @param userPriority 0..100
   */
  public record Change(Optional<String> jobClass, Optional<Limit> wallClockLimit, Optional<String> accountNo,
      OptionalInt userPriority) {
    /** Refuses a change of nothing, a blank class and a priority outside 0..100 (INVALID_ARGUMENT). */
    public Change {
      if (jobClass.isEmpty() && wallClockLimit.isEmpty() && accountNo.isEmpty() && userPriority.isEmpty()) {
        throw OpenllException.invalidArgument("nothing to modify: give job_class, wall_clock_limit, account_no or "
            + "user_priority");
      }
      if (jobClass.isPresent() && jobClass.get().isBlank()) {
        throw OpenllException.invalidArgument("job_class: is empty");
      }
      if (wallClockLimit.isPresent() && !wallClockLimit.get().hasHard()) {
        throw OpenllException.invalidArgument("wall_clock_limit: the hard limit is required");
      }
      if (userPriority.isPresent() && (userPriority.getAsInt() < PriorityChanges.MIN
          || userPriority.getAsInt() > PriorityChanges.MAX)) {
        throw OpenllException.invalidArgument("user_priority: must be 0..100, not " + userPriority.getAsInt());
      }
    }

    @Override
    public String toString() {
      List<String> parts = new ArrayList<>();
      jobClass.ifPresent(c -> parts.add("class=" + c));
      wallClockLimit.ifPresent(l -> parts.add("wall_clock_limit=" + l.toString().replace('\n', ' ').strip()));
      accountNo.ifPresent(a -> parts.add("account_no=" + a));
      userPriority.ifPresent(p -> parts.add("user_priority=" + p));
      return String.join(", ", parts);
    }
  }

  private StepModifications() {}

  /** {@code steps} with {@code change} applied, in their order; the ones it leaves as they were are left out. */
  static List<StoredStep> apply(Collection<StoredStep> steps, Change change, AdminConfig admin) {
    List<StoredStep> changed = new ArrayList<>();
    for (StoredStep step : steps) {
      StepStatus next = apply(step, change, admin);
      if (!next.equals(step.status())) {
        changed.add(step.with(next));
      }
    }
    return changed;
  }

  /** One step with {@code change} applied; FAILED_PRECONDITION naming its state when it does not wait. */
  static StepStatus apply(StoredStep step, Change change, AdminConfig admin) {
    if (!PriorityChanges.waits(step.state())) {
      throw OpenllException.failedPrecondition("step " + step.stepId() + " is " + step.state().longName()
          + ": llmodify changes only steps that wait (Idle, Hold, Deferred, Not Queued)");
    }
    StepSpec spec = step.status().getSpec();
    StepSpec.Builder next = spec.toBuilder();
    change.jobClass().ifPresent(next::setJobClass);
    change.wallClockLimit().ifPresent(l -> next.setLimits(next.getLimits().toBuilder().setWallClockLimit(l)));
    change.accountNo().ifPresent(next::setAccountNo);
    change.userPriority().ifPresent(next::setUserPriority);
    StepSpec modified = next.build();
    if (change.jobClass().isPresent() || change.wallClockLimit().isPresent()) {
      modified = checked(step, modified, admin);
    }
    return step.status().toBuilder().setSpec(modified).build();
  }

  /** The class rules of a submit, with refusals naming the step id instead of its index. */
  private static StepSpec checked(StoredStep step, StepSpec spec, AdminConfig admin) {
    try {
      return SubmitPolicy.apply(spec, step.stepNumber(), step.owner(), admin);
    } catch (OpenllException e) {
      String prefix = "step " + step.stepNumber() + ": ";
      String message = e.getMessage().startsWith(prefix) ? e.getMessage().substring(prefix.length()) : e.getMessage();
      throw new OpenllException(e.code(), "step " + step.stepId() + ": " + message);
    }
  }
}
