package org.oauthdropins.engine.oauth2;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.oauthdropins.Authorization;
import org.oauthdropins.AuthorizeRequest;
import org.oauthdropins.Button;
import org.oauthdropins.Credentials;
import org.oauthdropins.Req;
import org.oauthdropins.http.HttpResult;
import org.oauthdropins.http.HttpTransport;
import org.oauthdropins.internal.PendingData;
import org.oauthdropins.store.AccessToken;
import org.oauthdropins.store.AuthRecord;
import org.oauthdropins.store.Key;
import org.oauthdropins.store.memory.MemoryStore;

/** The engine's own rules, apart from any site: what a login keeps, and how tokens age. */
class OAuth2SiteTest {

  private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

  private static OAuth2Site<?> site(HttpTransport transport, boolean nonce) {
    return OAuth2Site.builder("s", "SAuth")
        .button(Button.of("Sign in", "#000000", "#ffffff"))
        .credentials(new Credentials("client", "secret"))
        .transport(transport)
        .clock(Clock.fixed(NOW, ZoneOffset.UTC))
        .authorizeUrl(URI.create("https://as.example/authorize"))
        .tokenUrl(URI.create("https://as.example/token"))
        .nonce(nonce)
        .profile((t, token) -> null)
        .keyId(user -> "1")
        .build();
  }

  private static Authorization start(OAuth2Site<?> site) {
    return site.authorize(
        new AuthorizeRequest(
            Req.post("https://app.example/s/start", Map.of()),
            URI.create("https://app.example"),
            URI.create("https://app.example/s/oauth_callback"),
            "state",
            List.of(),
            new MemoryStore()));
  }

  @Test
  void aPendingLoginIsStoredUnderTheKeysStoresHaveAlwaysHeld() {
    Authorization a = start(site(call -> null, true));
    assertThat(a.data()).containsOnlyKeys("code_verifier", "nonce");
    assertThat(start(site(call -> null, false)).data()).containsOnlyKeys("code_verifier");
    CodeFlowPipeline.Pending read = PendingData.read(CodeFlowPipeline.Pending.class, a.data());
    assertThat(read.codeVerifier()).isEqualTo(a.data().get("code_verifier"));
  }

  @Test
  void aPendingLoginNamesNoValueInItsText() {
    CodeFlowPipeline.Pending p = new CodeFlowPipeline.Pending("verifier-value", "nonce-value");
    assertThat(p.toString()).doesNotContain("verifier-value").doesNotContain("nonce-value");
  }

  @Test
  void aRefreshWithoutANewRefreshTokenKeepsTheOldOne() {
    HttpTransport tokenEndpoint =
        call ->
            new HttpResult(
                200,
                call.uri(),
                Map.of("content-type", List.of("application/json")),
                "{\"access_token\":\"new\",\"token_type\":\"bearer\",\"expires_in\":3600}"
                    .getBytes(StandardCharsets.UTF_8));
    AuthRecord stored =
        AuthRecord.of(
            new Key("SAuth", "1"), "s", new AccessToken.Bearer("old"), "r1", NOW, "{}", null);
    AuthRecord refreshed = site(tokenEndpoint, false).refresh(stored, new MemoryStore()).get();
    assertThat(refreshed.token()).isEqualTo(new AccessToken.Bearer("new"));
    assertThat(refreshed.refreshToken()).isEqualTo("r1");
    assertThat(refreshed.expiresAt()).isEqualTo(NOW.plusSeconds(3600));
  }

  @Test
  void aLoginWithoutARefreshTokenIsNotRefreshedByTheStandardLifecycle() {
    AuthRecord stored =
        AuthRecord.of(
            new Key("SAuth", "1"), "s", new AccessToken.Bearer("old"), null, NOW, "{}", null);
    HttpTransport none =
        call -> {
          throw new AssertionError("nothing to send");
        };
    assertThat(site(none, false).refresh(stored, new MemoryStore())).isEmpty();
  }

  @Test
  void theRenewalMarginIsNeverMoreThanHalfTheTokensLife() {
    TokenResponse hour = new TokenResponse("t", null, 3600L, null, null, null);
    assertThat(hour.expiresAt(NOW, Duration.ofDays(7))).isEqualTo(NOW.plusSeconds(1800));
    TokenResponse days60 = new TokenResponse("t", null, 60L * 86400, null, null, null);
    assertThat(days60.expiresAt(NOW, Duration.ofDays(7))).isEqualTo(NOW.plus(Duration.ofDays(53)));
    assertThat(new TokenResponse("t", null, null, null, null, null).expiresAt(NOW, Duration.ZERO))
        .isNull();
  }
}
