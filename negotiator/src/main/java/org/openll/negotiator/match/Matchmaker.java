package org.openll.negotiator.match;

import jakarta.inject.Inject;
import org.openll.common.expr.ExpressionCache;

/**
 * The negotiation cycle's decision, as a pure function of a {@link PoolSnapshot}: no I/O, no clock
 * but {@link PoolSnapshot#now()}, same snapshot gives the same plan.
 *
 * <p><b>Order.</b> Favored steps and users first, then SYSPRIO descending, then queue time, then
 * step id; then {@code user_priority} reorders each owner's steps among the positions they hold
 * ({@link StepOrder}).
 *
 * <p><b>Machines.</b> Up and not drained. Each offers free CPUs (its CPUs minus allocations' and
 * ad-running steps', each step once, as {@link FreeCpus}), its consumables ({@link Machine#resources},
 * ConsumableMemory defaulting to its memory) minus allocations' shares (only those of
 * SCHEDULE_BY_RESOURCES when it is set), and class initiators ({@link Machine#classSlots}; without
 * slots, {@code cpus} initiators of each class it runs); FLOATING_RESOURCES are a cluster-wide
 * pool. Every match is subtracted before the next step is placed, so a plan never oversubscribes.
 *
 * <p><b>Limits.</b> Class maxjobs, max_jobs_per_user, max_total_tasks; user and group maxjobs,
 * counting allocations and this cycle's matches.
 *
 * <p><b>Matching.</b> Class offered, requirements (expressions see {@link Machine#attributes(int)}
 * with ConsumableCpus and ConsumableMemory the amounts free), room for the step's tasks; a
 * not_shared step takes only empty machines and nothing else joins it. Machines satisfying the
 * preferences rank first, then the most free CPUs, then the smallest name. Parallel steps get all
 * their machines in one decision or none ({@link TaskLayout} has the rules). A step whose
 * requirements or preferences do not parse is never matched; the parse error is its reason.
 *
 * <p><b>Autoclusters.</b> Steps of equal {@link Shape} share one evaluation of class, requirements
 * and preferences against every machine per cycle, and a heap of candidate machines by rank,
 * re-ranked lazily when another match changed a machine (amounts only decrease within a cycle, so
 * a machine with no room for a shape is dropped from its heap for good). Once a shape cannot place
 * a step, its later steps fail at once with the same verdict. A cycle costs shapes &times; machines
 * expression evaluations plus about log(machines) per placed step. Requirements or preferences that
 * name ConsumableCpus or ConsumableMemory see the cycle-start amounts when ranking; requirements
 * are re-tested with current amounts when a machine is picked.
 *
 * <p><b>Backfill</b> ({@code SCHEDULER_TYPE = BACKFILL}). The first step in order that finds no room
 * (rather than no class or requirements match, and not for a limit) becomes the top dog: the
 * earliest time at which the shares of allocations and this cycle's matches that have ended by
 * then (since + wall_clock_limit) leave room for it gives its "will start by" and the machines it
 * reserves. Later steps may use a reserved machine only if they have a wall_clock_limit and end by
 * that time. If it fits only once steps without a wall_clock_limit end, it reserves the machines
 * with no start time: then no other step may use them (one could delay it without end). A step that would not
 * fit even on an empty pool is not a top dog. Floating resources are not reserved. Under
 * LL_DEFAULT steps are placed greedily in order with no reservation.
 *
 * <p><b>Verdicts.</b> Every idle step gets a {@link StepVerdict}. A step that did not start counts
 * each machine under the first reason that excludes it: down, drained, class not offered,
 * requirements, not_shared, class slots, CPUs, memory, other consumable, top dog (a machine without
 * explicit class slots has one initiator per CPU, so there running out of initiators counts as
 * CPUs). Limits, floating resources and "not enough machines" (each machine has room for some
 * tasks, together too few) have no machine count. The summary is the reason that came closest to
 * letting the step run (the last in that order).
 *
 * <p>Thread-safe (the expression cache is; each call has its own state).
 */
public final class Matchmaker {
  private final ExpressionCache expressions;

  @Inject
  public Matchmaker(ExpressionCache expressions) {
    this.expressions = expressions;
  }

  public MatchPlan negotiate(PoolSnapshot snapshot) {
    return new Cycle(snapshot, expressions).run();
  }
}
