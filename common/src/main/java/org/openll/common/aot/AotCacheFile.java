package org.openll.common.aot;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The JDK AOT cache (JDK 25+, docs/performance.md) of one kind of openll JVM: the classes it loads,
 * linked and initialised, and the method profiles of a training run at {@code ./openll build},
 * mapped at its start. It lives in {@code aot/} next to the JVM's first jar and is named
 * {@code NAME-KEY.aot}, KEY a hash of the JDK (its real home and {@code release} file), of each jar's
 * name, size and mtime, and of the JVM flags it is for: JDK 25.0.3 can silently use a stale cache
 * after a jar changed, so a cache of other jars, flags or JDK is never even named. Without jars
 * (Maven's {@code target/classes}) there is no cache.
 */
public final class AotCacheFile {
  /** The first JDK feature release with {@code -XX:AOTCache} and the profiles of a training run. */
  public static final int FIRST_FEATURE = 25;
  static final String FOLDER = "aot";
  static final String SUFFIX = ".aot";

  private AotCacheFile() {}

  /**
   * The cache file {@code name} for the class path {@code entries} run by the JDK at
   * {@code javaHome} with {@code flags} (whether it exists or not), or empty when an entry is not
   * a jar file.
   */
  public static Optional<Path> expected(String name, Path javaHome, List<String> entries, List<String> flags) {
    if (entries.isEmpty()) {
      return Optional.empty();
    }
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      Path home = javaHome.toRealPath();
      digest.update((home + "\n").getBytes(StandardCharsets.UTF_8));
      Path release = home.resolve("release");
      if (Files.isRegularFile(release)) {
        digest.update(Files.readAllBytes(release));
      }
      for (String entry : entries) {
        Path jar = Path.of(entry);
        if (!entry.endsWith(".jar") || !Files.isRegularFile(jar)) {
          return Optional.empty();
        }
        digest.update((jar.getFileName() + " " + Files.size(jar) + " "
            + Files.getLastModifiedTime(jar).toMillis() / 1000 + "\n").getBytes(StandardCharsets.UTF_8));
      }
      for (String flag : flags) {
        digest.update((flag + "\n").getBytes(StandardCharsets.UTF_8));
      }
      String key = HexFormat.of().formatHex(digest.digest(), 0, 8);
      Path folder = Path.of(entries.get(0)).toAbsolutePath().getParent().resolve(FOLDER);
      return Optional.of(folder.resolve(name + "-" + key + SUFFIX));
    } catch (IOException e) {
      return Optional.empty();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  /** The cache a JVM of JDK feature release {@code feature} should use: the expected file when it exists. */
  public static Optional<Path> select(int feature, String name, Path javaHome, List<String> entries,
      List<String> flags) {
    if (feature < FIRST_FEATURE) {
      return Optional.empty();
    }
    return expected(name, javaHome, entries, flags).filter(Files::isRegularFile);
  }

  /**
   * The JVM flags that use {@code cache}, or start without it when the JVM refuses it, silently:
   * the AOT logging is off, as stdout is a starter's protocol in pipe mode and JDK 25.0.3 warns
   * about its adapters' code on every start with a cache.
   */
  public static List<String> useFlags(Path cache) {
    return List.of("-XX:AOTMode=auto", "-XX:AOTCache=" + cache, "-Xlog:aot*=off", "-Xlog:cds*=off");
  }

  /** Deletes the other caches named {@code name} in {@code cache}'s folder: those of earlier builds. */
  public static void removeOthers(Path cache, String name) throws IOException {
    if (!Files.isDirectory(cache.getParent())) {
      return;
    }
    try (DirectoryStream<Path> old = Files.newDirectoryStream(cache.getParent(), name + "-*" + SUFFIX + "*")) {
      for (Path stale : old) {
        if (!stale.equals(cache)) {
          Files.deleteIfExists(stale);
        }
      }
    }
  }
}
