package org.oauthdropins.sites.bluesky;

import java.net.URI;
import org.oauthdropins.AuthEntity;
import org.oauthdropins.Site;
import org.oauthdropins.engine.oauth2.atproto.AtprotoIdentity;
import org.oauthdropins.http.HttpTransport;
import org.oauthdropins.internal.http.Json;
import org.oauthdropins.store.AccessToken;
import org.oauthdropins.store.AuthRecord;
import org.oauthdropins.store.AuthStore;

/**
 * A Bluesky (atproto) login. The key id is the account's DID; {@link #userJson()} is the {@code
 * app.bsky.actor.getProfile} answer. Its HTTP helpers sign requests to the user's PDS: with DPoP
 * for OAuth logins, with the session token for app-password logins, refreshing and storing the
 * single-use refresh tokens as they rotate.
 *
 * <p>For OAuth logins {@link #accessToken()} and {@link #refreshToken()} are null, as in the Python
 * library: the tokens are bound to the login's DPoP key and useless without it, and spending the
 * refresh token elsewhere would break the stored login. Use {@link #send} instead.
 */
public final class BlueskyAuth extends AuthEntity {

  BlueskyAuth(Site<?> site, AuthRecord record, AuthStore store, HttpTransport transport) {
    super(site, record, store, transport);
  }

  /** The account's DID. */
  public String did() {
    return keyId();
  }

  /** The account's handle, e.g. {@code alice.bsky.social}. */
  public String handle() {
    String h = Json.text(userJson(), "handle");
    return h != null ? h : keyId();
  }

  /** The handle. */
  @Override
  public String userDisplayName() {
    return handle();
  }

  /** The avatar URL, or null. */
  @Override
  public String imageUrl() {
    return Json.text(userJson(), "avatar");
  }

  /** The user's PDS, where API requests go: {@code pdsUrl() + "/xrpc/..."}. */
  public URI pdsUrl() {
    return URI.create(Json.text(extra(), "pds_url"));
  }

  /** Whether this login came from atproto OAuth (DPoP) rather than an app password. */
  public boolean isOAuth() {
    return AtprotoIdentity.isOAuth(record());
  }

  @Override
  public AccessToken accessToken() {
    return isOAuth() ? null : super.accessToken();
  }

  @Override
  public String refreshToken() {
    return isOAuth() ? null : super.refreshToken();
  }
}
