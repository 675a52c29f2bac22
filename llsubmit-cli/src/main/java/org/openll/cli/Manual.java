package org.openll.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * The man-style help of each command ({@code --help} or LoadLeveler's {@code -H}): the resource
 * {@code org/openll/cli/help/COMMAND.txt} with the sections NAME, SYNOPSIS, DESCRIPTION, OPTIONS,
 * EXIT STATUS and EXAMPLES. One file per command, so the text is edited as text.
 */
public final class Manual {
  /** The sections every page has, in order. */
  public static final List<String> SECTIONS =
      List.of("NAME", "SYNOPSIS", "DESCRIPTION", "OPTIONS", "EXIT STATUS", "EXAMPLES");

  private Manual() {}

  /** True when {@code args} ask for help: {@code --help} or {@code -H} anywhere. */
  public static boolean asked(String[] args) {
    for (String arg : args) {
      if (arg.equals("--help") || arg.equals("-H")) {
        return true;
      }
    }
    return false;
  }

  /** The page of {@code command}, empty when it has none. */
  public static Optional<String> page(String command) {
    try (InputStream in = Manual.class.getResourceAsStream("help/" + command + ".txt")) {
      return in == null ? Optional.empty() : Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
