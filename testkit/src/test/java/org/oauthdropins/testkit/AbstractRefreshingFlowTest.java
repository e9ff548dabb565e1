package org.oauthdropins.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.oauthdropins.AccessToken;
import org.oauthdropins.AuthEntity;
import org.oauthdropins.Key;
import org.oauthdropins.ProviderException;
import org.oauthdropins.Site;
import org.oauthdropins.SiteOptions;
import org.oauthdropins.store.AuthRecord;

/**
 * {@link AbstractOAuth2FlowTest} for a site that issues refresh tokens: expired and revoked access
 * tokens are refreshed on use and the new tokens written back to the store.
 *
 * @param <F> the site's fake
 * @param <A> the site's entity type
 */
abstract class AbstractRefreshingFlowTest<F extends OAuth2Fake, A extends AuthEntity>
    extends AbstractOAuth2FlowTest<F, A> {

  AbstractRefreshingFlowTest(
      Supplier<F> newFake, Function<SiteOptions, ? extends Site<A>> newSite, String keyId) {
    super(newFake, newSite, keyId);
  }

  /**
   * An access token past its stored expiry is refreshed before use, although the site would still
   * take it, and the new tokens are written to the store; a rotated refresh token is spent.
   */
  @Test
  void expiredTokenIsRefreshedBeforeUse() {
    Key key = approve("s").key();
    AuthRecord before = store.get(key).orElseThrow();
    store.put(
        before.withTokens(before.token(), before.refreshToken(), Instant.now().minusSeconds(1)));
    AuthEntity auth = site.load(store, key).orElseThrow();

    assertThat(callApi(auth).status()).isEqualTo(200);

    AuthRecord after = store.get(key).orElseThrow();
    assertThat(after.token()).isNotEqualTo(before.token()).isEqualTo(auth.accessToken());
    assertThat(after.refreshToken()).isNotNull().isEqualTo(auth.refreshToken());
    assertThat(after.expiresAt() == null || after.expiresAt().isAfter(Instant.now())).isTrue();
    if (!after.refreshToken().equals(before.refreshToken())) {
      assertThatThrownBy(() -> site.refresh(before, app.store()))
          .isInstanceOf(ProviderException.class)
          .hasMessageContaining("invalid_grant");
    }
  }

  /**
   * A login that holds only a refresh token, as the Python library stores a Reddit login, refreshes
   * before its first call instead of sending no token.
   */
  @Test
  void aLoginHoldingOnlyARefreshTokenRefreshesBeforeItsFirstCall() {
    Key key = approve("s").key();
    AuthRecord before = store.get(key).orElseThrow();
    store.put(before.withTokens(null, before.refreshToken(), null));
    AuthEntity auth = site.load(store, key).orElseThrow();

    assertThat(callApi(auth).status()).isEqualTo(200);

    AuthRecord after = store.get(key).orElseThrow();
    assertThat(after.token()).isNotNull().isEqualTo(auth.accessToken());
    assertThat(oauth().refreshCount()).isEqualTo(1);
  }

  /** A token the site revoked gets a 401, which refreshes it and retries once. */
  @Test
  void revokedTokenIsRefreshedOn401() {
    AuthEntity auth = approve("s");
    AccessToken old = auth.accessToken();
    oauth().expireAccessTokens();

    assertThat(callApi(auth).status()).isEqualTo(200);

    assertThat(auth.accessToken()).isNotEqualTo(old);
    assertThat(store.get(auth.key()).orElseThrow().token()).isEqualTo(auth.accessToken());
  }
}
