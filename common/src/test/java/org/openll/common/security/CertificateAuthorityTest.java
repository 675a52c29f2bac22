package org.openll.common.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CertificateAuthorityTest {
  @TempDir Path root;

  @Test
  void initialise_createsOwnerOnlyKeyAndSelfSignedCa_andIsIdempotent() throws Exception {
    SecurityFiles files = new SecurityFiles(root);
    CertificateAuthority first = CertificateAuthority.initialise(files, "test", Clock.systemUTC());
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(files.caKey())));
    X509Certificate ca = first.certificate();
    ca.verify(ca.getPublicKey());
    assertTrue(ca.getBasicConstraints() >= 0, "a CA certificate");
    assertEquals("EC", ca.getPublicKey().getAlgorithm());

    CertificateAuthority second = CertificateAuthority.initialise(files, "test", Clock.systemUTC());
    assertEquals(ca, second.certificate());
  }

  @Test
  void issue_writesRoleAndMachineInSubject_sansAndOwnerOnlyKey_signedByTheCa() throws Exception {
    SecurityFiles files = new SecurityFiles(root);
    CertificateAuthority ca = CertificateAuthority.initialise(files, "test", Clock.systemUTC());
    X509Certificate cert = ca.issue(Role.STARTD, "node1", List.of("localhost", "127.0.0.1"));

    cert.verify(ca.certificate().getPublicKey());
    PeerIdentity identity = PeerIdentity.fromSubject(cert.getSubjectX500Principal().getName());
    assertEquals(Optional.of(Role.STARTD), identity.role());
    assertEquals("node1", identity.name());
    List<String> sans = cert.getSubjectAlternativeNames().stream().map(e -> e.get(1).toString()).toList();
    assertEquals(List.of("node1", "localhost", "127.0.0.1"), sans);
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(files.key(Role.STARTD, "node1"))));
    assertTrue(ca.holdsValid(Role.STARTD, "node1", Duration.ofDays(30)));
    assertFalse(ca.holdsValid(Role.STARTD, "node1", CertificateAuthority.CERT_VALIDITY.plusDays(1)));
    assertFalse(ca.holdsValid(Role.SCHEDD, "node1", Duration.ZERO));
  }

  @Test
  void holdsValid_certificateOfAnotherCa_false() throws Exception {
    SecurityFiles mine = new SecurityFiles(root.resolve("mine"));
    SecurityFiles other = new SecurityFiles(root.resolve("other"));
    CertificateAuthority.initialise(other, "other", Clock.systemUTC()).issue(Role.SCHEDD, "cm", List.of());
    Files.createDirectories(mine.certsDir());
    Files.copy(other.cert(Role.SCHEDD, "cm"), mine.cert(Role.SCHEDD, "cm"));
    Files.copy(other.key(Role.SCHEDD, "cm"), mine.key(Role.SCHEDD, "cm"));

    assertFalse(CertificateAuthority.initialise(mine, "mine", Clock.systemUTC()).holdsValid(Role.SCHEDD, "cm", Duration.ZERO));
  }

  @Test
  void issue_nameWithSpaceOrSlash_refused() throws Exception {
    CertificateAuthority ca = CertificateAuthority.initialise(new SecurityFiles(root), "test", Clock.systemUTC());
    assertThrows(IllegalArgumentException.class, () -> ca.issue(Role.CLIENT, "../x", List.of()));
    assertThrows(IllegalArgumentException.class, () -> ca.issue(Role.CLIENT, "a b", List.of()));
  }
}
