package org.openll.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.beust.jcommander.JCommander;
import com.beust.jcommander.Parameter;
import java.lang.reflect.Field;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class SimpleFlagsTest {
  /** Every command whose options are {@link SimpleFlags.Simple}. */
  private static final Map<String, Supplier<Object>> OPTIONS = Map.of(
      "llsubmit", LlSubmitCommand.Options::new,
      "llq", LlqCommand.Options::new,
      "llcancel", LlCancelCommand.Options::new,
      "llhold", LlHoldCommand.Options::new,
      "llstatus", LlStatusCommand.Options::new,
      "llclass", LlClassCommand.Options::new,
      "llsummary", LlSummaryCommand.Options::new);

  @Test
  void fillsWhatJCommanderFills_forEveryLineItTakes() {
    List<String[]> lines = List.of(new String[0], new String[] {"job.cmd"}, new String[] {"-q", "job.cmd"},
        new String[] {"job.cmd", "--dry-run", "-q"}, new String[] {"-"}, new String[] {"-l"},
        new String[] {"--json", "-l", "vm.1", "vm.2.0"}, new String[] {"-s", "3"}, new String[] {"-W", "-W"},
        new String[] {"a", "b", "c"});
    int taken = 0;
    for (Map.Entry<String, Supplier<Object>> command : OPTIONS.entrySet()) {
      for (String[] line : lines) {
        Object simple = command.getValue().get();
        if (!SimpleFlags.tryParse(simple, line)) {
          assertEquals(fields(command.getValue().get()), fields(simple), "left untouched: " + String.join(" ", line));
          continue;
        }
        taken++;
        Object jcommander = command.getValue().get();
        JCommander.newBuilder().programName(command.getKey()).addObject(jcommander).build().parse(line);
        assertEquals(fields(jcommander), fields(simple), command.getKey() + " " + String.join(" ", line));
      }
    }
    assertTrue(taken > 20, "the fast path took only " + taken + " lines");
  }

  @Test
  void leavesToJCommander_flagsWithValuesUnknownFlagsAndAtFiles() {
    for (String[] line : List.<String[]>of(new String[] {"-u", "alice"}, new String[] {"-j", "vm.1"},
        new String[] {"--nope", "job.cmd"}, new String[] {"@args"}, new String[] {"--", "job.cmd"})) {
      LlqCommand.Options options = new LlqCommand.Options();
      assertFalse(SimpleFlags.tryParse(options, line), String.join(" ", line));
      assertEquals(fields(new LlqCommand.Options()), fields(options));
    }
  }

  @Test
  void aCommandWithoutPositionalValues_refusesThem() {
    SimpleFlags.Simple options = new SimpleFlags.Simple() {
      boolean x;

      @Override
      public Runnable flag(String flag) {
        return flag.equals("-x") ? () -> x = true : null;
      }

      @Override
      public List<String> positional() {
        return null;
      }
    };
    assertFalse(SimpleFlags.tryParse(options, new String[] {"value"}));
    assertTrue(SimpleFlags.tryParse(options, new String[] {"-x"}));
  }

  @Test
  void eachCommandSetsExactlyTheBooleanFlagsItsAnnotationsDeclare() throws IllegalAccessException {
    for (Map.Entry<String, Supplier<Object>> command : OPTIONS.entrySet()) {
      for (Field field : command.getValue().get().getClass().getDeclaredFields()) {
        Parameter parameter = field.getAnnotation(Parameter.class);
        if (parameter == null) {
          continue;
        }
        String where = command.getKey() + " " + field.getName();
        assertFalse(parameter.required(), where);
        boolean flag = field.getType() == boolean.class && parameter.arity() <= 0;
        if (flag) {
          assertEquals(1, parameter.names().length, where + ": one name, so that a repeat is seen");
        }
        for (String name : parameter.names()) {
          SimpleFlags.Simple options = (SimpleFlags.Simple) command.getValue().get();
          Runnable setter = options.flag(name);
          assertEquals(flag, setter != null, where + " " + name);
          if (setter != null) {
            setter.run();
            field.setAccessible(true);
            assertTrue(field.getBoolean(options), where + " " + name);
          }
        }
      }
    }
  }

  private static Map<String, Object> fields(Object options) {
    Map<String, Object> values = new LinkedHashMap<>();
    for (Field field : options.getClass().getDeclaredFields()) {
      field.setAccessible(true);
      try {
        values.put(field.getName(), field.get(options));
      } catch (IllegalAccessException e) {
        throw new AssertionError(e);
      }
    }
    return values;
  }
}
