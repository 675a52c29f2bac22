package org.openll.cli;

import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.openll.api.v1.DaemonControlGrpc;
import org.openll.api.v1.MachineStatus;
import org.openll.api.v1.NegotiatorGrpc;
import org.openll.api.v1.QueryMachinesRequest;
import org.openll.api.v1.StatusRequest;
import org.openll.api.v1.StatusResponse;
import org.openll.common.cluster.ClusterHome;
import org.openll.common.cluster.DaemonAddresses;
import org.openll.common.grpc.Channels;
import org.openll.common.grpc.HostPort;

/**
 * Asks the daemons of a cluster home whether they are up: each daemon's published address and
 * its {@code grpc.health.v1} answer, and the machines the negotiator sees up. Keeps one channel
 * per address until closed.
 */
final class ClusterProbe implements AutoCloseable {
  private final ClusterHome home;
  private final ChannelFactory channels;
  private final Duration callDeadline;
  private final Map<String, ManagedChannel> open = new HashMap<>();

  ClusterProbe(ClusterHome home, ChannelFactory channels, Duration callDeadline) {
    this.home = home;
    this.channels = channels;
    this.callDeadline = callDeadline;
  }

  /** The daemon's published address, if it has a well-formed one. */
  Optional<HostPort> address(String daemonName) {
    try {
      return DaemonAddresses.lookup(home, daemonName).map(HostPort::parse);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** True when the daemon published an address and answers SERVING there. */
  boolean healthy(String daemonName) {
    Optional<HostPort> address = address(daemonName);
    if (address.isEmpty()) {
      return false;
    }
    try {
      return HealthGrpc.newBlockingStub(channel(daemonName, address.get()))
          .withDeadlineAfter(callDeadline.toMillis(), TimeUnit.MILLISECONDS)
          .check(HealthCheckRequest.getDefaultInstance())
          .getStatus() == ServingStatus.SERVING;
    } catch (StatusRuntimeException e) {
      return false;
    }
  }

  /** The daemon's answer to {@code DaemonControl.Status}; empty when it does not answer (or is older). */
  Optional<StatusResponse> status(String daemonName) {
    Optional<HostPort> address = address(daemonName);
    if (address.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(DaemonControlGrpc.newBlockingStub(channel(daemonName, address.get()))
          .withDeadlineAfter(callDeadline.toMillis(), TimeUnit.MILLISECONDS)
          .status(StatusRequest.getDefaultInstance()));
    } catch (StatusRuntimeException e) {
      return Optional.empty();
    }
  }

  /** How many of {@code machines} the negotiator reports up; 0 when it does not answer. */
  int machinesUp(Set<String> machines) {
    return (int) machines().values().stream()
        .filter(MachineStatus::getUp)
        .filter(m -> machines.contains(m.getAd().getMachine()))
        .count();
  }

  /** The machines the negotiator knows, by name; empty when it does not answer. */
  Map<String, MachineStatus> machines() {
    Optional<HostPort> address = address("negotiator");
    if (address.isEmpty()) {
      return Map.of();
    }
    try {
      return NegotiatorGrpc.newBlockingStub(channel("negotiator", address.get()))
          .withDeadlineAfter(callDeadline.toMillis(), TimeUnit.MILLISECONDS)
          .queryMachines(QueryMachinesRequest.getDefaultInstance())
          .getMachinesList().stream()
          .collect(Collectors.toMap(m -> m.getAd().getMachine(), m -> m, (a, b) -> b));
    } catch (StatusRuntimeException e) {
      return Map.of();
    }
  }

  /**
   * The channel to {@code daemonName}: its Unix socket when it answers there, else {@code address};
   * UNAVAILABLE while this user's certificate is not there (yet: llctl start). A TCP channel is kept
   * per address, so a daemon that moved is reached at its new one.
   */
  private ManagedChannel channel(String daemonName, HostPort address) {
    try {
      ManagedChannel local = open.get("unix:" + daemonName);
      if (local != null) {
        return local;
      }
      Optional<ManagedChannel> socket = channels.openLocal(daemonName);
      if (socket.isPresent()) {
        open.put("unix:" + daemonName, socket.get());
        return socket.get();
      }
      return open.computeIfAbsent(address.toString(), a -> channels.open(address));
    } catch (java.io.UncheckedIOException e) {
      throw io.grpc.Status.UNAVAILABLE.withDescription(e.getCause().getMessage()).asRuntimeException();
    }
  }

  @Override
  public void close() {
    open.values().forEach(Channels::close);
    open.clear();
  }
}
