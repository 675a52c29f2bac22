package org.openll.startd;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.openll.common.aot.AotCacheFile;

/**
 * The command line that starts a starter JVM: this JVM's {@code java}, the fast-start flags of
 * docs/architecture.md, and a class path of only the starter, the generated protos and
 * protobuf-java, picked from this JVM's class path. Works with the {@code target/classes}
 * folders of a Maven build (picked by module folder name) and with the distribution's
 * {@code lib/*.jar}.
 */
public record StarterCommand(List<String> command) {
  public static final String MAIN_CLASS = "org.openll.starter.StarterMain";
  static final String POOLED_JIT = "-XX:CompileThresholdScaling=0.1";

  public StarterCommand {
    command = List.copyOf(command);
  }

  /**
   * The command that starts the starter of the step whose folder is {@code spool}, detached: in a
   * session of its own through {@code setsid} (when the system has it), so that no signal to the
   * startd's process group or session reaches it.
   */
  public List<String> detached(Path spool) {
    return detached(spool, false);
  }

  /** {@link #detached(Path)}, with {@code --as-owner} when the starter runs the step as its owner. */
  public List<String> detached(Path spool, boolean asOwner) {
    List<String> line = new ArrayList<>(setsid());
    line.addAll(command);
    line.add(spool.toString());
    if (asOwner) {
      line.add("--as-owner");
    }
    return line;
  }

  /**
   * The command that starts a pooled starter ({@code StarterMain --pool SOCKET}), detached like
   * {@link #detached(Path, boolean)}: it serves the steps the startd at {@code socket} hands it.
   * Its C1 compiles a method after 20 calls instead of 200: it runs its per-step code once per step,
   * which stayed interpreted for its first ~200 steps; a starter of one step would only compile
   * more (~35 ms of CPU more per start; docs/performance.md, "The seventh pass").
   */
  public List<String> pooled(Path socket, boolean asOwner) {
    List<String> line = new ArrayList<>(setsid());
    int java = line.size();
    line.addAll(command);
    line.add(java + 1, POOLED_JIT);
    line.add("--pool");
    line.add(socket.toString());
    if (asOwner) {
      line.add("--as-owner");
    }
    return line;
  }

  private static List<String> setsid() {
    for (String setsid : List.of("/usr/bin/setsid", "/bin/setsid")) {
      if (java.nio.file.Files.isExecutable(Path.of(setsid))) {
        return List.of(setsid);
      }
    }
    return List.of();
  }

  /**
   * The command for this JVM, with the starter's AOT cache ({@link StarterAotCache}) when this JVM
   * has AOT caches and the cache of exactly these starter jars and this JDK exists.
   */
  public static StarterCommand forThisJvm() {
    return of(Path.of(System.getProperty("java.home"), "bin", "java"), System.getProperty("java.class.path"),
        Runtime.version().feature());
  }

  /** The command without an AOT cache. */
  static StarterCommand of(Path java, String classPath) {
    return of(java, classPath, 0);
  }

  /**
   * The command run by {@code java} of JDK feature release {@code feature}, whose home is the
   * folder above {@code java}'s {@code bin}.
   */
  static StarterCommand of(Path java, String classPath, int feature) {
    List<String> entries = starterEntries(classPath);
    List<String> line = new ArrayList<>(List.of(java.toString(), "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
        "-Xmx64m", "--enable-native-access=ALL-UNNAMED"));
    Path home = java.toAbsolutePath().getParent() == null ? null : java.toAbsolutePath().getParent().getParent();
    Optional<Path> cache = home == null ? Optional.empty() : StarterAotCache.select(feature, home, entries);
    cache.ifPresentOrElse(file -> line.addAll(AotCacheFile.useFlags(file)), () -> line.add("-Xshare:auto"));
    line.addAll(List.of("-cp", String.join(File.pathSeparator, entries), MAIN_CLASS));
    return new StarterCommand(line);
  }

  /** The entries of {@code classPath} that make the starter's class path, in order. */
  static List<String> starterEntries(String classPath) {
    List<String> entries = new ArrayList<>();
    for (String entry : classPath.split(File.pathSeparator)) {
      if (!entry.isEmpty() && belongsToStarter(entry)) {
        entries.add(entry);
      }
    }
    return entries;
  }

  /** Whether a class path entry is part of the starter's class path. */
  static boolean belongsToStarter(String entry) {
    String name = nameOf(Path.of(entry)).toLowerCase(Locale.ROOT);
    if (name.contains("grpc") || name.contains("proto-google") || name.contains("util")) {
      return false;
    }
    return name.contains("starter") || name.startsWith("proto") || name.contains("protobuf-java");
  }

  /** A jar's file name, or for {@code MODULE/target/classes} the module's folder name. */
  private static String nameOf(Path path) {
    Path file = path.getFileName();
    if (file == null) {
      return "";
    }
    Path parent = path.getParent();
    if (file.toString().equals("classes") && parent != null && parent.getFileName() != null
        && parent.getFileName().toString().equals("target") && parent.getParent() != null
        && parent.getParent().getFileName() != null) {
      return parent.getParent().getFileName().toString();
    }
    return file.toString();
  }
}
