package org.openll.schedd.queue;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openll.common.errors.OpenllException;

/**
 * A job or step id as users type it: {@code host.N.S}, {@code host.N}, {@code N.S} or {@code N}.
 * The host part is optional; when given it must be this schedd's name, else the pattern matches
 * nothing (the id belongs to another schedd). Immutable.
 */
public final class StepIdPattern {
  private static final Pattern NUMBERS = Pattern.compile("(\\d+)(?:\\.(\\d+))?");
  private static final Pattern FOREIGN = Pattern.compile("[^.].*\\.\\d+");
  private static final int ANY_STEP = -1;

  private final String text;
  private final long jobNumber;
  private final int stepNumber;
  private final boolean foreign;

  private StepIdPattern(String text, long jobNumber, int stepNumber, boolean foreign) {
    this.text = text;
    this.jobNumber = jobNumber;
    this.stepNumber = stepNumber;
    this.foreign = foreign;
  }

  /**
   * Parses {@code text} for the schedd named {@code scheddName}. Throws INVALID_ARGUMENT naming
   * the text when it is not an id.
   */
  public static StepIdPattern parse(String text, String scheddName) {
    String id = text.strip();
    String prefix = scheddName + ".";
    String local = id.regionMatches(true, 0, prefix, 0, prefix.length()) ? id.substring(prefix.length()) : id;
    Matcher m = NUMBERS.matcher(local);
    if (m.matches()) {
      try {
        long job = Long.parseLong(m.group(1));
        int step = m.group(2) == null ? ANY_STEP : Integer.parseInt(m.group(2));
        return new StepIdPattern(id, job, step, false);
      } catch (NumberFormatException e) {
        throw OpenllException.invalidArgument("id " + text + ": number out of range");
      }
    }
    if (local.equals(id) && FOREIGN.matcher(id).matches()) {
      return new StepIdPattern(id, 0, ANY_STEP, true);
    }
    throw OpenllException.invalidArgument("id " + text + ": not a job or step id (host.N.S, host.N, N.S or N)");
  }

  /** True when the step numbered {@code stepNumber} of job {@code jobNumber} of this schedd matches. */
  public boolean matches(long jobNumber, int stepNumber) {
    return !foreign && this.jobNumber == jobNumber && (this.stepNumber == ANY_STEP || this.stepNumber == stepNumber);
  }

  /** The job this pattern names; 0 for another schedd's. */
  public long jobNumber() {
    return jobNumber;
  }

  /** True when the id names another schedd's job or step. */
  public boolean isForeign() {
    return foreign;
  }

  @Override
  public String toString() {
    return text;
  }
}
