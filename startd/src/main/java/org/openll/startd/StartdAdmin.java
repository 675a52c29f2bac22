package org.openll.startd;

import java.util.ArrayList;
import java.util.List;
import org.openll.common.control.AdminActions;

/**
 * The startd's {@code llctl drain|resume|flush}: changes its {@link DrainState}, whose listener
 * sends a fresh machine ad (drained, or without the drained classes) to the negotiator. Flush
 * drains the machine and names the steps that run here; their schedd vacates them.
 */
final class StartdAdmin implements AdminActions {
  private final String machine;
  private final DrainState drain;
  private final ClaimTable claims;

  StartdAdmin(String machine, DrainState drain, ClaimTable claims) {
    this.machine = machine;
    this.drain = drain;
    this.claims = claims;
  }

  @Override
  public String drain(List<String> classes) {
    return drain.drain(classes);
  }

  @Override
  public String resume(List<String> classes) {
    return drain.resume(classes);
  }

  @Override
  public Flushed flush() {
    drain.flush();
    return new Flushed(machine, new ArrayList<>(claims.claims().keySet()));
  }

  @Override
  public String adminState() {
    return drain.describe();
  }
}
