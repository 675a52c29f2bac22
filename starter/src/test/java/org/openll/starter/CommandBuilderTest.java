package org.openll.starter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.protobuf.ByteString;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandBuilderTest {
  @TempDir Path dir;
  private CommandBuilder builder;

  @BeforeEach
  void setUp() throws IOException {
    Path passwd = dir.resolve("passwd");
    Files.writeString(passwd, "root:x:0:0:root:/root:/bin/bash\nalice:x:1000:1000:Alice:/home/alice:/bin/zsh\n");
    builder = new CommandBuilder(new UserAccounts(passwd), "/usr/bin/setsid", "/fallback");
  }

  @Test
  void build_executable_runsItThroughSetsidWithArguments() throws Exception {
    LaunchPlan plan = builder.build(Launches.launch(dir, Launches.spec(dir, "/bin/echo", "a", "b").build()), dir);

    assertEquals(List.of("/usr/bin/setsid", "/bin/echo", "a", "b"), plan.command());
    assertEquals(dir, plan.workDir());
    assertEquals(dir.resolve("err"), plan.error());
    assertEquals("/home/alice", plan.environment().get("HOME"));
    assertEquals("/bin/zsh", plan.environment().get("SHELL"));
  }

  @Test
  void build_jobFileWithoutShell_writesJobFile0700AndUsesLoginShell() throws Exception {
    var spec = Launches.spec(dir, "").setExecutableIsJobFile(true).addArguments("x");
    Path spool = dir.resolve("spool");

    LaunchPlan plan = builder.build(Launches.launch(dir, spec.build(), ByteString.copyFromUtf8("echo hi\n")), spool);

    Path jobFile = spool.resolve(CommandBuilder.JOB_FILE);
    assertEquals(List.of("/usr/bin/setsid", "/bin/zsh", jobFile.toString(), "x"), plan.command());
    assertEquals("echo hi\n", Files.readString(jobFile));
    assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(jobFile)));
  }

  @Test
  void build_jobFileWithShell_usesSpecShell() throws Exception {
    var spec = Launches.spec(dir, "").setExecutableIsJobFile(true).setShell("/bin/sh");

    LaunchPlan plan = builder.build(Launches.launch(dir, spec.build(), ByteString.copyFromUtf8("true")), dir);

    assertEquals("/bin/sh", plan.command().get(1));
  }

  @Test
  void build_unknownOwner_fallsBackToBinShAndHome() throws Exception {
    var launch = Launches.launch(dir, Launches.spec(dir, "").setExecutableIsJobFile(true).build()).toBuilder();
    launch.getStepBuilder().setOwner("nobody-here");

    LaunchPlan plan = builder.build(launch.build(), dir);

    assertEquals("/bin/sh", plan.command().get(1));
    assertEquals("/fallback", plan.environment().get("HOME"));
  }

  @Test
  void build_outputAndErrorSameFile_mergesError() throws Exception {
    var spec = Launches.spec(dir, "/bin/true").setError(dir.resolve("out").toString());

    LaunchPlan plan = builder.build(Launches.launch(dir, spec.build()), dir);

    assertNull(plan.error());
  }

  @Test
  void build_noExecutable_fails() {
    var spec = Launches.spec(dir, "");

    assertThrows(LaunchFailure.class, () -> builder.build(Launches.launch(dir, spec.build()), dir));
  }
}
