package org.openll.schedd.queue;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.openll.api.v1.ResourceRequest;
import org.openll.api.v1.StepSpec;
import org.openll.common.admin.AdminConfig;
import org.openll.common.admin.ClassStanza;
import org.openll.common.admin.GroupStanza;
import org.openll.common.admin.Unlimited;
import org.openll.common.admin.UserStanza;
import org.openll.common.errors.OpenllException;
import org.openll.schedd.store.StoredStep;

/**
 * LoadL_admin's rules for a step at submit, before it is stored. In order: the group (the user
 * stanza's {@code default_group} when the step names none; the group's include/exclude_users),
 * the class (the first class of the user stanza's {@code default_class} the user may use when the
 * step names none; it must be defined; the class's include/exclude lists), the limits
 * ({@link ClassLimitRules}), the class's {@code default_resources} for a step without a resources
 * keyword, and the machine and task counts ({@code max_node} of class, user and group,
 * {@code total_tasks} of user and group, {@code max_total_tasks} of the class). A refusal names
 * the step and the rule: PERMISSION_DENIED for who may use a class or group, INVALID_ARGUMENT for
 * an undefined class or a count above a limit. Pure.
 */
final class SubmitPolicy {
  private static final String CPUS = "ConsumableCpus";

  private SubmitPolicy() {}

  /** {@code spec} (step {@code index} of a job of {@code owner}) with the rules applied. */
  static StepSpec apply(StepSpec spec, int index, String owner, AdminConfig admin) {
    String where = "step " + index + ": ";
    UserStanza user = admin.user(owner);
    String groupName = isUnset(spec.getGroup(), AdminConfig.NO_GROUP) ? user.defaultGroup() : spec.getGroup();
    if (groupName.isBlank()) {
      groupName = AdminConfig.NO_GROUP;
    }
    GroupStanza group = admin.group(groupName);
    Optional<String> groupRefusal = group.refusal(owner);
    if (groupRefusal.isPresent()) {
      throw OpenllException.permissionDenied(where + "group " + groupName + ": " + groupRefusal.get());
    }
    String className = isUnset(spec.getJobClass(), AdminConfig.NO_CLASS)
        ? defaultClass(where, user, owner, groupName, admin) : spec.getJobClass();
    if (!admin.classDefined(className)) {
      throw OpenllException.invalidArgument(where + "class " + className + " is not defined in LoadL_admin");
    }
    ClassStanza cls = admin.classNamed(className);
    Optional<String> classRefusal = cls.refusal(owner, groupName);
    if (classRefusal.isPresent()) {
      throw OpenllException.permissionDenied(where + "class " + className + ": " + classRefusal.get());
    }
    StepSpec.Builder out = spec.toBuilder().setGroup(groupName).setJobClass(className)
        .setLimits(ClassLimitRules.apply(spec.getLimits(), cls));
    if (spec.getResourcesCount() == 0 && !cls.defaultResources().isEmpty()) {
      out.addAllResources(cls.defaultResources()).setCpus(cpus(cls.defaultResources()));
    }
    int nodes = spec.hasNode() ? Math.max(spec.getNode().getMax(), spec.getNode().getMin()) : 1;
    checkAtMost(where, "node = " + nodes, nodes, cls.maxNode(), "max_node", "class " + className);
    checkAtMost(where, "node = " + nodes, nodes, user.maxNode(), "max_node", "user " + owner);
    checkAtMost(where, "node = " + nodes, nodes, group.maxNode(), "max_node", "group " + groupName);
    int tasks = tasks(spec, nodes);
    checkAtMost(where, tasks + " task(s)", tasks, user.totalTasks(), "total_tasks", "user " + owner);
    checkAtMost(where, tasks + " task(s)", tasks, group.totalTasks(), "total_tasks", "group " + groupName);
    checkAtMost(where, tasks + " task(s)", tasks, cls.maxTotalTasks(), "max_total_tasks", "class " + className);
    return out.build();
  }

  /**
   * Refuses a submit of {@code specs} (rules applied) by {@code owner} when a step would pass its
   * owner's or group's {@code maxqueued}, counting the steps of {@code active} (not finished) and
   * the earlier steps of the same job. Counts only when some such limit is set. The queue checks
   * when a submit takes its job number and commits after, so two submits of one user racing for
   * the last place may both pass (the limit is exceeded by at most the submits in flight).
   */
  static void checkQueued(List<StepSpec> specs, String owner, AdminConfig admin, Collection<StoredStep> active) {
    boolean userLimited = admin.user(owner).maxQueued() != Unlimited.VALUE;
    boolean groupLimited = specs.stream().anyMatch(s -> admin.group(s.getGroup()).maxQueued() != Unlimited.VALUE);
    if (!userLimited && !groupLimited) {
      return;
    }
    long user = 0;
    Map<String, Long> groups = new HashMap<>();
    for (StoredStep step : active) {
      if (step.owner().equals(owner)) {
        user++;
      }
      groups.merge(IdleLimits.group(step.status()), 1L, Long::sum);
    }
    for (int i = 0; i < specs.size(); i++) {
      String group = specs.get(i).getGroup();
      checkQueued(i, owner, group, user, groups.getOrDefault(group, 0L), admin);
      user++;
      groups.merge(group, 1L, Long::sum);
    }
  }

  /**
   * Refuses the {@code index}th step of a submit with RESOURCE_EXHAUSTED when {@code owner}'s or
   * {@code group}'s {@code maxqueued} is reached by the steps already queued ({@code userQueued},
   * {@code groupQueued}, counting the earlier steps of the same job).
   */
  static void checkQueued(int index, String owner, String group, long userQueued, long groupQueued,
      AdminConfig admin) {
    int userMax = admin.user(owner).maxQueued();
    if (Unlimited.reached(userMax, userQueued)) {
      throw OpenllException.resourceExhausted("step " + index + ": user " + owner + " has " + userQueued
          + " queued steps, maxqueued = " + userMax);
    }
    int groupMax = admin.group(group).maxQueued();
    if (Unlimited.reached(groupMax, groupQueued)) {
      throw OpenllException.resourceExhausted("step " + index + ": group " + group + " has " + groupQueued
          + " queued steps, maxqueued = " + groupMax);
    }
  }

  /** Tasks a step asks for: total_tasks, else tasks_per_node on each node, else one per node. */
  static int tasks(StepSpec spec, int nodes) {
    if (spec.getTotalTasks() > 0) {
      return spec.getTotalTasks();
    }
    return spec.getTasksPerNode() > 0 ? spec.getTasksPerNode() * nodes : nodes;
  }

  private static String defaultClass(String where, UserStanza user, String owner, String group, AdminConfig admin) {
    List<String> choices = user.defaultClass();
    if (choices.isEmpty()) {
      return AdminConfig.NO_CLASS;
    }
    String first = null;
    for (String name : choices) {
      if (!admin.classDefined(name)) {
        first = first == null ? "class " + name + " is not defined" : first;
        continue;
      }
      Optional<String> refusal = admin.classNamed(name).refusal(owner, group);
      if (refusal.isEmpty()) {
        return name;
      }
      first = first == null ? refusal.get() : first;
    }
    throw OpenllException.permissionDenied(where + "no class of default_class (" + String.join(" ", choices)
        + ") of user " + owner + " may be used: " + first);
  }

  private static void checkAtMost(String where, String what, int value, int limit, String keyword, String of) {
    if (limit != Unlimited.VALUE && value > limit) {
      throw OpenllException.invalidArgument(where + what + " exceeds " + keyword + " = " + limit + " of " + of);
    }
  }

  private static boolean isUnset(String value, String none) {
    return value.isBlank() || value.equals(none);
  }

  private static int cpus(List<ResourceRequest> resources) {
    return resources.stream().filter(r -> r.getName().equals(CPUS)).mapToInt(r -> (int) r.getAmount())
        .findFirst().orElse(1);
  }
}
