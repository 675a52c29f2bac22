package org.openll.schedd.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.openll.api.v1.NodeCount;
import org.openll.api.v1.ResourceRequest;
import org.openll.api.v1.StepLimits;
import org.openll.api.v1.StepSpec;
import org.openll.common.admin.AdminConfig;
import org.openll.common.admin.ClassStanza;
import org.openll.common.admin.GroupStanza;
import org.openll.common.admin.UserStanza;
import org.openll.common.errors.ErrorCode;
import org.openll.common.errors.OpenllException;

class SubmitPolicyTest {
  static StepSpec spec() {
    return JobQueueTest.step("a").setGroup(AdminConfig.NO_GROUP).build();
  }

  static ClassStanza cls(String name, Set<String> includeUsers, int maxNode, int maxTotalTasks,
      List<ResourceRequest> defaultResources) {
    return new ClassStanza(name, 0, includeUsers, Set.of(), Set.of(), Set.of(), -1, -1, maxTotalTasks, maxNode,
        StepLimits.getDefaultInstance(), StepLimits.getDefaultInstance(), defaultResources, "", Map.of());
  }

  static OpenllException refused(ErrorCode code, StepSpec spec, String owner, AdminConfig admin) {
    OpenllException e = assertThrows(OpenllException.class, () -> SubmitPolicy.apply(spec, 0, owner, admin));
    assertEquals(code, e.code(), e.getMessage());
    return e;
  }

  @Test
  void apply_noAdminFile_noClassAndNoGroupKept() {
    StepSpec out = SubmitPolicy.apply(spec(), 0, "bob", AdminConfig.empty());
    assertEquals("No_Class", out.getJobClass());
    assertEquals("No_Group", out.getGroup());
  }

  @Test
  void apply_classNotInIncludeUsers_permissionDeniedNamingStepClassAndRule() {
    AdminConfig admin = Admin.config(List.of(cls("long", Set.of("alice"), -1, -1, List.of())), List.of(), List.of());
    OpenllException e = refused(ErrorCode.PERMISSION_DENIED, spec().toBuilder().setJobClass("long").build(), "bob",
        admin);
    assertEquals("step 0: class long: user bob is not in include_users of class long", e.getMessage());
  }

  @Test
  void apply_undefinedClass_invalidArgument() {
    AdminConfig admin = Admin.config(List.of(Admin.cls("short")), List.of(), List.of());
    OpenllException e = refused(ErrorCode.INVALID_ARGUMENT, spec().toBuilder().setJobClass("huge").build(), "bob",
        admin);
    assertEquals("step 0: class huge is not defined in LoadL_admin", e.getMessage());
  }

  @Test
  void apply_noClass_firstDefaultClassTheUserMayUse() {
    UserStanza bob = new UserStanza("bob", 0, List.of("long", "short"), "physics", -1, -1, -1, -1, -1, 0);
    AdminConfig admin = Admin.config(List.of(cls("long", Set.of("alice"), -1, -1, List.of()), Admin.cls("short")),
        List.of(bob), List.of(Admin.group("physics")));

    StepSpec out = SubmitPolicy.apply(spec(), 0, "bob", admin);

    assertEquals("short", out.getJobClass());
    assertEquals("physics", out.getGroup());
  }

  @Test
  void apply_noDefaultClassUsable_permissionDenied() {
    UserStanza bob = new UserStanza("bob", 0, List.of("long"), "No_Group", -1, -1, -1, -1, -1, 0);
    AdminConfig admin = Admin.config(List.of(cls("long", Set.of("alice"), -1, -1, List.of())), List.of(bob),
        List.of());
    refused(ErrorCode.PERMISSION_DENIED, spec(), "bob", admin);
  }

  @Test
  void apply_groupExcludesUser_permissionDenied() {
    GroupStanza physics = new GroupStanza("physics", 0, Set.of(), Set.of("bob"), -1, -1, -1, -1, -1, 0);
    AdminConfig admin = Admin.config(List.of(), List.of(), List.of(physics));
    OpenllException e = refused(ErrorCode.PERMISSION_DENIED, spec().toBuilder().setGroup("physics").build(), "bob",
        admin);
    assertEquals("step 0: group physics: user bob is in exclude_users of group physics", e.getMessage());
  }

  @Test
  void apply_noResourcesKeyword_classDefaultResourcesAndTheirCpus() {
    List<ResourceRequest> dflt = List.of(ResourceRequest.newBuilder().setName("ConsumableCpus").setAmount(2).build(),
        ResourceRequest.newBuilder().setName("ConsumableMemory").setAmount(512).build());
    AdminConfig admin = Admin.config(List.of(cls("short", Set.of(), -1, -1, dflt)), List.of(), List.of());

    StepSpec out = SubmitPolicy.apply(spec().toBuilder().setJobClass("short").build(), 0, "bob", admin);

    assertEquals(dflt, out.getResourcesList());
    assertEquals(2, out.getCpus());
  }

  @Test
  void apply_nodesAboveMaxNode_invalidArgument() {
    AdminConfig admin = Admin.config(List.of(cls("par", Set.of(), 2, -1, List.of())), List.of(), List.of());
    StepSpec parallel = spec().toBuilder().setJobClass("par").setNode(NodeCount.newBuilder().setMin(3).setMax(3))
        .build();
    OpenllException e = refused(ErrorCode.INVALID_ARGUMENT, parallel, "bob", admin);
    assertEquals("step 0: node = 3 exceeds max_node = 2 of class par", e.getMessage());
  }

  @Test
  void apply_tasksAboveMaxTotalTasks_invalidArgument() {
    AdminConfig admin = Admin.config(List.of(cls("par", Set.of(), -1, 8, List.of())), List.of(), List.of());
    StepSpec parallel = spec().toBuilder().setJobClass("par").setNode(NodeCount.newBuilder().setMin(3).setMax(3))
        .setTasksPerNode(4).build();
    refused(ErrorCode.INVALID_ARGUMENT, parallel, "bob", admin);
  }

  @Test
  void checkQueued_userAtMaxQueued_resourceExhaustedWithTheCount() {
    UserStanza bob = new UserStanza("bob", 0, List.of(), "No_Group", -1, -1, 10, -1, -1, 0);
    AdminConfig admin = Admin.config(List.of(), List.of(bob), List.of());
    OpenllException e = assertThrows(OpenllException.class,
        () -> SubmitPolicy.checkQueued(0, "bob", "No_Group", 10, 10, admin));
    assertEquals(ErrorCode.RESOURCE_EXHAUSTED, e.code());
    assertEquals("step 0: user bob has 10 queued steps, maxqueued = 10", e.getMessage());
    SubmitPolicy.checkQueued(0, "bob", "No_Group", 9, 9, admin);
  }
}
