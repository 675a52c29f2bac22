package org.openll.common.control;

import io.grpc.stub.StreamObserver;
import java.io.IOException;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.openll.api.v1.DaemonControlGrpc;
import org.openll.api.v1.ReconfigRequest;
import org.openll.api.v1.ReconfigResponse;
import org.openll.common.config.ConfigException;
import org.openll.common.errors.OpenllException;

/**
 * gRPC adapter of {@link Reconfigurable}: a configuration error becomes INVALID_ARGUMENT with the
 * file and line, an unreadable file UNAVAILABLE (the error interceptor maps them).
 */
public final class DaemonControlService extends DaemonControlGrpc.DaemonControlImplBase {
  private static final Logger LOG = LogManager.getLogger(DaemonControlService.class);

  private final String daemonName;
  private final Reconfigurable target;

  public DaemonControlService(String daemonName, Reconfigurable target) {
    this.daemonName = daemonName;
    this.target = target;
  }

  @Override
  public void reconfig(ReconfigRequest request, StreamObserver<ReconfigResponse> response) {
    try {
      var changed = target.reconfigure();
      LOG.info("reconfig by {}: {}", request.getRequester(), changed.isEmpty() ? "nothing changed" : changed);
      response.onNext(ReconfigResponse.newBuilder().setDaemon(daemonName).addAllChanged(changed).build());
      response.onCompleted();
    } catch (ConfigException e) {
      LOG.warn("reconfig by {} refused; keeping the last good configuration: {}", request.getRequester(),
          e.getMessage());
      throw OpenllException.invalidArgument(e.getMessage());
    } catch (IOException e) {
      throw OpenllException.unavailable("reconfig: " + e.getMessage(), e);
    }
  }
}
