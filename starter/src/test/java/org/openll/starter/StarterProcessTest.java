package org.openll.starter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openll.api.v1.StarterEvent;
import org.openll.api.v1.StarterInput;
import org.openll.api.v1.StepState;

/** The starter as the startd runs it: a separate JVM speaking on its stdin and stdout. */
class StarterProcessTest {
  @TempDir Path dir;

  @Test
  void main_echoStep_streamsEventsOnStdoutAndExitsZero() throws Exception {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process starter = new ProcessBuilder(java.toString(), "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx64m",
        "-cp", System.getProperty("java.class.path"), StarterMain.class.getName())
        .redirectError(dir.resolve("starter.log").toFile())
        .start();
    try {
      StarterInput.newBuilder().setLaunch(Launches.launch(dir, Launches.spec(dir, "/bin/echo", "hi").build()))
          .build().writeDelimitedTo(starter.getOutputStream());
      starter.getOutputStream().flush();

      List<StarterEvent> events = new ArrayList<>();
      StarterEvent event;
      while ((event = StarterEvent.parseDelimitedFrom(starter.getInputStream())) != null) {
        events.add(event);
      }

      assertTrue(starter.waitFor(30, TimeUnit.SECONDS));
      assertEquals(0, starter.exitValue());
      assertEquals(List.of(StepState.STEP_STATE_RUNNING, StepState.STEP_STATE_COMPLETE_PENDING,
          StepState.STEP_STATE_COMPLETED), events.stream().map(StarterEvent::getState).toList());
      assertEquals(0, events.get(2).getResult().getExitCode());
      assertEquals("hi\n", Files.readString(dir.resolve("out")));
    } finally {
      starter.destroyForcibly();
    }
  }
}
