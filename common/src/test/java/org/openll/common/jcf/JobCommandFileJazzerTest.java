package org.openll.common.jcf;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/**
 * Jazzer fuzz tests of the job command file parser and of dependency expressions. Without
 * {@code JAZZER_FUZZ=1} they run in regression mode, once per seed under
 * {@code src/test/resources/org/openll/common/jcf/JobCommandFileJazzerTestInputs}; with it, Jazzer
 * searches for inputs that make the parser throw anything but JobCommandFileException.
 */
class JobCommandFileJazzerTest {
  @FuzzTest(maxDuration = "30s")
  void parse_anyBytes_onlyAJobOrJobCommandFileException(byte[] data) {
    try {
      new JobCommandFileParser().parse(new String(data, StandardCharsets.UTF_8), Jcf.context());
    } catch (JobCommandFileException refused) {
      // a clear refusal is the expected outcome for most inputs
    }
  }

  @FuzzTest(maxDuration = "30s")
  void dependency_anyText_onlyParsesOrIllegalArgument(byte[] data) {
    try {
      Dependency.parse(new String(data, StandardCharsets.UTF_8)).stepNames();
    } catch (IllegalArgumentException refused) {
      // refused with a message
    }
  }
}
