package org.openll.common.state;

/** LoadLeveler's job step states, with the abbreviation {@code llq} prints and the long name {@code llq -l} prints. */
public enum StepState {
  /** Eligible to run; no machine chosen yet. */
  IDLE("I", "Idle", false),
  /** The negotiator issued a permit to run; the schedd has not yet started the step. */
  PENDING("P", "Pending", false),
  /** The startd accepted the step; its starter is launching. */
  STARTING("ST", "Starting", false),
  /** The user's command runs. */
  RUNNING("R", "Running", false),
  /** The command ended; its final record is being collected. */
  COMPLETE_PENDING("CP", "Complete Pending", false),
  /** The startd refused the step. */
  REJECT_PENDING("XP", "Reject Pending", false),
  /** Cancelled while dispatched; its process tree is being killed. */
  REMOVE_PENDING("RP", "Remove Pending", false),
  /** Being evicted from its machine. */
  VACATE_PENDING("VP", "Vacate Pending", false),
  /** Ran to its end (terminal). */
  COMPLETED("C", "Completed", true),
  /** Did not start; goes back to Idle. */
  REJECTED("X", "Rejected", false),
  /** Cancelled by its owner or openll (terminal). */
  REMOVED("RM", "Removed", true),
  /** Evicted; requeued when restart = yes. */
  VACATED("V", "Vacated", false),
  /** Cancelled by a user or an administrator (terminal). */
  CANCELED("CA", "Canceled", true),
  /** Its dependency was false (terminal). */
  NOT_RUN("NR", "Not Run", true),
  /** Ended abnormally outside openll's control (terminal). */
  TERMINATED("TX", "Terminated", true),
  /** Internal: not yet expanded. */
  UNEXPANDED("?", "Unexpanded", false),
  /** Could not be accepted (terminal). */
  SUBMISSION_ERROR("SX", "Submission Error", true),
  /** Held by its owner or an administrator. */
  HOLD("H", "User Hold", false),
  /** Waiting for its startdate. */
  DEFERRED("D", "Deferred", false),
  /** Not considered for scheduling yet. */
  NOT_QUEUED("NQ", "Not Queued", false),
  /** Suspended by preemption. */
  PREEMPTED("E", "Preempted", false),
  /** Being preempted. */
  PREEMPT_PENDING("EP", "Preempt Pending", false),
  /** Being resumed after preemption. */
  RESUME_PENDING("MP", "Resume Pending", false);

  private final String abbreviation;
  private final String longName;
  private final boolean terminal;

  StepState(String abbreviation, String longName, boolean terminal) {
    this.abbreviation = abbreviation;
    this.longName = longName;
    this.terminal = terminal;
  }

  /** The code in {@code llq}'s ST column. */
  public String abbreviation() {
    return abbreviation;
  }

  /** The name in {@code llq -l}'s Status field. */
  public String longName() {
    return longName;
  }

  /** True for states a step never leaves: it then belongs to the history. */
  public boolean isTerminal() {
    return terminal;
  }

  /** True while the step holds resources on a machine (from the permit until its final record). */
  public boolean isDispatched() {
    return switch (this) {
      case PENDING, STARTING, RUNNING, COMPLETE_PENDING, REJECT_PENDING, REMOVE_PENDING,
          VACATE_PENDING, PREEMPTED, PREEMPT_PENDING, RESUME_PENDING -> true;
      default -> false;
    };
  }
}
