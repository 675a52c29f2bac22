package org.openll.startd;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a scrape of the startd's own metrics shows. */
class StartdMetricsTest {
  @TempDir Path dir;

  @Test
  void scrape_showsStartersStepsAndThePoolByState() throws Exception {
    ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    try {
      StepLauncher launcher = new StepLauncher(new ClaimTable(new MachineIdentity("node1", 2, "s"),
          MachineOffer.none(Path.of(""))), new ScheddReporter("node1", FakeSchedd.channels(), timer,
          ScheddReporter.Settings.defaults()), StarterCommand.forThisJvm(), dir, "node1", Duration.ofSeconds(1),
          Clock.systemUTC());
      PrometheusRegistry registry = new PrometheusRegistry();
      StartdMetrics.register(registry, launcher);

      ByteArrayOutputStream text = new ByteArrayOutputStream();
      PrometheusTextFormatWriter.create().write(text, registry.scrape());
      String scraped = text.toString(StandardCharsets.UTF_8);

      assertTrue(scraped.contains("openll_startd_starters 0"), scraped);
      assertTrue(scraped.contains("openll_startd_pooled_starters{state=\"ready\"} 0"), scraped);
      assertTrue(scraped.contains("openll_startd_pooled_starters{state=\"leased\"} 0"), scraped);
      assertTrue(scraped.contains("openll_startd_steps_started_pooled_total 0"), scraped);
    } finally {
      timer.shutdownNow();
    }
  }
}
