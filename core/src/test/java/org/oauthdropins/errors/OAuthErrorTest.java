package org.oauthdropins.errors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.oauthdropins.Req;
import org.oauthdropins.engine.oauth2.CodeFlowPipeline;
import org.oauthdropins.engine.oauth2.OAuth2Spec;
import org.oauthdropins.engine.oauth2.TokenResponse;
import org.oauthdropins.http.HttpResult;
import org.oauthdropins.internal.http.Json;

class OAuthErrorTest {

  @Test
  void aCallbackErrorIsReadWithItsDescriptionAndUriAndCarriedByTheException() {
    Req web =
        Req.get(
            "https://app.example/cb?state=s&error=server_error"
                + "&error_description=try+later&error_uri=https%3A%2F%2Fidp.example%2Fe");
    assertThat(OAuthError.in(web))
        .contains(new OAuthError("server_error", "try later", "https://idp.example/e"));
    assertThatThrownBy(() -> CodeFlowPipeline.code("s", web, null, false, OAuth2Spec.DECLINED))
        .isInstanceOfSatisfying(
            ProviderException.class,
            e -> {
              assertThat(e).hasMessage("s returned an error: server_error (try later)");
              assertThat(e.error().map(OAuthError::uri)).contains("https://idp.example/e");
            });
  }

  @Test
  void providerTextIsMadePrintableAsciiAndBounded() {
    OAuthError e = new OAuthError("bad\r\nLog: forged", "\u00e9".repeat(300), " ");
    assertThat(e.code()).isEqualTo("bad??Log: forged");
    assertThat(e.description()).isEqualTo("?".repeat(200) + "...");
    assertThat(e.uri()).isNull();
  }

  @Test
  void thereIsNoErrorWithoutACode() {
    assertThat(OAuthError.of(null, "text", null)).isEmpty();
    assertThat(OAuthError.of(" ", "text", null)).isEmpty();
    assertThat(OAuthError.in(Req.get("https://app.example/cb?code=c"))).isEmpty();
    assertThatThrownBy(() -> new OAuthError("", null, null))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aTokenEndpointErrorIsReadOnceIntoTheValue() {
    JsonNode body =
        Json.parse("{\"error\":\"invalid_grant\",\"error_description\":\"code used twice\"}");
    HttpResult answer =
        new HttpResult(
            400,
            URI.create("https://idp.example/token"),
            Map.of("content-type", List.of("application/json")),
            body.toString().getBytes(StandardCharsets.UTF_8));
    assertThatThrownBy(() -> TokenResponse.parse("s", answer))
        .isInstanceOfSatisfying(
            ProviderException.class,
            e -> {
              assertThat(e)
                  .hasMessage("s refused the token request: invalid_grant (code used twice)");
              assertThat(e.error())
                  .isEqualTo(Optional.of(new OAuthError("invalid_grant", "code used twice", null)));
              assertThat(e.oauthError()).isEqualTo("invalid_grant");
            });
  }
}
