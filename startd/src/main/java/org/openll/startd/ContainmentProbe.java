package org.openll.startd;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Chooses how this machine's starters keep a step's processes together, once at startup: a
 * cgroup v2 folder {@code MOUNT/openll} where a child cgroup can be made and {@code cgroup.kill}
 * exists; else a cgroup v1 folder in the {@code cpuacct} hierarchy; else {@code proc} tracking.
 * {@code STARTER_CONTAINMENT} (auto, cgroup-v2, cgroup-v1, proc) narrows the choice.
 */
final class ContainmentProbe {
  /** The choice: mechanism name and, for cgroups, the folder the starters make step cgroups in. */
  record Choice(String mechanism, String cgroupParent) {}

  private final Path mounts;

  ContainmentProbe(Path mounts) {
    this.mounts = mounts;
  }

  Choice choose(String wanted) {
    List<String> lines;
    try {
      lines = Files.readAllLines(mounts);
    } catch (IOException e) {
      lines = List.of();
    }
    if (wanted.equals("auto") || wanted.equals("cgroup-v2")) {
      Optional<Path> v2 = mountOf(lines, "cgroup2", null).flatMap(m -> usable(m, "cgroup.kill"));
      if (v2.isPresent()) {
        return new Choice("cgroup-v2", v2.get().toString());
      }
    }
    if (wanted.equals("auto") || wanted.equals("cgroup-v1")) {
      Optional<Path> v1 = mountOf(lines, "cgroup", "cpuacct").flatMap(m -> usable(m, "cpuacct.stat"));
      if (v1.isPresent()) {
        return new Choice("cgroup-v1", v1.get().toString());
      }
    }
    return new Choice("proc", "");
  }

  private static Optional<Path> mountOf(List<String> lines, String type, String option) {
    for (String line : lines) {
      String[] f = line.split(" ");
      if (f.length >= 4 && f[2].equals(type)
          && (option == null || List.of(f[3].split(",")).contains(option))) {
        return Optional.of(Path.of(f[1]));
      }
    }
    return Optional.empty();
  }

  /** MOUNT/openll, when a child cgroup can be made there and has {@code marker}. */
  private static Optional<Path> usable(Path mount, String marker) {
    Path parent = mount.resolve("openll");
    Path probe = parent.resolve("probe." + ProcessHandle.current().pid());
    try {
      Files.createDirectories(parent);
      Files.createDirectories(probe);
      boolean ok = Files.exists(probe.resolve(marker)) && Files.isWritable(probe.resolve("cgroup.procs"));
      Files.delete(probe);
      return ok ? Optional.of(parent) : Optional.empty();
    } catch (IOException | UnsupportedOperationException e) {
      return Optional.empty();
    }
  }
}
