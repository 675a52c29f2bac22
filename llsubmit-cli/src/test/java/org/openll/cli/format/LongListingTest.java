package org.openll.cli.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openll.api.v1.Blocking;
import org.openll.api.v1.HoldType;
import org.openll.api.v1.JobType;
import org.openll.api.v1.Limit;
import org.openll.api.v1.LimitValue;
import org.openll.api.v1.NetworkRequest;
import org.openll.api.v1.NodeCount;
import org.openll.api.v1.NodeUsage;
import org.openll.api.v1.Notification;
import org.openll.api.v1.ResourceRequest;
import org.openll.api.v1.StepLimits;
import org.openll.api.v1.StepResult;
import org.openll.api.v1.StepSpec;
import org.openll.api.v1.StepStatus;
import org.openll.api.v1.TaskAffinity;
import org.openll.cli.StepFixtures;

class LongListingTest {
  private final LongListing listing = new LongListing(new LlDates(ZoneId.of("UTC")));

  @Test
  void format_idleStep_printsRightAlignedLabelsInLoadLevelerOrderAndEmptyDates() {
    String text = listing.format(List.of(StepFixtures.idle(16250, 0, "jdoe")), false);

    assertEquals(fixture("idle.txt"), text);
  }

  @Test
  void format_everyTypedField_printsLoadLevelerLabelsAndFormats() {
    StepStatus base = StepFixtures.idle(16250, 1, "jdoe");
    StepSpec spec = base.getSpec().toBuilder()
        .setStepName("post")
        .setNotification(Notification.NOTIFICATION_NEVER)
        .setNotifyUser("jdoe@meso-d")
        .setImageSizeKb(1024)
        .setNoRestart(true)
        .setStartdate(StepFixtures.at("2007-07-25T06:00:00Z"))
        .setDependency("pre == 0 || pre == CC_REMOVED")
        .addResources(ResourceRequest.newBuilder().setName("ConsumableCpus").setAmount(2))
        .addResources(ResourceRequest.newBuilder().setName("ConsumableMemory").setAmount(2048))
        .addNodeResources(ResourceRequest.newBuilder().setName("FRMlicense").setAmount(1))
        .setJobType(JobType.JOB_TYPE_PARALLEL)
        .setNodeUsage(NodeUsage.NODE_USAGE_NOT_SHARED)
        .setShell("/bin/ksh")
        .setGroup("climate")
        .setAccountNo("ACC42")
        .setComment("monthly means")
        .setLimits(StepLimits.newBuilder()
            .setWallClockLimit(Limit.newBuilder().setHard(LimitFormatTest.amount(60)).setSoft(LimitFormatTest.amount(50)))
            .setRssLimit(Limit.newBuilder().setHard(LimitFormatTest.amount(8_336_179_200L)))
            .setCpuLimit(Limit.newBuilder().setHard(LimitValue.newBuilder().setUnlimited(true))))
        .addNetworks(NetworkRequest.newBuilder().setProtocol("MPI").setNetworkType("sn_all").setUsage("not_shared").setMode("US"))
        .setNode(NodeCount.newBuilder().setMin(2).setMax(4))
        .setTasksPerNode(8)
        .setBlocking(Blocking.newBuilder().setUnlimited(true))
        .setTaskAffinity(TaskAffinity.newBuilder().setUnit("core").setCount(1))
        .setParallelThreads(4)
        .build();
    StepStatus held = base.toBuilder().setSpec(spec).setState(org.openll.api.v1.StepState.STEP_STATE_HOLD)
        .setHoldType(HoldType.HOLD_TYPE_USERSYS).clearHistory().build();

    assertEquals(fixture("typed.txt"), listing.format(List.of(held), false));
  }

  @Test
  void format_resultWithLimitAndNotification_printsThem() {
    StepStatus done = StepFixtures.completed(7, 0, "jdoe", "node7.example.com");
    done = done.toBuilder().setResult(done.getResult().toBuilder().setLimitExceeded("wall_clock_limit")
        .setNotificationFile("/home/jdoe/.openll/notify/7.0").setMachine("node7.example.com")).build();

    String text = listing.format(List.of(done), true);

    assertTrue(text.contains("     Limit Exceeded: wall_clock_limit\n"), text);
    assertTrue(text.contains("  Notification File: /home/jdoe/.openll/notify/7.0\n"), text);
    assertTrue(text.contains("            Machine: node7.example.com\n"), text);
  }

  static String fixture(String name) {
    try (var in = LongListingTest.class.getResourceAsStream("/llq-l/" + name)) {
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void format_completedStep_printsResultAndHistory() {
    String text = listing.format(List.of(StepFixtures.completed(7, 0, "jdoe", "node7.example.com")), true);

    assertTrue(text.contains("             Status: Completed\n"), text);
    assertTrue(text.contains("      Dispatch Time: Tue Jul 24 10:20:00 UTC 2007\n"), text);
    assertTrue(text.contains("    Completion Date: Tue Jul 24 10:21:00 UTC 2007\n"), text);
    assertTrue(text.contains("    Completion Code: 768\n"), text);
    assertTrue(text.contains("        Exit Status: exited with 3\n"), text);
    assertTrue(text.contains("    Allocated Hosts: node7\n"), text);
    assertTrue(text.contains("         Start Time: Tue Jul 24 10:20:01 UTC 2007\n"), text);
    assertTrue(text.contains("           End Time: Tue Jul 24 10:20:59 UTC 2007\n"), text);
    assertTrue(text.contains("     Step User Time: 00:00:01.500000\n"), text);
    assertTrue(text.contains("   Step System Time: 00:00:00.000250\n"), text);
    assertTrue(text.contains("       Step Max RSS: 2048 kb\n"), text);
    assertTrue(text.contains("                     Tue Jul 24 10:21:00 UTC 2007  Completed: exited with 3\n"), text);
    assertTrue(text.endsWith("\n1 job step(s) in query, 0 waiting, 0 pending, 0 running, 0 held, 0 preempted\n"), text);
  }

  @Test
  void exitStatus_killedOrNotStarted_saysSo() {
    assertEquals("killed by signal 9", LongListing.exitStatus(StepResult.newBuilder().setLaunched(true).setSignal(9).build()));
    assertEquals("9", LongListing.completionCode(StepResult.newBuilder().setLaunched(true).setSignal(9).build()));
    assertEquals("not started", LongListing.exitStatus(StepResult.newBuilder().setExitCode(-1).build()));
  }

  @Test
  void cpuTime_hoursMinutesSeconds_printsMicroseconds() {
    assertEquals("01:01:01.000007", LongListing.cpuTime(3_661_000_007L));
  }
}
