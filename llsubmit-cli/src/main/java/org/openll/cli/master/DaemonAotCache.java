package org.openll.cli.master;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.openll.common.aot.AotCacheFile;

/**
 * The daemons' JDK AOT caches ({@link AotCacheFile}): one per kind of daemon
 * ({@code daemon-negotiator}, {@code daemon-schedd}, {@code daemon-startd}), trained by
 * {@link DaemonAotTraining} at {@code ./openll build} on a personal cluster running short steps. A
 * daemon that maps its cache starts with its classes loaded and linked, and with the method
 * profiles of the training run, so the JIT compiles its hot paths sooner (docs/performance.md,
 * "The tenth pass"). While training, the daemons record their AOT configurations instead.
 */
final class DaemonAotCache {
  static final String CONFIGURATION_SUFFIX = ".aotconf";

  private final Path javaHome;
  private final List<String> classPath;
  private final int feature;
  private final Optional<Path> trainingDir;

  DaemonAotCache(Path javaHome, List<String> classPath, int feature, Optional<Path> trainingDir) {
    this.javaHome = javaHome;
    this.classPath = List.copyOf(classPath);
    this.feature = feature;
    this.trainingDir = trainingDir;
  }

  /** The caches of this JVM's JDK and class path, which its daemons share; recording into {@code trainingDir} when present. */
  static DaemonAotCache forThisJvm(Optional<Path> trainingDir) {
    return new DaemonAotCache(Path.of(System.getProperty("java.home")), entries(System.getProperty("java.class.path")),
        Runtime.version().feature(), trainingDir);
  }

  static List<String> entries(String classPath) {
    return Arrays.stream(classPath.split(File.pathSeparator)).filter(entry -> !entry.isEmpty()).toList();
  }

  /** The cache's name for {@code spec}'s kind: every startd of a machine shares one. */
  static String cacheName(DaemonSpec spec) {
    return "daemon-" + kind(spec);
  }

  static String kind(DaemonSpec spec) {
    return spec.isStartd() ? "startd" : spec.name();
  }

  /** The JVM flags a cache holds for: the daemons' and the kind's, not the log's, which name the home. */
  static List<String> keyFlags(DaemonSpec spec) {
    List<String> flags = new ArrayList<>(JavaCommand.DAEMON_FLAGS);
    flags.addAll(spec.jvmFlags());
    return flags;
  }

  /** The cache file of {@code spec}'s kind, whether it exists or not; empty when the class path is not all jars. */
  Optional<Path> expected(DaemonSpec spec) {
    return AotCacheFile.expected(cacheName(spec), javaHome, classPath, keyFlags(spec));
  }

  /**
   * The AOT flags of {@code spec}'s JVM: while training, those that record its configuration in
   * {@code TRAINING_DIR/NAME.aotconf} when it exits; otherwise those that map its kind's cache when
   * it exists for this JDK, these jars and these flags; otherwise none.
   */
  List<String> flags(DaemonSpec spec) {
    if (trainingDir.isPresent()) {
      return List.of("-XX:AOTMode=record",
          "-XX:AOTConfiguration=" + trainingDir.get().resolve(spec.name() + CONFIGURATION_SUFFIX),
          "-Xlog:aot*=off", "-Xlog:cds*=off");
    }
    return AotCacheFile.select(feature, cacheName(spec), javaHome, classPath, keyFlags(spec))
        .map(AotCacheFile::useFlags).orElse(List.of());
  }
}
