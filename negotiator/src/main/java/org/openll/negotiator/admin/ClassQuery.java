package org.openll.negotiator.admin;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.openll.api.v1.ClassStatus;
import org.openll.api.v1.QueryClassesResponse;
import org.openll.common.admin.AdminConfig;
import org.openll.common.admin.ClassStanza;
import org.openll.negotiator.match.Allocation;
import org.openll.negotiator.match.IdleStepAd;
import org.openll.negotiator.match.MachineShare;
import org.openll.negotiator.registry.MachineLoad;
import org.openll.negotiator.registry.MachineView;

/**
 * llclass: every class of LoadL_admin and every class a machine offers (its class list or class
 * slots), by name. {@code max_slots} counts the initiators of the class on the up machines
 * ({@link MachineLoad#classSlots}), {@code free_slots} those not taken by the tasks of the class's
 * allocations on those machines; steps counts come from the idle set and the allocations.
 */
public final class ClassQuery {
  private ClassQuery() {}

  public static QueryClassesResponse classes(Collection<String> names, AdminConfig admin, List<MachineView> machines,
      List<IdleStepAd> idle, List<Allocation> allocations) {
    TreeSet<String> all = new TreeSet<>(admin.classes().keySet());
    for (MachineView m : machines) {
      all.addAll(m.ad().classes());
      all.addAll(m.ad().classSlots().keySet());
    }
    if (!names.isEmpty()) {
      all.retainAll(names);
    }
    Map<String, Integer> idleCount = new HashMap<>();
    idle.forEach(s -> idleCount.merge(s.jobClass(), 1, Integer::sum));
    Map<String, Integer> runningCount = new HashMap<>();
    Map<String, Map<String, Integer>> tasksByMachine = new HashMap<>();
    for (Allocation a : allocations) {
      runningCount.merge(a.jobClass(), 1, Integer::sum);
      for (MachineShare share : a.machines()) {
        tasksByMachine.computeIfAbsent(a.jobClass(), c -> new HashMap<>()).merge(share.machine(), share.tasks(),
            Integer::sum);
      }
    }
    QueryClassesResponse.Builder response = QueryClassesResponse.newBuilder();
    for (String name : all) {
      int max = 0;
      int free = 0;
      Map<String, Integer> busy = tasksByMachine.getOrDefault(name, Map.of());
      for (MachineView m : machines) {
        if (!m.up()) {
          continue;
        }
        int slots = MachineLoad.classSlots(m.ad(), name);
        max += slots;
        free += Math.max(0, slots - busy.getOrDefault(m.ad().name(), 0));
      }
      ClassStanza stanza = admin.classNamed(name);
      response.addClasses(ClassStatus.newBuilder()
          .setName(name)
          .setMaxSlots(max)
          .setFreeSlots(free)
          .setComment(stanza.comment())
          .setPriority(stanza.priority())
          .putAllKeywords(stanza.keywords())
          .setIdleSteps(idleCount.getOrDefault(name, 0))
          .setRunningSteps(runningCount.getOrDefault(name, 0)));
    }
    return response.build();
  }
}
