package org.openll.common.jcf;

import java.nio.file.Path;
import java.util.Map;

/**
 * What llsubmit knows about the submission besides the file itself.
 *
 * @param fileName the path given to llsubmit, or "-" for standard input; used in messages
 * @param submitDir llsubmit's working directory (absolute): relative paths start here
 * @param user the submitting user
 * @param userHome the user's home directory, for $(home)
 * @param submitHost this host's short name, for $(host)
 * @param environment llsubmit's environment, for COPY_ALL and $var in the environment keyword
 */
public record SubmitContext(
    String fileName, Path submitDir, String user, String userHome, String submitHost, Map<String, String> environment) {}
