package org.openll.cli.format;

import com.google.protobuf.Timestamp;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.IsoFields;
import java.util.Locale;
import java.util.Optional;
import org.openll.api.v1.StepStatus;

/**
 * One table of llsummary ({@code -d SECTION}): what its rows group the steps by, and the heading of
 * its first column. The date sections group by the day, ISO week or month the job was queued in,
 * in the user's time zone.
 */
public enum SummarySection {
  USER("user", "Name"),
  CLASS("class", "Class"),
  GROUP("group", "Group"),
  ACCOUNT("account", "Account"),
  DAY("day", "Day"),
  WEEK("week", "Week"),
  MONTH("month", "Month"),
  JOBID("jobid", "JobID"),
  JOBNAME("jobname", "JobName"),
  ALLOCATED("allocated", "Allocated");

  /** What llsummary prints without {@code -d}. */
  public static final java.util.List<SummarySection> DEFAULT = java.util.List.of(USER, CLASS, GROUP, ACCOUNT);

  private final String flag;
  private final String heading;

  SummarySection(String flag, String heading) {
    this.flag = flag;
    this.heading = heading;
  }

  /** The name {@code -d} takes and the key of the section in the JSON document. */
  public String flag() {
    return flag;
  }

  public String heading() {
    return heading;
  }

  /** The section {@code -d} names, if any. */
  public static Optional<SummarySection> of(String flag) {
    for (SummarySection section : values()) {
      if (section.flag.equals(flag.strip().toLowerCase(Locale.ROOT))) {
        return Optional.of(section);
      }
    }
    return Optional.empty();
  }

  /** The row {@code step} counts in; {@code zone} is needed by the date sections only. */
  public String key(StepStatus step, ZoneId zone) {
    return switch (this) {
      case USER -> step.getOwner();
      case CLASS -> step.getSpec().getJobClass();
      case GROUP -> step.getSpec().getGroup().isEmpty() ? "No_Group" : step.getSpec().getGroup();
      case ACCOUNT -> step.getSpec().getAccountNo().isEmpty() ? "NONE" : step.getSpec().getAccountNo();
      case DAY -> String.format(Locale.ROOT, "%04d-%02d-%02d", queued(step, zone).getYear(),
          queued(step, zone).getMonthValue(), queued(step, zone).getDayOfMonth());
      case WEEK -> String.format(Locale.ROOT, "%04d-W%02d", queued(step, zone).get(IsoFields.WEEK_BASED_YEAR),
          queued(step, zone).get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
      case MONTH -> String.format(Locale.ROOT, "%04d-%02d", queued(step, zone).getYear(),
          queued(step, zone).getMonthValue());
      case JOBID -> step.getJobId();
      case JOBNAME -> step.getJobName();
      case ALLOCATED -> !step.getMachine().isEmpty() ? step.getMachine() : step.getResult().getMachine();
    };
  }

  private static ZonedDateTime queued(StepStatus step, ZoneId zone) {
    Timestamp time = step.getQueueTime();
    return Instant.ofEpochSecond(time.getSeconds(), time.getNanos()).atZone(zone);
  }
}
