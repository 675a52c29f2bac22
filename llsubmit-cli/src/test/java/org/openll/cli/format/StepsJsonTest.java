package org.openll.cli.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonParser;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openll.cli.StepFixtures;

class StepsJsonTest {
  @Test
  void format_noSteps_printsAnEmptyArray() {
    assertEquals("[]\n", StepsJson.format(List.of()));
  }

  @Test
  void format_twoSteps_printsOneValidArrayWithProtoFieldNames() {
    String json = StepsJson.format(List.of(StepFixtures.idle(1, 0, "jdoe"), StepFixtures.completed(2, 0, "ann", "m1")));

    JsonArray array = JsonParser.parseString(json).getAsJsonArray();
    assertEquals(2, array.size());
    assertEquals("meso-d.example.com.1.0", array.get(0).getAsJsonObject().get("step_id").getAsString());
    assertEquals("STEP_STATE_COMPLETED", array.get(1).getAsJsonObject().get("state").getAsString());
    assertEquals(3, array.get(1).getAsJsonObject().getAsJsonObject("result").get("exit_code").getAsInt());
    assertTrue(array.get(0).getAsJsonObject().has("machine"), "fields without presence are printed");
  }
}
