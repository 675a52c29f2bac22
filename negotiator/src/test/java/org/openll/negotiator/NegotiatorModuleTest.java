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
        org.openll.negotiator.fairshare.FairShareKeeper.class),
        services.stream().map(Object::getClass).collect(java.util.stream.Collectors.toSet()));
    assertEquals(injector.getInstance(CycleRunner.class), injector.getInstance(CycleTrigger.class));
  }
}
