package org.openll.schedd.queue;

import java.util.Optional;
import org.openll.api.v1.StepResult;
import org.openll.api.v1.StepStatus;
import org.openll.common.jcf.Dependency;
import org.openll.common.state.StepState;
import org.openll.common.state.StepStateProtos;

/**
 * The value a finished step has in other steps' {@code dependency} expressions. Completed: its
 * exit code, or 128 + N when signal N killed it (the shell's convention), or -1 when its command
 * could not start. Removed, Canceled: {@link Dependency#CC_REMOVED}. Not Run, Submission Error:
 * {@link Dependency#CC_NOTRUN}. Terminated: as Completed when it has a result, else CC_REMOVED.
 * A step that has not finished has no value. Pure.
 */
final class DependencyCodes {
  private DependencyCodes() {}

  static Optional<Integer> of(StepStatus status) {
    StepState state = StepStateProtos.fromProto(status.getState());
    return switch (state) {
      case COMPLETED -> Optional.of(fromResult(status.getResult()));
      case REMOVED, CANCELED -> Optional.of(Dependency.CC_REMOVED);
      case NOT_RUN, SUBMISSION_ERROR -> Optional.of(Dependency.CC_NOTRUN);
      case TERMINATED -> Optional.of(status.hasResult() ? fromResult(status.getResult()) : Dependency.CC_REMOVED);
      default -> Optional.empty();
    };
  }

  private static int fromResult(StepResult result) {
    if (!result.getLaunched()) {
      return -1;
    }
    return result.getSignal() != 0 ? 128 + result.getSignal() : result.getExitCode();
  }
}
