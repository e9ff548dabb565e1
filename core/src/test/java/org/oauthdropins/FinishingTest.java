package org.oauthdropins;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.oauthdropins.http.JdkTransport;
import org.oauthdropins.sites.github.GitHub;
import org.oauthdropins.store.AccessToken;
import org.oauthdropins.store.AuthRecord;
import org.oauthdropins.store.Key;
import org.oauthdropins.store.memory.MemoryStore;
import org.oauthdropins.web.Cookie;
import org.oauthdropins.web.WebResponse;

/**
 * The one way every login finishes: the app's answer, and the browser's logins cookie only for a
 * login that was stored and only where the app keeps a list of logins.
 */
class FinishingTest {

  private final Logins logins = Logins.withKeys(org.oauthdropins.keys.KeyRing.generate());
  private final MemoryStore store = new MemoryStore();
  private final Req request = Req.get("http://localhost/github/oauth_callback");
  private final AuthEntity ada =
      GitHub.create(new SiteOptions(Map.of(), new Credentials("id", "s"), JdkTransport.shared()))
          .entity(
              new AuthRecord(
                  new Key("GitHubAuth", "ada"),
                  "github",
                  new AccessToken.Bearer("t"),
                  null,
                  null,
                  "{\"login\":\"ada\"}",
                  null,
                  Instant.now(),
                  Instant.now()),
              store);

  @Test
  void aStoredLoginFinishesWithTheAppsAnswerAndTheLoginsCookieThatNamesIt() {
    WebResponse r =
        new Finisher(Finish.redirectTo("/after"), logins).loggedIn(ada, "app-state", request);

    WebResponse.Redirect redirect = (WebResponse.Redirect) r;
    assertThat(URI.create(redirect.location()).getPath()).isEqualTo("/after");
    assertThat(redirect.location()).contains("auth_entity=" + ada.key().urlsafe());
    Cookie cookie = redirect.cookies().get(redirect.cookies().size() - 1);
    Req back = Req.get("http://localhost/after").withCookies(Map.of(cookie.name(), cookie.value()));
    assertThat(logins.verify(back, ada.key().urlsafe())).contains(ada.key());
  }

  @Test
  void anAppThatRendersItsOwnPageGetsThatPageWithTheLoginsCookieAdded() {
    Finish page =
        (auth, state, req) ->
            new WebResponse.Page(
                200,
                "text/html",
                "<p>Hello " + auth.key().id(),
                java.util.List.of(new Cookie("app", "1", java.time.Duration.ZERO, false)));

    WebResponse.Page r = (WebResponse.Page) new Finisher(page, logins).loggedIn(ada, null, request);

    assertThat(r.status()).isEqualTo(200);
    assertThat(r.contentType()).isEqualTo("text/html");
    assertThat(r.body()).isEqualTo("<p>Hello ada");
    assertThat(r.cookies()).hasSize(2);
    assertThat(r.cookies().get(0).name()).isEqualTo("app");
  }

  @Test
  void withoutAListOfLoginsTheAppsAnswerIsSentAsItIs() {
    WebResponse r = new Finisher(Finish.redirectTo("/after"), null).loggedIn(ada, null, request);

    assertThat(((WebResponse.Redirect) r).cookies()).isEmpty();
  }

  @Test
  void aDeclinedLoginAddsNothingToTheBrowsersLogins() {
    WebResponse r = new Finisher(Finish.redirectTo("/after"), logins).declined("s", request);

    assertThat(((WebResponse.Redirect) r).location()).contains("declined=true");
    assertThat(((WebResponse.Redirect) r).cookies()).isEmpty();
  }

  @Test
  void aCallbackRequestsTextNamesItsDataButNeverTheValues() {
    CallbackRequest c =
        new CallbackRequest(
            request, "http://localhost/cb", Map.of("verifier", "s3cr3t-verifier"), store);

    assertThat(c.toString())
        .contains("redirectUri=http://localhost/cb", "verifier")
        .doesNotContain("s3cr3t-verifier");
  }
}
