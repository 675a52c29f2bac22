package org.openll.common.jcf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every error the parser reports, with its exact FILE:LINE: keyword: message. */
class JobCommandFileErrorsTest {
  static Stream<Arguments> badFiles() {
    return Stream.of(
        Arguments.of(Jcf.file("# @ class = dev", "# @ foo = 1", "# @ queue"), "job.cmd:2: foo: not a LoadLeveler keyword"),
        Arguments.of(Jcf.file("# @ ec_smt = yes", "# @ queue"), "job.cmd:1: ec_smt: not a LoadLeveler keyword"),
        Arguments.of(Jcf.file("# @ queue", "# @ fooo = 1"), "job.cmd:2: fooo: not a LoadLeveler keyword"),
        Arguments.of(Jcf.file("# @ class dev", "# @ queue"), "job.cmd:1: class: missing \"=\" after the keyword"),
        Arguments.of(Jcf.file("# @ queue = 2"), "job.cmd:1: queue: takes no value"),
        Arguments.of(Jcf.file("# @ queue 2"), "job.cmd:1: queue: takes no value"),
        Arguments.of(Jcf.file("# @ user_priority = high", "# @ queue"),
            "job.cmd:1: user_priority: \"high\" is not an integer from 0 to 100"),
        Arguments.of(Jcf.file("# @ user_priority = 101", "# @ queue"),
            "job.cmd:1: user_priority: \"101\" is not an integer from 0 to 100"),
        Arguments.of(Jcf.file("# @ user_priority = $(jobid)", "# @ queue"),
            "job.cmd:1: user_priority: \"$(jobid)\" is not an integer from 0 to 100"),
        Arguments.of(Jcf.file("# @ resources = ConsumableCpus(0)", "# @ queue"),
            "job.cmd:1: resources: ConsumableCpus must be a positive integer, not \"0\""),
        Arguments.of(Jcf.file("# @ resources = ConsumableCpus 4", "# @ queue"),
            "job.cmd:1: resources: cannot read \"ConsumableCpus 4\": expected Name(amount) Name(amount) ..."),
        Arguments.of(Jcf.file("# @ resources = ConsumableMemory(2 xb)", "# @ queue"),
            "job.cmd:1: resources: ConsumableMemory: \"2 xb\" is not a size (expected a number with an optional unit "
                + "b, w, kb, kw, mb, mw, gb, gw, tb, tw, pb, pw, eb or ew)"),
        Arguments.of(Jcf.file("# @ output = out.$(pwd)", "# @ queue"), "job.cmd:1: output: unknown variable $(pwd)"),
        Arguments.of(Jcf.file("# @ error = $(output)", "# @ queue"),
            "job.cmd:1: error: variable $(output) refers to keyword output, which this step does not set"),
        Arguments.of(Jcf.file("# @ initialdir = $(initialdir)/x", "# @ queue"),
            "job.cmd:1: initialdir: variable $(initialdir) refers to itself"),
        Arguments.of(Jcf.file("#!/bin/sh", "# @ class = dev", "echo"), "job.cmd:0: no queue statement"),
        Arguments.of("", "job.cmd:0: no queue statement"),
        Arguments.of(Jcf.file("# @ executable =", "# @ queue"), "job.cmd:1: executable: must not be empty"),
        Arguments.of(Jcf.file("# @ class = a \\", "# @ queue"),
            "job.cmd:0: no queue statement\njob.cmd:2: a continued line must not begin with \"# @\""),
        Arguments.of(Jcf.file("#@", "# @ queue"), "job.cmd:1: expected a keyword after \"# @\", found \"\""),
        Arguments.of(Jcf.file("# @ environment = COPY_ALL; FOO", "# @ queue"),
            "job.cmd:1: environment: environment item \"FOO\" is not COPY_ALL, $VAR, !VAR or VAR=value"),
        Arguments.of(Jcf.file("# @ class = a", "# @ initialdir = a\u0000b", "# @ queue"),
            "job.cmd:2: initialdir: bad path \"a\u0000b\": Nul character not allowed"),
        Arguments.of(Jcf.file("# @ shell = bash", "# @ queue"), "job.cmd:1: shell: must be an absolute path, not \"bash\""),
        Arguments.of(Jcf.file("# @ wall_clock_limit = 2:0O:00", "# @ queue"),
            "job.cmd:1: wall_clock_limit: \"2:0O:00\" is not a time (expected [[hh:]mm:]ss)"),
        Arguments.of(Jcf.file("# @ data_limit = 1,2,3", "# @ queue"),
            "job.cmd:1: data_limit: \"1,2,3\" is not a limit (expected hard[,soft])"),
        Arguments.of(Jcf.file("# @ job_type = BlueGene", "# @ bg_size = 512", "# @ queue"),
            "job.cmd:1: job_type: openll has no Blue Gene support; a bluegene job cannot run here\n"
                + "job.cmd:2: bg_size: openll has no Blue Gene support"),
        Arguments.of(Jcf.file("# @ checkpoint = interval", "# @ queue"),
            "job.cmd:1: checkpoint: openll does not checkpoint; only checkpoint = no runs here"),
        Arguments.of(Jcf.file("# @ cluster_list = c1 c2", "# @ queue"),
            "job.cmd:1: cluster_list: openll has one cluster; use cluster_list = any or remove the keyword"),
        Arguments.of(Jcf.file("# @ task_geometry = {(0,1)}", "# @ queue"),
            "job.cmd:1: task_geometry: openll cannot place tasks explicitly; use node and tasks_per_node"),
        Arguments.of(Jcf.file("# @ node = 4,2", "# @ queue"), "job.cmd:1: node: the maximum 2 is below the minimum 4"),
        Arguments.of(Jcf.file("# @ tasks_per_node = 2", "# @ total_tasks = 8", "# @ queue"),
            "job.cmd:2: total_tasks: tasks_per_node and total_tasks cannot be used together"),
        Arguments.of(Jcf.file("# @ network.MPI = sn_all,maybe,US", "# @ queue"),
            "job.cmd:1: network.mpi: usage \"maybe\" is not one of shared, not_shared"),
        Arguments.of(Jcf.file("# @ network.FOO = sn_all", "# @ queue"),
            "job.cmd:1: network.foo: protocol foo is not MPI, LAPI, PVM or MPI_LAPI"),
        Arguments.of(Jcf.file("# @ startdate = 2024-01-01", "# @ queue"),
            "job.cmd:1: startdate: \"2024-01-01\" is not a date (expected MM/DD/YYYY HH:mm[:ss])"),
        Arguments.of(Jcf.file("# @ startdate = 02/30/2024 10:00", "# @ queue"),
            "job.cmd:1: startdate: \"02/30/2024 10:00\" is not a date: Invalid date 'FEBRUARY 30'"),
        Arguments.of(Jcf.file("# @ hold = later", "# @ queue"), "job.cmd:1: hold: \"later\" is not one of system, user, usersys"),
        Arguments.of(Jcf.file("# @ step_name = a", "# @ queue", "# @ step_name = b", "# @ dependency = c == 0", "# @ queue"),
            "job.cmd:4: dependency: no earlier step is named c (earlier steps: a)"),
        Arguments.of(Jcf.file("# @ step_name = a", "# @ dependency = a == 0", "# @ queue"),
            "job.cmd:2: dependency: step a cannot depend on itself"),
        Arguments.of(Jcf.file("# @ queue", "# @ dependency = (0 == 0", "# @ queue"),
            "job.cmd:2: dependency: \"(0 == 0\": missing \")\" at column 8"),
        Arguments.of(Jcf.file("# @ step_name = a", "# @ queue", "# @ step_name = a", "# @ queue"),
            "job.cmd:3: step_name: two steps are named a"),
        Arguments.of(Jcf.file("# @ requirements = (Memory > 4", "# @ queue"),
            "job.cmd:1: requirements: expected ')', got end of expression"),
        Arguments.of(Jcf.file("# @ notification = sometimes", "# @ queue"),
            "job.cmd:1: notification: \"sometimes\" is not one of always, complete, error, never, start"));
  }

  @ParameterizedTest
  @MethodSource("badFiles")
  void parse_badFile_throwsWithExactMessage(String content, String message) {
    JobCommandFileException e = assertThrows(JobCommandFileException.class, () -> Jcf.parse(content));
    assertEquals(message, e.getMessage());
    assertEquals("job.cmd", e.file());
  }

  @Test
  void parse_manyProblems_allReportedInLineOrder() {
    JobCommandFileException e = assertThrows(JobCommandFileException.class, () -> Jcf.parse(Jcf.file(
        "# @ output = $(nope)",
        "# @ wall_clock_limit = 2:0O:00",
        "# @ foo = 1",
        "# @ user_priority = 500",
        "# @ queue",
        "# @ user_priority = 7x",
        "# @ queue")));
    assertEquals(List.of(
        "job.cmd:1: output: unknown variable $(nope)",
        "job.cmd:2: wall_clock_limit: \"2:0O:00\" is not a time (expected [[hh:]mm:]ss)",
        "job.cmd:3: foo: not a LoadLeveler keyword",
        "job.cmd:4: user_priority: \"500\" is not an integer from 0 to 100",
        "job.cmd:6: user_priority: \"7x\" is not an integer from 0 to 100"),
        e.problems().stream().map(Object::toString).toList());
    assertEquals(1, e.line());
  }

  @Test
  void parse_recursiveReferences_eachReported() {
    JobCommandFileException e = assertThrows(JobCommandFileException.class,
        () -> Jcf.parse(Jcf.file("# @ output = $(error)", "# @ error = $(output)", "# @ queue")));
    assertEquals("job.cmd:1: output: variable $(output) refers to itself\n"
        + "job.cmd:2: error: variable $(error) refers to itself", e.getMessage());
  }

  @Test
  void parse_moreThanMaxProblems_restCounted() {
    StringBuilder content = new StringBuilder();
    for (int i = 0; i < Problems.MAX + 10; i++) {
      content.append("# @ bad").append(i).append(" = 1\n");
    }
    JobCommandFileException e = assertThrows(JobCommandFileException.class, () -> Jcf.parse(content + "# @ queue\n"));
    assertEquals(Problems.MAX + 1, e.problems().size());
    assertEquals("job.cmd:0: 10 more problems not shown", e.problems().get(Problems.MAX).toString());
  }

  @Test
  void exception_singleProblemConstructor_keepsFileLineProblem() {
    JobCommandFileException e = new JobCommandFileException("f", 3, "x: bad");
    assertEquals("f:3: x: bad", e.getMessage());
    assertEquals(3, e.line());
    assertEquals("x: bad", e.problem());
  }
}
