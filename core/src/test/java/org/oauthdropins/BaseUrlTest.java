package org.oauthdropins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.oauthdropins.errors.BadRequestException;

/** The app's base URL is configuration; a request for another origin or from another site fails. */
class BaseUrlTest {

  private final BaseUrl app = BaseUrl.of("https://app.example/ctx/");

  @ParameterizedTest
  @ValueSource(
      strings = {
        "http://app.example",
        "https://user@app.example",
        "https://app.example/?q=1",
        "https://app.example/#f",
        "app.example",
        "not a url"
      })
  void onlyHttpsOrLoopbackHttpWithoutQueryIsABaseUrl(String url) {
    assertThatThrownBy(() -> BaseUrl.of(url)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theConfiguredUrlKeepsItsPathWithoutTrailingSlash() {
    assertThat(app.configured()).contains(URI.create("https://app.example/ctx"));
    assertThat(app.forRequest(Req.get("https://APP.example:443/ctx/x")))
        .isEqualTo(URI.create("https://app.example/ctx"));
    assertThat(BaseUrl.loopback().configured()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://evil.example/ctx/x",
        "http://app.example/ctx/x",
        "https://app.example:8443/ctx/x",
        "https://app.example.evil.example/ctx/x"
      })
  void aRequestForAnotherOriginIsA400(String url) {
    assertThatThrownBy(() -> app.forRequest(Req.get(url))).isInstanceOf(BadRequestException.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"http://localhost:8080/x", "http://127.0.0.1:1/x", "http://[::1]:2/x"})
  void loopbackModeServesLoopbackHostsFromTheirOwnOrigin(String url) {
    URI u = URI.create(url);
    assertThat(BaseUrl.loopback().forRequest(Req.get(url)))
        .isEqualTo(URI.create(u.getScheme() + "://" + u.getRawAuthority()));
  }

  @Test
  void loopbackModeRefusesAnyOtherHost() {
    assertThatThrownBy(() -> BaseUrl.loopback().forRequest(Req.get("http://evil.example/x")))
        .isInstanceOf(BadRequestException.class);
  }

  @Test
  void aFormPostMustBeAPostFromTheSameOrigin() {
    String url = "https://app.example/ctx/github/start";
    assertThat(app.forFormPost(Req.post(url, Map.of()))).hasToString("https://app.example/ctx");
    assertThat(app.forFormPost(Req.post(url, Map.of()).withHeaders(Map.of())))
        .hasToString("https://app.example/ctx");
    assertThat(
            app.forFormPost(
                Req.post(url, Map.of()).withHeaders(Map.of("Origin", "https://app.example"))))
        .hasToString("https://app.example/ctx");
    for (Map<String, String> foreign :
        java.util.List.of(
            Map.of("Sec-Fetch-Site", "cross-site"),
            Map.of("Sec-Fetch-Site", "same-site"),
            Map.of("Origin", "https://evil.example"),
            Map.of("Origin", "null"),
            // Fetch metadata decides when present, whatever Origin says.
            Map.of("Sec-Fetch-Site", "cross-site", "Origin", "https://app.example"))) {
      assertThatThrownBy(() -> app.forFormPost(Req.post(url, Map.of()).withHeaders(foreign)))
          .as(foreign.toString())
          .isInstanceOf(BadRequestException.class);
    }
    assertThatThrownBy(() -> app.forFormPost(Req.get(url))).isInstanceOf(BadRequestException.class);
  }
}
