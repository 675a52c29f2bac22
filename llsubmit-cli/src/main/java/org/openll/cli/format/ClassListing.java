package org.openll.cli.format;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.openll.api.v1.ClassStatus;

/**
 * llclass's listings: the standard table (name, job and process CPU limits, free and maximum
 * slots, class_comment) and the long listing, one {@code Name = value} block per class. Pure.
 */
public final class ClassListing {
  static final String HEADER =
      "Name                 MaxJobCPU     MaxProcCPU  Free   Max Description\n"
      + "                    d+hh:mm:ss     d+hh:mm:ss Slots Slots\n"
      + "--------------- -------------- -------------- ----- ----- ---------------------\n";

  /** The long listing's lines: label, then the stanza keyword it shows (null: computed). */
  private static final List<String[]> LONG_KEYWORDS = List.of(
      new String[] {"Include_Users", "include_users"},
      new String[] {"Exclude_Users", "exclude_users"},
      new String[] {"Include_Groups", "include_groups"},
      new String[] {"Exclude_Groups", "exclude_groups"},
      new String[] {"Admin", "admin"},
      new String[] {"Maxjobs", "maxjobs"},
      new String[] {"Max_jobs_per_user", "max_jobs_per_user"},
      new String[] {"Max_total_tasks", "max_total_tasks"},
      new String[] {"Max_node", "max_node"},
      new String[] {"Max_protocol_instances", "max_protocol_instances"},
      new String[] {"Def_wall_clock_limit", "default_wall_clock_limit"},
      new String[] {"Wall_clock_limit", "wall_clock_limit"},
      new String[] {"Def_ckpt_time_limit", "default_ckpt_time_limit"},
      new String[] {"Ckpt_time_limit", "ckpt_time_limit"},
      new String[] {"Job_cpu_limit", "job_cpu_limit"},
      new String[] {"Cpu_limit", "cpu_limit"},
      new String[] {"Core_limit", "core_limit"},
      new String[] {"Data_limit", "data_limit"},
      new String[] {"File_limit", "file_limit"},
      new String[] {"Stack_limit", "stack_limit"},
      new String[] {"Rss_limit", "rss_limit"},
      new String[] {"As_limit", "as_limit"},
      new String[] {"Nproc_limit", "nproc_limit"},
      new String[] {"Nofile_limit", "nofile_limit"},
      new String[] {"Memlock_limit", "memlock_limit"},
      new String[] {"Locks_limit", "locks_limit"},
      new String[] {"Nice", "nice"},
      new String[] {"Default_resources", "default_resources"},
      new String[] {"Default_node_resources", "default_node_resources"});

  private ClassListing() {}

  /** The standard listing of {@code classes}, header included. */
  public static String standard(List<ClassStatus> classes) {
    StringBuilder text = new StringBuilder(HEADER);
    for (ClassStatus c : classes) {
      text.append(row(c)).append('\n');
    }
    return text.toString();
  }

  /** One row of the standard listing. */
  public static String row(ClassStatus c) {
    Map<String, String> keywords = c.getKeywordsMap();
    return String.format(Locale.ROOT, "%-15s %14s %14s %5d %5d %s",
        c.getName(),
        CpuTime.ofKeyword(Optional.ofNullable(keywords.get("job_cpu_limit"))),
        CpuTime.ofKeyword(Optional.ofNullable(keywords.get("cpu_limit"))),
        c.getFreeSlots(), c.getMaxSlots(), c.getComment()).stripTrailing();
  }

  /** The long listing: a block per class, separated by blank lines. */
  public static String longListing(List<ClassStatus> classes) {
    StringBuilder text = new StringBuilder();
    for (ClassStatus c : classes) {
      text.append("=============== Class ").append(c.getName()).append(" ===============\n");
      Map<String, String> keywords = c.getKeywordsMap();
      line(text, "Name", c.getName());
      line(text, "Priority", Integer.toString(c.getPriority()));
      for (String[] keyword : LONG_KEYWORDS) {
        line(text, keyword[0], keywords.getOrDefault(keyword[1], ""));
      }
      line(text, "Class_comment", c.getComment());
      line(text, "Free_slots", Integer.toString(c.getFreeSlots()));
      line(text, "Maximum_slots", Integer.toString(c.getMaxSlots()));
      line(text, "Running_steps", Integer.toString(c.getRunningSteps()));
      line(text, "Idle_steps", Integer.toString(c.getIdleSteps()));
      text.append('\n');
    }
    return text.toString();
  }

  private static void line(StringBuilder text, String label, String value) {
    text.append(String.format(Locale.ROOT, "%24s: %s", label, value).stripTrailing()).append('\n');
  }
}
