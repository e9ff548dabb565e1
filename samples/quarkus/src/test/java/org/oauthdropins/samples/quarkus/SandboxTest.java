package org.oauthdropins.samples.quarkus;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.oauthdropins.testkit.Browser;

/**
 * With {@code oauth-dropins.sandbox=true} and no credentials, the sample serves a consent page (the
 * fake GitHub's, started in the same process) and signs the visitor in.
 */
@QuarkusTest
@TestProfile(SandboxProfile.class)
class SandboxTest {

  @TestHTTPResource("/")
  URI root;

  @Test
  void theSandboxSignsInWithNoCredentials() {
    URI app = URI.create("http://localhost:" + root.getPort());
    Browser browser = new Browser();
    Browser.Page consent =
        browser.submitForm(browser.get(app.resolve("/")), "/github/start", Map.of());
    assertThat(consent.status()).isEqualTo(200);
    assertThat(consent.url().getPort())
        .as("a page of the fake, not the app")
        .isNotEqualTo(app.getPort());
    assertThat(consent.query().get("redirect_uri"))
        .isEqualTo(app.resolve("/github/oauth_callback").toString());

    Browser.Page me = browser.click(consent, "Approve");

    assertThat(me.body()).contains("Signed in as The Octocat (github)");
  }
}
