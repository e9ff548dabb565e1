package org.oauthdropins.engine.oauth2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.oauthdropins.errors.ProviderException;
import org.oauthdropins.http.HttpResult;

class TokenResponseTest {

  private static HttpResult answer(int status, String type, String body) {
    return new HttpResult(
        status,
        URI.create("https://example.com/token"),
        Map.of("content-type", List.of(type)),
        body.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void rfc6749Example() {
    TokenResponse t =
        TokenResponse.parse(
            "x",
            answer(
                200,
                "application/json",
                "{\"access_token\":\"2YotnFZFEjr1zCsicMWpAA\",\"token_type\":\"Example\","
                    + "\"expires_in\":3600,\"refresh_token\":\"tGzv3JOkF0XG5Qx2TlKWIA\","
                    + "\"example_parameter\":\"example_value\"}"));
    assertThat(t.accessToken()).isEqualTo("2YotnFZFEjr1zCsicMWpAA");
    assertThat(t.tokenType()).isEqualTo("example");
    assertThat(t.expiresIn()).isEqualTo(3600L);
    assertThat(t.refreshToken()).isEqualTo("tGzv3JOkF0XG5Qx2TlKWIA");
    assertThat(t.json().path("example_parameter").asText()).isEqualTo("example_value");
    assertThat(t.toString()).doesNotContain("2YotnFZFEjr1zCsicMWpAA", "tGzv3JOkF0XG5Qx2TlKWIA");
  }

  @Test
  void githubFormEncodedDefault() {
    TokenResponse t =
        TokenResponse.parse(
            "github",
            answer(
                200,
                "application/x-www-form-urlencoded",
                "access_token=gho_16C7e42F292c6912E7710c838347Ae178B4a&scope=repo%2Cgist&token_type=bearer"));
    assertThat(t.accessToken()).isEqualTo("gho_16C7e42F292c6912E7710c838347Ae178B4a");
    assertThat(t.scope()).isEqualTo("repo,gist");
  }

  @Test
  void errorInsideA200() {
    assertThatThrownBy(
            () ->
                TokenResponse.parse(
                    "github",
                    answer(
                        200,
                        "application/json",
                        "{\"error\":\"bad_verification_code\",\"error_description\":\"The code passed is incorrect or expired.\"}")))
        .isInstanceOf(ProviderException.class)
        .hasMessage(
            "github refused the token request: bad_verification_code (The code passed is incorrect or expired.)");
  }

  @Test
  void rfc6749ErrorWith400() {
    assertThatThrownBy(
            () ->
                TokenResponse.parse(
                    "x", answer(400, "application/json", "{\"error\":\"invalid_grant\"}")))
        .isInstanceOf(ProviderException.class)
        .hasMessage("x refused the token request: invalid_grant");
  }

  @Test
  void garbageAndMissingTokenAreRefused() {
    assertThatThrownBy(
            () -> TokenResponse.parse("x", answer(200, "text/html", "<html>oops</html>")))
        .hasMessageContaining("not a token response");
    assertThatThrownBy(() -> TokenResponse.parse("x", answer(200, "application/json", "[1,2]")))
        .hasMessageContaining("not a token response");
    assertThatThrownBy(() -> TokenResponse.parse("x", answer(200, "application/json", "{}")))
        .hasMessageContaining("no access_token");
    assertThatThrownBy(
            () ->
                TokenResponse.parse(
                    "x", answer(500, "application/json", "{\"access_token\":\"a\"}")))
        .hasMessageContaining("HTTP 500");
  }

  @Test
  void providerTextIsMadePrintableAndShort() {
    assertThatThrownBy(
            () ->
                TokenResponse.parse(
                    "x",
                    answer(
                        400,
                        "application/json",
                        "{\"error\":\"e\\n\\u0007" + "y".repeat(500) + "\"}")))
        .hasMessageNotContaining("\n")
        .hasMessageEndingWith("...");
  }
}
