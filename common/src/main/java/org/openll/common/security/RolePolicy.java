package org.openll.common.security;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which certificate roles may call which methods. The daemon-to-daemon methods are reserved: only a
 * startd opens {@code Negotiator.StartdSession} and sends {@code Schedd.ReportStepUpdates} (so no
 * schedd or user can advertise a machine or forge a step's outcome); only a schedd opens
 * {@code Negotiator.ScheddSession} and calls {@code Startd.StartStep}/{@code CancelStep} (so no
 * startd or user can receive permits or start work). Every other method (queries, submit, user
 * commands, DaemonControl) is open to every role; who the user is and what they may do is checked
 * by the services themselves.
 */
public final class RolePolicy {
  private static final Map<String, Set<Role>> RESERVED = Map.of(
      "openll.v1.Negotiator/StartdSession", Set.of(Role.STARTD),
      "openll.v1.Schedd/ReportStepUpdates", Set.of(Role.STARTD),
      "openll.v1.Negotiator/ScheddSession", Set.of(Role.SCHEDD),
      "openll.v1.Startd/StartStep", Set.of(Role.SCHEDD),
      "openll.v1.Startd/CancelStep", Set.of(Role.SCHEDD));

  private RolePolicy() {}

  /** Whether a peer in {@code role} (empty: a certificate without a known role) may call {@code fullMethod}. */
  public static boolean allows(Optional<Role> role, String fullMethod) {
    Set<Role> only = RESERVED.get(fullMethod);
    if (only == null) {
      return role.isPresent();
    }
    return role.isPresent() && only.contains(role.get());
  }

  /** The roles {@code fullMethod} is reserved to, for messages: {@code schedd} or {@code schedd or startd}. */
  public static String reservedToText(String fullMethod) {
    return String.join(" or ", reservedTo(fullMethod).stream().map(Role::unitName).sorted().toList());
  }

  /** The roles {@code fullMethod} is reserved to; empty when every role may call it. */
  public static Set<Role> reservedTo(String fullMethod) {
    return RESERVED.getOrDefault(fullMethod, Set.of());
  }
}
