package org.openll.startd;

import org.openll.api.v1.StepLaunch;
import org.openll.common.config.LoadLConfig;
import org.openll.common.errors.OpenllException;
import org.openll.starter.UserAccounts;

/**
 * Whose steps this startd runs, and as whom. A startd running as root runs every step as its owner
 * (its starters get {@code --as-owner}) and so refuses, before any starter is forked, a step whose
 * owner has no account here ({@code user X unknown on MACHINE}) and, when LoadL_config says
 * {@code ALLOW_ROOT_JOBS = false}, a step of root. Both are INVALID_ARGUMENT: the step's problem,
 * which the schedd counts against {@code MAX_JOB_REJECT}. A startd of a normal user runs every
 * step as that user whoever owns it, and checks nothing.
 */
record OwnerPolicy(boolean runAsOwner, boolean allowRootJobs, UserAccounts accounts, String machine) {
  static final String ALLOW_ROOT_JOBS = "ALLOW_ROOT_JOBS";
  private static final org.apache.logging.log4j.Logger LOG =
      org.apache.logging.log4j.LogManager.getLogger(OwnerPolicy.class);

  /** Steps run as the startd's user, unchecked (a personal cluster; the default of tests). */
  static OwnerPolicy asStartdUser(String machine) {
    return new OwnerPolicy(false, true, null, machine);
  }

  /** The policy of this process: run as owners when it runs as root. {@code ALLOW_ROOT_JOBS} defaults to true. */
  static OwnerPolicy forThisProcess(LoadLConfig config, String machine) {
    OwnerPolicy policy = new OwnerPolicy(UserAccounts.currentUid() == 0, allowRootJobs(config), UserAccounts.system(),
        machine);
    if (policy.runAsOwner()) {
      LOG.info("steps run as their owners (setpriv); owners without an account here are refused; jobs of root {}",
          policy.allowRootJobs() ? "run (ALLOW_ROOT_JOBS = true)" : "are refused (ALLOW_ROOT_JOBS = false)");
    } else {
      LOG.info("steps run as this startd's user (uid {}), whoever owns them: it is not root", UserAccounts.currentUid());
    }
    return policy;
  }

  /** {@code ALLOW_ROOT_JOBS}: true (the default), yes, false or no; anything else is a ConfigException. */
  static boolean allowRootJobs(LoadLConfig config) {
    String value = config.getString(ALLOW_ROOT_JOBS, "true").strip().toLowerCase(java.util.Locale.ROOT);
    return switch (value) {
      case "true", "yes" -> true;
      case "false", "no" -> false;
      default -> throw new org.openll.common.config.ConfigException(
          "LoadL_config: " + ALLOW_ROOT_JOBS + " = " + value + ": not true or false");
    };
  }

  /**
   * Throws INVALID_ARGUMENT when this machine will not run {@code step} for its owner.
   */
  void check(StepLaunch step) {
    if (!runAsOwner) {
      return;
    }
    String owner = step.getOwner();
    UserAccounts.Account account = accounts.find(owner).orElseThrow(
        () -> OpenllException.invalidArgument("user " + owner + " unknown on " + machine));
    if (account.uid() == 0 && !allowRootJobs) {
      throw OpenllException.invalidArgument("jobs of " + owner + " (uid 0) do not run on " + machine
          + " (ALLOW_ROOT_JOBS = false)");
    }
  }
}
