package org.openll.common.jcf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every error the parser reports, with its exact FILE:LINE: message. */
class JobCommandFileErrorsTest {
  static Stream<Arguments> badFiles() {
    return Stream.of(
        Arguments.of(Jcf.file("# @ class = dev", "# @ foo = 1", "# @ queue"),
            "job.cmd:2: unknown keyword \"foo\""),
        Arguments.of(Jcf.file("# @ ec_smt = yes", "# @ queue"), "job.cmd:1: unknown keyword \"ec_smt\""),
        Arguments.of(Jcf.file("# @ queue", "# @ fooo = 1"), "job.cmd:2: unknown keyword \"fooo\""),
        Arguments.of(Jcf.file("# @ class dev", "# @ queue"), "job.cmd:1: missing \"=\" after keyword \"class\""),
        Arguments.of(Jcf.file("# @ wall_clock_limit", "# @ queue"),
            "job.cmd:1: missing \"=\" after keyword \"wall_clock_limit\""),
        Arguments.of(Jcf.file("# @ queue = 2"), "job.cmd:1: \"queue\" takes no value"),
        Arguments.of(Jcf.file("# @ queue 2"), "job.cmd:1: \"queue\" takes no value"),
        Arguments.of(Jcf.file("# @ user_priority = high", "# @ queue"),
            "job.cmd:1: user_priority must be an integer from 0 to 100, not \"high\""),
        Arguments.of(Jcf.file("# @ user_priority = 101", "# @ queue"),
            "job.cmd:1: user_priority must be an integer from 0 to 100, not \"101\""),
        Arguments.of(Jcf.file("#", "# @ user_priority = -1", "# @ queue"),
            "job.cmd:2: user_priority must be an integer from 0 to 100, not \"-1\""),
        Arguments.of(Jcf.file("# @ user_priority = $(jobid)", "# @ queue"),
            "job.cmd:1: user_priority must be an integer from 0 to 100, not \"$(jobid)\""),
        Arguments.of(Jcf.file("# @ resources = ConsumableCpus(0)", "# @ queue"),
            "job.cmd:1: ConsumableCpus must be a positive integer, not \"0\""),
        Arguments.of(Jcf.file("# @ resources = ConsumableCpus(two)", "# @ queue"),
            "job.cmd:1: ConsumableCpus must be a positive integer, not \"two\""),
        Arguments.of(Jcf.file("# @ resources = ConsumableCpus 4", "# @ queue"),
            "job.cmd:1: cannot read resources \"ConsumableCpus 4\": expected name(count) name(count) ..."),
        Arguments.of(Jcf.file("# @ output = out.$(pwd)", "# @ queue"), "job.cmd:1: unknown variable \"$(pwd)\""),
        Arguments.of(Jcf.file("# @ initialdir = $(domain)", "# @ queue"),
            "job.cmd:1: unknown variable \"$(domain)\""),
        Arguments.of(Jcf.file("# @ error = $(output)", "# @ queue"),
            "job.cmd:1: variable \"$(output)\" refers to keyword output, which this step does not set"),
        Arguments.of(Jcf.file("# @ output = $(error)", "# @ error = $(output)", "# @ queue"),
            "job.cmd:1: variable \"$(output)\" refers to itself"),
        Arguments.of(Jcf.file("# @ initialdir = $(initialdir)/x", "# @ queue"),
            "job.cmd:1: variable \"$(initialdir)\" refers to itself"),
        Arguments.of(Jcf.file("#!/bin/sh", "# @ class = dev", "echo"), "job.cmd:0: no queue statement"),
        Arguments.of("", "job.cmd:0: no queue statement"),
        Arguments.of(Jcf.file("# @ executable =", "# @ queue"), "job.cmd:1: executable is empty"),
        Arguments.of(Jcf.file("# @ executable = $(comment)", "# @ queue"), "job.cmd:1: executable is empty"),
        Arguments.of(Jcf.file("# @ class = a \\", "# @ queue"),
            "job.cmd:2: a continued line must not begin with \"# @\""),
        Arguments.of(Jcf.file("#@", "# @ queue"), "job.cmd:1: expected a keyword after \"# @\", found \"\""),
        Arguments.of(Jcf.file("# @ environment = COPY_ALL; FOO", "# @ queue"),
            "job.cmd:1: environment item \"FOO\" is not COPY_ALL, $VAR, !VAR or VAR=value"),
        Arguments.of(Jcf.file("# @ environment = 1X=2", "# @ queue"),
            "job.cmd:1: environment item \"1X=2\" has a bad variable name"),
        Arguments.of(Jcf.file("# @ class = a", "# @ initialdir = a\u0000b", "# @ queue"),
            "job.cmd:2: bad path \"a\u0000b\": Nul character not allowed"),
        Arguments.of(Jcf.file("# @ output = $(user)\u0000", "# @ queue"),
            "job.cmd:1: bad path \"alice\u0000\": Nul character not allowed"),
        Arguments.of(Jcf.file("# @ shell = bash", "# @ queue"),
            "job.cmd:1: shell must be an absolute path, not \"bash\""),
        // the first problem in line order wins, even when a later one is found first by kind
        Arguments.of(Jcf.file("# @ user_priority = 500", "# @ foo = 1", "# @ queue"),
            "job.cmd:1: user_priority must be an integer from 0 to 100, not \"500\""),
        Arguments.of(Jcf.file("# @ output = $(nope)", "# @ error = $(nada)", "# @ queue"),
            "job.cmd:1: unknown variable \"$(nope)\""),
        Arguments.of(Jcf.file("# @ queue", "# @ user_priority = 7x", "# @ queue"),
            "job.cmd:2: user_priority must be an integer from 0 to 100, not \"7x\""));
  }

  @ParameterizedTest
  @MethodSource("badFiles")
  void parse_badFile_throwsWithExactMessage(String content, String message) {
    JobCommandFileException e = assertThrows(JobCommandFileException.class, () -> Jcf.parse(content));
    assertEquals(message, e.getMessage());
    assertEquals("job.cmd", e.file());
    assertEquals(message, e.file() + ":" + e.line() + ": " + e.problem());
  }
}
