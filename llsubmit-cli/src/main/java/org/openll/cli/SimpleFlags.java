package org.openll.cli;

import com.beust.jcommander.Parameter;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The common command lines without JCommander: boolean flags and positional values only
 * ({@code llsubmit -q FILE}, {@code llq -l}, {@code llcancel ID ...}). Building JCommander's
 * descriptions of an options object took ~20 % of a command's start, more than the rest of
 * parsing a job command file. Anything else (a flag with a value, an unknown or repeated flag,
 * {@code @file}, {@code --}, a required option) is left to JCommander, which then parses the whole line.
 */
final class SimpleFlags {
  private SimpleFlags() {}

  /** Fills {@code options} from {@code args} and returns true, or returns false leaving {@code options} untouched. */
  static boolean tryParse(Object options, String[] args) {
    Map<String, Field> booleans = new HashMap<>();
    Field positional = null;
    for (Field field : options.getClass().getDeclaredFields()) {
      Parameter parameter = field.getAnnotation(Parameter.class);
      if (parameter == null) {
        continue;
      }
      if (parameter.required()) {
        return false;
      }
      if (parameter.names().length == 0) {
        positional = field;
      } else if (field.getType() == boolean.class && parameter.arity() <= 0) {
        for (String name : parameter.names()) {
          booleans.put(name, field);
        }
      }
    }
    List<Field> set = new ArrayList<>();
    List<String> values = new ArrayList<>();
    for (String arg : args) {
      Field flag = booleans.get(arg);
      if (flag != null) {
        if (set.contains(flag)) {
          return false; // JCommander toggles a boolean given twice
        }
        set.add(flag);
      } else if (arg.startsWith("@") || arg.startsWith("-") && arg.length() > 1 || positional == null) {
        return false;
      } else {
        values.add(arg);
      }
    }
    try {
      List<String> list = null;
      if (!values.isEmpty()) {
        if (positional.getType() != List.class) {
          return false;
        }
        positional.setAccessible(true);
        @SuppressWarnings("unchecked")
        List<String> field = (List<String>) positional.get(options);
        if (field == null) {
          return false;
        }
        list = field;
      }
      for (Field flag : set) {
        flag.setAccessible(true);
        flag.setBoolean(options, true);
      }
      if (list != null) {
        list.addAll(values);
      }
    } catch (IllegalAccessException | RuntimeException e) {
      throw new IllegalStateException("cannot set the options of " + options.getClass().getName(), e);
    }
    return true;
  }
}
