package org.openll.common.state;

/** A transition the table forbids. It is a bug of the caller: log it and refuse it, never apply it. */
public final class IllegalTransitionException extends RuntimeException {
  private final StepState from;
  private final StepState to;
  private final Actor actor;

  public IllegalTransitionException(StepState from, StepState to, Actor actor) {
    super("illegal transition " + from.longName() + " -> " + to.longName() + " by " + actor);
    this.from = from;
    this.to = to;
    this.actor = actor;
  }

  public StepState from() {
    return from;
  }

  public StepState to() {
    return to;
  }

  public Actor actor() {
    return actor;
  }
}
