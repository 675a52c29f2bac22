package org.openll.schedd.queue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.openll.api.v1.StepLimits;
import org.openll.common.admin.AdminConfig;
import org.openll.common.admin.ClassStanza;
import org.openll.common.admin.GroupStanza;
import org.openll.common.admin.Unlimited;
import org.openll.common.admin.UserStanza;
import org.openll.common.config.SchedulingConfig;
import org.openll.common.sysprio.SysprioExpression;
import org.openll.schedd.config.AdminInputs;

/** Admin records for tests, built directly (the readers are another branch's work). */
final class Admin {
  static final int U = Unlimited.VALUE;

  private Admin() {}

  static ClassStanza cls(String name) {
    return new ClassStanza(name, 0, Set.of(), Set.of(), Set.of(), Set.of(), U, U, U, U,
        StepLimits.getDefaultInstance(), StepLimits.getDefaultInstance(), List.of(), "", Map.of());
  }

  static UserStanza user(String name) {
    return new UserStanza(name, 0, List.of(), AdminConfig.NO_GROUP, U, U, U, U, U, 0);
  }

  static GroupStanza group(String name) {
    return new GroupStanza(name, 0, Set.of(), Set.of(), U, U, U, U, U, 0);
  }

  static AdminConfig config(List<ClassStanza> classes, List<UserStanza> users, List<GroupStanza> groups) {
    return new AdminConfig(byName(classes, ClassStanza::name), byName(users, UserStanza::name),
        byName(groups, GroupStanza::name), Map.of(), cls("default"), user("default"), group("default"));
  }

  static SchedulingConfig scheduling(int maxJobReject, SchedulingConfig.RejectAction action, String... admins) {
    return new SchedulingConfig(SchedulingConfig.SchedulerType.LL_DEFAULT,
        SysprioExpression.parse(SysprioExpression.DEFAULT), List.of(), Map.of(), maxJobReject, action, 0,
        Duration.ofHours(168), Set.of(admins));
  }

  static AdminInputs inputs(AdminConfig admin, SchedulingConfig scheduling) {
    return AdminInputs.of(admin, scheduling);
  }

  private static <T> Map<String, T> byName(List<T> items, java.util.function.Function<T, String> name) {
    return items.stream().collect(java.util.stream.Collectors.toMap(name, t -> t));
  }
}
