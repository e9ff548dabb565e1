package org.oauthdropins.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.oauthdropins.AuthEntity;
import org.oauthdropins.http.HttpResult;
import org.oauthdropins.sites.medium.Medium;
import org.oauthdropins.sites.medium.MediumAuth;

/** The whole Medium login over loopback HTTP, against the fake Medium. */
class MediumFlowTest extends AbstractRefreshingFlowTest<FakeMedium, MediumAuth> {

  MediumFlowTest() {
    super(FakeMedium::new, Medium::create, "5303d74c64f66366f00cb9b2a94f3251bf5");
  }

  @Override
  HttpResult callApi(AuthEntity auth) {
    return auth.get(fake.url() + "/v1/me");
  }

  @Test
  void approveReadsTheUserInsideData() {
    MediumAuth auth = approve("my-state");

    assertThat(auth).isInstanceOf(MediumAuth.class);
    assertThat(auth.username()).isEqualTo("majelbstoat");
    assertThat(auth.userDisplayName()).isEqualTo("Jamie Talbot");
    assertThat(auth.imageUrl()).isEqualTo("https://images.medium.com/0*fkfQiTzT7TlUGGyI.png");
    assertThat(auth.userJson().path("data").path("url").asText())
        .isEqualTo("https://medium.com/@majelbstoat");
    assertThat(auth.refreshToken()).startsWith("ref_");
  }

  @Test
  void scopesAreCommaSeparated() {
    Map<String, String> authorize = authorizeParams(start("s", "publishPost"));
    assertThat(authorize)
        .containsEntry("scope", "basicProfile,publishPost")
        .doesNotContainKey("code_challenge");
  }

  @Test
  void mediumErrorDocumentFromTheTokenEndpointIs502() {
    oauth().failNextToken(FakeMedium.error(400, "Invalid authorization code.", 6014));
    Browser.Page done = browser.click(start("s", null), "Approve");
    assertThat(done.status()).isEqualTo(502);
    assertThat(done.body()).contains("medium token endpoint answered HTTP 400");
  }
}
