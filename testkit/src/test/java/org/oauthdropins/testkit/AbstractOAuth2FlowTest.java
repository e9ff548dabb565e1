package org.oauthdropins.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.oauthdropins.AuthEntity;
import org.oauthdropins.Credentials;
import org.oauthdropins.Site;
import org.oauthdropins.SiteOptions;
import org.oauthdropins.http.HttpResult;
import org.oauthdropins.store.AccessToken;
import org.oauthdropins.store.Key;
import org.oauthdropins.store.memory.MemoryStore;

/**
 * The whole login of a plain OAuth 2 site over loopback, against its fake: helpers for the site's
 * own tests (approve, refresh) and the fake's refusal of a wrong client secret. What every site
 * must do (decline, provider errors, bad state) is {@link SiteContractTest}'s. Each plain OAuth 2
 * site's test extends it.
 *
 * @param <F> the site's fake
 * @param <A> the site's entity type
 */
abstract class AbstractOAuth2FlowTest<F extends OAuth2Fake, A extends AuthEntity> {

  private final Supplier<F> newFake;
  private final Function<SiteOptions, ? extends Site<A>> newSite;
  private final String keyId;
  protected F fake;
  protected Site<A> site;
  protected TestApp app;
  protected final MemoryStore store = new MemoryStore();
  protected final Browser browser = new Browser();

  /**
   * @param newFake starts the site's fake
   * @param newSite makes the site, pointed at the fake by the given options
   * @param keyId the key id the fake's user logs in as
   */
  AbstractOAuth2FlowTest(
      Supplier<F> newFake, Function<SiteOptions, ? extends Site<A>> newSite, String keyId) {
    this.newFake = newFake;
    this.newSite = newSite;
    this.keyId = keyId;
  }

  /** A request the stored token signs, answered 200 by the fake while the token is good. */
  abstract HttpResult callApi(AuthEntity auth);

  /** The fake's authorization server. */
  FakeOAuth2 oauth() {
    return fake.oauth();
  }

  /** The key the fake's user logs in as. */
  Key expectedKey() {
    return new Key(site.kind(), keyId);
  }

  /** Logs in with approval at another configuration of the site, in an app of its own. */
  Browser.Page loginWith(Site<?> other) {
    try (TestApp otherApp = TestApp.withTokensInFinish(new MemoryStore()).mount(other, fake)) {
      Browser.Page consent = browser.post(otherApp.url("/" + other.name() + "/start"), Map.of());
      return browser.click(consent, "Approve");
    }
  }

  @BeforeEach
  void setUpApp() {
    fake = newFake.get();
    site = newSite.apply(fake.options());
    app = TestApp.withTokensInFinish(store).mount(site, fake);
  }

  @AfterEach
  void tearDownApp() {
    app.close();
    fake.close();
  }

  /** Posts to the site's start handler; returns the fake's consent page. */
  Browser.Page start(String state, String scope) {
    Map<String, String> form = new HashMap<>();
    if (state != null) {
      form.put("state", state);
    }
    if (scope != null) {
      form.put("scope", scope);
    }
    return browser.post(app.url("/" + site.name() + "/start"), form);
  }

  /** The authorization request's parameters, as the consent page received them. */
  static Map<String, String> authorizeParams(Browser.Page consent) {
    return consent.query();
  }

  /**
   * Logs in with approval and checks what every site must do: the finish redirect, the stored
   * entity, its type, and that its token signs API calls.
   */
  A approve(String state) {
    Browser.Page done = browser.click(start(state, null), "Approve");
    assertThat(done.status()).isEqualTo(200);
    assertThat(done.url().getPath()).isEqualTo("/after");
    Map<String, String> q = done.query();
    assertThat(q).containsEntry("state", state).containsKey("access_token");
    Key key = Key.fromUrlsafe(q.get("auth_entity"));
    assertThat(key).isEqualTo(expectedKey());
    A auth = site.load(store, key).orElseThrow();
    assertThat(auth.siteName()).isEqualTo(site.name());
    assertThat(auth.accessToken()).isEqualTo(new AccessToken.Bearer(q.get("access_token")));
    assertThat(q.get("refresh_token")).isEqualTo(auth.refreshToken());
    assertThat(auth.toString()).doesNotContain(q.get("access_token"));
    if (auth.refreshToken() != null) {
      assertThat(auth.toString()).doesNotContain(auth.refreshToken());
    }
    assertThat(callApi(auth).status()).isEqualTo(200);
    return auth;
  }

  @Test
  void wrongClientSecretIsRefusedByTheFake() {
    Credentials good = fake.credentials();
    Browser.Page done =
        loginWith(
            newSite.apply(
                fake.options().withCredentials(new Credentials(good.clientId(), "nope"))));
    assertThat(done.status()).isEqualTo(502);
    assertThat(done.body()).contains("invalid_client");
  }
}
