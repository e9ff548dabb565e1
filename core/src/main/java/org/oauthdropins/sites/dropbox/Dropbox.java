package org.oauthdropins.sites.dropbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.oauthdropins.Button;
import org.oauthdropins.ProfileFields;
import org.oauthdropins.Revocation;
import org.oauthdropins.SiteBase;
import org.oauthdropins.SiteFactory;
import org.oauthdropins.SiteOptions;
import org.oauthdropins.engine.oauth2.OAuth2Site;
import org.oauthdropins.engine.oauth2.ProfileLoader;
import org.oauthdropins.errors.ProviderException;
import org.oauthdropins.http.HttpCall;
import org.oauthdropins.internal.http.Json;

/**
 * Dropbox.
 *
 * <p>Facts from the Dropbox HTTP documentation ("oauth2/authorize", "oauth2/token",
 * "users/get_current_account") and "Using OAuth 2.0 with offline access": {@code
 * token_access_type=offline} gets a short-lived access token plus a refresh token, which is stored
 * and used; PKCE S256 is supported; the token answer names the account ({@code account_id}, and the
 * legacy {@code uid} the Python library keyed by); the identity is a POST without a body. Unlike
 * the Python library, the redirect URI is the same in both legs, and the app's state rides in our
 * own state, never in the redirect URI.
 */
public final class Dropbox {

  /** The authorization page's base. */
  public static final SiteBase WEB = SiteBase.of("web", "https://www.dropbox.com");

  /** The API base: the token endpoint and RPC calls. */
  public static final SiteBase API = SiteBase.of("api", "https://api.dropboxapi.com");

  /** Lists Dropbox for apps and the demo. */
  public static final SiteFactory FACTORY =
      new SiteFactory("dropbox", "dropbox_app_key", "dropbox_app_secret", Dropbox::create);

  private Dropbox() {}

  /** Dropbox with the given options; credentials default to {@code dropbox_app_key/secret}. */
  public static OAuth2Site<DropboxAuth> create(SiteOptions o) {
    URI account = o.url(API, "/2/users/get_current_account");
    return OAuth2Site.builder("dropbox", "DropboxAuth")
        .button(Button.of("Sign in with Dropbox", "#0061fe", "#ffffff"))
        .credentials(o.credentials("dropbox_app_key", "dropbox_app_secret"))
        .options(o)
        .authorizeUrl(o.url(WEB, "/oauth2/authorize"))
        .tokenUrl(o.url(API, "/oauth2/token"))
        .authorizeParams(Map.of("token_access_type", "offline"))
        .profile(
            (transport, token) -> {
              // An RPC call without arguments: no body and no Content-Type.
              HttpCall call = new HttpCall("POST", account, List.of(), null);
              JsonNode user =
                  ProfileLoader.json(
                      "dropbox", transport.send(ProfileLoader.bearer(call, token.accessToken())));
              String tokenAccount = Json.text(token.json(), "account_id");
              if (tokenAccount != null && !tokenAccount.equals(Json.text(user, "account_id"))) {
                throw new ProviderException("dropbox token and account do not match");
              }
              return user;
            })
        .keyId(user -> Json.text(user, "account_id"))
        .extra(
            (token, user) -> {
              ObjectNode extra = Json.object();
              String uid = Json.text(token.json(), "uid");
              if (uid != null) {
                extra.put("uid", uid);
              }
              return extra;
            })
        .profileFields(new ProfileFields(null, "/name/display_name", "/profile_photo_url"))
        .entity(DropboxAuth::new)
        // Dropbox HTTP API "token/revoke": a POST the access token signs.
        .revocation(Revocation.signedCall("POST", o.url(API, "/2/auth/token/revoke")))
        .build();
  }
}
