package org.openll.common.security;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PemKeyManagerTest {
  @TempDir Path dir;
  private SecurityFiles files;
  private X509Certificate issued;

  @BeforeEach
  void setUp() throws IOException {
    files = new SecurityFiles(dir);
    issued = CertificateAuthority.initialise(files, "test", Clock.systemUTC())
        .issue(Role.CLIENT, "alice", List.of("localhost"));
  }

  @Test
  void read_issuedCertificateAndKey_offersThemUnderOneAlias() throws IOException {
    PemKeyManager manager = PemKeyManager.read(files.cert(Role.CLIENT, "alice"), files.key(Role.CLIENT, "alice"));

    String alias = manager.chooseEngineClientAlias(new String[] {"EC"}, null, null);
    assertArrayEquals(new X509Certificate[] {issued}, manager.getCertificateChain(alias));
    assertEquals(Pem.readKey(files.key(Role.CLIENT, "alice")), manager.getPrivateKey(alias));
    assertEquals(alias, manager.chooseEngineServerAlias("EC", null, null));
    assertNull(manager.getPrivateKey("other"));
  }

  @Test
  void read_certificateWhereTheKeyShouldBe_failsNamingTheFile() {
    Path cert = files.cert(Role.CLIENT, "alice");

    IOException e = assertThrows(IOException.class, () -> PemKeyManager.read(cert, cert));

    assertTrue(e.getMessage().startsWith(cert + ": not a PEM PKCS#8 private key"), e.getMessage());
  }

  @Test
  void read_noCertificate_failsNamingTheFile() throws IOException {
    Path empty = Files.writeString(dir.resolve("empty.crt"), "");

    IOException e = assertThrows(IOException.class, () -> PemKeyManager.read(empty, files.key(Role.CLIENT, "alice")));

    assertTrue(e.getMessage().startsWith(empty.toString()), e.getMessage());
  }
}
