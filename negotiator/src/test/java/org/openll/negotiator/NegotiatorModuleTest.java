package org.openll.negotiator;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.common.util.concurrent.Service;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.Stage;
import com.google.inject.TypeLiteral;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openll.common.cluster.ClusterHome;
import org.openll.common.config.LoadLConfig;
import org.openll.common.grpc.GrpcServerService;
import org.openll.common.grpc.HostPort;
import org.openll.negotiator.cycle.CycleRunner;
import org.openll.negotiator.cycle.CycleTrigger;
import org.openll.negotiator.cycle.LostMachineWatch;

class NegotiatorModuleTest {
  @Test
  void injector_bindsCycleRunnerLostMachineWatchAndGrpcServerAsServices(@TempDir Path home) {
    Injector injector = Guice.createInjector(Stage.PRODUCTION,
        new NegotiatorModule(new ClusterHome(home), HostPort.parse("127.0.0.1:0"), LoadLConfig.empty()));
    Set<Service> services = injector.getInstance(Key.get(new TypeLiteral<Set<Service>>() {}));
    assertEquals(Set.of(CycleRunner.class, LostMachineWatch.class, GrpcServerService.class,
        org.openll.negotiator.fairshare.FairShareKeeper.class, org.openll.common.metrics.MetricsServer.class),
        services.stream().map(Object::getClass).collect(java.util.stream.Collectors.toSet()));
    assertEquals(injector.getInstance(CycleRunner.class), injector.getInstance(CycleTrigger.class));
  }

  @Test
  void grpcServer_exposesDaemonControl_reconfigOfBadAdminFileRefusedWithFileAndLine(@TempDir Path home)
      throws Exception {
    var client = org.openll.common.security.ClusterTls.selfIssued(new ClusterHome(home),
        org.openll.common.security.Role.CLIENT, "root");
    Injector injector = Guice.createInjector(Stage.PRODUCTION,
        new NegotiatorModule(new ClusterHome(home), HostPort.parse("127.0.0.1:0"), LoadLConfig.empty()));
    GrpcServerService server = injector.getInstance(GrpcServerService.class);
    server.startAsync().awaitRunning();
    io.grpc.ManagedChannel channel = org.openll.common.grpc.Channels.open(
        HostPort.parse(new ClusterHome(home).readAddress("negotiator").orElseThrow()), client);
    try {
      var control = org.openll.api.v1.DaemonControlGrpc.newBlockingStub(channel)
          .withDeadlineAfter(10, java.util.concurrent.TimeUnit.SECONDS);
      var response = control.reconfig(org.openll.api.v1.ReconfigRequest.newBuilder().setRequester("root").build());
      assertEquals("negotiator", response.getDaemon());
      assertEquals(java.util.List.of(), response.getChangedList());

      java.nio.file.Files.writeString(home.resolve("LoadL_admin"), "maxjobs = 3\n");
      var e = org.junit.jupiter.api.Assertions.assertThrows(io.grpc.StatusRuntimeException.class,
          () -> control.reconfig(org.openll.api.v1.ReconfigRequest.newBuilder().setRequester("root").build()));
      assertEquals(io.grpc.Status.Code.INVALID_ARGUMENT, e.getStatus().getCode());
      org.junit.jupiter.api.Assertions.assertTrue(e.getStatus().getDescription().endsWith("LoadL_admin:1: keyword outside a stanza"),
          e.getStatus().getDescription());
    } finally {
      org.openll.common.grpc.Channels.close(channel);
      server.stopAsync().awaitTerminated();
    }
  }
}
