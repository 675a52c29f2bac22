package org.openll.schedd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.util.concurrent.Service;
import com.google.common.util.concurrent.ServiceManager;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.Stage;
import com.google.inject.TypeLiteral;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openll.api.v1.DaemonControlGrpc;
import org.openll.api.v1.JobSpec;
import org.openll.api.v1.QueryStepsRequest;
import org.openll.api.v1.ReconfigRequest;
import org.openll.api.v1.ScheddGrpc;
import org.openll.api.v1.StepSpec;
import org.openll.api.v1.SubmitJobRequest;
import org.openll.common.cluster.ClusterHome;
import org.openll.common.config.LoadLConfig;
import org.openll.common.grpc.Channels;
import org.openll.common.security.ClusterTls;
import org.openll.common.security.Role;
import org.openll.common.grpc.HostPort;

class ScheddModuleTest {
  @TempDir
  Path dir;

  @Test
  void daemon_startedOnPortZero_publishesAddressKeepsJobsAcrossRestart() throws Exception {
    ClusterHome home = new ClusterHome(dir);
    JobSpec job = JobSpec.newBuilder().setJobFileName("/tmp/j").setSubmitHost("h").setSubmitDir("/tmp")
        .addSteps(StepSpec.newBuilder().setStepName("0").setExecutable("/bin/true").setInput("/dev/null")
            .setOutput("/dev/null").setError("/dev/null").setInitialdir("/tmp").setJobClass("No_Class").setCpus(1))
        .build();

    ClusterTls client = ClusterTls.selfIssued(home, Role.CLIENT, "alice");
    try (Daemon d = new Daemon(home)) {
      String address = home.readAddress("schedd").orElseThrow();
      ManagedChannel channel = Channels.open(HostPort.parse(address), client);
      try {
        var response = ScheddGrpc.newBlockingStub(channel)
            .submitJob(SubmitJobRequest.newBuilder().setJob(job).setOwner("alice").build());
        assertEquals("node1.1", response.getJobId());
      } finally {
        Channels.close(channel);
      }
    }
    assertTrue(Files.exists(home.scheddSpool().resolve("queue.db")));
    assertTrue(home.readAddress("schedd").isEmpty());

    try (Daemon d = new Daemon(home)) {
      ManagedChannel channel = Channels.open(HostPort.parse(home.readAddress("schedd").orElseThrow()), client);
      try {
        var stub = ScheddGrpc.newBlockingStub(channel);
        assertEquals(1, stub.querySteps(QueryStepsRequest.getDefaultInstance()).getStepsCount());
        // alice's certificate makes her alice: she cannot submit as bob, nor reconfigure the schedd
        assertEquals(Status.Code.PERMISSION_DENIED, assertThrows(StatusRuntimeException.class, () -> stub.submitJob(
            SubmitJobRequest.newBuilder().setJob(job).setOwner("bob").build())).getStatus().getCode());
        assertEquals("node1.2", stub.submitJob(SubmitJobRequest.newBuilder().setJob(job).build()).getJobId());
        assertEquals("alice", stub.querySteps(QueryStepsRequest.getDefaultInstance()).getSteps(1).getOwner());
        assertEquals(Status.Code.PERMISSION_DENIED, assertThrows(StatusRuntimeException.class, () ->
            DaemonControlGrpc.newBlockingStub(channel).reconfig(ReconfigRequest.getDefaultInstance())).getStatus().getCode());
      } finally {
        Channels.close(channel);
      }
      // LOADL_ADMIN's default is the daemon's user
      ClusterTls administrator = ClusterTls.selfIssued(home, Role.CLIENT, System.getProperty("user.name"));
      ManagedChannel adminChannel = Channels.open(HostPort.parse(home.readAddress("schedd").orElseThrow()), administrator);
      try {
        assertEquals("schedd", DaemonControlGrpc.newBlockingStub(adminChannel)
            .reconfig(ReconfigRequest.getDefaultInstance()).getDaemon());
      } finally {
        Channels.close(adminChannel);
      }
    }
  }

  /** The schedd's services, started and stopped like DaemonRunner does; no negotiator is published. */
  private static final class Daemon implements AutoCloseable {
    final ServiceManager manager;

    Daemon(ClusterHome home) throws Exception {
      Injector injector = Guice.createInjector(Stage.PRODUCTION, new ScheddModule(home, LoadLConfig.empty(),
          HostPort.parse("127.0.0.1:0"), "node1", Optional.empty()));
      manager = new ServiceManager(injector.getInstance(Key.get(new TypeLiteral<Set<Service>>() {})));
      manager.startAsync().awaitHealthy(Duration.ofSeconds(20));
    }

    @Override
    public void close() throws Exception {
      manager.stopAsync().awaitStopped(Duration.ofSeconds(20));
    }
  }
}
