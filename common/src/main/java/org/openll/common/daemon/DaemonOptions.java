package org.openll.common.daemon;

import com.beust.jcommander.Parameter;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.openll.common.cluster.ClusterHome;
import org.openll.common.config.LoadLConfig;
import org.openll.common.grpc.HostPort;

/** Flags every daemon takes. Each daemon adds its own with a second options object. */
public final class DaemonOptions {
  @Parameter(names = "--home", description = "the cluster's folder; default $OPENLL_HOME, else ~/.openll")
  public String home;

  @Parameter(names = "--listen", description = "host:port to listen on; port 0 picks a free port (default 127.0.0.1:0)")
  public String listen = "127.0.0.1:0";

  @Parameter(names = {"-h", "--help"}, help = true, description = "print this help")
  public boolean help;

  public ClusterHome clusterHome() {
    return home == null ? ClusterHome.fromEnvironment(System.getenv()) : new ClusterHome(java.nio.file.Path.of(home));
  }

  public HostPort listenAddress() {
    return HostPort.parse(listen);
  }

  /** The cluster's LoadL_config, or defaults when it has none. */
  public LoadLConfig config() {
    try {
      return LoadLConfig.load(clusterHome().configFile());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + clusterHome().configFile(), e);
    }
  }
}
