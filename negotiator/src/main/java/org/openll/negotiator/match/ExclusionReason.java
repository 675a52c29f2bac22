package org.openll.negotiator.match;

/** Why a machine (or, for limits, the cluster) cannot take a step now; mirrors openll.v1.ExclusionReason. */
public enum ExclusionReason {
  MACHINE_DOWN, MACHINE_DRAINED, CLASS_NOT_OFFERED, REQUIREMENTS, CPUS, MEMORY, RESOURCE, CLASS_SLOTS, NOT_SHARED,
  TOP_DOG, USER_LIMIT, GROUP_LIMIT, CLASS_LIMIT, FLOATING_RESOURCE, NOT_ENOUGH_MACHINES, EXPRESSION_ERROR
}
