package org.openll.common.metrics;

import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.OptionalDouble;

/** Test helper: a registry in Prometheus' text format, and one sample's value read from such text. */
public final class MetricsText {
  private MetricsText() {}

  public static String render(PrometheusRegistry registry) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      PrometheusTextFormatWriter.create().write(out, registry.scrape(), io.prometheus.metrics.config.EscapingScheme.UNDERSCORE_ESCAPING);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  /** The value of the sample whose name and labels are exactly {@code sample} (e.g. {@code a_total{code="OK"}}). */
  public static OptionalDouble value(String text, String sample) {
    for (String line : text.split("\n")) {
      if (line.startsWith(sample + " ")) {
        String rest = line.substring(sample.length() + 1).strip();
        int space = rest.indexOf(' ');
        return OptionalDouble.of(Double.parseDouble(space < 0 ? rest : rest.substring(0, space)));
      }
    }
    return OptionalDouble.empty();
  }
}
