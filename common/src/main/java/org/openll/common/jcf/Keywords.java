package org.openll.common.jcf;

import java.util.Map;
import java.util.Set;

/**
 * LoadLeveler's job command file keywords and what openll does with each. Names are lower case.
 * docs/job-command-file.md has the same decisions as a table; keep them in step.
 */
final class Keywords {
  private Keywords() {}

  /** How openll treats a keyword. */
  enum Kind {
    /** Read into the StepSpec or JobSpec (some values may still be refused, e.g. checkpoint = yes). */
    SUPPORTED,
    /** Ends a step. */
    QUEUE,
    /** A hint for a feature openll lacks; running without it is still right: a warning. */
    IGNORED,
    /** A feature openll lacks and without which the step would run wrongly: an error. */
    REFUSED,
    /** Not a LoadLeveler keyword: an error. */
    UNKNOWN
  }

  static final Set<String> SUPPORTED = Set.of(
      "job_name", "step_name", "executable", "arguments", "input", "output", "error", "initialdir",
      "shell", "class", "group", "account_no", "comment", "environment", "env_copy", "notification",
      "notify_user", "requirements", "preferences", "resources", "node_resources", "node",
      "tasks_per_node", "total_tasks", "blocking", "job_type", "node_usage", "task_affinity",
      "parallel_threads", "wall_clock_limit", "cpu_limit", "job_cpu_limit", "core_limit", "data_limit",
      "file_limit", "rss_limit", "stack_limit", "as_limit", "hold", "startdate", "user_priority",
      "dependency", "restart", "checkpoint", "restart_from_ckpt", "cluster_list", "image_size",
      "max_processors", "min_processors");

  /** Hints: accepted with a warning that says why ignoring them is safe. */
  private static final Map<String, String> IGNORED = Map.ofEntries(
      Map.entry("ckpt_dir", "openll does not checkpoint"),
      Map.entry("ckpt_execute_dir", "openll does not checkpoint"),
      Map.entry("ckpt_file", "openll does not checkpoint"),
      Map.entry("ckpt_time_limit", "openll does not checkpoint"),
      Map.entry("rset", "openll has no AIX resource sets"),
      Map.entry("mcm_affinity_options", "openll has no AIX MCM affinity"),
      Map.entry("large_page", "openll does not manage large pages"),
      Map.entry("cpus_per_core", "openll does not control SMT"),
      Map.entry("smt", "openll does not control SMT"),
      Map.entry("parallel_path", "openll has no PVM"),
      Map.entry("preemptible", "openll does not preempt"),
      Map.entry("restart_on_same_nodes", "openll does not checkpoint"),
      Map.entry("first_node_tasks", "openll does not place tasks"),
      Map.entry("bulkxfer", "openll has no switch bulk transfer"),
      Map.entry("collective_groups", "openll has no collective acceleration"),
      Map.entry("metacluster_job", "openll has one cluster"),
      Map.entry("energy_policy_tag", "openll has no energy policies"),
      Map.entry("minimize_time_to_solution", "openll has no energy policies"),
      Map.entry("island_count", "openll has no network islands"));

  /** Features whose absence would make the step run wrongly: refused with the reason. */
  private static final Map<String, String> REFUSED = Map.ofEntries(
      Map.entry("task_geometry", "openll cannot place tasks explicitly; use node and tasks_per_node"),
      Map.entry("coschedule", "openll cannot start steps together"),
      Map.entry("ll_res_id", "openll has no reservations"),
      Map.entry("recurring", "openll has no recurring jobs"),
      Map.entry("cluster_input_file", "openll has one cluster and copies no files between clusters"),
      Map.entry("cluster_output_file", "openll has one cluster and copies no files between clusters"));

  private static final String BLUE_GENE = "openll has no Blue Gene support";

  /** Keywords a later step does not inherit from the step before it. */
  private static final Set<String> NOT_INHERITED =
      Set.of("job_name", "step_name", "dependency", "bg_connection", "bg_shape");

  static Kind kind(String keyword) {
    if (keyword.equals("queue")) {
      return Kind.QUEUE;
    }
    if (SUPPORTED.contains(keyword) || isNetwork(keyword)) {
      return Kind.SUPPORTED;
    }
    if (IGNORED.containsKey(keyword)) {
      return Kind.IGNORED;
    }
    if (REFUSED.containsKey(keyword) || keyword.startsWith("bg_") || keyword.startsWith("dstg_")) {
      return Kind.REFUSED;
    }
    return Kind.UNKNOWN;
  }

  /** Why an IGNORED or REFUSED keyword is so. */
  static String reason(String keyword) {
    if (keyword.startsWith("bg_")) {
      return BLUE_GENE;
    }
    if (keyword.startsWith("dstg_")) {
      return "openll has no data staging";
    }
    return IGNORED.getOrDefault(keyword, REFUSED.getOrDefault(keyword, ""));
  }

  static boolean isInherited(String keyword) {
    return !NOT_INHERITED.contains(keyword) && !isNetwork(keyword);
  }

  static boolean isNetwork(String keyword) {
    return keyword.startsWith("network.") && keyword.length() > "network.".length()
        && keyword.indexOf('.', "network.".length()) < 0;
  }
}
