package org.openll.cli.format;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.openll.api.v1.Limit;
import org.openll.api.v1.StateChange;
import org.openll.api.v1.StepLimits;
import org.openll.api.v1.StepResult;
import org.openll.api.v1.StepSpec;
import org.openll.api.v1.StepStatus;
import org.openll.common.cluster.HostNames;

/**
 * {@code llq -l}: one block per step headed {@code =============== Job Step ID ===============},
 * labels right-aligned to 19 characters then {@code ": "}, in LoadLeveler's order, with the
 * fields openll has (unset dates print empty, unset limits {@code undefined}, as LoadLeveler
 * does); after a dashed rule the node and master-task part (requirements, node minimum and
 * maximum, executable, task instances); then the {@link SummaryLine}. openll adds
 * {@code Exit Status}, the As limit, the resource usage and result of ended steps (machine, the
 * limit exceeded, the notification file) and the status history.
 */
public final class LongListing {
  private static final int LABEL_WIDTH = 19;

  private final LlDates dates;

  public LongListing(LlDates dates) {
    this.dates = dates;
  }

  public String format(List<StepStatus> steps, boolean filtered) {
    StringBuilder text = new StringBuilder();
    for (StepStatus step : steps) {
      block(step, text);
    }
    text.append('\n').append(SummaryLine.format(steps, filtered)).append('\n');
    return text.toString();
  }

  private void block(StepStatus step, StringBuilder text) {
    StepSpec spec = step.getSpec();
    text.append("=============== Job Step ").append(step.getStepId()).append(" ===============\n");
    field(text, "Job Step Id", step.getStepId());
    field(text, "Job Name", step.getJobName());
    field(text, "Step Name", spec.getStepName());
    field(text, "Structure Version", "10");
    field(text, "Owner", step.getOwner());
    field(text, "Queue Date", dates.longDate(step.getQueueTime()));
    field(text, "Status", StateLabels.longName(step));
    field(text, "Dispatch Time", step.hasDispatchTime() ? dates.longDate(step.getDispatchTime()) : "");
    field(text, "Completion Date", step.hasCompletionTime() ? dates.longDate(step.getCompletionTime()) : "");
    field(text, "Completion Code", step.hasResult() ? completionCode(step.getResult()) : "");
    if (step.hasResult()) {
      field(text, "Exit Status", exitStatus(step.getResult()));
    }
    field(text, "User Priority", Integer.toString(spec.getUserPriority()));
    field(text, "Notifications", SpecLabels.notification(spec.getNotification()));
    field(text, "Virtual Image Size", spec.getImageSizeKb() == 0 ? "" : spec.getImageSizeKb() + " kb");
    field(text, "Checkpointable", "no");
    field(text, "Restart", spec.getNoRestart() ? "no" : "yes");
    field(text, "Hold Job Until", spec.hasStartdate() ? dates.longDate(spec.getStartdate()) : "");
    field(text, "Env", spec.getEnvironmentList().stream()
        .map(v -> v.getName() + "=" + v.getValue()).collect(Collectors.joining(";")));
    field(text, "In", spec.getInput());
    field(text, "Out", spec.getOutput());
    field(text, "Err", spec.getError());
    field(text, "Initial Working Dir", spec.getInitialdir());
    field(text, "Dependency", spec.getDependency());
    field(text, "Resources", SpecLabels.resources(spec.getResourcesList()));
    if (spec.getNodeResourcesCount() > 0) {
      field(text, "Node Resources", SpecLabels.resources(spec.getNodeResourcesList()));
    }
    field(text, "Step Type", SpecLabels.stepType(spec.getJobType()));
    field(text, "Node Usage", SpecLabels.nodeUsage(spec.getNodeUsage()));
    field(text, "Submitting Host", step.getSubmitHost());
    field(text, "Schedd Host", step.getScheddHost());
    field(text, "Notify User", spec.getNotifyUser());
    field(text, "Shell", spec.getShell());
    field(text, "LoadLeveler Group", spec.getGroup().isEmpty() ? "No_Group" : spec.getGroup());
    field(text, "Class", spec.getJobClass());
    limits(text, spec.getLimits());
    field(text, "Comment", spec.getComment());
    field(text, "Account", spec.getAccountNo());
    if (spec.getNetworksCount() > 0) {
      field(text, "Adapter Requirement", SpecLabels.networks(spec.getNetworksList()));
    }
    field(text, "Step Cpus", Integer.toString(spec.getCpus()));
    text.append("----------------------------------------\n");
    field(text, "Requirements", spec.getRequirements());
    field(text, "Preferences", spec.getPreferences());
    field(text, "Node minimum", Integer.toString(spec.hasNode() ? spec.getNode().getMin() : 1));
    field(text, "Node maximum", Integer.toString(spec.hasNode() ? spec.getNode().getMax() : 1));
    if (spec.getTasksPerNode() > 0) {
      field(text, "Tasks Per Node", Integer.toString(spec.getTasksPerNode()));
    }
    if (spec.getTotalTasks() > 0) {
      field(text, "Total Tasks", Integer.toString(spec.getTotalTasks()));
    }
    if (spec.hasBlocking()) {
      field(text, "Blocking", spec.getBlocking().hasUnlimited() ? "unlimited" : Integer.toString(spec.getBlocking().getTasks()));
    }
    if (spec.hasTaskAffinity()) {
      field(text, "Task Affinity", spec.getTaskAffinity().getUnit() + "(" + spec.getTaskAffinity().getCount() + ")");
    }
    if (spec.getParallelThreads() > 0) {
      field(text, "Parallel Threads", Integer.toString(spec.getParallelThreads()));
    }
    field(text, "Executable", spec.getExecutableIsJobFile() ? step.getJobFileName() : spec.getExecutable());
    field(text, "Exec Args", String.join(" ", spec.getArgumentsList()));
    field(text, "Num Task Inst", Integer.toString(SpecLabels.taskInstances(spec)));
    field(text, "Allocated Hosts", step.getMachine().isEmpty() ? "" : HostNames.shorten(step.getMachine()));
    if (step.hasResult()) {
      StepResult result = step.getResult();
      field(text, "Start Time", result.hasStartTime() ? dates.longDate(result.getStartTime()) : "");
      field(text, "End Time", result.hasEndTime() ? dates.longDate(result.getEndTime()) : "");
      field(text, "Step User Time", cpuTime(result.getUserCpuMicros()));
      field(text, "Step System Time", cpuTime(result.getSystemCpuMicros()));
      field(text, "Step Max RSS", result.getMaxRssKb() + " kb");
      if (!result.getMachine().isEmpty()) {
        field(text, "Machine", result.getMachine());
      }
      if (!result.getLimitExceeded().isEmpty()) {
        field(text, "Limit Exceeded", result.getLimitExceeded());
      }
      if (!result.getNotificationFile().isEmpty()) {
        field(text, "Notification File", result.getNotificationFile());
      }
      if (!result.getMessage().isEmpty()) {
        field(text, "Message", result.getMessage());
      }
    }
    if (step.getHistoryCount() > 0) {
      field(text, "Status History", "");
      for (StateChange change : step.getHistoryList()) {
        String name = SummaryLine.stateOf(StepStatus.newBuilder().setState(change.getState()).build()).longName();
        String line = dates.longDate(change.getTime()) + "  " + name
            + (change.getMessage().isEmpty() ? "" : ": " + change.getMessage());
        field(text, "", line);
      }
    }
  }

  /** LoadLeveler's limit lines, in its order, then openll's As (address space) limit. */
  private static void limits(StringBuilder text, StepLimits l) {
    field(text, "Ckpt Hard Limit", "undefined");
    field(text, "Ckpt Soft Limit", "undefined");
    timeLimit(text, "Cpu", l.hasCpuLimit(), l.getCpuLimit());
    sizeLimit(text, "Data", l.hasDataLimit(), l.getDataLimit());
    sizeLimit(text, "Core", l.hasCoreLimit(), l.getCoreLimit());
    sizeLimit(text, "File", l.hasFileLimit(), l.getFileLimit());
    sizeLimit(text, "Stack", l.hasStackLimit(), l.getStackLimit());
    sizeLimit(text, "Rss", l.hasRssLimit(), l.getRssLimit());
    sizeLimit(text, "As", l.hasAsLimit(), l.getAsLimit());
    timeLimit(text, "Step Cpu", l.hasJobCpuLimit(), l.getJobCpuLimit());
    timeLimit(text, "Wall Clk", l.hasWallClockLimit(), l.getWallClockLimit());
  }

  private static void timeLimit(StringBuilder text, String name, boolean present, Limit limit) {
    field(text, name + " Hard Limit", LimitFormat.time(present && limit.hasHard(), limit.getHard()));
    field(text, name + " Soft Limit", LimitFormat.time(present && limit.hasSoft(), limit.getSoft()));
  }

  private static void sizeLimit(StringBuilder text, String name, boolean present, Limit limit) {
    field(text, name + " Hard Limit", LimitFormat.size(present && limit.hasHard(), limit.getHard()));
    field(text, name + " Soft Limit", LimitFormat.size(present && limit.hasSoft(), limit.getSoft()));
  }

  private static void field(StringBuilder text, String label, String value) {
    text.append(" ".repeat(Math.max(0, LABEL_WIDTH - label.length()))).append(label)
        .append(label.isEmpty() ? "  " : ": ").append(value).append('\n');
  }

  /** LoadLeveler's Completion Code is the wait status: the exit code shifted left by 8, or the signal number. */
  static String completionCode(StepResult result) {
    if (!result.getLaunched()) {
      return Integer.toString(result.getExitCode());
    }
    return Integer.toString(result.getSignal() != 0 ? result.getSignal() : (result.getExitCode() & 0xff) << 8);
  }

  /** openll's plain reading of how the command ended. */
  static String exitStatus(StepResult result) {
    if (!result.getLaunched()) {
      return "not started";
    }
    return result.getSignal() != 0 ? "killed by signal " + result.getSignal() : "exited with " + result.getExitCode();
  }

  /** {@code hh:mm:ss.micros}, the form LoadLeveler's accounting uses. */
  static String cpuTime(long micros) {
    long seconds = micros / 1_000_000;
    return String.format(Locale.ROOT, "%02d:%02d:%02d.%06d",
        seconds / 3600, seconds / 60 % 60, seconds % 60, micros % 1_000_000);
  }
}
