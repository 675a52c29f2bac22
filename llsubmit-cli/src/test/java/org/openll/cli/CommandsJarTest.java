package org.openll.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandsJarTest {
  @TempDir Path dir;

  @Test
  void mergesTheJarsAsTheirClassPathReadsThem() throws IOException {
    jar("a.jar", false, Map.of(
        "org/a/A.class", "a",
        "shared/Same.class", "from a",
        "META-INF/services/org.example.Spi", "# providers of a\norg.a.Provider\norg.common.Provider\n",
        "META-INF/versions/11/org/a/A.class", "not multi-release: stays dead",
        "module-info.class", "module a"));
    jar("b.jar", true, Map.of(
        "org/b/B.class", "b",
        "shared/Same.class", "from b",
        "META-INF/services/org.example.Spi", "org.common.Provider\norg.b.Provider",
        "META-INF/versions/17/org/b/B.class", "b for 17",
        "META-INF/B.SF", "signature",
        "META-INF/B.RSA", "signature block"));
    Path merged = dir.resolve("commands/openll-commands.jar");

    int entries = CommandsJar.merge(CommandsJar.jarsOf(dir), merged);

    try (JarFile jar = new JarFile(merged.toFile())) {
      Set<String> names = Collections.list(jar.entries()).stream().map(JarEntry::getName).collect(Collectors.toSet());
      assertEquals(Set.of("META-INF/MANIFEST.MF", "org/a/A.class", "org/b/B.class", "shared/Same.class",
          "META-INF/services/org.example.Spi", "META-INF/versions/17/org/b/B.class"), names);
      assertEquals(names.size(), entries);
      assertEquals("from a", text(jar, "shared/Same.class"));
      assertEquals("org.a.Provider\norg.common.Provider\norg.b.Provider\n", text(jar, "META-INF/services/org.example.Spi"));
      assertTrue(jar.isMultiRelease());
      assertTrue(jar.getManifest().getEntries().isEmpty());
    }
    try (URLClassLoader loader = new URLClassLoader(new URL[] {merged.toUri().toURL()}, null)) {
      assertEquals("b for 17", new String(loader.getResourceAsStream("org/b/B.class").readAllBytes(), StandardCharsets.UTF_8));
    }
    try (var files = Files.list(merged.getParent())) {
      assertEquals(List.of(merged), files.toList());
    }
  }

  @Test
  void staysPlainWhenNoJarIsMultiRelease() throws IOException {
    jar("a.jar", false, Map.of("org/a/A.class", "a"));
    Path merged = dir.resolve("out.jar");

    CommandsJar.merge(List.of(dir.resolve("a.jar")), merged);

    try (JarFile jar = new JarFile(merged.toFile())) {
      assertFalse(jar.isMultiRelease());
      assertNull(jar.getManifest().getMainAttributes().get(Attributes.Name.MULTI_RELEASE));
    }
  }

  private void jar(String name, boolean multiRelease, Map<String, String> entries) throws IOException {
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    if (multiRelease) {
      manifest.getMainAttributes().put(Attributes.Name.MULTI_RELEASE, "true");
    }
    try (OutputStream file = Files.newOutputStream(dir.resolve(name)); JarOutputStream out = new JarOutputStream(file, manifest)) {
      for (Map.Entry<String, String> entry : new LinkedHashMap<>(entries).entrySet()) {
        out.putNextEntry(new JarEntry(entry.getKey()));
        out.write(entry.getValue().getBytes(StandardCharsets.UTF_8));
        out.closeEntry();
      }
    }
  }

  private static String text(JarFile jar, String name) throws IOException {
    return new String(jar.getInputStream(jar.getEntry(name)).readAllBytes(), StandardCharsets.UTF_8);
  }
}
