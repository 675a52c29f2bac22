package org.openll.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * Merges the jars of the commands' folder ({@code lib/}) into one jar, {@code
 * lib/commands/openll-commands.jar}, the class path of every command but {@code llctl}
 * (docs/performance.md, "One jar for the commands"). A command's JVM opens each jar of its class
 * path the first time it looks up a class or a resource that is not there (protobuf probes for
 * Android's classes, and {@code java.util.logging} looks for a {@code LoggerFinder}): one jar
 * opens ~6 ms sooner than thirty.
 *
 * <p>The merge keeps the class path's meaning: the first jar (by name) that holds an entry gives
 * it; {@code META-INF/services} files are joined; the versioned entries of a multi-release jar are
 * kept, and the merged jar is multi-release when one of its jars was. Signatures, manifests,
 * {@code module-info} and folder entries are left out: the class path ignores the first three, and
 * nothing a command runs lists a folder.
 *
 * <p>Usage: {@code CommandsJar FOLDER OUT.jar}.
 */
public final class CommandsJar {
  private static final String SERVICES = "META-INF/services/";
  private static final String VERSIONS = "META-INF/versions/";

  private CommandsJar() {}

  public static void main(String[] args) throws IOException {
    if (args.length != 2) {
      System.err.println("usage: CommandsJar FOLDER OUT.jar");
      System.exit(2);
    }
    Path out = Path.of(args[1]).toAbsolutePath().normalize();
    int entries = merge(jarsOf(Path.of(args[0])), out);
    System.out.println("openll: commands' jar " + out + " (" + entries + " entries)");
  }

  /** The jars directly in {@code folder}, by name. */
  static List<Path> jarsOf(Path folder) throws IOException {
    List<Path> jars = new ArrayList<>();
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(folder, "*.jar")) {
      stream.forEach(jars::add);
    }
    jars.sort(null);
    return jars;
  }

  /** Writes {@code jars} merged into {@code out} (replaced atomically); returns its number of entries. */
  static int merge(List<Path> jars, Path out) throws IOException {
    Map<String, Set<String>> services = new LinkedHashMap<>();
    Set<String> written = new HashSet<>();
    boolean multiRelease = false;
    Files.createDirectories(out.toAbsolutePath().getParent());
    Path partial = out.resolveSibling(out.getFileName() + ".partial");
    try (OutputStream file = Files.newOutputStream(partial); JarOutputStream merged = new JarOutputStream(file)) {
      List<JarFile> opened = new ArrayList<>();
      try {
        for (Path jar : jars) {
          opened.add(new JarFile(jar.toFile(), false));
        }
        for (JarFile jar : opened) {
          multiRelease |= jar.isMultiRelease();
        }
        merged.putNextEntry(new JarEntry(JarFile.MANIFEST_NAME));
        manifest(multiRelease).write(merged);
        merged.closeEntry();
        written.add(JarFile.MANIFEST_NAME);
        for (JarFile jar : opened) {
          for (Enumeration<JarEntry> entries = jar.entries(); entries.hasMoreElements(); ) {
            JarEntry entry = entries.nextElement();
            String name = entry.getName();
            if (name.startsWith(SERVICES) && !entry.isDirectory()) {
              services.computeIfAbsent(name, n -> new LinkedHashSet<>()).addAll(providers(jar, entry));
            } else if (kept(name, entry.isDirectory(), jar.isMultiRelease()) && written.add(name)) {
              UnsignedJars.copyEntry(jar, entry, merged);
            }
          }
        }
      } finally {
        for (JarFile jar : opened) {
          jar.close();
        }
      }
      for (Map.Entry<String, Set<String>> service : services.entrySet()) {
        merged.putNextEntry(new JarEntry(service.getKey()));
        merged.write((String.join("\n", service.getValue()) + "\n").getBytes(StandardCharsets.UTF_8));
        merged.closeEntry();
      }
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(partial);
      throw e;
    }
    Files.move(partial, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    return written.size() + services.size();
  }

  private static Manifest manifest(boolean multiRelease) {
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest.getMainAttributes().putValue("Created-By", "openll CommandsJar");
    if (multiRelease) {
      manifest.getMainAttributes().put(Attributes.Name.MULTI_RELEASE, "true");
    }
    return manifest;
  }

  private static boolean kept(String name, boolean directory, boolean fromMultiRelease) {
    if (directory || name.endsWith("module-info.class") || name.equalsIgnoreCase(JarFile.MANIFEST_NAME)
        || UnsignedJars.isSignatureFile(name)) {
      return false;
    }
    // a plain jar's META-INF/versions/ entries would become live in a multi-release one
    return !name.startsWith(VERSIONS) || fromMultiRelease;
  }

  /** The provider names of a services file, without comments and blank lines. */
  private static List<String> providers(JarFile jar, JarEntry entry) throws IOException {
    List<String> providers = new ArrayList<>();
    try (InputStream in = jar.getInputStream(entry)) {
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        int comment = line.indexOf('#');
        String provider = (comment >= 0 ? line.substring(0, comment) : line).strip();
        if (!provider.isEmpty()) {
          providers.add(provider);
        }
      }
    }
    return providers;
  }
}
