package org.openll.starter;

/**
 * What a starter runs besides the step, found once per JVM on its {@code PATH}: the
 * {@link CommandBuilder} (the session leader, {@code setpriv}, the passwd file it reads) and
 * {@code kill} and {@code prlimit}. A pooled starter runs thousands of steps; looking these up for
 * each (a stat per folder of {@code PATH} per program, the passwd file read again) was ~4 % of its
 * CPU.
 */
record SystemPrograms(CommandBuilder commands, String kill, String prlimit) {
  private static SystemPrograms find(String path, boolean asOwner) {
    return new SystemPrograms(CommandBuilder.forSystem(path, asOwner),
        CommandBuilder.findOnPath("kill", path).orElse("/bin/kill"),
        CommandBuilder.findOnPath("prlimit", path).orElse("/usr/bin/prlimit"));
  }

  /** This JVM's programs, steps running as the starter's user or ({@code asOwner}) as their owners. */
  static SystemPrograms ofThisStarter(boolean asOwner) {
    return asOwner ? AsOwner.PROGRAMS : AsStarter.PROGRAMS;
  }

  private static final class AsStarter {
    static final SystemPrograms PROGRAMS = find(System.getenv("PATH"), false);
  }

  private static final class AsOwner {
    static final SystemPrograms PROGRAMS = find(System.getenv("PATH"), true);
  }
}
