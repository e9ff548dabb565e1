package org.oauthdropins.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.oauthdropins.SiteConfigurationException;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.context.servlet.AnnotationConfigServletWebApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.mock.web.MockServletContext;

/** A misconfigured starter fails at start-up saying everything that is wrong, in Spring's terms. */
class SiteConfigurationFailureTest {

  @TempDir Path dir;

  /** A missing secret, an enabled site without credentials and a misspelt site. */
  private static final String[] MISCONFIGURED = {
    "oauth-dropins.sites.github.client-id=id",
    "oauth-dropins.sites.gitlab.enabled=true",
    "oauth-dropins.sites.google.client-id=id",
    "oauth-dropins.sites.google.client-secret=secret"
  };

  @Test
  void oneFailureAnalysisNamesEveryMissingCredentialAndMisspeltSiteByItsProperty() {
    new WebApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(OAuthDropinsAutoConfiguration.class))
        .withPropertyValues("oauth-dropins.store.directory=" + dir)
        .withPropertyValues(MISCONFIGURED)
        .run(
            ctx -> {
              FailureAnalysis analysis =
                  new SiteConfigurationFailureAnalyzer().analyze(ctx.getStartupFailure());
              assertThat(analysis).isNotNull();
              assertThat(analysis.getDescription())
                  .contains(
                      "oauth-dropins.sites.github.client-secret",
                      "GITHUB_CLIENT_SECRET",
                      "./github_client_secret",
                      "oauth-dropins.sites.gitlab.client-id",
                      "GITLAB_CLIENT_ID",
                      "oauth-dropins.sites.gitlab.client-secret",
                      "GITLAB_CLIENT_SECRET",
                      "oauth-dropins.sites.google",
                      "did you mean oauth-dropins.sites.google_signin")
                  .doesNotContain("github.client-id ");
              assertThat(analysis.getAction()).contains("enabled=false");
            });
  }

  @Test
  void aSiteThatCannotStartForAnotherReasonIsNamedInTheSameAnalysis() {
    new WebApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(OAuthDropinsAutoConfiguration.class))
        .withPropertyValues("oauth-dropins.store.directory=" + dir)
        .withPropertyValues(
            "oauth-dropins.sites.github.enabled=true",
            "oauth-dropins.sites.apple.client-id=org.example.web",
            "oauth-dropins.sites.apple.client-secret=team_id: T\nkey_id: K\nnot a key file")
        .run(
            ctx -> {
              FailureAnalysis analysis =
                  new SiteConfigurationFailureAnalyzer().analyze(ctx.getStartupFailure());
              assertThat(analysis).isNotNull();
              assertThat(analysis.getDescription())
                  .contains("oauth-dropins.sites.github.client-id", "oauth-dropins.sites.apple")
                  .contains(".p8")
                  .doesNotContain("not a key file");
            });
  }

  @Test
  void aSiteWithNothingSetIsNotMountedButAnEnabledOneMustBeMountable() {
    new WebApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(OAuthDropinsAutoConfiguration.class))
        .withPropertyValues("oauth-dropins.store.directory=" + dir)
        .withPropertyValues("oauth-dropins.sites.github.enabled=true")
        .run(
            ctx ->
                assertThat(ctx.getStartupFailure())
                    .rootCause()
                    .hasMessageContaining("github_client_id")
                    .hasMessageContaining("github_client_secret"));
  }

  @Configuration(proxyBeanMethods = false)
  @ImportAutoConfiguration(OAuthDropinsAutoConfiguration.class)
  static class App {}

  @Test
  void aRealStartPrintsApplicationFailedToStartWithTheAnalysis() throws IOException {
    SpringApplication app = new SpringApplication(App.class);
    // A servlet web context without a server: the starter's condition holds, nothing listens.
    app.setApplicationContextFactory(
        type -> {
          AnnotationConfigServletWebApplicationContext context =
              new AnnotationConfigServletWebApplicationContext();
          context.setServletContext(new MockServletContext());
          return context;
        });
    String[] args = new String[MISCONFIGURED.length + 1];
    for (int i = 0; i < MISCONFIGURED.length; i++) {
      args[i] = "--" + MISCONFIGURED[i];
    }
    args[MISCONFIGURED.length] = "--oauth-dropins.store.directory=" + dir;
    assertThat(
            logged(
                () ->
                    assertThatThrownBy(() -> app.run(args))
                        .hasRootCauseInstanceOf(SiteConfigurationException.class)))
        .contains("APPLICATION FAILED TO START")
        .contains("oauth-dropins.sites.github.client-secret")
        .contains("oauth-dropins.sites.gitlab.client-id")
        .contains("did you mean oauth-dropins.sites.google_signin");
  }

  /**
   * What Spring Boot's failure reporter logged while the action ran: slf4j-simple writes to the
   * file the build names (or System.err), as it did when the action ran.
   */
  static String logged(Runnable action) throws IOException {
    String target = System.getProperty("org.slf4j.simpleLogger.logFile", "System.err");
    if (target.equals("System.err")) {
      ByteArrayOutputStream captured = new ByteArrayOutputStream();
      PrintStream err = System.err;
      System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
      try {
        action.run();
      } finally {
        System.setErr(err);
      }
      return captured.toString(StandardCharsets.UTF_8);
    }
    Path file = Path.of(target);
    long before = Files.exists(file) ? Files.size(file) : 0;
    action.run();
    byte[] all = Files.readAllBytes(file);
    return new String(all, (int) before, all.length - (int) before, StandardCharsets.UTF_8);
  }
}
