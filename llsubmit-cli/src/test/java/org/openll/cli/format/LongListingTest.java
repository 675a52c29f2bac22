package org.openll.cli.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openll.api.v1.StepResult;
import org.openll.cli.StepFixtures;

class LongListingTest {
  private final LongListing listing = new LongListing(new LlDates(ZoneId.of("UTC")));

  @Test
  void format_idleStep_printsRightAlignedLabelsInLoadLevelerOrderAndEmptyDates() {
    String text = listing.format(List.of(StepFixtures.idle(16250, 0, "jdoe")), false);

    assertEquals(
        "=============== Job Step meso-d.example.com.16250.0 ===============\n"
            + "        Job Step Id: meso-d.example.com.16250.0\n"
            + "           Job Name: meso-d.example.com.16250\n"
            + "          Step Name: 0\n"
            + "  Structure Version: 10\n"
            + "              Owner: jdoe\n"
            + "         Queue Date: Tue Jul 24 10:19:37 UTC 2007\n"
            + "             Status: Idle\n"
            + "      Dispatch Time: \n"
            + "    Completion Date: \n"
            + "    Completion Code: \n"
            + "      User Priority: 50\n"
            + "                Env: A=1\n"
            + "                 In: /dev/null\n"
            + "                Out: /home/jdoe/out\n"
            + "                Err: /home/jdoe/err\n"
            + "Initial Working Dir: /home/jdoe\n"
            + "       Requirements: \n"
            + "        Preferences: \n"
            + "          Step Type: General Serial\n"
            + "    Submitting Host: meso-d\n"
            + "        Schedd Host: meso-d.example.com\n"
            + "              Shell: \n"
            + "              Class: No_Class\n"
            + "            Comment: \n"
            + "          Step Cpus: 1\n"
            + "         Executable: /bin/sleep\n"
            + "          Exec Args: 60\n"
            + "    Allocated Hosts: \n"
            + "     Status History: \n"
            + "                     Tue Jul 24 10:19:37 UTC 2007  Idle\n"
            + "\n"
            + "1 job step(s) in queue, 1 waiting, 0 pending, 0 running, 0 held, 0 preempted\n",
        text);
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
