package org.openll.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openll.common.cluster.ClusterHome;
import org.openll.common.security.CertificateAuthority;
import org.openll.common.security.ClusterToken;
import org.openll.common.security.Role;
import org.openll.common.security.TokenVerifier;
import org.openll.common.security.SecurityFiles;

class LlCtlCertificatesTest {
  @TempDir Path home;
  final ByteArrayOutputStream out = new ByteArrayOutputStream();
  final ByteArrayOutputStream err = new ByteArrayOutputStream();

  int llctl(String... args) {
    out.reset();
    err.reset();
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      return LlMain.run("llctl", args, o, e, Map.of(ClusterHome.ENV, home.toString()), home);
    }
  }

  @Test
  void caInit_twice_createsTheCaOnceThenSaysItExists() throws Exception {
    assertEquals(0, llctl("ca", "init"), err::toString);
    assertTrue(out.toString().startsWith("created the cluster CA"), out::toString);
    SecurityFiles files = SecurityFiles.of(new ClusterHome(home));
    String ca = Files.readString(files.caCert());

    assertEquals(0, llctl("ca", "init"), err::toString);
    assertTrue(out.toString().startsWith("the cluster CA exists"), out::toString);
    assertEquals(ca, Files.readString(files.caCert()));
  }

  @Test
  void certIssue_writesTheRolesCertificateAndKey() throws Exception {
    llctl("ca", "init");
    assertEquals(0, llctl("cert", "issue", "--machine", "node1", "--san", "10.0.0.11"), err::toString);
    SecurityFiles files = SecurityFiles.of(new ClusterHome(home));
    assertTrue(Files.exists(files.cert(Role.STARTD, "node1")) && Files.exists(files.key(Role.STARTD, "node1")));
    assertTrue(out.toString().startsWith("issued CN=node1,OU=startd,O=openll"), out::toString);

    assertEquals(0, llctl("cert", "issue", "--machine", "alice", "--role", "client"), err::toString);
    assertTrue(Files.exists(files.cert(Role.CLIENT, "alice")));
  }

  @Test
  void certIssue_withoutCaOrMachineOrWithUnknownRole_oneLineError() {
    assertEquals(1, llctl("cert", "issue", "--machine", "node1"));
    assertTrue(err.toString().contains("no cluster CA in"), err::toString);
    llctl("ca", "init");
    assertEquals(1, llctl("cert", "issue"));
    assertTrue(err.toString().contains("give --machine NAME"), err::toString);
    assertEquals(1, llctl("cert", "issue", "--machine", "node1", "--role", "boss"));
    assertTrue(err.toString().contains("--role boss"), err::toString);
    assertEquals(1, llctl("cert", "issue", "--machine", "../etc"));
    assertEquals(1, err.toString().strip().lines().count(), err::toString);
  }

  @Test
  void tokenIssue_toAFile_ownerOnly_verifiesAgainstTheCa() throws Exception {
    llctl("ca", "init");
    assertEquals(0, llctl("token", "issue", "--user", "alice", "--lifetime", "12h", "--output", "alice.token"),
        err::toString);
    Path file = home.resolve("alice.token");
    assertTrue(out.toString().startsWith("issued a token for alice, valid until "), out::toString);
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    SecurityFiles files = SecurityFiles.of(new ClusterHome(home));
    ClusterToken token = new TokenVerifier(CertificateAuthority.load(files, Clock.systemUTC()).certificate(),
        Clock.systemUTC()).verify(Files.readString(file));
    assertEquals("alice", token.user());
    assertEquals(Duration.ofHours(12), Duration.between(token.issuedAt(), token.expiry()));
  }

  @Test
  void tokenIssue_withoutOutput_printsTheTokenAlone_thirtyDays() throws Exception {
    llctl("ca", "init");
    assertEquals(0, llctl("token", "issue", "--user", "bob"), err::toString);
    String printed = out.toString().strip();
    assertEquals(3, printed.split("\\.").length, printed);
    ClusterToken token = new TokenVerifier(CertificateAuthority.load(SecurityFiles.of(new ClusterHome(home)),
        Clock.systemUTC()).certificate(), Clock.systemUTC()).verify(printed);
    assertEquals(Duration.ofDays(30), Duration.between(token.issuedAt(), token.expiry()));
  }

  @Test
  void tokenIssue_withoutCaKeyOrUserOrWithBadLifetime_oneLineError() {
    assertEquals(1, llctl("token", "issue", "--user", "alice"));
    assertTrue(err.toString().contains("no readable cluster CA key"), err::toString);
    llctl("ca", "init");
    assertEquals(1, llctl("token", "issue"));
    assertTrue(err.toString().contains("give --user NAME"), err::toString);
    assertEquals(1, llctl("token", "issue", "--user", "alice", "--lifetime", "soon"));
    assertTrue(err.toString().contains("--lifetime soon: use a positive number"), err::toString);
    assertEquals(1, llctl("token", "issue", "--user", "../root"));
    assertEquals(1, err.toString().strip().lines().count(), err::toString);
  }
}
