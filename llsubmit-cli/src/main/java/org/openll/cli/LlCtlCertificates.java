package org.openll.cli;

import java.io.IOException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.openll.common.security.CertificateAuthority;
import org.openll.common.security.Role;
import org.openll.common.security.SecurityFiles;

/**
 * {@code llctl ca init} and {@code llctl cert issue --machine NAME [--role R] [--san NAME]...}: the
 * cluster CA of {@code $OPENLL_HOME/security/ca} and the certificates it issues into
 * {@code security/certs/ROLE-NAME.crt|.key}. Both print what they made, one line each.
 */
final class LlCtlCertificates {
  private final CliContext context;
  private final SecurityFiles files;

  LlCtlCertificates(CliContext context) {
    this.context = context;
    this.files = SecurityFiles.of(context.home());
  }

  /** Creates the CA unless there is one; exit 0 either way. */
  int initCa() throws CommandFailure {
    boolean existed = CertificateAuthority.exists(files);
    try {
      CertificateAuthority ca = CertificateAuthority.initialise(files, context.home().root().getFileName().toString(),
          context.clock());
      context.out().println((existed ? "the cluster CA exists: " : "created the cluster CA: ")
          + ca.certificate().getSubjectX500Principal().getName() + " in " + files.caDir());
      return 0;
    } catch (IOException e) {
      throw new CommandFailure("llctl ca init: " + e.getMessage());
    }
  }

  /** Issues (or replaces) {@code role}'s certificate for {@code machine}. */
  int issue(String machine, String roleName, List<String> extraNames) throws CommandFailure {
    if (machine == null || machine.isBlank()) {
      throw new CommandFailure("llctl cert issue: give --machine NAME (the user name for --role client)");
    }
    Optional<Role> role = Role.ofUnit(roleName);
    if (role.isEmpty()) {
      throw new CommandFailure("llctl cert issue: --role " + roleName + ": use negotiator, schedd, startd or client");
    }
    if (!CertificateAuthority.exists(files)) {
      throw new CommandFailure("llctl cert issue: no cluster CA in " + files.caDir()
          + " (run llctl ca init, or issue on the machine that holds the CA key)");
    }
    List<String> names = new ArrayList<>(extraNames);
    try {
      X509Certificate cert = CertificateAuthority.load(files, context.clock())
          .issue(role.get(), machine, names);
      context.out().println("issued " + cert.getSubjectX500Principal().getName() + ": "
          + files.cert(role.get(), machine) + ", key " + files.key(role.get(), machine));
      return 0;
    } catch (IOException | IllegalArgumentException e) {
      throw new CommandFailure("llctl cert issue: " + e.getMessage());
    }
  }
}
