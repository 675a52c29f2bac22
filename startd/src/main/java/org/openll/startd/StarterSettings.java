package org.openll.startd;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import org.openll.api.v1.ResourceRequest;
import org.openll.api.v1.StarterLaunch;
import org.openll.api.v1.StepLaunch;
import org.openll.common.admin.ClassLimits;
import org.openll.common.config.ConfigException;
import org.openll.common.config.LoadLConfig;

/**
 * What the startd adds to every launch from this machine's configuration: the containment, the
 * limits capped by the class ({@code LoadL_admin}), ConsumableMemory enforcement
 * ({@code ENFORCE_RESOURCE_USAGE} naming {@code ConsumableMemory}), the prolog and epilog
 * programs, the mailer ({@code MAIL}), the notification folder and whether the final record is
 * fsynced ({@code STARTER_SYNC_FINAL_RECORD}). Immutable.
 */
record StarterSettings(ContainmentProbe.Choice containment, ClassLimits classLimits, boolean enforceMemory,
    String jobProlog, String jobEpilog, String userProlog, String userEpilog, String sendmail, Path notifyDir,
    Duration samplePeriod, Duration scanPeriod, Duration reconnectMaxBackoff, Duration finalLinger,
    boolean syncFinalRecord) {
  static final String CONTAINMENT = "STARTER_CONTAINMENT";
  static final String SAMPLE_PERIOD = "STARTER_SAMPLE_PERIOD";
  static final String SCAN_PERIOD = "STARTER_PROC_SCAN_PERIOD";
  static final String RECONNECT_MAX_BACKOFF = "STARTER_RECONNECT_MAX_BACKOFF";
  static final String FINAL_LINGER = "STARTER_FINAL_LINGER";
  static final String SYNC_FINAL_RECORD = "STARTER_SYNC_FINAL_RECORD";
  static final Duration DEFAULT_RECONNECT_MAX_BACKOFF = Duration.ofSeconds(1);
  static final Duration DEFAULT_FINAL_LINGER = Duration.ofSeconds(10);

  /** No containment beyond /proc, no limits from classes, no hooks, notifications to {@code notifyDir}. */
  static StarterSettings minimal(Path notifyDir) {
    return new StarterSettings(new ContainmentProbe.Choice("proc", ""),
        new ClassLimits(org.openll.common.admin.AdminFile.empty()), false, "", "", "", "", "", notifyDir,
        Duration.ofMillis(100), Duration.ofSeconds(5), DEFAULT_RECONNECT_MAX_BACKOFF, DEFAULT_FINAL_LINGER, false);
  }

  static StarterSettings from(LoadLConfig config, ContainmentProbe.Choice containment, ClassLimits classLimits,
      Path notifyDir) {
    boolean enforce = config.getString("ENFORCE_RESOURCE_USAGE", "").toLowerCase(Locale.ROOT)
        .contains("consumablememory");
    return new StarterSettings(containment, classLimits, enforce,
        config.getString("JOB_PROLOG", ""), config.getString("JOB_EPILOG", ""),
        config.getString("JOB_USER_PROLOG", ""), config.getString("JOB_USER_EPILOG", ""),
        config.getString("MAIL", ""), notifyDir,
        config.getDuration(SAMPLE_PERIOD, Duration.ofMillis(100)), config.getDuration(SCAN_PERIOD, Duration.ofSeconds(5)),
        config.getDuration(RECONNECT_MAX_BACKOFF, DEFAULT_RECONNECT_MAX_BACKOFF),
        config.getDuration(FINAL_LINGER, DEFAULT_FINAL_LINGER),
        config.getBoolean(SYNC_FINAL_RECORD, false));
  }

  /**
   * Fills {@code launch} with these settings for {@code step}.
   *
   * @throws ConfigException when the class's limits in LoadL_admin do not parse
   */
  StarterLaunch.Builder apply(StarterLaunch.Builder launch, StepLaunch step) {
    launch.setContainment(containment.mechanism())
        .setCgroupParent(containment.cgroupParent())
        .setLimits(LimitCap.apply(step.getSpec().getLimits(), classLimits.of(step.getSpec().getJobClass())))
        .setJobProlog(jobProlog).setJobEpilog(jobEpilog)
        .setUserProlog(userProlog).setUserEpilog(userEpilog)
        .setSendmail(sendmail)
        .setNotifyDir(notifyDir.toString())
        .setSamplePeriodMillis(samplePeriod.toMillis())
        .setScanPeriodMillis(scanPeriod.toMillis())
        .setReconnectMaxBackoffMillis(reconnectMaxBackoff.toMillis())
        .setFinalLingerMillis(finalLinger.toMillis())
        .setSyncFinalRecord(syncFinalRecord);
    if (enforceMemory) {
      long mb = step.getSpec().getResourcesList().stream()
          .filter(r -> r.getName().equalsIgnoreCase("ConsumableMemory"))
          .mapToLong(ResourceRequest::getAmount).sum();
      launch.setMemoryLimitBytes(mb * (1L << 20));
    }
    return launch;
  }
}
