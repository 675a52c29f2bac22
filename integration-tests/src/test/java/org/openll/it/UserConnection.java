package org.openll.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.openll.common.cluster.ClusterHome;
import org.openll.common.security.ClusterTls;
import org.openll.common.security.Role;
import org.openll.common.security.SecurityFiles;

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
      Path home = user.home().resolve("openll");
      SecurityFiles own = SecurityFiles.of(new ClusterHome(home));
      copy(clusterFiles.caCert(), own.caCert());
      copy(clusterFiles.cert(Role.CLIENT, user.name()), own.cert(Role.CLIENT, user.name()));
      copy(clusterFiles.key(Role.CLIENT, user.name()), own.key(Role.CLIENT, user.name()));
      for (String file : new String[] {"LoadL_config", "LoadL_admin"}) {
        if (Files.exists(cluster.home().resolve(file))) {
          copy(cluster.home().resolve(file), home.resolve(file));
        }
      }
      try (Stream<Path> run = Files.list(cluster.home().resolve("run"))) {
        for (Path file : run.filter(Files::isRegularFile).toList()) {
          copy(file, home.resolve("run").resolve(file.getFileName()));
        }
      }
      RealUsers.chown(home, user);
      Files.setPosixFilePermissions(own.key(Role.CLIENT, user.name()), PosixFilePermissions.fromString("rw-------"));
      Map<String, String> env = environment(user, home);
      env.put("OPENLL_COMMAND_SOCKET", "off");
      return env;
    }
  };

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
