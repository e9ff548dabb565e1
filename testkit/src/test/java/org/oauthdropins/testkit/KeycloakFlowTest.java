package org.oauthdropins.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.oauthdropins.Credentials;
import org.oauthdropins.SiteConfigurationException;
import org.oauthdropins.SiteOptions;
import org.oauthdropins.engine.oauth2.OAuth2Site;
import org.oauthdropins.engine.oidc.OidcProvider;
import org.oauthdropins.http.JdkTransport;
import org.oauthdropins.sites.Sites;
import org.oauthdropins.sites.keycloak.Keycloak;
import org.oauthdropins.sites.keycloak.KeycloakAuth;
import org.oauthdropins.store.Key;
import org.oauthdropins.store.memory.MemoryStore;

/**
 * Keycloak's quirks over loopback HTTP, against the fake realm: the user id qualified by the realm
 * as key, two realms in one app, a site without a realm refused at start, {@code iss} required, and
 * the preset's endpoints against the realm's discovery document. Approve, deny, the ID token checks
 * and refresh run in the site contract.
 */
class KeycloakFlowTest {

  private FakeKeycloak keycloak;
  private TestApp app;
  private OAuth2Site<KeycloakAuth> site;
  private final Browser browser = new Browser();

  @BeforeEach
  void setUp() {
    keycloak = new FakeKeycloak();
    site = Keycloak.create(keycloak.options());
    app = TestApp.withTokensInFinish(new MemoryStore()).mount(site, keycloak);
  }

  @AfterEach
  void tearDown() {
    app.close();
    keycloak.close();
  }

  /** Ada's key at a realm: her id, then the realm's URL less {@code http://}. */
  private static Key ada(FakeKeycloak realm) {
    String url = realm.url().toString();
    return new Key("KeycloakAuth", FakeKeycloak.ADA_ID + "@" + url.substring("http://".length()));
  }

  private Browser.Page login(String siteName) {
    Browser.Page consent = browser.post(app.url("/" + siteName + "/start"), Map.of("state", "s"));
    return browser.click(consent, "Approve");
  }

  private static Key key(Browser.Page done) {
    return Key.fromUrlsafe(done.query().get("auth_entity"));
  }

  @Test
  void aLoginAsksTheRealmForOpenIdWithPkceAndANonceAndIsKeyedByTheUserIdAtTheRealm() {
    Browser.Page consent = browser.post(app.url("/keycloak/start"), Map.of("state", "s"));
    assertThat(consent.url().getPath())
        .isEqualTo("/realms/" + FakeKeycloak.REALM + "/protocol/openid-connect/auth");
    assertThat(consent.query())
        .containsEntry("client_id", "fake-keycloak-client")
        .containsEntry("scope", "openid profile email")
        .containsEntry("code_challenge_method", "S256")
        .containsKeys("code_challenge", "nonce");

    Browser.Page done = browser.click(consent, "Approve");

    assertThat(key(done)).isEqualTo(ada(keycloak));
    assertThat(done.query().get("refresh_token")).isNotBlank();
    KeycloakAuth auth = site.load(app.store(), ada(keycloak)).orElseThrow();
    assertThat(auth.userId()).isEqualTo(FakeKeycloak.ADA_ID);
    assertThat(auth.userName()).isEqualTo("ada");
    assertThat(auth.userDisplayName()).isEqualTo("Ada Lovelace");
    assertThat(auth.imageUrl()).isNull();
    assertThat(auth.email()).isEqualTo("ada@example.org");
    assertThat(auth.emailVerified()).isTrue();
    assertThat(auth.realmUrl()).isEqualTo(keycloak.url().toString());
    assertThat(auth.apiUrl("/account")).isEqualTo(keycloak.url() + "/account");
    assertThat(site.button().label()).isEqualTo("Sign in with Keycloak");
  }

  @Test
  void aRenamedUserLoadsTheSameLogin() {
    login("keycloak");
    ObjectNode renamed = keycloak.oauth().user().deepCopy();
    renamed.put("preferred_username", "countess").put("email", "countess@example.org");
    keycloak.oauth().user(renamed);

    Browser.Page done = login("keycloak");

    assertThat(key(done)).isEqualTo(ada(keycloak));
    assertThat(site.load(app.store(), ada(keycloak)).orElseThrow().userName())
        .isEqualTo("countess");
  }

  @Test
  void twoRealmsInOneAppKeepUsersWithTheSameIdApart() {
    try (FakeKeycloak staff = new FakeKeycloak()) {
      ObjectNode other = staff.oauth().user().deepCopy();
      other.put("name", "Someone Else").put("preferred_username", "someone");
      staff.oauth().user(other);
      OAuth2Site<KeycloakAuth> staffSite = Keycloak.create("staff", staff.options());
      app.mount(staffSite, staff);

      Key here = key(login("keycloak"));
      Key there = key(login("staff"));

      assertThat(here).isEqualTo(ada(keycloak));
      assertThat(there).isEqualTo(ada(staff)).isNotEqualTo(here);
      assertThat(staffSite.load(app.store(), there).orElseThrow().userDisplayName())
          .isEqualTo("Someone Else");
      assertThat(site.load(app.store(), here).orElseThrow().userDisplayName())
          .isEqualTo("Ada Lovelace");
      assertThat(staffSite.button().label())
          .isEqualTo(
              "Sign in with Keycloak ("
                  + staff.url().toString().substring("http://".length())
                  + ")");
    }
  }

  @Test
  void withoutARealmTheSiteRefusesToStartAndSaysWhatToSet() {
    SiteOptions noRealm = SiteOptions.defaults().withCredentials(new Credentials("id", "secret"));

    assertThatThrownBy(() -> Keycloak.create(noRealm))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("realm")
        .hasMessageContaining("base-urls.realm");
    assertThatThrownBy(() -> Sites.create(noRealm, List.of("keycloak")))
        .isInstanceOf(SiteConfigurationException.class)
        .hasMessageContaining("keycloak")
        .hasMessageContaining("base-urls.realm");
  }

  @Test
  void aCallbackWithoutIssIsRefusedAsKeycloakAlwaysSendsIt() {
    keycloak.oauth().callbackIss(null);

    Browser.Page done = login("keycloak");

    assertThat(done.status()).isEqualTo(400);
    assertThat(done.body()).contains("lacks iss");
    assertThat(app.store().get(ada(keycloak))).isEmpty();
  }

  @Test
  void thePresetsEndpointsAreThoseTheRealmsDiscoveryDocumentNames() {
    OidcProvider preset = Keycloak.provider(keycloak.options());
    OidcProvider discovered = OidcProvider.discover(keycloak.issuer(), JdkTransport.shared());

    PresetChecks.matchesDiscovery(preset, keycloak.issuer());
    assertThat(preset.clientAuth()).isEqualTo(discovered.clientAuth());
    assertThat(preset.issParameter()).isEqualTo(discovered.issParameter()).isTrue();
  }
}
