package org.openll.common.metrics;

import com.google.common.util.concurrent.AbstractIdleService;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * A daemon's Prometheus endpoint: {@code GET /metrics} on the loopback address only, over the
 * daemon's own registry. Once listening it publishes {@code host:port} in {@code run/NAME.metrics}
 * (atomically, like {@code run/NAME.addr}), and withdraws it when it stops, with the daemon.
 * A port that cannot be bound (taken) is logged as an error and the daemon runs on without metrics.
 * The JVM's metrics (memory, GC, threads, classes, CPU) are added to the registry when it starts,
 * on the service's own thread, off the daemon's startup path. With metrics off it is a service
 * that does nothing.
 */
public final class MetricsServer extends AbstractIdleService {
  private static final Logger LOG = LogManager.getLogger(MetricsServer.class);
  public static final String FILE_SUFFIX = ".metrics";

  private final String daemonName;
  private final Path runDir;
  private final MetricsSettings settings;
  private final PrometheusRegistry registry;
  private volatile HTTPServer server;

  public MetricsServer(String daemonName, Path runDir, MetricsSettings settings, PrometheusRegistry registry) {
    this.daemonName = daemonName;
    this.runDir = runDir;
    this.settings = settings;
    this.registry = registry;
  }

  /** The file where daemon {@code daemonName} publishes its metrics address. */
  public static Path addressFile(Path runDir, String daemonName) {
    return runDir.resolve(daemonName + FILE_SUFFIX);
  }

  /** The published metrics address ({@code 127.0.0.1:PORT}) of {@code daemonName}, if it serves metrics now. */
  public static Optional<String> readAddress(Path runDir, String daemonName) {
    try {
      String text = Files.readString(addressFile(runDir, daemonName)).strip();
      return text.isEmpty() ? Optional.empty() : Optional.of(text);
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  @Override
  protected void startUp() throws IOException {
    if (!settings.enabled()) {
      LOG.info("{}: metrics off", daemonName);
      return;
    }
    JvmMetrics.builder().register(registry);
    InetAddress loopback = InetAddress.getByName("127.0.0.1");
    HTTPServer started;
    try {
      started = HTTPServer.builder().inetAddress(loopback).port(settings.port()).registry(registry).buildAndStart();
    } catch (IOException e) {
      // metrics are not worth stopping a daemon for: it runs on, unobserved, and says so
      LOG.error("{}: cannot serve metrics on 127.0.0.1:{} ({}); running without metrics", daemonName,
          settings.port(), e.toString());
      return;
    }
    server = started;
    String address = loopback.getHostAddress() + ":" + started.getPort();
    try {
      publish(address);
    } catch (IOException e) {
      started.close();
      throw e;
    }
    LOG.info("{} serves metrics on http://{}/metrics", daemonName, address);
  }

  /** The port metrics are served on; empty while stopped or with metrics off. */
  public Optional<Integer> port() {
    HTTPServer s = server;
    return s == null ? Optional.empty() : Optional.of(s.getPort());
  }

  private void publish(String address) throws IOException {
    Files.createDirectories(runDir);
    Path tmp = runDir.resolve(daemonName + FILE_SUFFIX + ".tmp");
    Files.writeString(tmp, address + "\n");
    Files.move(tmp, addressFile(runDir, daemonName), StandardCopyOption.REPLACE_EXISTING,
        StandardCopyOption.ATOMIC_MOVE);
  }

  @Override
  protected void shutDown() {
    HTTPServer s = server;
    if (s == null) {
      return;
    }
    try {
      Files.deleteIfExists(addressFile(runDir, daemonName));
    } catch (IOException ignored) {
      // a stale file only points at a port nothing answers on
    }
    s.close();
    server = null;
  }
}
