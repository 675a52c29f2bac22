package org.openll.negotiator.favor;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.openll.common.config.ConfigException;
import org.openll.negotiator.spool.AtomicFiles;

/**
 * The steps, jobs and users favored by {@code llfavorjob} and {@code llfavoruser}, saved on every
 * change ({@code spool/negotiator/favor.tsv}: {@code step <id>} and {@code user <name>} lines,
 * written atomically) so they survive a restart. Thread-safe.
 */
public final class FavorList {
  public static final String FILE_NAME = "favor.tsv";

  /** Favored ids (job or step) and users, each sorted. */
  public record Favored(Set<String> steps, Set<String> users) {
    public Favored {
      steps = Set.copyOf(steps);
      users = Set.copyOf(users);
    }
  }

  private final Path file;
  private final TreeSet<String> steps = new TreeSet<>();
  private final TreeSet<String> users = new TreeSet<>();

  /** Loads {@code file} if it exists; throws ConfigException naming the line of a corrupt one. */
  public FavorList(Path file) throws IOException {
    this.file = file;
    List<String> lines = AtomicFiles.readLines(file);
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.isBlank()) {
        continue;
      }
      String[] f = line.split("\t", 2);
      if (f.length != 2 || f[1].isBlank()) {
        throw new ConfigException(file + ":" + (i + 1) + ": expected 'step ID' or 'user NAME'");
      }
      switch (f[0]) {
        case "step" -> steps.add(f[1]);
        case "user" -> users.add(f[1]);
        default -> throw new ConfigException(file + ":" + (i + 1) + ": unknown record " + f[0]);
      }
    }
  }

  /** Adds (or with {@code unfavor} removes) the ids and users, saves, and returns the new lists. */
  public synchronized Favored change(Collection<String> stepIds, Collection<String> userNames, boolean unfavor)
      throws IOException {
    TreeSet<String> nextSteps = new TreeSet<>(steps);
    TreeSet<String> nextUsers = new TreeSet<>(users);
    if (unfavor) {
      nextSteps.removeAll(stepIds);
      nextUsers.removeAll(userNames);
    } else {
      nextSteps.addAll(stepIds);
      nextUsers.addAll(userNames);
    }
    if (!nextSteps.equals(steps) || !nextUsers.equals(users)) {
      List<String> lines = new ArrayList<>();
      nextSteps.forEach(s -> lines.add("step\t" + s));
      nextUsers.forEach(u -> lines.add("user\t" + u));
      AtomicFiles.writeLines(file, lines);
      steps.clear();
      steps.addAll(nextSteps);
      users.clear();
      users.addAll(nextUsers);
    }
    return favored();
  }

  public synchronized Favored favored() {
    return new Favored(steps, users);
  }
}
