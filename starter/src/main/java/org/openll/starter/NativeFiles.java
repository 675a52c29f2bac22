package org.openll.starter;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The starter's native files (src/main/native): in {@code native/} in the folder of the starter's
 * jar (the distribution's {@code lib/daemon/}, or a module's {@code target/}), or beside its
 * {@code target/classes}.
 */
final class NativeFiles {
  private NativeFiles() {}

  /** The file {@code name} of {@code native/}, when it is there and readable. */
  static Optional<Path> find(String name) {
    try {
      Path code = Path.of(NativeFiles.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      Path folder = code.getParent();
      if (folder == null) {
        return Optional.empty();
      }
      Path file = folder.resolve("native").resolve(name);
      return Files.isReadable(file) ? Optional.of(file) : Optional.empty();
    } catch (URISyntaxException | RuntimeException e) {
      return Optional.empty();
    }
  }
}
