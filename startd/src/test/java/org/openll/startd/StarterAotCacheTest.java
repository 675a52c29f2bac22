package org.openll.startd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openll.common.aot.FakeJdkAndJars;

class StarterAotCacheTest {
  @TempDir Path dir;
  private Path jdk;
  private Path lib;
  private List<String> jars;

  @BeforeEach
  void setUp() throws IOException {
    jdk = FakeJdkAndJars.jdk(dir);
    lib = dir.resolve("lib");
    jars = List.of(FakeJdkAndJars.jar(lib.resolve("starter.jar"), "s"), FakeJdkAndJars.jar(lib.resolve("proto.jar"), "p"),
        FakeJdkAndJars.jar(lib.resolve("protobuf-java.jar"), "pj"));
  }

  private Path writeExpectedCache() throws IOException {
    return FakeJdkAndJars.cache(StarterAotCache.expectedFile(jdk, jars).orElseThrow());
  }

  @Test
  void expectedFile_jars_isUnderAotNextToTheJarsNamedByAHash() {
    Path cache = StarterAotCache.expectedFile(jdk, jars).orElseThrow();

    assertEquals(lib.resolve("aot"), cache.getParent());
    assertTrue(cache.getFileName().toString().matches("starter-[0-9a-f]{16}\\.aot"), cache.toString());
  }

  @Test
  void select_matchingCacheOnJdk25_isUsed() throws IOException {
    Path cache = writeExpectedCache();

    assertEquals(Optional.of(cache), StarterAotCache.select(25, jdk, jars));
  }

  @Test
  void select_noCacheBuilt_usesNone() {
    assertEquals(Optional.empty(), StarterAotCache.select(25, jdk, jars));
  }

  @Test
  void of_jdk25WithMatchingCache_addsTheAotFlagsInsteadOfXshare() throws IOException {
    Path cache = writeExpectedCache();
    String cp = String.join(":", lib.resolve("common.jar").toString(), jars.get(0), jars.get(1), jars.get(2));

    List<String> command = StarterCommand.of(jdk.resolve("bin/java"), cp, 25).command();

    assertTrue(command.contains("-XX:AOTCache=" + cache), command.toString());
    assertTrue(command.contains("-XX:AOTMode=auto"), command.toString());
    assertTrue(command.contains("-Xlog:aot*=off"), command.toString());
    assertFalse(command.contains("-Xshare:auto"), command.toString());
    assertEquals(StarterCommand.MAIN_CLASS, command.get(command.size() - 1));
    assertEquals(String.join(":", jars), command.get(command.size() - 2));
  }

  @Test
  void of_jdk25WithoutCache_startsWithoutAotFlags() {
    List<String> command = StarterCommand.of(jdk.resolve("bin/java"), String.join(":", jars), 25).command();

    assertFalse(command.stream().anyMatch(flag -> flag.startsWith("-XX:AOT")), command.toString());
    assertTrue(command.contains("-Xshare:auto"));
  }
}
