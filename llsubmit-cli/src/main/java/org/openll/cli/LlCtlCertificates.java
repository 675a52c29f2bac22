package org.openll.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.openll.common.security.CertificateAuthority;
import org.openll.common.security.Role;
import org.openll.common.security.SecurityFiles;
import org.openll.common.security.TokenSigner;

/**
 * {@code llctl ca init}, {@code llctl cert issue --machine NAME [--role R] [--san NAME]...} and
 * {@code llctl token issue --user U [--lifetime DURATION] [--output FILE]}: the cluster CA of
 * {@code $OPENLL_HOME/security/ca}, the certificates it issues into
 * {@code security/certs/ROLE-NAME.crt|.key}, and user tokens signed with its key. Each prints what
 * it made, one line (a token without --output: the token alone, for a redirect).
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
    boolean existed = files.holdCa();
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

  /** A token's lifetime when --lifetime is not given. */
  static final Duration DEFAULT_TOKEN_LIFETIME = Duration.ofDays(30);

  /**
   * Issues a token for {@code user}, signed with the CA key (so only where the CA key is readable),
   * valid for {@code lifetime} ({@link #parseLifetime}); writes it to {@code output} (0600) or prints it.
   */
  int issueToken(String user, String lifetime, String output) throws CommandFailure {
    if (user == null || user.isBlank()) {
      throw new CommandFailure("llctl token issue: give --user NAME");
    }
    Duration validity = lifetime == null ? DEFAULT_TOKEN_LIFETIME : parseLifetime(lifetime);
    if (!files.holdCa() || !Files.isReadable(files.caKey())) {
      throw new CommandFailure("llctl token issue: no readable cluster CA key " + files.caKey()
          + " (tokens are issued by an administrator, on the machine that holds the CA key)");
    }
    try {
      Instant now = context.clock().instant();
      String token = TokenSigner.of(CertificateAuthority.load(files, context.clock())).issue(user, now, validity);
      if (output == null) {
        context.out().println(token);
        return 0;
      }
      Path file = context.cwd().resolve(output);
      writePrivate(file, token + "\n");
      context.out().println("issued a token for " + user + ", valid until " + now.plus(validity) + ": " + file);
      return 0;
    } catch (IOException | IllegalArgumentException e) {
      throw new CommandFailure("llctl token issue: " + e.getMessage());
    }
  }

  /** {@code 30d}, {@code 12h}, {@code 90m}, {@code 3600s} or {@code 3600} (seconds). */
  static Duration parseLifetime(String text) throws CommandFailure {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d{1,9})([dhms]?)").matcher(text.strip());
    if (!m.matches() || Long.parseLong(m.group(1)) == 0) {
      throw new CommandFailure("llctl token issue: --lifetime " + text + ": use a positive number with d, h, m or s"
          + " (e.g. 30d)");
    }
    long n = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "d" -> Duration.ofDays(n);
      case "h" -> Duration.ofHours(n);
      case "m" -> Duration.ofMinutes(n);
      default -> Duration.ofSeconds(n);
    };
  }

  /** Writes {@code text} to {@code file}, readable by its owner only, replacing it atomically. */
  private static void writePrivate(Path file, String text) throws IOException {
    Path temp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.deleteIfExists(temp);
    Files.createFile(temp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.writeString(temp, text);
    Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
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
    if (!files.holdCa()) {
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
