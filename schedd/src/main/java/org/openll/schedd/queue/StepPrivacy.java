package org.openll.schedd.queue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.openll.api.v1.EnvVar;
import org.openll.api.v1.StateChange;
import org.openll.api.v1.StepSpec;
import org.openll.api.v1.StepStatus;
import org.openll.common.authz.Authorization;
import org.openll.common.control.Administrators;
import org.openll.common.security.Caller;

/**
 * What {@code llq} shows of other users' steps: everyone sees every step, as in LoadLeveler, but the
 * file paths, arguments and environment values of a step only its owner and the administrators see.
 * For anyone else these fields read {@value #REDACTED}: the executable, arguments (one
 * {@value #REDACTED} in place of all), input, output, error, initialdir, the environment's values
 * (names kept), the job command file's path and the result's notification file; and each of these
 * values that holds a {@code /} (a path) is also replaced where a status message quotes it
 * ("cannot open output /home/a/out"). Pure.
 */
public final class StepPrivacy {
  /** What a hidden value reads. */
  public static final String REDACTED = "<redacted>";

  private final Administrators administrators;

  public StepPrivacy(Administrators administrators) {
    this.administrators = administrators;
  }

  /** {@code step} as {@code caller} may see it. */
  public StepStatus view(StepStatus step, Caller caller) {
    return Authorization.maySeePrivateFields(caller, step.getOwner(), administrators) ? step : redact(step);
  }

  static StepStatus redact(StepStatus step) {
    StepSpec spec = step.getSpec();
    // longest first, so an initialdir inside an output path does not leave the path's tail behind
    Set<String> hidden = new LinkedHashSet<>(List.of(spec.getExecutable(), spec.getInput(), spec.getOutput(),
        spec.getError(), spec.getInitialdir(), step.getJobFileName(), step.getResult().getNotificationFile()));
    hidden.addAll(spec.getArgumentsList());
    spec.getEnvironmentList().forEach(v -> hidden.add(v.getValue()));
    List<String> scrub = hidden.stream().filter(v -> v.length() > 1 && v.contains("/"))
        .sorted(Comparator.comparingInt(String::length).reversed()).toList();

    StepSpec.Builder s = spec.toBuilder()
        .setExecutable(hide(spec.getExecutable()))
        .setInput(hide(spec.getInput()))
        .setOutput(hide(spec.getOutput()))
        .setError(hide(spec.getError()))
        .setInitialdir(hide(spec.getInitialdir()))
        .clearArguments()
        .clearEnvironment();
    if (spec.getArgumentsCount() > 0) {
      s.addArguments(REDACTED);
    }
    for (EnvVar v : spec.getEnvironmentList()) {
      s.addEnvironment(v.toBuilder().setValue(hide(v.getValue())));
    }
    StepStatus.Builder b = step.toBuilder().setJobFileName(hide(step.getJobFileName()));
    if (step.hasSpec()) {
      b.setSpec(s);
    }
    if (step.hasResult()) {
      b.setResult(step.getResult().toBuilder()
          .setNotificationFile(hide(step.getResult().getNotificationFile()))
          .setMessage(scrub(step.getResult().getMessage(), scrub)));
    }
    List<StateChange> history = new ArrayList<>(step.getHistoryCount());
    for (StateChange change : step.getHistoryList()) {
      history.add(change.toBuilder().setMessage(scrub(change.getMessage(), scrub)).build());
    }
    return b.clearHistory().addAllHistory(history).build();
  }

  private static String hide(String value) {
    return value.isEmpty() ? value : REDACTED;
  }

  private static String scrub(String message, List<String> hidden) {
    String result = message;
    for (String value : hidden) {
      result = result.replace(value, REDACTED);
    }
    return result;
  }
}
