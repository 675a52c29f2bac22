package org.openll.cli.master;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openll.common.aot.AotCacheFile;
import org.openll.common.aot.FakeJdkAndJars;

class DaemonAotCacheTest {
  private static final DaemonSpec SCHEDD = new DaemonSpec("schedd", DaemonSpec.SCHEDD_MAIN, List.of());
  private static final DaemonSpec NEGOTIATOR = new DaemonSpec("negotiator", DaemonSpec.NEGOTIATOR_MAIN, List.of());
  private static final DaemonSpec STARTD_1 = new DaemonSpec("startd-h-1", DaemonSpec.STARTD_MAIN, List.of());
  private static final DaemonSpec STARTD_2 = new DaemonSpec("startd-h-2", DaemonSpec.STARTD_MAIN, List.of());

  @TempDir Path dir;
  private Path jdk;
  private List<String> jars;

  @BeforeEach
  void setUp() throws IOException {
    jdk = FakeJdkAndJars.jdk(dir);
    jars = List.of(FakeJdkAndJars.jar(dir.resolve("lib/common.jar"), "c"),
        FakeJdkAndJars.jar(dir.resolve("lib/daemon/schedd.jar"), "s"));
  }

  private DaemonAotCache caches(int feature) {
    return new DaemonAotCache(jdk, jars, feature, Optional.empty());
  }

  private Path build(DaemonSpec spec) throws IOException {
    return FakeJdkAndJars.cache(caches(25).expected(spec).orElseThrow());
  }

  @Test
  void flags_cacheOfTheKindBuilt_mapIt() throws IOException {
    Path schedd = build(SCHEDD);

    assertEquals(AotCacheFile.useFlags(schedd), caches(25).flags(SCHEDD));
    assertEquals(dir.resolve("lib/aot"), schedd.getParent());
  }

  @Test
  void flags_startds_shareOneCacheOfTheirOwnKind() throws IOException {
    Path startd = build(STARTD_1);

    assertEquals(AotCacheFile.useFlags(startd), caches(25).flags(STARTD_2));
    assertEquals(List.of(), caches(25).flags(SCHEDD));
    assertNotEquals(caches(25).expected(SCHEDD), caches(25).expected(STARTD_1));
  }

  @Test
  void flags_negotiatorAndScheddOfTheSameFlags_haveCachesOfTheirOwn() {
    assertEquals(SCHEDD.jvmFlags(), NEGOTIATOR.jvmFlags());
    assertNotEquals(caches(25).expected(SCHEDD), caches(25).expected(NEGOTIATOR));
  }

  @Test
  void flags_noCacheBuiltOrAJdkBefore25_none() throws IOException {
    assertEquals(List.of(), caches(25).flags(NEGOTIATOR));

    build(NEGOTIATOR);

    assertEquals(List.of(), caches(21).flags(NEGOTIATOR));
  }

  @Test
  void flags_training_recordEachDaemonsConfigurationAsItExits() throws IOException {
    build(SCHEDD);
    Path training = dir.resolve("training");
    DaemonAotCache recording = new DaemonAotCache(jdk, jars, 25, Optional.of(training));

    assertEquals(List.of("-XX:AOTMode=record", "-XX:AOTConfiguration=" + training.resolve("startd-h-2.aotconf"),
        "-Xlog:aot*=off", "-Xlog:cds*=off"), recording.flags(STARTD_2));
    assertEquals("-XX:AOTConfiguration=" + training.resolve("schedd.aotconf"), recording.flags(SCHEDD).get(1));
  }

  @Test
  void keyFlags_theDaemonsAndTheKinds() {
    assertEquals(JavaCommand.DAEMON_FLAGS, DaemonAotCache.keyFlags(STARTD_1).subList(0, JavaCommand.DAEMON_FLAGS.size()));
    assertEquals(DaemonSpec.STARTD_JIT,
        DaemonAotCache.keyFlags(STARTD_1).subList(JavaCommand.DAEMON_FLAGS.size(), DaemonAotCache.keyFlags(STARTD_1).size()));
  }
}
