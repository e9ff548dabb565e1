package org.oauthdropins.docs;

// readme:start metrics
import io.micrometer.core.instrument.MeterRegistry;
import org.oauthdropins.SiteOptions;
import org.oauthdropins.engine.oauth2.OAuth2Site;
import org.oauthdropins.micrometer.MicrometerLoginListener;
import org.oauthdropins.sites.github.GitHub;
import org.oauthdropins.sites.github.GitHubAuth;

// readme:end

/** The README's metrics setup without Spring Boot. */
final class MetricsSetup {

  private MetricsSetup() {}

  static OAuth2Site<GitHubAuth> withMetrics(MeterRegistry registry) {
    // readme:start metrics
    OAuth2Site<GitHubAuth> github =
        GitHub.create(SiteOptions.defaults().withListener(new MicrometerLoginListener(registry)));
    // readme:end
    return github;
  }
}
