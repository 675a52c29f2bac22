package org.openll.common.sysprio;

/**
 * The values SYSPRIO sees for one step. Counts are of steps (not tasks) in the whole cluster, as
 * the negotiator knows them in the cycle.
 *
 * @param classSysprio the class stanza's priority
 * @param userSysprio the user stanza's priority
 * @param groupSysprio the group stanza's priority
 * @param userPrio the step's user_priority (0..100, 50 by default)
 * @param qDate when the step was queued, in seconds since the epoch
 * @param userQueuedJobs the owner's idle steps
 * @param userRunningJobs the owner's dispatched steps
 * @param userTotalJobs their sum
 * @param userHasShares the owner's fair_shares
 * @param userUsedShares the owner's decayed usage, in shares
 */
public record SysprioVariables(double classSysprio, double userSysprio, double groupSysprio, double userPrio,
    double qDate, double userQueuedJobs, double userRunningJobs, double userTotalJobs, double groupQueuedJobs,
    double groupRunningJobs, double groupTotalJobs, double userHasShares, double userUsedShares,
    double groupHasShares, double groupUsedShares) {}
