package org.oauthdropins.docs;

// readme:start metrics
import io.micrometer.core.instrument.MeterRegistry;
import org.oauthdropins.Site;
import org.oauthdropins.SiteOptions;
import org.oauthdropins.github.GitHub;
import org.oauthdropins.micrometer.MicrometerLoginListener;

// readme:end

/** The README's metrics setup without Spring Boot. */
final class MetricsSetup {

  private MetricsSetup() {}

  static Site withMetrics(MeterRegistry registry) {
    // readme:start metrics
    Site github =
        GitHub.create(SiteOptions.defaults().withListener(new MicrometerLoginListener(registry)));
    // readme:end
    return github;
  }
}
