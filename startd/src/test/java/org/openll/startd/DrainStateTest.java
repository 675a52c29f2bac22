package org.openll.startd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openll.api.v1.MachineAd;
import org.openll.api.v1.StartStepRequest;
import org.openll.api.v1.StepLaunch;
import org.openll.api.v1.StepSpec;
import org.openll.common.authz.TestCallers;
import org.openll.common.errors.ErrorCode;
import org.openll.common.errors.OpenllException;

class DrainStateTest {
  @TempDir Path dir;

  @Test
  void drain_noClasses_refusesEveryClassUntilResumed() {
    DrainState drain = new DrainState();
    AtomicInteger changes = new AtomicInteger();
    drain.addListener(changes::incrementAndGet);
    assertEquals("drained", drain.drain(List.of()));
    assertTrue(drain.refuses("small"));
    assertTrue(drain.refuses(""));
    assertEquals("", drain.resume(List.of()));
    assertFalse(drain.refuses("small"));
    assertEquals(2, changes.get());
  }

  @Test
  void drain_someClasses_refusesOnlyThoseAndHidesThem() {
    DrainState drain = new DrainState();
    assertEquals("drained classes: large small", drain.drain(List.of("small", "large")));
    assertTrue(drain.refuses("small"));
    assertFalse(drain.refuses("medium"));
    assertEquals(List.of("medium"), drain.open(List.of("small", "medium", "large")));
    drain.resume(List.of("large"));
    assertEquals("drained classes: small", drain.describe());
  }

  @Test
  void drain_allclasses_drainsTheMachine() {
    DrainState drain = new DrainState();
    drain.drain(List.of("allclasses"));
    assertTrue(drain.machineDrained());
  }

  @Test
  void flush_thenResume_clearsFlushed() {
    DrainState drain = new DrainState();
    assertEquals("flushed", drain.flush());
    assertTrue(drain.machineDrained());
    assertEquals("", drain.resume(List.of()));
  }

  @Test
  void build_drainedMachine_adSaysDrained() {
    DrainState drain = new DrainState();
    drain.drain(List.of());
    assertTrue(ad(List.of("small"), drain).getDrained());
  }

  @Test
  void build_drainedClass_leavesTheClassList() {
    DrainState drain = new DrainState();
    drain.drain(List.of("small"));
    MachineAd ad = ad(List.of("small", "large"), drain);
    assertFalse(ad.getDrained());
    assertEquals(List.of("large"), ad.getClassesList());
    assertEquals(Map.of("large", 2), ad.getClassSlotsMap());
  }

  @Test
  void build_everyListedClassDrained_machineDrained() {
    DrainState drain = new DrainState();
    drain.drain(List.of("small"));
    assertTrue(ad(List.of("small"), drain).getDrained());
  }

  @Test
  void flush_admin_namesTheStepsHere() {
    MachineIdentity identity = new MachineIdentity("node1", 4, "abc");
    ClaimTable claims = new ClaimTable(identity);
    claims.claim(ClaimTableTest.permit("h.1.0", "node1", "abc"), 1);
    DrainState drain = new DrainState();
    var flushed = new StartdAdmin("node1", drain, claims).flush();
    assertEquals("node1", flushed.machine());
    assertEquals(List.of("h.1.0"), flushed.stepIds());
    assertTrue(drain.machineDrained());
  }

  @Test
  void startStep_drained_failedPreconditionBeforeLaunching() {
    MachineIdentity identity = new MachineIdentity("node1", 4, "abc");
    DrainState drain = new DrainState();
    drain.drain(List.of("small"));
    StartdService service = new StartdService(null, drain, new ClaimTable(identity));
    StartStepRequest request = StartStepRequest.newBuilder().setLaunch(StepLaunch.newBuilder().setStepId("h.1.0")
        .setScheddHost("h").setSpec(StepSpec.newBuilder().setJobClass("small"))).build();
    OpenllException e = assertThrows(OpenllException.class,
        () -> TestCallers.run(TestCallers.daemon("h"), () -> service.startStep(request, null)));
    assertEquals(ErrorCode.FAILED_PRECONDITION, e.code());
    assertTrue(e.getMessage().contains("class small"), e.getMessage());
  }

  private MachineAd ad(List<String> classes, DrainState drain) {
    MachineIdentity identity = new MachineIdentity("node1", 4, "abc");
    Map<String, Integer> slots = new LinkedHashMap<>();
    classes.forEach(c -> slots.put(c, 2));
    MachineAdBuilder.Site site = new MachineAdBuilder.Site(dir, "", List.of(), Map.of(), "0.1.0");
    ClaimTable claims = new ClaimTable(identity, new MachineOffer(site, slots, Map.of()));
    return new MachineAdBuilder(identity, claims, dir.resolve("proc"), "amd64", drain).build("a:1");
  }
}
