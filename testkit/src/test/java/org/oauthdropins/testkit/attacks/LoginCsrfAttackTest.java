package org.oauthdropins.testkit.attacks;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.oauthdropins.testkit.Browser;

/**
 * No other page can start a login in its visitor's browser (login CSRF, RFC 9700 §4.4.1.8): a GET
 * start, and a POST whose {@code Sec-Fetch-Site} says cross-site or same-site, or whose {@code
 * Origin} is another origin, are refused with 400 before anything is stored. The app's own button
 * forms keep working.
 */
class LoginCsrfAttackTest {

  @RegisterExtension final Scene scene = new Scene();
  private final Browser victim = new Browser();

  private URI start() {
    return scene.app.url("/github/start");
  }

  @Test
  void aGetStartIsRefusedAndStoresNothing() {
    Browser.Page page = victim.get(start());
    assertThat(page.status()).isEqualTo(400);
    assertThat(page.url().getPath()).isEqualTo("/github/start");
    assertThat(scene.store.touches()).isZero();
  }

  @Test
  void aPostFromAnotherSiteIsRefusedAndStoresNothing() {
    Browser.Page page =
        victim.postFrom(URI.create("https://evil.example/page"), start(), Map.of("state", "x"));
    assertThat(page.status()).isEqualTo(400);
    assertThat(page.body()).contains("started from a page of this site");
    assertThat(scene.store.touches()).isZero();
  }

  @Test
  void aPostFromAnotherOriginOfTheSameSiteIsRefused() {
    // Same host, another port: Sec-Fetch-Site says same-site, which is not same-origin.
    URI sibling = URI.create("http://127.0.0.1:1/page");
    Browser.Page page = victim.postFrom(sibling, start(), Map.of());
    assertThat(page.status()).isEqualTo(400);
    assertThat(scene.store.touches()).isZero();
  }

  @Test
  void aPostWithAForeignOriginAndNoFetchMetadataIsRefused() throws Exception {
    // An older browser: Origin only.
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(start())
                    .header("Origin", "https://evil.example")
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("state=x"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(scene.store.touches()).isZero();
  }

  @Test
  void theAppsOwnButtonFormStartsALogin() {
    Browser.Page consent = victim.postFrom(scene.app.url("/"), start(), Map.of("state", "mine"));
    assertThat(consent.status()).isEqualTo(200);
    assertThat(consent.url().getPath()).isEqualTo("/login/oauth/authorize");
    assertThat(victim.click(consent, "Approve").query()).containsEntry("state", "mine");
  }
}
