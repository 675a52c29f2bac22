package org.openll.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UnsignedJarsTest {
  @TempDir Path dir;

  @Test
  void dropsTheSignatureAndTheEntriesDigestsKeepingEverythingElse() throws IOException {
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest.getMainAttributes().put(Attributes.Name.MULTI_RELEASE, "true");
    Attributes digest = new Attributes();
    digest.putValue("SHA-256-Digest", "c2lnbmVk");
    manifest.getEntries().put("org/example/A.class", digest);
    Path jar = write(manifest, Map.of("META-INF/SIGNER.SF", "sf", "META-INF/SIGNER.RSA", "rsa",
        "org/example/A.class", "class bytes", "META-INF/versions/11/org/example/A.class", "v11",
        "META-INF/services/java.security.Provider", "org.example.Provider"));

    assertTrue(UnsignedJars.unsign(jar));

    try (JarFile unsigned = new JarFile(jar.toFile())) {
      assertEquals(Set.of("META-INF/MANIFEST.MF", "org/example/A.class", "META-INF/versions/11/org/example/A.class",
          "META-INF/services/java.security.Provider"),
          Collections.list(unsigned.entries()).stream().map(JarEntry::getName).collect(Collectors.toSet()));
      assertTrue(unsigned.getManifest().getEntries().isEmpty());
      assertTrue(unsigned.isMultiRelease());
      assertEquals("class bytes", new String(
          unsigned.getInputStream(unsigned.getEntry("org/example/A.class")).readAllBytes(), StandardCharsets.UTF_8));
    }
    try (var files = Files.list(dir)) {
      assertEquals(List.of(jar), files.toList());
    }
  }

  @Test
  void leavesAnUnsignedJarUntouched() throws IOException {
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    Path jar = write(manifest, Map.of("org/example/A.class", "class bytes"));
    FileTime before = FileTime.fromMillis(1_000_000_000_000L);
    Files.setLastModifiedTime(jar, before);

    UnsignedJars.main(new String[] {dir.toString()});

    assertEquals(before, Files.getLastModifiedTime(jar));
    assertFalse(UnsignedJars.unsign(jar));
  }

  private Path write(Manifest manifest, Map<String, String> entries) throws IOException {
    Path jar = dir.resolve("lib.jar");
    try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file, manifest)) {
      for (String name : List.copyOf(entries.keySet())) {
        out.putNextEntry(new JarEntry(name));
        out.write(entries.get(name).getBytes(StandardCharsets.UTF_8));
        out.closeEntry();
      }
    }
    return jar;
  }
}
