package org.openll.cli.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.openll.api.v1.StepStatus;
import org.openll.cli.StepFixtures;

class StepIdsTest {
  private final StepStatus step = StepFixtures.idle(12, 1, "u"); // meso-d.example.com.12.1

  @Test
  void shortStepId_fullHost_dropsTheDomainOnly() {
    assertEquals("meso-d.12.1", StepIds.shortStepId("meso-d.example.com.12.1"));
    assertEquals("meso-d.12.1", StepIds.shortStepId("meso-d.12.1"));
    assertEquals("10.0.0.1.12.1", StepIds.shortStepId("10.0.0.1.12.1"));
  }

  @Test
  void matches_everyAcceptedForm_namesTheStepOrItsJob() {
    assertTrue(StepIds.matches("meso-d.example.com.12.1", step));
    assertTrue(StepIds.matches("meso-d.12.1", step));
    assertTrue(StepIds.matches("meso-d.example.com.12", step));
    assertTrue(StepIds.matches("meso-d.12", step));
    assertTrue(StepIds.matches("12", step));
    assertTrue(StepIds.matches("12.1", step));
  }

  @Test
  void matches_otherJobOrStep_isFalse() {
    assertFalse(StepIds.matches("12.0", step));
    assertFalse(StepIds.matches("1", step));
    assertFalse(StepIds.matches("2", step));
    assertFalse(StepIds.matches("meso-d.12.0", step));
    assertFalse(StepIds.matches("other.12", step));
    assertFalse(StepIds.matches("meso-d.1", step));
  }
}
