package org.oauthdropins.docs;

// readme:start fake-sites
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.oauthdropins.AuthEntity;
import org.oauthdropins.testkit.Browser;
import org.oauthdropins.testkit.FakeSites;
import org.oauthdropins.testkit.TestSites;

@FakeSites({"github", "mastodon"}) // started before each test, stopped after it
class LoginTest {

  @Test
  void aUserSignsInWithGitHub(TestSites sites, Browser browser) {
    Browser.Page done = sites.login(browser, "github"); // start form, consent page, Approve
    AuthEntity user = sites.entity("github", done);
    assertThat(user.userDisplayName()).isEqualTo("The Octocat");
  }

  @Test
  void aUserWhoSaysNoComesBackDeclined(TestSites sites, Browser browser) {
    assertThat(sites.decline(browser, "mastodon").query()).containsEntry("declined", "true");
  }
}
// readme:end
