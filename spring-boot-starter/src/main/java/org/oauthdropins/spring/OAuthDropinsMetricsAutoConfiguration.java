package org.oauthdropins.spring;

import io.micrometer.core.instrument.MeterRegistry;
import org.oauthdropins.micrometer.MicrometerLoginListener;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Records every login of the mounted sites in the app's Micrometer registry ({@code
 * oauth_dropins_logins}, {@code oauth_dropins_refreshes}; see {@link MicrometerLoginListener}) when
 * the app has one: with {@code spring-boot-starter-actuator}, Actuator's metrics endpoint shows
 * them. After Boot's metrics configuration, which makes the registry; before ours, which hands the
 * listener to the sites.
 */
@AutoConfiguration(
    afterName = {
      "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
      "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration"
    },
    before = OAuthDropinsAutoConfiguration.class)
@ConditionalOnClass(name = "io.micrometer.core.instrument.MeterRegistry")
@ConditionalOnBean(type = "io.micrometer.core.instrument.MeterRegistry")
public class OAuthDropinsMetricsAutoConfiguration {

  @Bean
  @ConditionalOnMissingBean
  MicrometerLoginListener oauthDropinsMetrics(MeterRegistry registry) {
    return new MicrometerLoginListener(registry);
  }
}
