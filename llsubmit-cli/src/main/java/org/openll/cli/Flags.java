package org.openll.cli;

import com.beust.jcommander.JCommander;
import com.beust.jcommander.ParameterException;

/** Parses a command's flags into its options object: {@link SimpleFlags} when it can, else JCommander. */
public final class Flags {
  private Flags() {}

  /** Fills {@code options} from {@code args}; an unknown or malformed flag is a {@link UsageException}. */
  public static void parse(String program, Object options, String[] args) throws UsageException {
    if (SimpleFlags.tryParse(options, args)) {
      return;
    }
    JCommander commander = commander(program, options);
    try {
      commander.parse(args);
    } catch (ParameterException e) {
      throw usageError(program, options, e.getMessage());
    }
  }

  /**
   * Refuses positional {@code values} that look like flags: JCommander takes an unknown
   * {@code --flag} as a positional argument when the command has any. A lone "-" is allowed.
   */
  public static void rejectUnknownFlags(String program, Object options, java.util.List<String> values)
      throws UsageException {
    for (String value : values) {
      if (value.startsWith("-") && value.length() > 1) {
        throw usageError(program, options, "unknown option: " + value);
      }
    }
  }

  /** A usage error for {@code program} with {@code message} and the usage text of {@code options}. */
  public static UsageException usageError(String program, Object options, String message) {
    return new UsageException(message, usage(program, options));
  }

  /** The usage text of {@code options}. */
  public static String usage(String program, Object options) {
    StringBuilder text = new StringBuilder();
    commander(program, options).getUsageFormatter().usage(text);
    return text.toString();
  }

  private static JCommander commander(String program, Object options) {
    return JCommander.newBuilder().programName(program).addObject(options).build();
  }
}
