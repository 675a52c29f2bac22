package org.openll.common.security;

import java.nio.file.Files;
import java.nio.file.Path;
import org.openll.common.cluster.ClusterHome;

/**
 * Where a cluster home keeps its TLS material:
 *
 * <pre>
 *   security/ca/ca.crt            the cluster CA's certificate (every machine needs it)
 *   security/ca/ca.key            the CA's private key, 0600 (only where certificates are issued)
 *   security/certs/ROLE-NAME.crt  a certificate: ROLE negotiator, schedd, startd or client, NAME the
 *   security/certs/ROLE-NAME.key  machine (the user for a client); the key 0600
 * </pre>
 */
public record SecurityFiles(Path root) {
  public static SecurityFiles of(ClusterHome home) {
    return new SecurityFiles(home.root().resolve("security"));
  }

  public Path caDir() {
    return root.resolve("ca");
  }

  public Path caCert() {
    return caDir().resolve("ca.crt");
  }

  public Path caKey() {
    return caDir().resolve("ca.key");
  }

  /**
   * Whether these files hold a CA key, so certificates can be issued here. Asked here and not of
   * {@link CertificateAuthority}, whose class starts log4j and Bouncy Castle: ~0.5 s of every
   * command that connects over TLS from a machine without the CA.
   */
  public boolean holdCa() {
    return Files.isRegularFile(caKey()) && Files.isRegularFile(caCert());
  }

  public Path certsDir() {
    return root.resolve("certs");
  }

  /** The base name of the files of {@code role}'s certificate for {@code name}. */
  public static String baseName(Role role, String name) {
    return role.unitName() + "-" + name;
  }

  public Path cert(Role role, String name) {
    return certsDir().resolve(baseName(role, name) + ".crt");
  }

  public Path key(Role role, String name) {
    return certsDir().resolve(baseName(role, name) + ".key");
  }
}
