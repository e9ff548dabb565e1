package org.oauthdropins.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.oauthdropins.Mount;
import org.oauthdropins.testkit.Browser;
import org.oauthdropins.testkit.FakeBluesky;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code oauth-dropins.sandbox=true}: an app with no credentials at all serves the fakes' consent
 * pages on a real Tomcat, and the sandbox refuses to run anywhere but loopback or without the
 * testkit.
 */
class SandboxTest {

  @TempDir Path dir;

  @SpringBootConfiguration
  @EnableAutoConfiguration
  static class App {}

  private ConfigurableApplicationContext start(String... properties) {
    return new SpringApplicationBuilder(App.class)
        .properties("server.port=0", "server.address=127.0.0.1")
        .properties("oauth-dropins.store.directory=" + dir)
        .properties(properties)
        .run();
  }

  private static URI app(ConfigurableApplicationContext ctx, String path) {
    return URI.create(
        "http://127.0.0.1:" + ctx.getEnvironment().getProperty("local.server.port") + path);
  }

  @Test
  void withoutCredentialsAConfiguredSiteSignsInThroughItsFake() throws Exception {
    String[] log = new String[1];
    String logged =
        SiteConfigurationFailureTest.logged(
            () -> {
              try (ConfigurableApplicationContext ctx =
                  start(
                      "oauth-dropins.sandbox=true",
                      "oauth-dropins.sites.github.enabled=true",
                      "oauth-dropins.sites.mastodon.scopes=read:statuses")) {
                assertThat(ctx.getBean(DropinSites.class).sites())
                    .extracting(s -> s.name())
                    .containsExactly("github", "mastodon");
                Browser browser = new Browser();
                Browser.Page consent =
                    browser.post(app(ctx, "/github/start"), Map.of("state", "s1"));
                assertThat(consent.status()).as(consent.body()).isEqualTo(200);
                assertThat(consent.html().select("button").eachText()).contains("Approve");
                Browser.Page done = browser.click(consent, "Approve");
                assertThat(done.redirects())
                    .extracting(URI::getPath)
                    .contains("/github/oauth_callback");
                assertThat(done.url().getRawQuery()).contains("auth_entity=").contains("state=s1");
                log[0] = "ok";
              }
            });
    assertThat(log[0]).isEqualTo("ok");
    assertThat(logged)
        .containsOnlyOnce("oauth-dropins SANDBOX")
        .contains("WARN")
        .contains("[github, mastodon]");
  }

  @Test
  void aSiteWhereTheUserNamesTheServerHasItsFakesAddressFilledInAndLogged() throws Exception {
    String[] address = new String[1];
    String logged =
        SiteConfigurationFailureTest.logged(
            () -> {
              try (ConfigurableApplicationContext ctx =
                  start(
                      "oauth-dropins.sandbox=true", "oauth-dropins.sites.mastodon.enabled=true")) {
                DropinSites sites = ctx.getBean(DropinSites.class);
                Browser browser = new Browser();
                Browser.Page home =
                    new Browser.Page(200, app(ctx, "/"), sites.buttons("", ""), List.of());
                org.jsoup.nodes.Element instance =
                    home.html().selectFirst("form[action='/mastodon/start'] input[name=instance]");
                address[0] = instance.attr("value");
                assertThat(address[0]).startsWith("http://127.0.0.1:");
                Browser.Page consent =
                    browser.submitForm(home, "/mastodon/start", Map.of("instance", address[0]));
                assertThat(consent.status()).as(consent.body()).isEqualTo(200);
                assertThat(consent.html().select("button").eachText()).contains("Approve");
              }
            });
    assertThat(logged).contains("mastodon").contains(address[0]);
  }

  @Test
  void withNoSiteConfiguredEverySiteWithAFakeIsMounted() {
    try (ConfigurableApplicationContext ctx = start("oauth-dropins.sandbox=true")) {
      List<String> names =
          ctx.getBean(DropinSites.class).mounts().stream()
              .map(Mount::site)
              .map(s -> s.name())
              .toList();
      assertThat(names).contains("github", "google_signin", "mastodon", "bluesky", "twitter");
      Browser browser = new Browser();
      Browser.Page consent =
          browser.post(app(ctx, "/bluesky/start"), Map.of("handle", FakeBluesky.HANDLE));
      assertThat(consent.status()).as(consent.body()).isEqualTo(200);
      assertThat(consent.html().select("button").eachText()).contains("Approve");
    }
  }

  @Test
  void offByDefault() {
    try (ConfigurableApplicationContext ctx = start()) {
      assertThat(ctx.getBean(DropinSites.class).mounts()).isEmpty();
    }
  }

  private WebApplicationContextRunner runner() {
    return new WebApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(OAuthDropinsAutoConfiguration.class))
        .withPropertyValues("oauth-dropins.store.directory=" + dir, "oauth-dropins.sandbox=true");
  }

  @Test
  void aPublicBaseUrlIsRefusedWithAClearAnalysis() {
    runner()
        .withPropertyValues("oauth-dropins.base-url=https://app.example")
        .run(
            ctx -> {
              FailureAnalysis analysis =
                  new SandboxFailureAnalyzer().analyze(ctx.getStartupFailure());
              assertThat(analysis).isNotNull();
              assertThat(analysis.getDescription())
                  .contains("oauth-dropins.sandbox=true")
                  .contains("https://app.example")
                  .contains("loopback");
              assertThat(analysis.getAction()).contains("oauth-dropins.base-url");
            });
  }

  @Test
  void aMisspeltSiteFailsAsOutsideTheSandboxAndAGenericProviderIsLeftOut() {
    runner()
        .withPropertyValues("oauth-dropins.sites.google.enabled=true")
        .run(
            ctx ->
                assertThat(
                        new SiteConfigurationFailureAnalyzer()
                            .analyze(ctx.getStartupFailure())
                            .getDescription())
                    .contains("did you mean oauth-dropins.sites.google_signin"));
    runner()
        .withPropertyValues(
            "oauth-dropins.sites.authentik.issuer=https://sso.example.org/application/o/main/",
            "oauth-dropins.sites.github.enabled=true")
        .run(
            ctx ->
                assertThat(ctx.getBean(DropinSites.class).sites())
                    .extracting(s -> s.name())
                    .containsExactly("github"));
  }

  @Test
  void aLoopbackBaseUrlIsAccepted() {
    runner()
        .withPropertyValues("oauth-dropins.base-url=http://localhost:8080")
        .run(ctx -> assertThat(ctx).hasNotFailed());
  }

  @Test
  void withoutTheTestkitTheAnalysisNamesTheDependency() {
    runner()
        .withClassLoader(new FilteredClassLoader("org.oauthdropins.testkit"))
        .run(
            ctx -> {
              FailureAnalysis analysis =
                  new SandboxFailureAnalyzer().analyze(ctx.getStartupFailure());
              assertThat(analysis).isNotNull();
              assertThat(analysis.getDescription()).contains("testkit");
              assertThat(analysis.getAction())
                  .contains("org.oauthdropins:oauth-dropins-testkit")
                  .contains("dev");
            });
  }
}
