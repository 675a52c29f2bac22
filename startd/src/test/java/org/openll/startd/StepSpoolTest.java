package org.openll.startd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
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

  /** A rename whose file's data the kernel had not written back before a power loss leaves it empty or short. */
  @Test
  void readFinal_ofWhatAPowerLossLeaves_isNoRecordOrUnreadable() throws IOException {
    StepSpool spool = new StepSpool("s.1.0", dir.resolve("s.1.0"));
    spool.createEmpty();
    Path record = spool.dir().resolve(StepSpool.FINAL);
    Files.write(record, new byte[0]);
    assertTrue(spool.readFinal().isEmpty());

    Files.write(record, new byte[] {40, 10, 5});
    assertThrows(IOException.class, spool::readFinal);
  }

  @Test
  void delete_removesTheFolderWithItsFilesFoldersAndLinks_andAFolderGoneAlready() throws IOException {
    StepSpool spool = new StepSpool("s.1.0", dir.resolve("s.1.0"));
    spool.createEmpty();
    spool.writeClaim(StepClaimRecord.newBuilder().setScheddAddress("h:1").setCpus(1).setLaunch(launch).build());
    Files.writeString(spool.log(), "started\n");
    Path nested = Files.createDirectories(spool.dir().resolve("scratch/deeper"));
    Files.writeString(nested.resolve("file"), "x");
    Path outside = Files.writeString(dir.resolve("outside"), "kept");
    Files.createSymbolicLink(spool.dir().resolve("link"), outside);

    spool.delete();

    assertFalse(Files.exists(spool.dir(), LinkOption.NOFOLLOW_LINKS));
    assertEquals("kept", Files.readString(outside));
    spool.delete();
  }

  @Test
  void createEmpty_replacesALeftoverFolder_andMakesTheSpoolFolderItNeeds() throws IOException {
    StepSpool leftover = new StepSpool("s.1.0", dir.resolve("s.1.0"));
    leftover.createEmpty();
    Files.writeString(leftover.log(), "an earlier run\n");
    StepSpool deep = new StepSpool("s.2.0", dir.resolve("spool/not/made/yet/s.2.0"));

    leftover.createEmpty();
    deep.createEmpty();

    try (var files = Files.list(leftover.dir())) {
      assertEquals(List.of(), files.toList());
    }
    assertTrue(Files.isDirectory(deep.dir()));
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
