package org.openll.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Enumeration;
import java.util.Locale;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * Rewrites the signed jars of {@code lib/} without their signature ({@code ./openll build},
 * docs/performance.md). A signed jar's manifest names every entry with its digest: Bouncy Castle's
 * are 1.1 MB, and every command's JVM inflated and searched them when the JDK first looked for a
 * service on the class path (~11 ms of a 120 ms llsubmit). The JDK we run on does not ask for a
 * signed security provider, so the signature buys nothing here.
 *
 * <p>Usage: {@code UnsignedJars FOLDER...}; jars without a signature are left as they are.
 */
public final class UnsignedJars {
  private UnsignedJars() {}

  public static void main(String[] args) throws IOException {
    for (String folder : args) {
      try (DirectoryStream<Path> jars = Files.newDirectoryStream(Path.of(folder), "*.jar")) {
        for (Path jar : jars) {
          if (unsign(jar)) {
            System.out.println("openll: unsigned " + jar);
          }
        }
      }
    }
  }

  /** Rewrites {@code jar} without signature files and per-entry manifest sections; false when it had no signature. */
  static boolean unsign(Path jar) throws IOException {
    Path rewritten = jar.resolveSibling(jar.getFileName() + ".unsigned");
    try (JarFile in = new JarFile(jar.toFile(), false)) {
      if (in.stream().noneMatch(e -> isSignatureFile(e.getName()))) {
        return false;
      }
      Manifest main = new Manifest();
      Manifest original = in.getManifest();
      if (original != null) {
        main.getMainAttributes().putAll(original.getMainAttributes());
      }
      try (OutputStream file = Files.newOutputStream(rewritten); JarOutputStream out = new JarOutputStream(file, main)) {
        for (Enumeration<JarEntry> entries = in.entries(); entries.hasMoreElements(); ) {
          JarEntry entry = entries.nextElement();
          if (isSignatureFile(entry.getName()) || entry.getName().equalsIgnoreCase(JarFile.MANIFEST_NAME)) {
            continue;
          }
          copyEntry(in, entry, out);
        }
      }
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(rewritten);
      throw e;
    }
    Files.move(rewritten, jar, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    return true;
  }

  /** Writes {@code entry} of {@code in} to {@code out} under its name and time. */
  static void copyEntry(JarFile in, JarEntry entry, JarOutputStream out) throws IOException {
    JarEntry copy = new JarEntry(entry.getName());
    copy.setTime(entry.getTime());
    out.putNextEntry(copy);
    try (InputStream content = in.getInputStream(entry)) {
      content.transferTo(out);
    }
    out.closeEntry();
  }

  static boolean isSignatureFile(String name) {
    String upper = name.toUpperCase(Locale.ROOT);
    if (!upper.startsWith("META-INF/") || upper.indexOf('/', "META-INF/".length()) >= 0) {
      return false;
    }
    return upper.endsWith(".SF") || upper.endsWith(".RSA") || upper.endsWith(".DSA") || upper.endsWith(".EC")
        || upper.startsWith("META-INF/SIG-");
  }
}
