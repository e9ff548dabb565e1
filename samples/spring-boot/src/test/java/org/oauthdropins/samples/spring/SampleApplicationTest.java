package org.oauthdropins.samples.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.oauthdropins.testkit.Browser;
import org.oauthdropins.testkit.FakeGitHub;
import org.oauthdropins.testkit.spring.OAuthDropinsTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Boots the sample on a random port under the context path {@code /app}, pointed at the testkit's
 * fake GitHub by {@link OAuthDropinsTest}, and signs in as a person would: home page, button,
 * consent, the user's own page.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "server.servlet.context-path=/app")
@OAuthDropinsTest("github")
class SampleApplicationTest {

  @LocalServerPort int port;

  @Autowired FakeGitHub github;

  @Autowired Browser browser;

  private static String session(Browser browser) {
    return browser.cookies().getCookieStore().getCookies().stream()
        .filter(c -> c.getName().equals("JSESSIONID"))
        .map(java.net.HttpCookie::getValue)
        .findFirst()
        .orElse(null);
  }

  private URI app(String path) {
    return URI.create("http://127.0.0.1:" + port + "/app" + path);
  }

  @Test
  void aVisitorSignsInWithGitHubAndSeesTheirOwnPage() {
    assertThat(browser.get(app("/me")).url().getPath())
        .as("a page for users sends a stranger home")
        .isEqualTo("/app/");

    Browser.Page home = browser.get(app("/"));
    String before = session(browser);
    Browser.Page consent = browser.submitForm(home, "/app/github/start", Map.of());
    assertThat(consent.query().get("redirect_uri"))
        .as("the redirect URI is under the context path")
        .isEqualTo(app("/github/oauth_callback").toString());
    Browser.Page me = browser.click(consent, "Approve");
    assertThat(me.url().getPath()).isEqualTo("/app/me");
    assertThat(me.body()).contains("Signed in as The Octocat (github)");
    assertThat(session(browser))
        .as("signing in gives the browser a new session id (no session fixation)")
        .isNotNull()
        .isNotEqualTo(before);
    assertThat(browser.get(app("/me")).body())
        .as("the session stays signed in")
        .contains("The Octocat");
  }

  /** Signs a new browser in with GitHub, ending on the user's page. */
  private Browser signIn() {
    Browser browser = new Browser();
    Browser.Page consent = browser.submitForm(browser.get(app("/")), "/app/github/start", Map.of());
    assertThat(browser.click(consent, "Approve").url().getPath()).isEqualTo("/app/me");
    return browser;
  }

  /**
   * A count of the login timer as Actuator's metrics endpoint shows it, read by a signed-in user.
   */
  private double logins(Browser browser, String outcome) throws Exception {
    Browser.Page page =
        browser.get(
            app(
                "/actuator/metrics/oauth_dropins_logins?tag=site:github&tag=outcome:"
                    + outcome
                    + "&tag=error:none"));
    assertThat(page.status()).isEqualTo(200);
    JsonNode json = new ObjectMapper().readTree(page.body());
    for (JsonNode m : json.path("measurements")) {
      if (m.path("statistic").asText().equals("COUNT")) {
        return m.path("value").asDouble();
      }
    }
    throw new AssertionError("no COUNT in " + page.body());
  }

  @Test
  void actuatorShowsTheLoginTimerBySiteAndOutcome() throws Exception {
    Browser admin = signIn();
    double started = logins(admin, "started");
    double succeeded = logins(admin, "succeeded");
    assertThat(succeeded).isGreaterThanOrEqualTo(1);

    signIn();

    assertThat(logins(admin, "started")).isEqualTo(started + 1);
    assertThat(logins(admin, "succeeded")).isEqualTo(succeeded + 1);
    assertThat(admin.get(app("/actuator/metrics/oauth_dropins_logins?tag=outcome:failed")).status())
        .as("no failure recorded yet: Actuator knows no such tag value")
        .isEqualTo(404);
  }

  @Test
  void aDeclinedConsentSignsNobodyIn() {
    Browser.Page consent = browser.submitForm(browser.get(app("/")), "/app/github/start", Map.of());
    Browser.Page back = browser.click(consent, "Deny");
    assertThat(back.url().getPath()).as("no user page after a refusal").isNotEqualTo("/app/me");
    assertThat(browser.get(app("/me")).url().getPath()).isEqualTo("/app/");
  }

  @Test
  void theFakeIsTheOneTheAppTalksTo() {
    Browser.Page consent = browser.submitForm(browser.get(app("/")), "/app/github/start", Map.of());
    assertThat(consent.url().getPort()).isEqualTo(github.url().getPort());
    assertThat(consent.query().get("client_id")).isEqualTo(github.credentials().clientId());
  }

  @Test
  void aStartWithoutSpringSecuritysCsrfTokenIsRefused() {
    Browser browser = new Browser();
    browser.get(app("/"));
    Browser.Page start = browser.post(app("/github/start"), Map.of());
    assertThat(start.status()).isEqualTo(403);
  }

  @Test
  void theButtonImagesAreServed() {
    assertThat(new Browser().get(app("/oauth_dropins/github.svg")).body()).startsWith("<svg");
  }
}
