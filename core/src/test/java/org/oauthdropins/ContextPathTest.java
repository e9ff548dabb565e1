package org.oauthdropins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.oauthdropins.web.WebRequest;
import org.oauthdropins.web.WebResponse;

/** The app's context path in the base URL and the finish redirect. */
class ContextPathTest {

  private static WebRequest at(String url, String contextPath) {
    return Req.get(url).withContextPath(contextPath);
  }

  @Test
  void loopbackModeTakesTheRequestsContextPath() {
    assertThat(BaseUrl.loopback().forRequest(at("http://localhost:8080/app/x/start", "/app")))
        .hasToString("http://localhost:8080/app");
    assertThat(BaseUrl.loopback().forRequest(at("http://localhost:8080/x/start", "/")))
        .hasToString("http://localhost:8080");
  }

  @Test
  void aFixedBaseUrlKeepsItsOwnPath() {
    assertThat(BaseUrl.of("https://example.com/app/").forRequest(at("https://example.com/x", "")))
        .hasToString("https://example.com/app");
  }

  @Test
  void theFinishRedirectIsUnderTheContextPath() {
    WebResponse r =
        Finish.redirectTo("/after").finish(null, "s", at("http://localhost/app/cb", "/app"));
    assertThat(((WebResponse.Redirect) r).location()).startsWith("/app/after?declined=true");
  }

  @Test
  void aContextPathThatWouldLeaveTheHostIsRefused() {
    assertThatThrownBy(
            () -> BaseUrl.loopback().forRequest(at("http://localhost/x", "//evil.example")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> Finish.redirectTo("/after").finish(null, "s", at("http://localhost/", "/a\\b")))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
