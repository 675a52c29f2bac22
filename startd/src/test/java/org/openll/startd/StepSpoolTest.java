package org.openll.startd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openll.api.v1.StarterLaunch;
import org.openll.api.v1.StepClaimRecord;

class StepSpoolTest {
  @TempDir Path dir;

  private final StarterLaunch launch = StarterLaunch.newBuilder().setMachine("node1").setSpoolDir("/spool/s.1.0").build();

  @Test
  void oneClaimRecordHoldsTheLaunchAndThePooledStartersPid() throws IOException {
    StepSpool spool = new StepSpool("s.1.0", dir.resolve("s.1.0"));
    spool.createEmpty();
    ProcessHandle self = ProcessHandle.current();
    spool.writeClaim(StepClaimRecord.newBuilder().setScheddAddress("h:1").setCpus(1).setLaunch(launch)
        .setStarterPid(self.pid()).setStarterStartMillis(StepSpool.startMillis(self)).build());

    assertEquals(launch, spool.readLaunch().orElseThrow());
    assertEquals(self, spool.liveStarter().orElseThrow());
    try (var files = Files.list(spool.dir())) {
      assertEquals(List.of("claim.pb"), files.map(f -> f.getFileName().toString()).toList());
    }
  }

  @Test
  void aStarterPidFileWinsOverTheClaimsPooledStarter() throws IOException {
    StepSpool spool = new StepSpool("s.1.0", dir.resolve("s.1.0"));
    spool.createEmpty();
    spool.writeClaim(StepClaimRecord.newBuilder().setScheddAddress("h:1").setCpus(1).setLaunch(launch)
        .setStarterPid(Integer.MAX_VALUE).setStarterStartMillis(1).build());
    assertFalse(spool.liveStarter().isPresent(), "no such process");

    spool.writeStarterPid(ProcessHandle.current());

    assertEquals(ProcessHandle.current(), spool.liveStarter().orElseThrow());
  }

  @Test
  void readsTheFolderOfAnEarlierVersion_launchInItsOwnFile() throws IOException {
    StepSpool spool = new StepSpool("s.1.0", dir.resolve("s.1.0"));
    spool.createEmpty();
    spool.writeClaim(StepClaimRecord.newBuilder().setScheddAddress("h:1").setCpus(1).build());
    try (OutputStream out = Files.newOutputStream(spool.dir().resolve(org.openll.starter.LaunchRecord.LAUNCH_FILE))) {
      launch.writeDelimitedTo(out);
    }

    assertEquals(launch, spool.readLaunch().orElseThrow());
    assertTrue(spool.liveStarter().isEmpty());
  }
}
