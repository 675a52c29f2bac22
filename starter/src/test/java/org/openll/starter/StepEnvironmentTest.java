package org.openll.starter;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openll.api.v1.EnvVar;

class StepEnvironmentTest {
  private final Path dir = Path.of("/tmp/x");

  @Test
  void build_noStepEnvironment_addsLoginDefaultsAndLoadlVariables() {
    Map<String, String> env = StepEnvironment.build(Launches.launch(dir, Launches.spec(dir, "/bin/true").build()),
        "/home/alice", "/bin/bash");

    assertEquals("/home/alice", env.get("HOME"));
    assertEquals("alice", env.get("USER"));
    assertEquals("alice", env.get("LOGNAME"));
    assertEquals("/bin/bash", env.get("SHELL"));
    assertEquals(StepEnvironment.DEFAULT_PATH, env.get("PATH"));
    assertEquals("host.1.0", env.get("LOADL_STEP_ID"));
    assertEquals("0", env.get("LOADL_STEP_NAME"));
    assertEquals("host.1", env.get("LOADL_JOB_NAME"));
    assertEquals("alice", env.get("LOADL_STEP_OWNER"));
    assertEquals("No_Class", env.get("LOADL_STEP_CLASS"));
    assertEquals("/tmp/x", env.get("LOADL_STEP_INITDIR"));
    assertEquals("node7", env.get("LOADL_PROCESSOR_LIST"));
    assertEquals(StepEnvironment.ACTIVE_VALUE, env.get("LOADL_ACTIVE"));
    assertEquals("SERIAL", env.get("LOADL_STEP_TYPE"));
    assertEquals("No_Group", env.get("LOADL_STEP_GROUP"));
    assertEquals("1", env.get("LOADL_TOTAL_TASKS"));
    assertEquals(23, env.size());
  }

  @Test
  void build_stepSetsPathAndLoadlVariable_keepsItsPathButNotItsLoadlValue() {
    var spec = Launches.spec(dir, "/bin/true")
        .addEnvironment(EnvVar.newBuilder().setName("PATH").setValue("/opt/bin"))
        .addEnvironment(EnvVar.newBuilder().setName("FOO").setValue(""))
        .addEnvironment(EnvVar.newBuilder().setName("LOADL_STEP_ID").setValue("forged"));

    Map<String, String> env = StepEnvironment.build(Launches.launch(dir, spec.build()), "/h", "/bin/sh");

    assertEquals("/opt/bin", env.get("PATH"));
    assertEquals("", env.get("FOO"));
    assertEquals("host.1.0", env.get("LOADL_STEP_ID"));
  }
}
