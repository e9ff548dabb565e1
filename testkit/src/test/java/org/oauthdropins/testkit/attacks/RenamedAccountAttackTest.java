package org.oauthdropins.testkit.attacks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.oauthdropins.AuthEntity;
import org.oauthdropins.Site;
import org.oauthdropins.SiteOptions;
import org.oauthdropins.sites.github.GitHub;
import org.oauthdropins.sites.instagram.Instagram;
import org.oauthdropins.sites.tumblr.Tumblr;
import org.oauthdropins.sites.twitter.Twitter;
import org.oauthdropins.sites.twitterv2.TwitterV2;
import org.oauthdropins.sites.wordpress.WordPress;
import org.oauthdropins.store.AuthRecord;
import org.oauthdropins.store.Key;
import org.oauthdropins.store.memory.MemoryStore;
import org.oauthdropins.testkit.Browser;
import org.oauthdropins.testkit.FakeGitHub;
import org.oauthdropins.testkit.FakeInstagram;
import org.oauthdropins.testkit.FakeTumblr;
import org.oauthdropins.testkit.FakeTwitter;
import org.oauthdropins.testkit.FakeTwitterV2;
import org.oauthdropins.testkit.FakeWordPress;
import org.oauthdropins.testkit.RenamableFake;
import org.oauthdropins.testkit.TestApp;

/**
 * Finding 8 of issue 14: sites that let a user rename themselves, after which anyone may register
 * the name they gave up. A login keyed by that name hands the old owner's stored record and tokens
 * to the new owner of the name. Keyed by the site's immutable account id, it cannot.
 */
class RenamedAccountAttackTest {

  /** A site whose users can rename, with two accounts in the site's own id format. */
  record Case(
      String name,
      Supplier<RenamableFake> fake,
      Function<SiteOptions, Site<?>> create,
      String aliceId,
      String malloryId) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> sites() {
    return Stream.of(
        new Case("github", FakeGitHub::new, GitHub::create, "1001", "2002"),
        new Case("twitter", FakeTwitter::new, Twitter::create, "1001", "2002"),
        new Case("twitter_v2", FakeTwitterV2::new, TwitterV2::create, "1001", "2002"),
        new Case("instagram", FakeInstagram::new, Instagram::create, "1001", "2002"),
        new Case("tumblr", FakeTumblr::new, Tumblr::create, "t:alice0000001", "t:mallory00002"),
        // A WordPress.com login is for a blog; a blog's address can move, and a lapsed custom
        // domain can be mapped to another blog.
        new Case("wordpress_rest", FakeWordPress::new, WordPress::create, "1001", "2002"));
  }

  /** One site mounted in an app, and a login through it by whoever the fake has signed in. */
  private static final class World implements AutoCloseable {
    final RenamableFake fake;
    final Site<?> site;
    final TestApp app;

    World(Case c) {
      fake = c.fake().get();
      site = c.create().apply(fake.options());
      app = new TestApp(new MemoryStore()).mount(site, fake);
    }

    /**
     * A whole approved login by the account with this id, now going by this name, in a browser of
     * its own; the stored entity it ends on.
     */
    AuthEntity logIn(String accountId, String name) {
      fake.signInAs(accountId, name);
      Browser browser = new Browser();
      Browser.Page consent =
          browser.post(app.url("/" + site.name() + "/start"), Map.of("state", "s"));
      Browser.Page done = browser.click(consent, "Approve");
      assertThat(done.url().getPath()).as(done.body()).isEqualTo("/after");
      Key key = Key.fromUrlsafe(done.query().get("auth_entity"));
      return site.load(app.store(), key).orElseThrow();
    }

    AuthRecord stored(Key key) {
      return app.store().get(key).orElseThrow();
    }

    @Override
    public void close() {
      app.close();
      fake.close();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("sites")
  void whoeverClaimsAGivenUpNameGetsARecordOfTheirOwnNeverTheOldOwners(Case c) {
    try (World w = new World(c)) {
      AuthEntity alice = w.logIn(c.aliceId(), "alice");
      AuthRecord alicesRecord = w.stored(alice.key());

      w.fake.signInAs(c.aliceId(), "alice-renamed");
      AuthEntity mallory = w.logIn(c.malloryId(), "alice");

      assertThat(mallory.key())
          .as("mallory, who took the name alice gave up, must not land on alice's key")
          .isNotEqualTo(alice.key());
      assertThat(mallory.keyId()).isEqualTo(c.malloryId());
      AuthRecord stillAlices = w.stored(alice.key());
      assertThat(stillAlices.token())
          .as("alice's stored tokens survive mallory's login")
          .isEqualTo(alicesRecord.token());
      assertThat(stillAlices.userJson()).isEqualTo(alicesRecord.userJson());
      assertThat(mallory.accessToken()).isNotEqualTo(alicesRecord.token());
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("sites")
  void aRenamedUserLogsBackInToTheSameRecordUnderTheirId(Case c) {
    try (World w = new World(c)) {
      AuthEntity before = w.logIn(c.aliceId(), "alice");
      assertThat(before.keyId()).isEqualTo(c.aliceId());
      assertThat(before.userName()).isEqualTo("alice");

      AuthEntity after = w.logIn(c.aliceId(), "alice-renamed");

      assertThat(after.key()).as("the same account, renamed").isEqualTo(before.key());
      assertThat(after.userName()).isEqualTo("alice-renamed");
      assertThat(w.app.store().get(new Key(w.site.kind(), "alice"))).isEmpty();
      assertThat(w.app.store().get(new Key(w.site.kind(), "alice-renamed"))).isEmpty();
    }
  }
}
