package org.openll.schedd.queue;

import java.util.List;
import org.openll.api.v1.StepStatus;

/** Told of every step change the {@link JobQueue} committed, in commit order. */
public interface StepChangeListener {
  /**
   * Called under the queue's lock right after {@code steps} were committed and applied: it must
   * return quickly and never block.
   */
  void changed(List<StepStatus> steps);
}
