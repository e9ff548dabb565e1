package org.oauthdropins.datastore;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.cloud.Timestamp;
import com.google.cloud.datastore.Datastore;
import com.google.cloud.datastore.Entity;
import com.google.cloud.datastore.StringValue;
import java.time.Instant;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.oauthdropins.AuthEntity;
import org.oauthdropins.Site;
import org.oauthdropins.internal.secrets.Secrets;
import org.oauthdropins.sites.dropbox.Dropbox;
import org.oauthdropins.sites.dropbox.DropboxAuth;
import org.oauthdropins.sites.reddit.Reddit;
import org.oauthdropins.sites.tumblr.Tumblr;
import org.oauthdropins.sites.twitterv2.TwitterV2;
import org.oauthdropins.sites.wordpress.WordPress;
import org.oauthdropins.store.AuthRecord;
import org.oauthdropins.store.Key;
import org.oauthdropins.testkit.Browser;
import org.oauthdropins.testkit.Fake;
import org.oauthdropins.testkit.FakeDropbox;
import org.oauthdropins.testkit.FakeReddit;
import org.oauthdropins.testkit.FakeTumblr;
import org.oauthdropins.testkit.FakeTwitterV2;
import org.oauthdropins.testkit.FakeWordPress;
import org.oauthdropins.testkit.TestApp;

/**
 * A user who logged in through a Python app and then logs in through a Java app sharing the
 * Datastore: the sites whose Python key is not the Java key (Dropbox's {@code uid}, Reddit's and
 * X's names, Tumblr's blog name, WordPress.com's blog host) find the Python entity under its old
 * key and carry its history over, as GitHub's does, and never take another user's entity for
 * theirs. Real logins through the testkit's fakes, with the Python entities as the Python library
 * wrote them (the python-datastore fixtures where they have the kind, else the Python model's
 * properties).
 */
class PythonOldKeysTest {

  /** When the Python app stored the user: what the Java login must carry over. */
  private static final Instant PYTHON_CREATED = Instant.parse("2021-03-04T05:06:07.123456Z");

  private Datastore raw;
  private DatastoreStore store;

  @BeforeEach
  void open() {
    String ns = "old" + Secrets.random(6).replaceAll("[^A-Za-z0-9]", "");
    raw = PythonFixtures.client("oauth-dropins-py", ns);
    store = open(raw);
  }

  private com.google.cloud.datastore.Key key(String kind, String name) {
    return raw.newKeyFactory().setKind(kind).newKey(name);
  }

  /**
   * The fixture entity of a kind, as the Python library wrote it, under another key name and with
   * its strings rewritten for the fake's user, first stored at {@link #PYTHON_CREATED}.
   */
  private Entity fixture(String kind, String name, UnaryOperator<String> strings) {
    Entity python =
        PythonFixtures.entities(raw, PythonFixtures.LOGINS, strings).stream()
            .filter(e -> e.getKey().getKind().equals(kind))
            .findFirst()
            .orElseThrow();
    return Entity.newBuilder(key(kind, name), python)
        .set("created", Timestamp.parseTimestamp(PYTHON_CREATED.toString()))
        .build();
  }

  /** A Python entity of a kind the fixtures lack, with the Python model's properties. */
  private Entity python(String kind, String name, Map<String, String> strings, String userJson) {
    Entity.Builder b =
        Entity.newBuilder(key(kind, name))
            .set("user_json", StringValue.newBuilder(userJson).setExcludeFromIndexes(true).build())
            .set("created", Timestamp.parseTimestamp(PYTHON_CREATED.toString()))
            .set("updated", Timestamp.parseTimestamp(PYTHON_CREATED.toString()));
    strings.forEach(b::set);
    return b.build();
  }

  /** Logs the fake's user in through a Java app on the store; the stored record. */
  private AuthRecord login(Site<?> site, Fake fake) {
    try (TestApp app = TestApp.withTokensInFinish(store).mount(site, fake)) {
      Browser browser = new Browser();
      Browser.Page consent = browser.post(app.url("/" + site.name() + "/start"), Map.of());
      Browser.Page done = browser.click(consent, "Approve");
      assertThat(done.status()).as(done.body()).isEqualTo(200);
      AuthRecord stored = store.get(Key.fromUrlsafe(done.query().get("auth_entity"))).orElseThrow();
      // The old key the store looks under is the one the Java entity names as Python's.
      AuthEntity entity = site.entity(stored, store);
      assertThat(PythonKinds.MOVED_KEYS.get(stored.key().kind()).oldName().apply(stored))
          .isEqualTo(entity instanceof DropboxAuth d ? d.uid() : entity.userName());
      return stored;
    }
  }

  @Test
  void dropboxFindsThePythonLoginUnderTheUidTheSameTokenAnswerNamed() {
    try (FakeDropbox dropbox = new FakeDropbox()) {
      // The fake's token answer names uid 12345 beside the account id.
      Entity python = fixture("DropboxAuth", "12345", UnaryOperator.identity());
      raw.put(python);

      AuthRecord java = login(Dropbox.create(dropbox.options()), dropbox);

      assertThat(java.key().id()).startsWith("dbid:");
      assertThat(java.created()).isEqualTo(PYTHON_CREATED);
      // The Python entity stays, for the Python app and its auth_entity links.
      assertThat(raw.get(key("DropboxAuth", "12345"))).isEqualTo(python);
    }
  }

  @Test
  void redditFindsThePythonLoginUnderTheNameOnlyForTheSameAccountId() {
    try (FakeReddit reddit = new FakeReddit()) {
      // The fixture's user, renamed to the fake's: spez, account id 1w72.
      raw.put(
          fixture(
              "RedditAuth",
              "spez",
              s -> s.replace("py_redditor", "spez").replace("\"py1\"", "\"1w72\"")));

      AuthRecord java = login(Reddit.create(reddit.options()), reddit);

      assertThat(java.key()).isEqualTo(new Key("RedditAuth", "1w72"));
      assertThat(java.created()).isEqualTo(PYTHON_CREATED);
    }
  }

  @Test
  void aPythonLoginOfAnotherAccountUnderTheSameNameIsNotTaken() {
    try (FakeReddit reddit = new FakeReddit()) {
      // Whoever held the name spez before (the fixture's own account id, py1).
      raw.put(fixture("RedditAuth", "spez", s -> s.replace("py_redditor", "spez")));

      AuthRecord java = login(Reddit.create(reddit.options()), reddit);

      assertThat(java.created()).isAfter(PYTHON_CREATED);
    }
  }

  @Test
  void tumblrFindsThePythonLoginUnderTheUserNameByThePrimaryBlogsUuid() {
    try (FakeTumblr tumblr = new FakeTumblr()) {
      tumblr.signInAs("t:blog-uuid-1", "staff");
      raw.put(
          python(
              "TumblrAuth",
              "staff",
              Map.of("token_key", "tk-python", "token_secret", "ts-python"),
              "{\"user\": {\"name\": \"staff\", \"blogs\": [{\"name\": \"staff\", \"primary\":"
                  + " true, \"uuid\": \"t:blog-uuid-1\"}]}}"));
      raw.put(
          python(
              "TumblrAuth",
              "other",
              Map.of("token_key", "tk-other", "token_secret", "ts-other"),
              "{\"user\": {\"name\": \"other\", \"blogs\": [{\"name\": \"other\", \"primary\":"
                  + " true, \"uuid\": \"t:blog-uuid-2\"}]}}"));

      AuthRecord java = login(Tumblr.create(tumblr.options()), tumblr);
      assertThat(java.key()).isEqualTo(new Key("TumblrAuth", "t:blog-uuid-1"));
      assertThat(java.created()).isEqualTo(PYTHON_CREATED);

      // The name passed to another blog: its Python entity is the old owner's, not taken.
      tumblr.signInAs("t:blog-uuid-3", "other");
      AuthRecord renamed = login(Tumblr.create(tumblr.options()), tumblr);
      assertThat(renamed.created()).isAfter(PYTHON_CREATED);
    }
  }

  @Test
  void wordPressFindsThePythonLoginUnderTheBlogHostByItsBlogId() {
    try (FakeWordPress wordpress = new FakeWordPress()) {
      wordpress.chooseBlog("111", "https://www.moved.example/");
      raw.put(
          python(
              "WordPressAuth",
              "moved.example",
              Map.of(
                  "access_token_str", "wp-python",
                  "blog_id", "111",
                  "blog_url", "https://www.moved.example/"),
              "{\"ID\": 7654321, \"username\": \"snarfed\"}"));

      AuthRecord java = login(WordPress.create(wordpress.options()), wordpress);
      assertThat(java.key()).isEqualTo(new Key("WordPressAuth", "111"));
      assertThat(java.created()).isEqualTo(PYTHON_CREATED);

      // The address now points at another blog: the Python entity is the old blog's.
      wordpress.chooseBlog("222", "https://moved.example/");
      AuthRecord other = login(WordPress.create(wordpress.options()), wordpress);
      assertThat(other.key()).isEqualTo(new Key("WordPressAuth", "222"));
      assertThat(other.created()).isAfter(PYTHON_CREATED);
    }
  }

  @Test
  void xFindsThePythonLoginUnderTheUsernameInsideData() {
    try (FakeTwitterV2 x = new FakeTwitterV2()) {
      x.signInAs("2244994945", "XDevelopers");
      raw.put(
          python(
              "TwitterOAuth2",
              "XDevelopers",
              Map.of("token_json", "{\"access_token\": \"x-python\"}"),
              "{\"data\": {\"id\": \"2244994945\", \"username\": \"XDevelopers\"}}"));

      AuthRecord java = login(TwitterV2.create(x.options()), x);
      assertThat(java.key()).isEqualTo(new Key("TwitterOAuth2", "2244994945"));
      assertThat(java.created()).isEqualTo(PYTHON_CREATED);
    }
  }

  /**
   * The store under test on a namespace: the default, which keeps the Python kinds as Python writes
   * them; {@code PythonOldKeysSealedTest} runs these tests with those kinds sealed too.
   */
  DatastoreStore open(Datastore raw) {
    return new DatastoreStore(raw);
  }
}
