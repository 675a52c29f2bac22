package org.openll.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.openll.common.cluster.ClusterHome;
import org.openll.common.security.CertificateAuthority;
import org.openll.common.security.ClusterTls;
import org.openll.common.security.Role;
import org.openll.common.security.SecurityFiles;
import org.openll.common.security.TokenSigner;
import org.openll.common.security.UserTokens;

/**
 * How a real user's commands prove who they are to the daemons. Tests of authorization run once
 * per constant, so a new way (the Unix socket's peer credentials, a token) is one more constant.
 * {@link #prepare} arranges what the user needs and returns the environment their commands run
 * with.
 */
enum UserConnection {
  /**
   * Mutual TLS with the user's own client certificate ({@code CN} = the user), issued by the
   * cluster's CA, in an {@code OPENLL_HOME} of the user's own: LoadL_config, LoadL_admin, the
   * daemons' addresses ({@code run/}) and the CA's certificate copied from the cluster's home, and
   * {@code client-USER.crt}/{@code .key}, readable by that user only (docs/security.md). The
   * daemons' command sockets are not copied and are switched off, so every command goes over TCP.
   */
  CLIENT_CERTIFICATE {
    @Override
    Map<String, String> prepare(TestCluster cluster, RealUsers.User user) throws IOException, InterruptedException {
      ClusterHome clusterHome = new ClusterHome(cluster.home());
      ClusterTls.forClient(clusterHome, user.name()); // issues client-USER from the cluster CA (root reads its key)
      SecurityFiles clusterFiles = SecurityFiles.of(clusterHome);
      Path home = ownHome(cluster, user, false);
      SecurityFiles own = SecurityFiles.of(new ClusterHome(home));
      copy(clusterFiles.cert(Role.CLIENT, user.name()), own.cert(Role.CLIENT, user.name()));
      copy(clusterFiles.key(Role.CLIENT, user.name()), own.key(Role.CLIENT, user.name()));
      RealUsers.chown(home, user);
      Files.setPosixFilePermissions(own.key(Role.CLIENT, user.name()), PosixFilePermissions.fromString("rw-------"));
      Map<String, String> env = environment(user, home);
      env.put("OPENLL_COMMAND_SOCKET", "off");
      return env;
    }
  },

  /**
   * The daemons' sockets on their machine: the user's {@code run/} links to the cluster's sockets
   * and holds no certificate or token, so the daemons know the user only from the kernel's peer
   * credentials (a command that fell back to TCP would fail for want of a certificate).
   */
  UNIX_SOCKET {
    @Override
    Map<String, String> prepare(TestCluster cluster, RealUsers.User user) throws IOException, InterruptedException {
      // as on a shared machine: users may pass through the cluster's home to its run/ (docs/security.md)
      for (Path dir = cluster.home().resolve("run"); dir.startsWith(cluster.home().getParent()); dir = dir.getParent()) {
        Set<PosixFilePermission> permissions = new HashSet<>(Files.getPosixFilePermissions(dir));
        permissions.add(PosixFilePermission.OTHERS_EXECUTE);
        Files.setPosixFilePermissions(dir, permissions);
      }
      Path home = ownHome(cluster, user, true);
      RealUsers.chown(home, user);
      return environment(user, home);
    }
  },

  /**
   * A token issued by the cluster's CA ({@code llctl token issue}'s signer) in the user's
   * {@code tokens/USER.token}, over TCP with TLS and no client certificate, as from another machine.
   */
  TOKEN {
    @Override
    Map<String, String> prepare(TestCluster cluster, RealUsers.User user) throws IOException, InterruptedException {
      CertificateAuthority ca = CertificateAuthority.load(SecurityFiles.of(new ClusterHome(cluster.home())), Clock.systemUTC());
      Path home = ownHome(cluster, user, false);
      Path token = UserTokens.defaultFile(new ClusterHome(home), user.name());
      Files.createDirectories(token.getParent());
      Files.writeString(token, TokenSigner.of(ca).issue(user.name(), Instant.now(), Duration.ofHours(1)) + "\n");
      RealUsers.chown(home, user);
      Files.setPosixFilePermissions(token, PosixFilePermissions.fromString("rw-------"));
      Map<String, String> env = environment(user, home);
      env.put("OPENLL_COMMAND_SOCKET", "off");
      return env;
    }
  };

  /**
   * An {@code OPENLL_HOME} of the user's own: LoadL_config, LoadL_admin, the daemons' addresses
   * ({@code run/}) and the CA's certificate copied from the cluster's home, and with
   * {@code sockets} links to the daemons' Unix sockets.
   */
  private static Path ownHome(TestCluster cluster, RealUsers.User user, boolean sockets) throws IOException {
    Path home = user.home().resolve("openll-" + System.nanoTime());
    copy(SecurityFiles.of(new ClusterHome(cluster.home())).caCert(), SecurityFiles.of(new ClusterHome(home)).caCert());
    for (String file : new String[] {"LoadL_config", "LoadL_admin"}) {
      if (Files.exists(cluster.home().resolve(file))) {
        copy(cluster.home().resolve(file), home.resolve(file));
      }
    }
    Files.createDirectories(home.resolve("run"));
    try (Stream<Path> run = Files.list(cluster.home().resolve("run"))) {
      for (Path file : run.toList()) {
        Path mine = home.resolve("run").resolve(file.getFileName());
        if (Files.isRegularFile(file)) {
          copy(file, mine);
        } else if (sockets && file.getFileName().toString().endsWith(".sock")) {
          Files.createSymbolicLink(mine, file);
        }
      }
    }
    return home;
  }

  /** Arranges what {@code user} needs to reach {@code cluster}; returns their commands' environment. */
  abstract Map<String, String> prepare(TestCluster cluster, RealUsers.User user) throws IOException, InterruptedException;

  private static Map<String, String> environment(RealUsers.User user, Path openllHome) {
    Map<String, String> env = new HashMap<>();
    env.put("OPENLL_HOME", openllHome.toString());
    env.put("HOME", user.home().toString());
    env.put("USER", user.name());
    env.put("LOGNAME", user.name());
    env.put("PATH", "/usr/local/bin:/usr/bin:/bin");
    env.put("JAVA_HOME", System.getProperty("java.home"));
    return env;
  }

  private static void copy(Path from, Path to) throws IOException {
    Files.createDirectories(to.getParent());
    Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
  }
}
