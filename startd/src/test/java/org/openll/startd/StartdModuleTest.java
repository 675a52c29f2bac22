package org.openll.startd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.inject.Guice;
import com.google.inject.Injector;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openll.api.v1.DaemonControlGrpc;
import org.openll.api.v1.ReconfigRequest;
import org.openll.api.v1.ReconfigResponse;
import org.openll.common.daemon.DaemonOptions;
import org.openll.common.grpc.Channels;
import org.openll.common.cluster.ClusterHome;
import org.openll.common.security.ClusterTls;
import org.openll.common.security.Role;
import org.openll.common.grpc.GrpcServerService;

/** The startd's wiring: its gRPC server answers DaemonControl.Reconfig beside Startd. */
class StartdModuleTest {
  @TempDir Path home;

  @Test
  void reconfig_overGrpc_appliesLocalConfigAndRefusesABadFile() throws Exception {
    Files.writeString(home.resolve("LoadL_config"), "LOCAL_CONFIG = $(host).local\nSTARTER_CONTAINMENT = proc\nLOADL_ADMIN = admin\n");
    Files.writeString(home.resolve("HOST-1.local"), "CLASS = small(1)\n");
    DaemonOptions daemon = new DaemonOptions();
    daemon.home = home.toString();
    StartdOptions startd = new StartdOptions();
    startd.machine = "HOST-1";
    startd.cpus = 2;
    ClusterTls client = ClusterTls.selfIssued(new ClusterHome(home), Role.CLIENT, "admin");
    Injector injector = Guice.createInjector(new StartdModule(daemon, startd));
    GrpcServerService server = injector.getInstance(GrpcServerService.class);
    server.startAsync().awaitRunning();
    ManagedChannel channel = Channels.open(server.boundAddress(), client);
    try {
      var stub = DaemonControlGrpc.newBlockingStub(channel);
      Files.writeString(home.resolve("HOST-1.local"), "CLASS = small(3)\n");

      ReconfigResponse response = stub.reconfig(ReconfigRequest.newBuilder().setRequester("admin").build());

      assertEquals("startd HOST-1", response.getDaemon());
      assertEquals(List.of("CLASS small(3)"), response.getChangedList());
      assertEquals(Map.of("small", 3), injector.getInstance(ClaimTable.class).offer().classSlots());

      Files.writeString(home.resolve("HOST-1.local"), "CLASS small\n");
      StatusRuntimeException refused = assertThrows(StatusRuntimeException.class,
          () -> stub.reconfig(ReconfigRequest.newBuilder().setRequester("admin").build()));
      assertEquals(Status.Code.INVALID_ARGUMENT, refused.getStatus().getCode());
      assertEquals(Map.of("small", 3), injector.getInstance(ClaimTable.class).offer().classSlots());
    } finally {
      Channels.close(channel);
      server.stopAsync().awaitTerminated();
      injector.getInstance(ScheddReporter.class).close();
      injector.getInstance(ScheduledExecutorService.class).shutdownNow();
    }
  }
}
