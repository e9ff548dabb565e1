package example.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.oauthdropins.AuthEntity;
import org.oauthdropins.Site;
import org.oauthdropins.sites.mastodon.MastodonAuth;
import org.oauthdropins.store.memory.MemoryStore;
import org.oauthdropins.testkit.Browser;
import org.oauthdropins.testkit.FakeGitHub;
import org.oauthdropins.testkit.FakeSites;
import org.oauthdropins.testkit.TestApp;
import org.oauthdropins.testkit.TestSites;

/**
 * {@link FakeSites} used as an app's own test would use it: from outside the testkit's package,
 * through its public API only, over real HTTP on loopback.
 */
@FakeSites({"github", "mastodon"})
class AppLoginTest {

  @Test
  void aUserSignsInWithGitHub(TestSites sites, Browser browser) {
    Browser.Page done = sites.login(browser, "github");

    AuthEntity user = sites.entity("github", done);
    assertThat(user.userDisplayName()).isEqualTo("The Octocat");
    assertThat(user.userId()).isEqualTo(FakeGitHub.OCTOCAT_ID);
  }

  @Test
  void aUserSignsInWithMastodonAtTheFakeInstance(TestSites sites, Browser browser) {
    AuthEntity user = sites.entity("mastodon", sites.login(browser, "mastodon"));

    assertThat(user).isInstanceOf(MastodonAuth.class);
    assertThat(user.userJson().path("display_name").asText()).isEqualTo("Alice Liddell");
  }

  @Test
  void aDeclineFinishesWithDeclined(TestSites sites, Browser browser) {
    assertThat(sites.decline(browser, "github").query()).containsEntry("declined", "true");
  }

  @Test
  void aFakeIsHandedOverByItsType(FakeGitHub github, TestSites sites) {
    assertThat(sites.fake("github")).isSameAs(github);
  }

  @Test
  void anAppMountsTheSitesItselfWithTheirOptions(TestSites sites, Browser browser) {
    // As an app does: its own site built from the options, its own handlers, its callback
    // registered at the fake.
    Site<?> github = org.oauthdropins.sites.github.GitHub.create(sites.options("github"));
    try (TestApp mine = new TestApp(new MemoryStore()).mount(github)) {
      sites.registerCallback("github", mine.callbackUrl(github));
      Browser.Page done =
          browser.click(browser.post(mine.url("/github/start"), Map.of()), "Approve");
      assertThat(done.url().getPath()).isEqualTo("/after");
      assertThat(done.query()).containsKey("auth_entity");
    }
  }

  @Test
  @FakeSites("reddit")
  void aMethodsListReplacesTheClasss(TestSites sites) {
    assertThat(sites.site("reddit").name()).isEqualTo("reddit");
    assertThatThrownBy(() -> sites.fake("github"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("reddit");
  }

  /**
   * Run by {@link #theFakesAreStoppedAfterEachTest} through the JUnit launcher, not by Surefire.
   */
  @FakeSites("github")
  static class Recorded {
    static final List<URI> URLS = new ArrayList<>();

    @Test
    void one(FakeGitHub github) {
      URLS.add(github.url());
    }

    @Test
    void two(FakeGitHub github) {
      URLS.add(github.url());
    }
  }

  @Test
  void theFakesAreStoppedAfterEachTestAndEachTestGetsItsOwn() {
    Recorded.URLS.clear();
    SummaryGeneratingListener summary = new SummaryGeneratingListener();
    LauncherFactory.create()
        .execute(
            LauncherDiscoveryRequestBuilder.request()
                .selectors(DiscoverySelectors.selectClass(Recorded.class))
                .build(),
            summary);

    assertThat(summary.getSummary().getTestsSucceededCount()).isEqualTo(2);
    assertThat(Recorded.URLS).hasSize(2).doesNotHaveDuplicates();
    for (URI url : Recorded.URLS) {
      assertThatThrownBy(() -> connect(url)).isInstanceOf(ConnectException.class);
    }
  }

  @Test
  void aSiteWithoutAFakeFailsTheTestNamingTheSitesThatHaveOne() {
    assertThatThrownBy(() -> TestSites.start(List.of("github", "myspace")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("myspace")
        .hasMessageContaining("mastodon");
  }

  private static void connect(URI url) throws IOException {
    // Connected: still running.
    new Socket(url.getHost(), url.getPort()).close();
  }
}
