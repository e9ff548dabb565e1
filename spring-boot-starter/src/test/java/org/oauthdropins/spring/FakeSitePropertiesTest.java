package org.oauthdropins.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.oauthdropins.testkit.Browser;
import org.oauthdropins.testkit.Fake;
import org.oauthdropins.testkit.FakeBluesky;
import org.oauthdropins.testkit.FakeGoogle;
import org.oauthdropins.testkit.FakeMastodon;
import org.oauthdropins.testkit.spring.FakeSiteProperties;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Properties alone point every kind of site at its fake, Mastodon and Bluesky included: the
 * properties {@code @OAuthDropinsTest} sets, here on an app booted by hand on a real Tomcat. {@code
 * allow-loopback} relaxes the SSRF guard for one site of one app on loopback, nowhere else.
 */
class FakeSitePropertiesTest {

  @TempDir Path dir;

  @SpringBootConfiguration
  @EnableAutoConfiguration
  static class App {}

  private ConfigurableApplicationContext start(List<Fake> fakes, Map<String, Object> extra) {
    List<String> properties = new ArrayList<>();
    for (Fake f : fakes) {
      FakeSiteProperties.of(f).forEach((k, v) -> properties.add(k + "=" + v));
    }
    extra.forEach((k, v) -> properties.add(k + "=" + v));
    return new SpringApplicationBuilder(App.class)
        .properties("server.port=0", "server.address=127.0.0.1")
        .properties("oauth-dropins.store.directory=" + dir)
        .properties(properties.toArray(String[]::new))
        .run();
  }

  private static URI app(ConfigurableApplicationContext ctx, String path) {
    return URI.create(
        "http://127.0.0.1:" + ctx.getEnvironment().getProperty("local.server.port") + path);
  }

  /** A login from the start form with the fake's inputs to the app's finish page. */
  private static Browser.Page login(ConfigurableApplicationContext ctx, Fake fake) {
    Browser browser = new Browser();
    Browser.Page consent = browser.post(app(ctx, "/" + fake.name() + "/start"), fake.startParams());
    assertThat(consent.status()).as(fake.name() + ": " + consent.body()).isEqualTo(200);
    return browser.click(consent, "Approve");
  }

  @Test
  void mastodonBlueskyAndGoogleSignInThroughTheirFakesFromPropertiesAlone() {
    try (FakeMastodon mastodon = new FakeMastodon();
        FakeBluesky bluesky = new FakeBluesky();
        FakeGoogle google = new FakeGoogle();
        ConfigurableApplicationContext ctx = start(List.of(mastodon, bluesky, google), Map.of())) {
      google.registerRedirectUri(app(ctx, "/google_signin/oauth_callback"));
      for (Fake fake : List.<Fake>of(mastodon, bluesky, google)) {
        Browser.Page done = login(ctx, fake);
        assertThat(done.url().getPath()).as(fake.name()).isEqualTo("/");
        assertThat(done.url().getRawQuery()).as(fake.name()).contains("auth_entity=");
      }
    }
  }

  @Test
  void withoutAllowLoopbackTheGuardRefusesTheFakeInstance() {
    try (FakeMastodon mastodon = new FakeMastodon();
        ConfigurableApplicationContext ctx =
            start(
                List.of(mastodon),
                Map.of("oauth-dropins.sites[mastodon].allow-loopback", "false"))) {
      Browser.Page page = new Browser().post(app(ctx, "/mastodon/start"), mastodon.startParams());
      assertThat(page.status()).as(page.body()).isBetween(400, 599);
      assertThat(page.body()).doesNotContain("Approve");
    }
  }

  @Test
  void allowLoopbackIsRefusedWhenTheAppIsNotOnLoopback() {
    new WebApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(OAuthDropinsAutoConfiguration.class))
        .withPropertyValues(
            "oauth-dropins.store.directory=" + dir,
            "oauth-dropins.base-url=https://app.example",
            "oauth-dropins.sites.mastodon.allow-loopback=true")
        .run(
            ctx ->
                assertThat(ctx.getStartupFailure())
                    .rootCause()
                    .hasMessageContaining("oauth-dropins.sites.mastodon.allow-loopback=true")
                    .hasMessageContaining("https://app.example"));
  }
}
