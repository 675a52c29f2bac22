package org.openll.common.aot;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** The temporary folder of an AOT cache's training run, deleted with all it holds when closed. */
public record TrainingScratch(Path path) implements AutoCloseable {
  public static TrainingScratch create(String prefix) throws IOException {
    return new TrainingScratch(Files.createTempDirectory(prefix));
  }

  public Path resolve(String name) {
    return path.resolve(name);
  }

  @Override
  public void close() throws IOException {
    try (Stream<Path> paths = Files.walk(path)) {
      for (Path entry : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(entry);
      }
    }
  }
}
