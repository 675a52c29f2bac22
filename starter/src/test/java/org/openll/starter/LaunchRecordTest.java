package org.openll.starter;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openll.api.v1.StarterLaunch;

class LaunchRecordTest {
  @TempDir Path dir;

  @Test
  void readsTheLaunchFromTheStartdsClaimRecord_orFromTheLaunchFileOfAnEarlierStartd() throws IOException {
    StarterLaunch launch = StarterLaunch.newBuilder().setMachine("node1").setStartdSocket("/spool/startd.sock").build();
    Path current = Files.createDirectory(dir.resolve("current"));
    try (var out = Files.newOutputStream(current.resolve(LaunchRecord.CLAIM_FILE))) {
      org.openll.api.v1.StepClaimRecord.newBuilder().setScheddAddress("h:1").setLaunch(launch).build()
          .writeDelimitedTo(out);
    }
    Path earlier = Files.createDirectory(dir.resolve("earlier"));
    try (var out = Files.newOutputStream(earlier.resolve(LaunchRecord.CLAIM_FILE))) {
      org.openll.api.v1.StepClaimRecord.newBuilder().setScheddAddress("h:1").build().writeDelimitedTo(out);
    }
    try (var out = Files.newOutputStream(earlier.resolve(LaunchRecord.LAUNCH_FILE))) {
      launch.writeDelimitedTo(out);
    }

    assertEquals(launch, LaunchRecord.read(current).orElseThrow());
    assertEquals(launch, LaunchRecord.read(earlier).orElseThrow());
  }
}
