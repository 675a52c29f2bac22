package org.openll.starter;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openll.api.v1.EnvVar;
import org.openll.api.v1.JobType;
import org.openll.api.v1.StarterLaunch;

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

  @Test
  void build_parallelTaskHosts_processorListTotalTasksAndHostfile() {
    StarterLaunch launch = Launches.launch(dir, Launches.spec(dir, "/bin/true").setJobType(JobType.JOB_TYPE_PARALLEL)
        .setTotalTasks(4).build()).toBuilder()
        .addAllTaskHosts(List.of("HOST-1", "HOST-1", "HOST-2", "HOST-3")).build();

    Map<String, String> env = StepEnvironment.build(launch, "/h", "/bin/sh");

    assertEquals("HOST-1 HOST-1 HOST-2 HOST-3", env.get("LOADL_PROCESSOR_LIST"));
    assertEquals("4", env.get("LOADL_TOTAL_TASKS"));
    assertEquals("PARALLEL", env.get("LOADL_STEP_TYPE"));
    assertEquals(dir.resolve("spool/hostfile").toString(), env.get("LOADL_HOSTFILE"));
  }

  @Test
  void writeHostFile_taskHosts_oneLinePerTaskReadableByOwner(@TempDir Path spool) throws Exception {
    StarterLaunch launch = Launches.launch(spool, Launches.spec(spool, "/bin/true").build()).toBuilder()
        .addAllTaskHosts(List.of("HOST-1", "HOST-1", "HOST-2")).build();

    Files.createDirectories(Path.of(launch.getSpoolDir()));
    StepEnvironment.writeHostFile(launch);

    Path file = StepEnvironment.hostFile(launch);
    assertEquals(List.of("HOST-1", "HOST-1", "HOST-2"), Files.readAllLines(file));
    assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
  }

  @Test
  void writeHostFile_serialStep_thisMachineOncePerTask(@TempDir Path spool) throws Exception {
    StarterLaunch launch = Launches.launch(spool, Launches.spec(spool, "/bin/true").build());

    Files.createDirectories(Path.of(launch.getSpoolDir()));
    StepEnvironment.writeHostFile(launch);

    assertEquals(List.of("node7"), Files.readAllLines(StepEnvironment.hostFile(launch)));
  }
}
