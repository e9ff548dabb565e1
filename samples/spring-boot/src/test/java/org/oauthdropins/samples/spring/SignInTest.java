package org.oauthdropins.samples.spring;

// readme:start spring-boot-test
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.oauthdropins.testkit.Browser;
import org.oauthdropins.testkit.FakeGitHub;
import org.oauthdropins.testkit.spring.OAuthDropinsTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@OAuthDropinsTest("github") // fakes started once per Spring context, site properties set
class SignInTest {

  @LocalServerPort int port;
  @Autowired Browser browser; // a fresh scripted browser: cookies, redirects, forms
  @Autowired FakeGitHub github; // to script the fake, e.g. github.oauth().failNextToken(...)

  @Test
  void aVisitorSignsInWithGitHub() {
    Browser.Page home = browser.get(URI.create("http://localhost:" + port + "/"));
    Browser.Page consent = browser.submitForm(home, "/github/start", Map.of());
    Browser.Page me = browser.click(consent, "Approve"); // or "Deny"

    assertThat(me.body()).contains("Signed in as The Octocat (github)");
  }
}
// readme:end
