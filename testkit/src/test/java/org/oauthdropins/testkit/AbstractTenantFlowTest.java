package org.oauthdropins.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.oauthdropins.AuthEntity;
import org.oauthdropins.Credentials;
import org.oauthdropins.Site;
import org.oauthdropins.SiteConfigurationException;
import org.oauthdropins.SiteOptions;
import org.oauthdropins.sites.Sites;
import org.oauthdropins.store.Key;
import org.oauthdropins.store.memory.MemoryStore;

/**
 * What the sites at a tenant of an identity platform (Okta, Auth0, Cognito) share, over loopback
 * HTTP against the site's fake: no tenant, no site (and the error names the property); the user's
 * id qualified by the tenant as key, whatever the user renames; a second tenant's user of the same
 * id kept apart. Approve, deny, the ID token checks and refresh run in the site contract.
 *
 * @param <F> the fake
 * @param <A> the site's entity
 */
abstract class AbstractTenantFlowTest<F extends FakeOidc, A extends AuthEntity> {

  private final Supplier<F> fakes;
  private final Function<SiteOptions, Site<A>> sites;
  private final String siteName;
  private final String base;

  protected F fake;
  protected Site<A> site;
  protected TestApp app;
  protected final Browser browser = new Browser();

  /**
   * @param fakes starts the fake
   * @param sites makes the site from options
   * @param siteName the site's name in {@link Sites}
   * @param base the name of the base URL that names the tenant
   */
  AbstractTenantFlowTest(
      Supplier<F> fakes, Function<SiteOptions, Site<A>> sites, String siteName, String base) {
    this.fakes = fakes;
    this.sites = sites;
    this.siteName = siteName;
    this.base = base;
  }

  /** The key id of the fake's user at this tenant. */
  abstract String expectedKeyId(F tenant);

  /** The kind of the site's entities. */
  abstract String kind();

  @BeforeEach
  void setUpApp() {
    fake = fakes.get();
    site = sites.apply(fake.options());
    app = TestApp.withTokensInFinish(new MemoryStore()).mount(site, fake);
  }

  @AfterEach
  void tearDownApp() {
    app.close();
    fake.close();
  }

  Key expectedKey(F tenant) {
    return new Key(kind(), expectedKeyId(tenant));
  }

  /** The fake's consent page for a login started with these extra scopes (or none). */
  Browser.Page start(String name, String scope) {
    Map<String, String> form = new HashMap<>();
    form.put("state", "s");
    if (scope != null) {
      form.put("scope", scope);
    }
    return browser.post(app.url("/" + name + "/start"), form);
  }

  Browser.Page login(String name) {
    return browser.click(start(name, null), "Approve");
  }

  static Key key(Browser.Page done) {
    return Key.fromUrlsafe(done.query().get("auth_entity"));
  }

  A loaded() {
    return site.load(app.store(), expectedKey(fake)).orElseThrow();
  }

  @Test
  void withoutItsTenantTheSiteRefusesToStartAndSaysWhatToSet() {
    SiteOptions none = SiteOptions.defaults().withCredentials(new Credentials("id", "secret"));

    assertThatThrownBy(() -> sites.apply(none))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("base-urls." + base);
    assertThatThrownBy(() -> Sites.create(none, List.of(siteName)))
        .isInstanceOf(SiteConfigurationException.class)
        .hasMessageContaining(siteName)
        .hasMessageContaining("base-urls." + base);
  }

  @Test
  void aRenamedUserLoadsTheSameLoginAndASecondTenantsUserOfTheSameIdStaysApart() {
    Key first = key(login(siteName));
    var renamed = fake.oauth().user().deepCopy();
    ((com.fasterxml.jackson.databind.node.ObjectNode) renamed)
        .put("name", "Renamed")
        .put("email", "renamed@example.org")
        .put("preferred_username", "renamed");
    fake.oauth().user(renamed);
    assertThat(key(login(siteName))).isEqualTo(first).isEqualTo(expectedKey(fake));
    assertThat(loaded().userDisplayName()).isEqualTo("Renamed");

    try (F other = fakes.get()) {
      Site<A> otherSite = sites.apply(other.options());
      try (TestApp otherApp = TestApp.withTokensInFinish(app.store()).mount(otherSite, other)) {
        Browser.Page done =
            browser.click(
                browser.post(otherApp.url("/" + siteName + "/start"), Map.of("state", "s")),
                "Approve");
        assertThat(key(done)).isEqualTo(expectedKey(other)).isNotEqualTo(first);
      }
    }
  }
}
