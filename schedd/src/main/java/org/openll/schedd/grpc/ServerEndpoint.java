package org.openll.schedd.grpc;

import com.google.inject.Provider;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.openll.common.errors.OpenllException;
import org.openll.common.grpc.GrpcServerService;
import org.openll.schedd.queue.ScheddEndpoint;

/**
 * This schedd's name and the address its gRPC server is bound to. The server comes through a
 * provider: it serves the queue, which needs this endpoint.
 */
final class ServerEndpoint implements ScheddEndpoint {
  private static final Duration START_WAIT = Duration.ofSeconds(30);

  private final String name;
  private final Provider<GrpcServerService> server;

  ServerEndpoint(String name, Provider<GrpcServerService> server) {
    this.name = name;
    this.server = server;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String address() {
    GrpcServerService server = this.server.get();
    try {
      server.awaitRunning(START_WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException | IllegalStateException e) {
      throw OpenllException.unavailable("the schedd's gRPC server is not running", e);
    }
    return server.boundAddress().toString();
  }
}
