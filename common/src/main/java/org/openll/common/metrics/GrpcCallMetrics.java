package org.openll.common.metrics;

import io.grpc.ForwardingServerCall.SimpleForwardingServerCall;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Counts the gRPC calls a daemon's server completed, by full method name and status code
 * ({@code openll_grpc_server_calls_total{method="openll.v1.Schedd/Submit",code="OK"}}). A call is
 * counted once, when its status is sent. After the first call of a method and code, counting
 * allocates nothing beyond the wrapper of the call.
 */
public final class GrpcCallMetrics implements ServerInterceptor {
  public static final String CALLS = "openll_grpc_server_calls";

  private final Counter calls;
  private final ConcurrentHashMap<String, AtomicReferenceArray<CounterDataPoint>> byMethod = new ConcurrentHashMap<>();

  public GrpcCallMetrics(PrometheusRegistry registry) {
    this.calls = Counter.builder().name(CALLS).help("gRPC calls completed by this daemon, by method and status code")
        .labelNames("method", "code").register(registry);
  }

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
      ServerCallHandler<Q, R> next) {
    String method = call.getMethodDescriptor().getFullMethodName();
    return next.startCall(new SimpleForwardingServerCall<>(call) {
      @Override
      public void close(Status status, Metadata trailers) {
        count(method, status.getCode());
        super.close(status, trailers);
      }
    }, headers);
  }

  /** Counts one completed call of {@code method} with {@code code}. */
  void count(String method, Status.Code code) {
    AtomicReferenceArray<CounterDataPoint> points =
        byMethod.computeIfAbsent(method, m -> new AtomicReferenceArray<>(Status.Code.values().length));
    CounterDataPoint point = points.get(code.ordinal());
    if (point == null) {
      point = calls.labelValues(method, code.name());
      points.set(code.ordinal(), point);
    }
    point.inc();
  }
}
