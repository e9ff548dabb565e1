package org.oauthdropins.sites.spotify;

import org.oauthdropins.AuthEntity;
import org.oauthdropins.Site;
import org.oauthdropins.http.HttpTransport;
import org.oauthdropins.internal.http.Json;
import org.oauthdropins.store.AuthRecord;
import org.oauthdropins.store.AuthStore;

/**
 * A Spotify login. The key id is the user's Spotify {@code id}; {@link #userJson()} is {@code GET
 * /v1/me}; {@link #refreshToken()} renews the hour-long access token, for six months.
 */
public final class SpotifyAuth extends AuthEntity {

  SpotifyAuth(Site<?> site, AuthRecord record, AuthStore store, HttpTransport transport) {
    super(site, record, store, transport);
  }

  /** The user's Spotify URI ({@code spotify:user:...}), or null. */
  public String uri() {
    return Json.text(userJson(), "uri");
  }

  /** The user's profile page ({@code external_urls.spotify}), or null. */
  public String profileUrl() {
    return Json.text(userJson().path("external_urls"), "spotify");
  }

  /**
   * The user's email address, present only when the login asked for {@link
   * Spotify#USER_READ_EMAIL}; Spotify says it is not verified, so it proves nothing about the user.
   */
  public String email() {
    return Json.text(userJson(), "email");
  }
}
