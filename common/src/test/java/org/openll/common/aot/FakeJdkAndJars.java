package org.openll.common.aot;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;

/** A JDK folder with its {@code release} file and jars of fixed mtimes, for the tests of AOT cache names. */
public final class FakeJdkAndJars {
  private FakeJdkAndJars() {}

  /** {@code dir/jdk} with a JDK 25.0.3 {@code release} file. */
  public static Path jdk(Path dir) throws IOException {
    Path jdk = Files.createDirectories(dir.resolve("jdk"));
    Files.writeString(jdk.resolve("release"), "JAVA_VERSION=\"25.0.3\"\n");
    return jdk;
  }

  /** Writes {@code content} into the jar {@code file} (and its folders), with a fixed mtime; returns its path. */
  public static String jar(Path file, String content) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, content);
    Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2026-11-25T10:00:00Z")));
    return file.toString();
  }

  /** Writes a stand-in for {@code cache} (and its folder); returns it. */
  public static Path cache(Path cache) throws IOException {
    Files.createDirectories(cache.getParent());
    return Files.writeString(cache, "cache");
  }
}
