package org.openll.startd;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class StarterCommandTest {
  @Test
  void of_distributionJars_keepsOnlyStarterProtoAndProtobuf() {
    String cp = String.join(":", List.of("/d/lib/common.jar", "/d/lib/starter.jar", "/d/lib/proto.jar",
        "/d/lib/protobuf-java.jar", "/d/lib/protobuf-java-util.jar", "/d/lib/proto-google-common-protos.jar",
        "/d/lib/grpc-protobuf.jar", "/d/lib/startd.jar", "/d/lib/log4j-api.jar"));

    StarterCommand command = StarterCommand.of(Path.of("/jdk/bin/java"), cp);

    assertEquals(List.of("/jdk/bin/java", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx64m",
        "--enable-native-access=ALL-UNNAMED", "-Xshare:auto",
        "-cp", "/d/lib/starter.jar:/d/lib/proto.jar:/d/lib/protobuf-java.jar", StarterCommand.MAIN_CLASS),
        command.command());
  }

  @Test
  void of_mavenClassesFoldersAndRepositoryJars_picksByModuleName() {
    String cp = String.join(":", List.of("/w/startd/target/classes", "/w/startd/target/test-classes",
        "/w/starter/target/classes", "/m2/org/openll/proto/0.1/proto-0.1.jar",
        "/m2/com/google/protobuf/protobuf-java/4.36.2/protobuf-java-4.36.2.jar",
        "/m2/com/google/protobuf/protobuf-java-util/4.36.2/protobuf-java-util-4.36.2.jar",
        "/m2/io/grpc/grpc-protobuf/1.85.1/grpc-protobuf-1.85.1.jar"));

    List<String> command = StarterCommand.of(Path.of("java"), cp).command();

    assertEquals("/w/starter/target/classes:/m2/org/openll/proto/0.1/proto-0.1.jar:"
        + "/m2/com/google/protobuf/protobuf-java/4.36.2/protobuf-java-4.36.2.jar", command.get(command.indexOf("-cp") + 1));
  }

  @Test
  void pooled_compilesSooner_aStarterOfOneStepDoesNot() {
    StarterCommand command = new StarterCommand(List.of("/jdk/bin/java", "-Xmx64m", StarterCommand.MAIN_CLASS));

    List<String> pooled = command.pooled(Path.of("/s/startd.sock"), false);
    List<String> detached = command.detached(Path.of("/s/h.1.0"));

    assertEquals(List.of("/jdk/bin/java", StarterCommand.POOLED_JIT, "-Xmx64m", StarterCommand.MAIN_CLASS, "--pool",
        "/s/startd.sock"), pooled.subList(pooled.indexOf("/jdk/bin/java"), pooled.size()));
    assertEquals(List.of("/jdk/bin/java", "-Xmx64m", StarterCommand.MAIN_CLASS, "/s/h.1.0"),
        detached.subList(detached.indexOf("/jdk/bin/java"), detached.size()));
  }

  @Test
  void detached_asOwner_endsWithSpoolThenAsOwnerFlag() {
    StarterCommand command = new StarterCommand(List.of("java", StarterCommand.MAIN_CLASS));

    List<String> line = command.detached(Path.of("/s/h.1.0"), true);

    assertEquals(List.of(StarterCommand.MAIN_CLASS, "/s/h.1.0", "--as-owner"), line.subList(line.size() - 3, line.size()));
    assertEquals("/s/h.1.0", command.detached(Path.of("/s/h.1.0")).getLast());
  }
}
