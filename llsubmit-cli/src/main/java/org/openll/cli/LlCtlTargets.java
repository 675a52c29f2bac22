package org.openll.cli;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Which daemons {@code llctl [-h MACHINE]... drain|resume|flush [schedd | startd [classlist | allclasses]]}
 * addresses in a personal cluster, where every daemon publishes its address in {@code run/}.
 * Without a daemon word drain and resume address the schedd and the startds, as LoadLeveler's
 * {@code llctl drain} addresses both daemons of a machine; {@code -h MACHINE} (repeatable) selects
 * the startd of that machine (e.g. {@code HOST-2}, or its daemon name {@code startd-HOST-2}) and
 * leaves the schedd out; without it every startd is addressed. Pure.
 *
 * @param schedd whether the schedd is addressed
 * @param startds the startds addressed, by daemon name ("startd-MACHINE")
 * @param classes the classes of a startd drain or resume; empty: the whole machine
 */
record LlCtlTargets(boolean schedd, List<String> startds, List<String> classes) {
  LlCtlTargets {
    startds = List.copyOf(startds);
    classes = List.copyOf(classes);
  }

  /**
   * The targets of {@code action} ("drain", "resume" or "flush") with the words after it.
   *
   * @param hosts the machines of {@code -h}
   * @param published the startds that published an address, by daemon name
   * @throws CommandFailure naming the word or machine that is wrong
   */
  static LlCtlTargets parse(String action, List<String> words, List<String> hosts, Collection<String> published)
      throws CommandFailure {
    List<String> startds = select(hosts, published);
    if (action.equals("flush")) {
      if (!words.isEmpty()) {
        throw new CommandFailure("flush takes no daemon or class (it flushes startds): " + String.join(" ", words));
      }
      return new LlCtlTargets(false, startds, List.of());
    }
    if (words.isEmpty()) {
      return new LlCtlTargets(hosts.isEmpty(), startds, List.of());
    }
    return switch (words.get(0)) {
      case "schedd" -> {
        if (words.size() > 1) {
          throw new CommandFailure(action + " schedd takes no class list: classes are a startd's");
        }
        if (!hosts.isEmpty()) {
          throw new CommandFailure("-h selects startds; " + action + " schedd addresses this machine's schedd");
        }
        yield new LlCtlTargets(true, List.of(), List.of());
      }
      case "startd" -> new LlCtlTargets(false, startds, classes(words.subList(1, words.size())));
      default -> throw new CommandFailure(action + ": expected schedd or startd, got " + words.get(0));
    };
  }

  /** The class words, split at blanks and commas; "allclasses" (any case) means the whole machine. */
  static List<String> classes(List<String> words) {
    List<String> classes = new ArrayList<>();
    for (String word : words) {
      for (String name : word.split("[,\\s]+")) {
        if (name.equalsIgnoreCase("allclasses")) {
          return List.of();
        }
        if (!name.isEmpty()) {
          classes.add(name);
        }
      }
    }
    return classes;
  }

  /** The startds named by {@code hosts}, or every published one when none is named. */
  static List<String> select(List<String> hosts, Collection<String> published) throws CommandFailure {
    if (hosts.isEmpty()) {
      return List.copyOf(published);
    }
    List<String> selected = new ArrayList<>();
    for (String host : hosts) {
      String daemon = host.startsWith("startd-") ? host : "startd-" + host;
      if (!published.contains(daemon)) {
        throw new CommandFailure("-h " + host + ": no startd of that machine published an address in run/ (startds: "
            + (published.isEmpty() ? "none" : String.join(" ", published)) + ")");
      }
      if (!selected.contains(daemon)) {
        selected.add(daemon);
      }
    }
    return selected;
  }
}
