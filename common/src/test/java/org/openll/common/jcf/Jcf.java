package org.openll.common.jcf;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/** Shared fixtures for the job command file tests. */
final class Jcf {
  static final String FILE = "job.cmd";

  private Jcf() {}

  static SubmitContext context() {
    return context(Map.of("HOME", "/home/alice", "PATH", "/usr/bin:/bin", "DISPLAY", ":0", "NEXTSTEP", "wrf"));
  }

  static SubmitContext context(Map<String, String> environment) {
    return new SubmitContext(FILE, Path.of("/home/alice/work"), "alice", "/home/alice", "node1", environment);
  }

  static JobCommandFileParser.ParsedJob parse(String content) throws JobCommandFileException {
    return new JobCommandFileParser().parse(content, context());
  }

  /** Lines joined with newlines, so tests read like files. */
  static String file(String... lines) {
    return String.join("\n", lines) + "\n";
  }

  static String resource(String name) {
    try (InputStream in = Jcf.class.getResourceAsStream("/jcf/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no test resource " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
