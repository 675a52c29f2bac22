package org.openll.common.jcf;

import java.util.ArrayList;
import java.util.List;

/** Splits the {@code arguments} value on blanks; a double-quoted group is one argument, without its quotes. */
final class ArgumentSplitter {
  private ArgumentSplitter() {}

  static List<String> split(String value) {
    List<String> arguments = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    boolean inArgument = false;
    boolean quoted = false;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '"') {
        quoted = !quoted;
        inArgument = true;
      } else if (Character.isWhitespace(c) && !quoted) {
        if (inArgument) {
          arguments.add(current.toString());
          current.setLength(0);
          inArgument = false;
        }
      } else {
        current.append(c);
        inArgument = true;
      }
    }
    if (inArgument) {
      arguments.add(current.toString());
    }
    return arguments;
  }
}
