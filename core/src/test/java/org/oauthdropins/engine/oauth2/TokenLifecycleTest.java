package org.oauthdropins.engine.oauth2;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.oauthdropins.Credentials;
import org.oauthdropins.http.HttpCall;
import org.oauthdropins.http.HttpResult;
import org.oauthdropins.http.HttpTransport;
import org.oauthdropins.internal.http.Form;
import org.oauthdropins.store.AccessToken;
import org.oauthdropins.store.AuthRecord;
import org.oauthdropins.store.Key;

/**
 * A site that differs from the standard lifecycle only in its refresh request (Figma's own refresh
 * endpoint, TikTok's {@code client_key}) says only that: the code and the exchange's answer stay as
 * they are, and a login without a refresh token is not renewed.
 */
class TokenLifecycleTest {

  private static final Instant NOW = Instant.parse("2030-01-02T03:04:05Z");
  private static final URI TOKEN = URI.create("https://provider.example/oauth/token");
  private static final URI REFRESH = URI.create("https://provider.example/oauth/refresh");

  private final AtomicReference<HttpCall> sent = new AtomicReference<>();

  private TokenClient tokens() {
    HttpTransport transport =
        call -> {
          sent.set(call);
          return new HttpResult(
              200,
              call.uri(),
              Map.of("content-type", List.of("application/json")),
              "{\"access_token\":\"new\",\"token_type\":\"bearer\"}"
                  .getBytes(StandardCharsets.UTF_8));
        };
    return new TokenClient(
        "s", TOKEN, new Credentials("id", "secret"), ClientAuth.BASIC, transport);
  }

  private static AuthRecord stored(String refreshToken) {
    return AuthRecord.of(
        new Key("SAuth", "1"), "s", new AccessToken.Bearer("old"), refreshToken, NOW, "{}", null);
  }

  @Test
  void aSiteChangesOnlyItsRefreshRequest() {
    TokenLifecycle lifecycle =
        TokenLifecycle.refreshingWith(
            (refreshToken, tokens) ->
                tokens.at(REFRESH).post(Map.of("refresh_token", refreshToken)));
    TokenResponse first = new TokenResponse("t", null, 3600L, null, null, null);

    assertThat(lifecycle.code("the-code")).isEqualTo("the-code");
    assertThat(lifecycle.afterExchange(first, tokens())).isSameAs(first);
    assertThat(lifecycle.renewMargin()).isZero();
    TokenResponse renewed = lifecycle.refresh(stored("r1"), tokens()).orElseThrow();

    assertThat(renewed.accessToken()).isEqualTo("new");
    assertThat(sent.get().uri()).isEqualTo(REFRESH);
    assertThat(Form.decode(new String(sent.get().body(), StandardCharsets.UTF_8)))
        .containsExactly(Map.entry("refresh_token", "r1"));
    assertThat(sent.get().headers().toString()).contains("Authorization");
  }

  @Test
  void aLoginWithoutARefreshTokenIsNotRenewedAndNothingIsSent() {
    TokenLifecycle lifecycle =
        TokenLifecycle.refreshingWith(
            (refreshToken, tokens) -> {
              throw new AssertionError("nothing to send");
            });

    assertThat(lifecycle.refresh(stored(null), tokens())).isEmpty();
    assertThat(sent.get()).isNull();
  }

  @Test
  void theStandardLifecycleIsTheStandardRefreshRequest() {
    TokenResponse renewed = TokenLifecycle.STANDARD.refresh(stored("r1"), tokens()).orElseThrow();

    assertThat(renewed.accessToken()).isEqualTo("new");
    assertThat(sent.get().uri()).isEqualTo(TOKEN);
    assertThat(Form.decode(new String(sent.get().body(), StandardCharsets.UTF_8)))
        .containsEntry("grant_type", "refresh_token")
        .containsEntry("refresh_token", "r1");
    assertThat(TokenLifecycle.STANDARD).hasToString("TokenLifecycle.STANDARD");
  }
}
