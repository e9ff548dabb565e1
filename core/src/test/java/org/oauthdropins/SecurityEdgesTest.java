package org.oauthdropins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.oauthdropins.github.GitHub;
import org.oauthdropins.store.MemoryStore;
import org.oauthdropins.web.WebResponse;

/**
 * The edges of the start and callback checks, where an off-by-one or a dropped condition would let
 * an attacker through or lock a user out: found by mutation testing (scripts/mutation-test).
 */
class SecurityEdgesTest {

  private final MemoryStore store = new MemoryStore();
  private final Site github =
      GitHub.create(
          SiteOptions.defaults()
              .withAllBases(java.net.URI.create("https://github.test"))
              .withCredentials(new Credentials("id", "secret")));

  private Start start() {
    return Start.builder(github, store)
        .baseUrl(BaseUrl.of("https://app.example"))
        .callbackPath("/github/oauth_callback")
        .build();
  }

  @Test
  void aStartWithoutTheAppsBaseUrlFailsAtStartupSayingHowToSetIt() {
    assertThatThrownBy(
            () -> Start.builder(github, store).callbackPath("/github/oauth_callback").build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("BaseUrl.of")
        .hasMessageContaining(BaseUrl.VARIABLE);
  }

  @Test
  void anAppStateOfExactlyTheLimitStartsAndOneMoreIsRefused() {
    String limit = "s".repeat(Start.MAX_STATE);
    Req post = Req.post("https://app.example/github/start", Map.of());
    assertThat(start().redirect(post, limit)).isInstanceOf(WebResponse.Redirect.class);
    assertThatThrownBy(() -> start().redirect(post, limit + "s"))
        .isInstanceOf(BadRequestException.class);
  }

  @Test
  void aScopeListOfExactlyTheLimitStartsAndOneMoreIsRefused() {
    String limit = "s".repeat(Start.MAX_STATE);
    assertThat(
            start()
                .redirect(
                    Req.post("https://app.example/github/start?scope=" + limit, Map.of()), null))
        .isInstanceOf(WebResponse.Redirect.class);
    assertThatThrownBy(
            () ->
                start()
                    .redirect(
                        Req.post("https://app.example/github/start?scope=" + limit + "s", Map.of()),
                        null))
        .isInstanceOf(BadRequestException.class);
  }

  @Test
  void aBlankStateIsAMissingState() {
    Callback callback =
        Callback.builder(github, store)
            .baseUrl(BaseUrl.of("https://app.example"))
            .finishPath("/after")
            .build();
    WebResponse page =
        callback.handle(Req.get("https://app.example/github/oauth_callback?state=%20"));
    assertThat(page.status()).isEqualTo(400);
    assertThat(((WebResponse.Page) page).body()).contains("missing state");
  }

  @Test
  void aFetchSiteOfNoneIsTheUserTypingTheAddressAndMayStart() {
    Req typed =
        Req.post("https://app.example/github/start", Map.of())
            .withHeaders(Map.of("Sec-Fetch-Site", "none"));
    assertThat(BaseUrl.of("https://app.example").forFormPost(typed))
        .hasToString("https://app.example");
  }

  @Test
  void defaultPortsAreTheSameOriginAndOthersAreNot() {
    BaseUrl https = BaseUrl.of("https://app.example");
    assertThat(https.forRequest(Req.get("https://app.example:443/x")))
        .hasToString("https://app.example");
    assertThatThrownBy(() -> https.forRequest(Req.get("https://app.example:8443/x")))
        .isInstanceOf(BadRequestException.class);
    assertThatThrownBy(() -> https.forRequest(Req.get("http://app.example/x")))
        .isInstanceOf(BadRequestException.class);
    BaseUrl local = BaseUrl.of("http://localhost:8080");
    assertThat(local.forRequest(Req.get("http://LOCALHOST:8080/x")))
        .hasToString("http://localhost:8080");
    assertThat(BaseUrl.of("http://127.0.0.1").forRequest(Req.get("http://127.0.0.1:80/x")))
        .hasToString("http://127.0.0.1");
  }

  @Test
  void loopbackModeSaysSoAndAFixedUrlDoesNot() {
    assertThat(BaseUrl.loopback().isLoopback()).isTrue();
    assertThat(BaseUrl.of("https://app.example").isLoopback()).isFalse();
    assertThat(BaseUrl.loopback()).hasToString("BaseUrl[loopback]");
    assertThat(BaseUrl.of("https://app.example/")).hasToString("BaseUrl[https://app.example]");
  }

  @Test
  void controlCharactersAndSpacesMakeAPathUnusable() {
    assertThatThrownBy(() -> Paths.requireLocal("/a b", "finish path"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Paths.requireLocal("/a\u007f", "finish path"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(Paths.requireLocal("/a!b", "finish path")).isEqualTo("/a!b");
  }
}
