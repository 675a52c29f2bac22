package org.openll.common.metrics;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.core.LoggerContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The daemons' log4j2.xml, loaded into a private logger context as the master's flags set it up. */
class RollingLogTest {
  @TempDir Path dir;

  @AfterEach
  void clearProperties() {
    System.clearProperty(LogSettings.FILE_PROPERTY);
    System.clearProperty(LogSettings.MAX_BYTES_PROPERTY);
    System.clearProperty(LogSettings.MAX_FILES_PROPERTY);
  }

  @Test
  void daemonLog_pastMaxBytes_rolledOverKeepingMaxFiles() throws Exception {
    Path log = dir.resolve("schedd.log");
    System.setProperty(LogSettings.FILE_PROPERTY, log.toString());
    System.setProperty(LogSettings.MAX_BYTES_PROPERTY, "2000");
    System.setProperty(LogSettings.MAX_FILES_PROPERTY, "2");
    URI config = RollingLogTest.class.getResource("/log4j2.xml").toURI();
    LoggerContext context = new LoggerContext("rolling-log-test", null, config);
    context.start();
    try {
      Logger logger = context.getLogger("test");
      for (int i = 0; i < 200; i++) {
        logger.info("line {} of a log that outgrows its limit several times over", i);
      }
    } finally {
      context.stop();
    }

    List<String> files = files();
    assertTrue(files.contains("schedd.log"), files.toString());
    assertTrue(files.contains("schedd.log.1"), files.toString());
    assertTrue(files.contains("schedd.log.2"), files.toString());
    assertFalse(files.contains("schedd.log.3"), "only 2 rolled files are kept: " + files);
    assertTrue(Files.size(log) < 4000, "current file " + Files.size(log) + " bytes");
    assertTrue(Files.readString(log).contains("line 199 of"), "the newest line is in the current file");
  }

  @Test
  void commandLog_noFileProperty_noFileWritten() throws Exception {
    URI config = RollingLogTest.class.getResource("/log4j2.xml").toURI();
    LoggerContext context = new LoggerContext("console-log-test", null, config);
    context.start();
    try {
      context.getLogger("test").debug("goes to standard error, if anywhere");
    } finally {
      context.stop();
    }

    assertTrue(files().isEmpty(), files().toString());
  }

  private List<String> files() throws IOException {
    try (Stream<Path> list = Files.list(dir)) {
      return list.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}
