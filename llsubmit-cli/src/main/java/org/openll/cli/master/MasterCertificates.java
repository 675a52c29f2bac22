package org.openll.cli.master;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.openll.common.cluster.ClusterHome;
import org.openll.common.cluster.ClusterRoles;
import org.openll.common.config.LoadLConfig;
import org.openll.common.security.CertificateAuthority;
import org.openll.common.security.ClusterTls;
import org.openll.common.security.Role;
import org.openll.common.security.SecurityFiles;

/**
 * Makes sure the daemons a machine is about to run have their certificates, so {@code llctl start}
 * needs no set-up. A personal cluster, or the central manager host of a multi-machine one, creates
 * the cluster CA when its home has none; wherever the CA key is, each daemon's certificate and the
 * starting user's client certificate are issued when missing, from another CA, or about to expire.
 * A machine without the CA key gets nothing here: its certificates are issued on the CA host and
 * copied (docs/security.md). Idempotent.
 */
final class MasterCertificates {
  private static final Logger LOG = LogManager.getLogger(MasterCertificates.class);
  private static final Duration RENEW_MARGIN = Duration.ofDays(30);

  private MasterCertificates() {}

  static void ensure(ClusterHome home, LoadLConfig config, String host, List<DaemonSpec> specs, String user,
      Clock clock) throws IOException {
    if (ClusterTls.insecure(config)) {
      return;
    }
    ClusterRoles roles = ClusterRoles.load(home, host);
    boolean personal = !roles.configured();
    SecurityFiles files = SecurityFiles.of(home);
    boolean centralManager = specs.stream().anyMatch(s -> s.name().equals("negotiator"));
    if (!files.holdCa() && !personal && !centralManager) {
      LOG.info("no cluster CA key in {}: this machine's certificates must be issued on the CA host and copied",
          files.caDir());
      return;
    }
    CertificateAuthority ca = CertificateAuthority.initialise(files, host, clock);
    List<String> names = sanNames(host, personal);
    for (DaemonSpec spec : specs) {
      Role role = spec.isStartd() ? Role.STARTD : spec.name().equals("schedd") ? Role.SCHEDD : Role.NEGOTIATOR;
      String name = spec.isStartd() ? spec.name().substring("startd-".length()) : host;
      if (!ca.holdsValid(role, name, RENEW_MARGIN)) {
        ca.issue(role, name, names);
      }
    }
    if (!ca.holdsValid(Role.CLIENT, user, RENEW_MARGIN)) {
      ca.issue(Role.CLIENT, user, List.of("localhost", "127.0.0.1"));
    }
  }

  /** The extra SAN entries: loopback for a personal cluster, else the host and its address. */
  private static List<String> sanNames(String host, boolean personal) {
    List<String> names = new ArrayList<>(List.of(host, "localhost", "127.0.0.1"));
    if (!personal) {
      try {
        names.add(InetAddress.getByName(host).getHostAddress());
      } catch (UnknownHostException e) {
        LOG.warn("{} does not resolve: its certificate names no address", host);
      }
    }
    return names;
  }
}
