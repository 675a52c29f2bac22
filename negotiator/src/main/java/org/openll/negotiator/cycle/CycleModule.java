package org.openll.negotiator.cycle;

import com.google.common.util.concurrent.Service;
import com.google.common.util.concurrent.ThreadFactoryBuilder;
import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.multibindings.Multibinder;
import jakarta.inject.Singleton;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.openll.common.expr.ExpressionCache;
import org.openll.negotiator.match.Matchmaker;
import org.openll.negotiator.registry.PoolRegistry;

/** Binds the registry, the matchmaker and the cycle runner, and runs the latter as a service. */
public final class CycleModule extends AbstractModule {
  @Override
  protected void configure() {
    bind(ExpressionCache.class).in(Singleton.class);
    bind(Matchmaker.class).in(Singleton.class);
    bind(PoolRegistry.class).in(Singleton.class);
    bind(CycleRunner.class).in(Singleton.class);
    bind(CycleTrigger.class).to(CycleRunner.class);
    bind(LostMachineWatch.class).in(Singleton.class);
    Multibinder<Service> services = Multibinder.newSetBinder(binder(), Service.class);
    services.addBinding().to(CycleRunner.class);
    services.addBinding().to(LostMachineWatch.class);
  }

  /** One daemon thread: cycles never overlap anyway, and it must not keep the JVM alive. */
  @Provides
  @Singleton
  @NegotiatorExecutor
  ScheduledExecutorService executor() {
    return Executors.newSingleThreadScheduledExecutor(
        new ThreadFactoryBuilder().setNameFormat("negotiator-cycle").setDaemon(true).build());
  }
}
