package org.openll.cli.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.openll.api.v1.MachineStatus;
import org.openll.cli.MachineFixtures;
import org.openll.cli.format.MachineListing.ScheddCounts;
import org.openll.cli.format.MachineListing.Trailer;

class MachineListingTest {
  @Test
  void header_isLoadLevelersColumns() {
    assertEquals("Name                      Schedd InQ  Act Startd Run LdAvg Idle Arch      OpSys\n",
        MachineListing.HEADER);
  }

  @Test
  void row_idleMachine_matchesLoadLevelersColumns() {
    MachineStatus m = MachineFixtures.idle("n01", 4).toBuilder()
        .setAd(MachineFixtures.idle("n01", 4).getAd().toBuilder().setArch("AMD64").setOpsys("Linux2").setLoadAverage(0))
        .build();

    // LoadLeveler's: "n01                       Avail     0   0 Idle     0 0.00  2403 AMD64     Linux2"
    assertEquals("n01                       Avail     0   0 Idle     0 0.00  9999 AMD64     Linux2",
        MachineListing.row(m, "Avail", 0, 0));
  }

  @Test
  void startdState_eachCondition_namesIt() {
    assertEquals("Idle", MachineListing.startdState(MachineFixtures.idle("a", 4)));
    assertEquals("Run", MachineListing.startdState(MachineFixtures.running("a", 4, 1, 2)));
    assertEquals("Busy", MachineListing.startdState(MachineFixtures.running("a", 4, 2, 4)));
    assertEquals("Down", MachineListing.startdState(MachineFixtures.running("a", 4, 2, 4).toBuilder().setUp(false).build()));
    MachineStatus drained = MachineFixtures.idle("a", 4);
    drained = drained.toBuilder().setAd(drained.getAd().toBuilder().setDrained(true)).build();
    assertEquals("Drain", MachineListing.startdState(drained));
  }

  @Test
  void row_negotiatorWithoutCounts_countsTheStepsTheStartdReports() {
    MachineStatus m = MachineFixtures.idle("m1", 4);
    m = m.toBuilder().setFreeCpus(3)
        .setAd(m.getAd().toBuilder().addRunning(org.openll.api.v1.RunningStep.newBuilder().setStepId("h.1.0"))).build();

    assertEquals("m1                        Avail     0   0 Run      1 0.25  9999 x86_64    Linux",
        MachineListing.row(m, "Avail", 0, 0));
  }

  @Test
  void format_twoMachines_countsOnFirstRowThenPlatformsAndTrailer() {
    String text = MachineListing.format(
        List.of(MachineFixtures.running("m1", 4, 1, 2), MachineFixtures.idle("m2", 4)),
        new ScheddCounts("Avail", 3, 1), new Trailer("cm", true));

    assertEquals(MachineListing.HEADER
        + "m1                        Avail     3   1 Run      2 0.25  9999 x86_64    Linux\n"
        + "m2                        Avail     0   0 Idle     0 0.25  9999 x86_64    Linux\n"
        + "\n"
        + "x86_64/Linux                2 machines      1  jobs      2  running tasks\n"
        + "Total Machines              2 machines      1  jobs      2  running tasks\n"
        + "\n"
        + "The Central Manager is defined on cm\n"
        + "\n"
        + "The BACKFILL scheduler is in use\n"
        + "\n"
        + "All machines on the machine_list are present.\n", text);
  }

  @Test
  void format_machineDownAndDefaultScheduler_listsItAndNoBackfillLine() {
    String text = MachineListing.format(
        List.of(MachineFixtures.idle("m1", 4).toBuilder().setUp(false).build(), MachineFixtures.idle("m2", 4)),
        ScheddCounts.down(), new Trailer("cm", false));

    assertTrue(text.contains("m1                        Down      0   0 Down     0"), text);
    assertTrue(text.endsWith("The Central Manager is defined on cm\n\n"
        + "The following machine is marked DOWN or has not reported:\nm1\n"), text);
    assertTrue(!text.contains("BACKFILL"), text);
  }
}
