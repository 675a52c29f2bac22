package org.openll.common.jcf;

import java.util.Set;

/** LoadLeveler's job command file keywords, as openll treats them now. Names are lower case. */
final class Keywords {
  private Keywords() {}

  /** How openll treats a keyword. */
  enum Kind {
    /** Read into the StepSpec or JobSpec. */
    SUPPORTED,
    /** Ends a step. */
    QUEUE,
    /** A LoadLeveler keyword openll accepts and ignores with a warning. */
    NOT_SUPPORTED_YET,
    /** Not a LoadLeveler keyword: an error. */
    UNKNOWN
  }

  static final Set<String> SUPPORTED = Set.of(
      "job_name", "step_name", "executable", "arguments", "input", "output", "error", "initialdir",
      "class", "environment", "shell", "user_priority", "requirements", "preferences", "resources");

  /** Every other keyword LoadLeveler 2.x to 5.x documents (inventory section 1a). */
  private static final Set<String> NOT_SUPPORTED_YET = Set.of(
      "account_no", "blocking", "checkpoint", "ckpt_dir", "ckpt_execute_dir", "ckpt_file",
      "ckpt_time_limit", "cluster_list", "comment", "core_limit", "cpu_limit", "data_limit",
      "file_limit", "rss_limit", "stack_limit", "as_limit", "job_cpu_limit", "wall_clock_limit",
      "dependency", "env_copy", "group", "hold", "image_size", "job_type", "large_page",
      "max_processors", "min_processors", "node", "node_resources", "node_usage", "notification",
      "notify_user", "parallel_path", "parallel_threads", "preemptible", "restart",
      "restart_from_ckpt", "restart_on_same_nodes", "rset", "mcm_affinity_options", "startdate",
      "task_affinity", "cpus_per_core", "smt", "task_geometry", "tasks_per_node", "total_tasks",
      "coschedule", "first_node_tasks", "bulkxfer", "collective_groups", "ll_res_id", "recurring",
      "cluster_input_file", "cluster_output_file", "metacluster_job", "energy_policy_tag",
      "minimize_time_to_solution", "island_count", "bg_size", "bg_shape", "bg_rotate",
      "bg_connection", "bg_connectivity", "bg_partition", "bg_block", "bg_requirements",
      "bg_node_configuration");

  /** Keywords a later step does not inherit from the step before it. */
  private static final Set<String> NOT_INHERITED =
      Set.of("job_name", "step_name", "dependency", "bg_connection", "bg_shape");

  static Kind kind(String keyword) {
    if (keyword.equals("queue")) {
      return Kind.QUEUE;
    }
    if (SUPPORTED.contains(keyword)) {
      return Kind.SUPPORTED;
    }
    if (NOT_SUPPORTED_YET.contains(keyword) || keyword.startsWith("dstg_") || isNetwork(keyword)) {
      return Kind.NOT_SUPPORTED_YET;
    }
    return Kind.UNKNOWN;
  }

  static boolean isInherited(String keyword) {
    return !NOT_INHERITED.contains(keyword) && !isNetwork(keyword);
  }

  private static boolean isNetwork(String keyword) {
    return keyword.startsWith("network.") && keyword.length() > "network.".length()
        && keyword.indexOf('.', "network.".length()) < 0;
  }
}
