package org.oauthdropins.sites.kakao;

import org.oauthdropins.AuthEntity;
import org.oauthdropins.Site;
import org.oauthdropins.http.HttpTransport;
import org.oauthdropins.internal.http.Json;
import org.oauthdropins.store.AuthRecord;
import org.oauthdropins.store.AuthStore;

/**
 * A Kakao login. The key id is the user's Kakao member number ({@code id}); {@link #userJson()} is
 * {@code GET /v2/user/me}; {@link #refreshToken()} renews the six-hour access token for two months.
 */
public final class KakaoAuth extends AuthEntity {

  KakaoAuth(Site<?> site, AuthRecord record, AuthStore store, HttpTransport transport) {
    super(site, record, store, transport);
  }

  /**
   * The Kakao account's email address when the login asked for {@link Kakao#ACCOUNT_EMAIL} and
   * Kakao says it is both valid and verified, else null: an address Kakao has not verified proves
   * nothing about the user.
   */
  public String email() {
    var account = userJson().path("kakao_account");
    return account.path("is_email_valid").asBoolean(false)
            && account.path("is_email_verified").asBoolean(false)
        ? Json.text(account, "email")
        : null;
  }
}
