package org.openll.negotiator.policy;

import com.google.common.util.concurrent.Service;
import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.multibindings.Multibinder;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import org.openll.common.cluster.ClusterHome;
import org.openll.common.config.LoadLConfig;
import org.openll.negotiator.cycle.NegotiatorExecutor;
import org.openll.negotiator.cycle.PolicySource;
import org.openll.negotiator.fairshare.FairShareKeeper;
import org.openll.negotiator.fairshare.FairShareLedger;
import org.openll.negotiator.fairshare.FairShareStore;
import org.openll.negotiator.favor.FavorList;
import org.openll.negotiator.favor.FavorRequests;

/**
 * Binds the cycle's policy: LoadL_config and LoadL_admin (reloaded by reconfig), the fair-share
 * ledger (loaded from and saved to {@code spool/negotiator/}, every
 * {@code FAIR_SHARE_SAVE_INTERVAL}, default 5 s, and at stop) and the favored lists.
 */
public final class PolicyModule extends AbstractModule {
  public static final Duration DEFAULT_SAVE_INTERVAL = Duration.ofSeconds(5);

  @Override
  protected void configure() {
    Multibinder.newSetBinder(binder(), Service.class).addBinding().to(FairShareKeeper.class);
  }

  static Path spool(ClusterHome home) {
    return home.spoolDir().resolve("negotiator");
  }

  @Provides
  @Singleton
  PolicyInputs inputs(ClusterHome home) throws IOException {
    return new PolicyInputs(() -> PolicyFiles.load(home));
  }

  @Provides
  @Singleton
  FairShareStore store(ClusterHome home) {
    return new FairShareStore(spool(home).resolve(FairShareStore.FILE_NAME));
  }

  @Provides
  @Singleton
  FairShareLedger ledger(FairShareStore store) {
    try {
      return new FairShareLedger(store.load());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + store.file(), e);
    }
  }

  @Provides
  @Singleton
  FairShareKeeper keeper(FairShareLedger ledger, FairShareStore store,
      @NegotiatorExecutor ScheduledExecutorService executor, LoadLConfig config) {
    return new FairShareKeeper(ledger, store, executor,
        config.getDuration("FAIR_SHARE_SAVE_INTERVAL", DEFAULT_SAVE_INTERVAL));
  }

  @Provides
  @Singleton
  FavorList favors(ClusterHome home) throws IOException {
    return new FavorList(spool(home).resolve(FavorList.FILE_NAME));
  }

  @Provides
  @Singleton
  FavorRequests favorRequests(FavorList favors, PolicyInputs inputs) {
    return new FavorRequests(favors, inputs);
  }

  @Provides
  @Singleton
  PolicySource policySource(PolicyInputs inputs, FairShareLedger ledger, FavorList favors) {
    return new NegotiatorPolicy(inputs, ledger, favors);
  }
}
