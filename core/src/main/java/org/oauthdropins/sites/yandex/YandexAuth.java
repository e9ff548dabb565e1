package org.oauthdropins.sites.yandex;

import org.oauthdropins.AuthEntity;
import org.oauthdropins.Site;
import org.oauthdropins.http.HttpTransport;
import org.oauthdropins.internal.http.Json;
import org.oauthdropins.store.AuthRecord;
import org.oauthdropins.store.AuthStore;

/**
 * A Yandex ID login. The key id is the Yandex user {@code id}; {@link #userJson()} is {@code GET
 * login.yandex.ru/info}; {@link #refreshToken()} renews the year-long token.
 */
public final class YandexAuth extends AuthEntity {

  /** The picture size {@link #imageUrl()} asks for, 200 by 200 pixels. */
  static final String AVATAR_SIZE = "islands-200";

  YandexAuth(Site<?> site, AuthRecord record, AuthStore store, HttpTransport transport) {
    super(site, record, store, transport);
  }

  /**
   * The user's picture, built from {@code default_avatar_id}, or null when the user has none
   * ({@code is_avatar_empty}) or the app has no {@code login:avatar} access.
   */
  @Override
  public String imageUrl() {
    String id = Json.text(userJson(), "default_avatar_id");
    if (id == null || userJson().path("is_avatar_empty").asBoolean(false)) {
      return null;
    }
    return "https://avatars.yandex.net/get-yapic/" + id + "/" + AVATAR_SIZE;
  }

  /** The user's default email address, with the {@link Yandex#LOGIN_EMAIL} access, else null. */
  public String email() {
    return Json.text(userJson(), "default_email");
  }
}
