package org.openll.common.aot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AotCacheFileTest {
  private static final List<String> FLAGS = List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");

  @TempDir Path dir;
  private Path jdk;
  private Path lib;
  private List<String> jars;

  @BeforeEach
  void setUp() throws IOException {
    jdk = FakeJdkAndJars.jdk(dir);
    lib = dir.resolve("lib");
    jars = List.of(FakeJdkAndJars.jar(lib.resolve("common.jar"), "c"),
        FakeJdkAndJars.jar(lib.resolve("daemon/schedd.jar"), "s"), FakeJdkAndJars.jar(lib.resolve("protobuf-java.jar"), "pj"));
  }

  private Path writeExpectedCache(String name) throws IOException {
    return FakeJdkAndJars.cache(AotCacheFile.expected(name, jdk, jars, FLAGS).orElseThrow());
  }

  @Test
  void expected_jars_isUnderAotNextToTheFirstJarNamedByAHash() {
    Path cache = AotCacheFile.expected("daemon-schedd", jdk, jars, FLAGS).orElseThrow();

    assertEquals(lib.resolve("aot"), cache.getParent());
    assertTrue(cache.getFileName().toString().matches("daemon-schedd-[0-9a-f]{16}\\.aot"), cache.toString());
  }

  @Test
  void select_matchingCacheOnJdk25_isUsed() throws IOException {
    Path cache = writeExpectedCache("daemon-schedd");

    assertEquals(Optional.of(cache), AotCacheFile.select(25, "daemon-schedd", jdk, jars, FLAGS));
  }

  @Test
  void select_jarChangedAfterTheBuild_ignoresTheStaleCache() throws IOException {
    Path stale = writeExpectedCache("daemon-schedd");
    Files.writeString(lib.resolve("daemon/schedd.jar"), "a changed schedd");

    assertEquals(Optional.empty(), AotCacheFile.select(25, "daemon-schedd", jdk, jars, FLAGS));
    assertNotEquals(Optional.of(stale), AotCacheFile.expected("daemon-schedd", jdk, jars, FLAGS));
  }

  @Test
  void select_otherFlags_ignoresTheCache() throws IOException {
    writeExpectedCache("daemon-schedd");

    assertEquals(Optional.empty(), AotCacheFile.select(25, "daemon-schedd", jdk, jars, List.of("-XX:+UseSerialGC")));
  }

  @Test
  void select_otherJdk_ignoresTheCache() throws IOException {
    writeExpectedCache("daemon-schedd");
    Files.writeString(jdk.resolve("release"), "JAVA_VERSION=\"25.0.4\"\n");

    assertEquals(Optional.empty(), AotCacheFile.select(25, "daemon-schedd", jdk, jars, FLAGS));
  }

  @Test
  void select_jvmBefore25_usesNoCache() throws IOException {
    writeExpectedCache("daemon-schedd");

    assertEquals(Optional.empty(), AotCacheFile.select(21, "daemon-schedd", jdk, jars, FLAGS));
  }

  @Test
  void select_noCacheBuilt_usesNone() {
    assertEquals(Optional.empty(), AotCacheFile.select(25, "daemon-schedd", jdk, jars, FLAGS));
  }

  @Test
  void expected_classesFolder_hasNoCache() throws IOException {
    Path classes = Files.createDirectories(dir.resolve("schedd/target/classes"));

    assertEquals(Optional.empty(),
        AotCacheFile.expected("daemon-schedd", jdk, List.of(classes.toString(), jars.get(1)), FLAGS));
  }

  @Test
  void removeOthers_earlierBuilds_deletesThoseOfTheSameNameOnly() throws IOException {
    Path current = writeExpectedCache("daemon-schedd");
    Path other = writeExpectedCache("daemon-startd");
    Path earlier = Files.writeString(current.resolveSibling("daemon-schedd-0123456789abcdef.aot"), "old");
    Path unfinished = Files.writeString(current.resolveSibling("daemon-schedd-0123456789abcdef.aot.tmp"), "old");

    AotCacheFile.removeOthers(current, "daemon-schedd");

    assertTrue(Files.exists(current));
    assertTrue(Files.exists(other));
    assertFalse(Files.exists(earlier));
    assertFalse(Files.exists(unfinished));
  }

  @Test
  void useFlags_cache_mapsItOrStartsWithoutItSilently() {
    Path cache = lib.resolve("aot/daemon-schedd-0123456789abcdef.aot");

    assertEquals(List.of("-XX:AOTMode=auto", "-XX:AOTCache=" + cache, "-Xlog:aot*=off", "-Xlog:cds*=off"),
        AotCacheFile.useFlags(cache));
  }
}
