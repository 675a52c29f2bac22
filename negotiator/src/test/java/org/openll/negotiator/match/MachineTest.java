package org.openll.negotiator.match;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.openll.negotiator.Fixtures.machine;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.openll.common.expr.Attributes;
import org.openll.common.expr.Value;

class MachineTest {
  private final Machine ll5 = machine("ll5", 4).arch("R6000").opsys("AIX53").memory(8192).disk(123)
      .features("dev").classes("small").pool("1").llVersion("3.5").attribute("Rack", "r12").attribute("Gpus", "4")
      .running("r.1.0", 1).load(0.5).build();

  @Test
  void attributes_everyBuiltInName_fromTheAd() {
    Attributes a = ll5.attributes(2);
    assertEquals(Value.text("R6000"), a.get("arch"));
    assertEquals(Value.text("AIX53"), a.get("opsys"));
    assertEquals(Value.text("ll5"), a.get("machine"));
    assertEquals(Value.number(8192), a.get("memory"));
    assertEquals(Value.number(8192), a.get("consumablememory"));
    assertEquals(Value.number(123), a.get("disk"));
    assertEquals(Value.number(4), a.get("cpus"));
    assertEquals(Value.number(2), a.get("consumablecpus"));
    assertEquals(Value.texts(List.of("dev")), a.get("feature"));
    assertEquals(Value.texts(List.of("small")), a.get("class"));
    assertEquals(Value.number(1), a.get("pool"));
    assertEquals(Value.text("3.5"), a.get("ll_version"));
    assertEquals(Value.number(0.5), a.get("loadavg"));
  }

  @Test
  void attributes_extra_caseInsensitiveNumbersWhenNumeric() {
    Attributes a = ll5.attributes();
    assertEquals(Value.text("r12"), a.get("rack"));
    assertEquals(Value.number(4), a.get("gpus"));
    assertNull(a.get("speed"));
  }

  @Test
  void attributes_extraOfNonAsciiName_asItsLowerCase() {
    Attributes a = machine("ll6", 1).attribute("GR\u00d6SSE", "2").attribute("\u017fpeed", "3").build().attributes();
    assertEquals(Value.number(2), a.get("gr\u00f6sse"));
    assertNull(a.get("speed"), "the long s is not an s in lower case");
    assertEquals(Value.number(3), a.get("\u017fpeed"));
  }

  @Test
  void attributes_noFreeCpusGiven_cpusMinusRunning() {
    assertEquals(Value.number(3), ll5.attributes().get("consumablecpus"));
  }

  @Test
  void attributes_emptyPoolVersionAndClasses_absentOrAny() {
    Attributes a = machine("m", 1).pool("").llVersion("").build().attributes();
    assertNull(a.get("pool"));
    assertNull(a.get("ll_version"));
    assertEquals(Value.any(), a.get("class"));
  }

  @Test
  void withoutGauges_ignoresLoadAndDiskOnly() {
    assertEquals(machine("m", 1).load(1).disk(5).build().withoutGauges(),
        machine("m", 1).load(2).disk(9).build().withoutGauges());
    assertNotEquals(machine("m", 1).pool("1").build().withoutGauges(), machine("m", 1).pool("2").build().withoutGauges());
  }
}
