package org.openll.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * The common command lines without JCommander: boolean flags and positional values only
 * ({@code llsubmit -q FILE}, {@code llq -l}, {@code llcancel ID ...}), for options that are
 * {@link Simple}. JCommander builds its descriptions of an options object from its annotations:
 * that took ~20 % of a command's start, and reading the annotations alone (reflection, a proxy
 * class per annotation type) still took ~12 ms. Anything else (a flag with a value, an unknown or
 * repeated flag, {@code @file}, {@code --}) is left to JCommander, which then parses the whole line.
 */
final class SimpleFlags {
  private SimpleFlags() {}

  /**
   * Options that set their own boolean flags. Each boolean flag has one name, the one its
   * {@code @Parameter} declares (SimpleFlagsTest holds both to it), and no option is required.
   */
  interface Simple {
    /** What sets the boolean flag named {@code flag}; null when no boolean flag has that name. */
    Runnable flag(String flag);

    /** Where positional values go; null when the command takes none. */
    List<String> positional();
  }

  /** Fills {@code options} from {@code args} and returns true, or returns false leaving {@code options} untouched. */
  static boolean tryParse(Object options, String[] args) {
    if (!(options instanceof Simple simple)) {
      return false;
    }
    List<String> flags = new ArrayList<>();
    List<Runnable> setters = new ArrayList<>();
    List<String> values = new ArrayList<>();
    for (String arg : args) {
      if (arg.startsWith("@")) {
        return false; // JCommander reads more arguments from the file
      } else if (arg.startsWith("-") && arg.length() > 1) {
        Runnable setter = simple.flag(arg);
        if (setter == null || flags.contains(arg)) {
          return false; // a flag with a value, an unknown one, or one given twice (JCommander toggles it)
        }
        flags.add(arg);
        setters.add(setter);
      } else {
        values.add(arg);
      }
    }
    if (!values.isEmpty() && simple.positional() == null) {
      return false;
    }
    setters.forEach(Runnable::run);
    if (!values.isEmpty()) {
      simple.positional().addAll(values);
    }
    return true;
  }
}
