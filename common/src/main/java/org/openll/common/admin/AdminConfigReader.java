package org.openll.common.admin;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.openll.api.v1.StepLimits;

/** Builds an {@link AdminConfig} from an {@link AdminFile}. CONTRACT STUB: the admin-model work replaces it. */
final class AdminConfigReader {
  private AdminConfigReader() {}

  static AdminConfig read(AdminFile file) {
    ClassStanza defaultClass = new ClassStanza("default", 0, Set.of(), Set.of(), Set.of(), Set.of(), Unlimited.VALUE,
        Unlimited.VALUE, Unlimited.VALUE, Unlimited.VALUE, StepLimits.getDefaultInstance(),
        StepLimits.getDefaultInstance(), List.of(), "", Map.of());
    UserStanza defaultUser = new UserStanza("default", 0, List.of(), AdminConfig.NO_GROUP, Unlimited.VALUE,
        Unlimited.VALUE, Unlimited.VALUE, Unlimited.VALUE, Unlimited.VALUE, 0);
    GroupStanza defaultGroup = new GroupStanza("default", 0, Set.of(), Set.of(), Unlimited.VALUE, Unlimited.VALUE,
        Unlimited.VALUE, Unlimited.VALUE, Unlimited.VALUE, 0);
    return new AdminConfig(Map.of(), Map.of(), Map.of(), Map.of(), defaultClass, defaultUser, defaultGroup);
  }
}
