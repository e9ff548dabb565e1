package org.oauthdropins.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.oauthdropins.AuthEntity;
import org.oauthdropins.Site;
import org.oauthdropins.SiteOptions;
import org.oauthdropins.store.AccessToken;

/**
 * {@link AbstractOAuth2FlowTest} for a site that issues refresh tokens: a token the site revoked is
 * refreshed after its 401 and written back. Refresh before use of a token past its stored expiry is
 * {@link SiteContractTest}'s, for every site that refreshes.
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
