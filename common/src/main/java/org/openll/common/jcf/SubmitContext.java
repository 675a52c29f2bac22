package org.openll.common.jcf;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/**
 * What llsubmit knows about the submission besides the file itself.
 *
 * @param fileName the path given to llsubmit, or "-" for standard input; used in messages
 * @param submitDir llsubmit's working directory (absolute): relative paths start here
 * @param user the submitting user
 * @param userHome the user's home directory, for $(home)
 * @param submitHost this host's short name, for $(host) and $(hostname)
 * @param environment llsubmit's environment, for COPY_ALL and $var in the environment keyword
 * @param domain this host's DNS domain, for $(domain); empty when unknown
 * @param clock its zone is the time zone of startdate
 * @param limits llsubmit's own resource limits, for the {@code copy} value of limit keywords
 */
public record SubmitContext(
    String fileName, Path submitDir, String user, String userHome, String submitHost, Map<String, String> environment,
    String domain, Clock clock, SubmitLimits limits) {

  /** A context with no domain, the system clock and zone, and this process's limits. */
  public SubmitContext(
      String fileName, Path submitDir, String user, String userHome, String submitHost, Map<String, String> environment) {
    this(fileName, submitDir, user, userHome, submitHost, environment, "", Clock.systemDefaultZone(),
        SubmitLimits.ofThisProcess());
  }
}
