package org.oauthdropins.samples.quarkus;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.oauthdropins.AuthEntity;
import org.oauthdropins.quarkus.DropinSites;
import org.oauthdropins.store.AccessToken;
import org.oauthdropins.store.AuthStore;
import org.oauthdropins.store.Key;
import org.oauthdropins.testkit.Browser;
import org.oauthdropins.testkit.FakeGitHub;
import org.oauthdropins.testkit.RawHttp;

/**
 * Boots the sample on a free port, pointed at the testkit's fake GitHub, and signs in as a person
 * would: home page, button, consent, the user's own page; then checks what the store kept.
 */
@QuarkusTest
@WithTestResource(FakeGitHubResource.class)
class QuarkusSampleTest {

  @TestHTTPResource("/")
  URI root;

  @Inject DropinSites sites;

  @Inject AuthStore store;

  /** Injected by {@link FakeGitHubResource}. */
  FakeGitHub github;

  private URI app(String path) {
    // The app's registration at GitHub names its callback; the fake refuses any other.
    github.registerRedirectUri(
        URI.create("http://127.0.0.1:" + root.getPort() + "/github/oauth_callback"));
    return URI.create("http://127.0.0.1:" + root.getPort() + path);
  }

  @Test
  void aVisitorSignsInWithGitHubAndTheLoginIsStored() {
    Browser browser = new Browser();
    Browser.Page home = browser.get(app("/"));
    Browser.Page consent = browser.submitForm(home, "/github/start", Map.of());
    assertThat(consent.url().getPort())
        .as("the fake's consent page")
        .isEqualTo(github.url().getPort());
    assertThat(consent.query().get("redirect_uri"))
        .isEqualTo(app("/github/oauth_callback").toString());

    Browser.Page me = browser.click(consent, "Approve");

    assertThat(me.url().getPath()).isEqualTo("/me");
    assertThat(me.body()).contains("Signed in as The Octocat (github)");
    AuthEntity stored = sites.load(Key.fromUrlsafe(me.query().get("auth_entity"))).orElseThrow();
    assertThat(stored.siteName()).isEqualTo("github");
    assertThat(stored.userDisplayName()).isEqualTo("The Octocat");
    assertThat(browser.cookiesFor(app("/"))).containsKey("oauthdropins_logins");
    assertThat(new Browser().get(app(me.url().getPath() + "?" + me.url().getRawQuery())).body())
        .as("another browser's claim of the same login is not trusted")
        .contains("Not signed in");
  }

  @Test
  void aVisitorDisconnectsAndTheTokenNoLongerWorksAtGitHub() {
    Browser browser = new Browser();
    Browser.Page consent = browser.submitForm(browser.get(app("/")), "/github/start", Map.of());
    Browser.Page me = browser.click(consent, "Approve");
    String login = me.query().get("auth_entity");
    Key key = Key.fromUrlsafe(login);
    String token = ((AccessToken.Bearer) store.get(key).orElseThrow().token()).value();
    assertThat(github.oauth().user(token)).as("the token works before").isPresent();

    Browser.Page after = browser.post(app("/github/disconnect"), Map.of("auth_entity", login));

    assertThat(after.url().getPath()).isEqualTo("/me");
    assertThat(after.query()).containsEntry("disconnected", "true");
    assertThat(sites.load(key)).as("the login deleted").isEmpty();
    assertThat(github.oauth().user(token)).as("the token revoked at GitHub").isEmpty();
  }

  @Test
  void aLinkToStartAndAForeignCallbackAreRefused() {
    int port = root.getPort();
    String host = "127.0.0.1:" + port;
    RawHttp linkToStart = RawHttp.send(port, "GET", "/github/start", host, List.of(), null);
    RawHttp crossSite =
        RawHttp.send(
            port, "POST", "/github/start", host, List.of("Origin: http://evil.example"), "");
    RawHttp callback =
        RawHttp.send(
            port, "GET", "/github/oauth_callback?state=nope&code=x", host, List.of(), null);

    assertThat(linkToStart.status()).isEqualTo(400);
    assertThat(linkToStart.body()).contains("starts with a POST");
    assertThat(crossSite.status()).isEqualTo(400);
    assertThat(callback.status()).isEqualTo(400);
    assertThat(callback.body()).contains("not started in this browser");
  }

  @Test
  void traceIsRefusedAndAMalformedUrlIsAPlain400() {
    int port = root.getPort();
    String host = "127.0.0.1:" + port;
    for (String path :
        List.of("/github/start", "/github/oauth_callback", "/oauth_dropins/github.svg")) {
      RawHttp r =
          RawHttp.send(port, "TRACE", path, host, List.of("Cookie: session=COOKIE-VALUE"), null);
      assertThat(r.status()).as(path).isEqualTo(405);
      assertThat(r.body()).as(path).doesNotContain("COOKIE-VALUE");
      assertThat(r.header("Allow")).as(path).hasValueSatisfying(a -> assertThat(a).contains("GET"));
      assertThat(r.header("Cache-Control")).as(path).hasValue("no-store");
    }
    // Vert.x (Netty's request-line check) answers these with an empty 400 before any route runs;
    // the extension's own plain-text 400 (RequestUrl) is the second line behind it.
    for (String target :
        List.of(
            "/github/oauth_callback?code=x|SECRET-ISH",
            "/github/oauth_callback?code=%zzSECRET-ISH",
            "/github/oauth_callback?code=x^SECRET-ISH")) {
      RawHttp malformed = RawHttp.send(port, "GET", target, host, List.of(), null);
      assertThat(malformed.status()).as(target).isEqualTo(400);
      assertThat(malformed.body()).as(target).doesNotContain("SECRET-ISH");
    }
  }

  @Test
  void theButtonImagesAreServed() {
    assertThat(new Browser().get(app("/oauth_dropins/github.svg")).body()).startsWith("<svg");
  }
}
