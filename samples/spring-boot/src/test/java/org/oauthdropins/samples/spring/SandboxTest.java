package org.oauthdropins.samples.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.oauthdropins.testkit.Browser;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * The sample's dev profile, as {@code java -jar app.jar --spring.profiles.active=dev} on a {@code
 * -Pdev} build runs it: no credentials anywhere, and "Sign in with GitHub" shows the fake's consent
 * page and signs the visitor in.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "oauth-dropins.store.directory=target/sandbox-test-store")
@ActiveProfiles("dev")
class SandboxTest {

  @LocalServerPort int port;

  @Test
  void withNoCredentialsTheGitHubButtonLeadsToTheFakesConsentPage() {
    Browser browser = new Browser();
    Browser.Page home = browser.get(URI.create("http://localhost:" + port + "/"));
    Browser.Page consent = browser.submitForm(home, "/github/start", Map.of());

    assertThat(consent.status()).isEqualTo(200);
    assertThat(consent.html().select("button").eachText()).contains("Approve", "Deny");
    assertThat(consent.url().getHost()).isEqualTo("127.0.0.1");
    assertThat(browser.click(consent, "Approve").body())
        .contains("Signed in as The Octocat (github)");
  }
}
