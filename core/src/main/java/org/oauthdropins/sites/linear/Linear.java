package org.oauthdropins.sites.linear;

import java.util.List;
import org.oauthdropins.Button;
import org.oauthdropins.ProfileFields;
import org.oauthdropins.Revocation;
import org.oauthdropins.SiteBase;
import org.oauthdropins.SiteFactory;
import org.oauthdropins.SiteOptions;
import org.oauthdropins.engine.oauth2.ClientAuth;
import org.oauthdropins.engine.oauth2.OAuth2Site;
import org.oauthdropins.engine.oauth2.ProfileLoader;
import org.oauthdropins.internal.http.Json;

/**
 * Linear (base URL overrides {@code web} for the authorization page, {@code api} for the token
 * endpoint and the GraphQL API).
 *
 * <p>Endpoints: linear.app/developers, "OAuth 2.0 authentication" and "GraphQL": the browser goes
 * to {@code linear.app/oauth/authorize} with a comma-separated {@code scope}, of which {@code read}
 * (always granted) is enough to sign in; PKCE (S256) is sent, which Linear supports (its own OAuth
 * client metadata lists {@code S256}). The code is redeemed at {@code api.linear.app/oauth/token},
 * form-encoded, with {@code client_id} and {@code client_secret} in the body as the guide lists
 * them. Since April 2026 every app gets refresh tokens: access tokens last 24 hours and a refresh
 * answers with a new refresh token in place of the spent one. Revocation: {@code POST
 * api.linear.app/oauth/revoke} with the token, sent as RFC 7009's form with the app's {@code
 * client_id} and {@code client_secret}; that Linear's endpoint takes RFC 7009's form (and a refresh
 * token as well as an access token) is not confirmed by the documentation this was written from.
 *
 * <p>The profile is the GraphQL {@code viewer} ({@code POST api.linear.app/graphql}) with the
 * user's organization. The key is the viewer's {@code id}, a UUID that Linear gives a user in one
 * workspace (the same person in another workspace is another user there, with another id); the
 * name, display name and email can be changed. How Linear answers a request with a bad token (the
 * status the fake answers with is 401) is not confirmed by the documentation this was written from.
 */
public final class Linear {

  /** The {@code web} base URL of the authorization page; {@code withBase(Linear.WEB, url)}. */
  public static final SiteBase WEB = SiteBase.of("web", "https://linear.app");

  /**
   * The {@code api} base URL of the token endpoint and GraphQL; {@code withBase(Linear.API, url)}.
   */
  public static final SiteBase API = SiteBase.of("api", "https://api.linear.app");

  /** The profile query: the viewer and their workspace. */
  static final String VIEWER =
      "query { viewer { id name displayName email avatarUrl organization { id name urlKey } } }";

  /** Lists Linear for apps and the demo. */
  public static final SiteFactory FACTORY =
      new SiteFactory("linear", "linear_client_id", "linear_client_secret", Linear::create);

  private Linear() {}

  /** Linear with the given options; credentials default to {@code linear_client_id/secret}. */
  public static OAuth2Site<LinearAuth> create(SiteOptions o) {
    return OAuth2Site.builder("linear", "LinearAuth")
        // Linear's dark indigo with white text.
        .button(Button.of("Sign in with Linear", "#222326", "#FFFFFF"))
        .credentials(o.credentials("linear_client_id", "linear_client_secret"))
        .options(o)
        .apiBase(o.url(API, ""))
        .authorizeUrl(o.url(WEB, "/oauth/authorize"))
        .tokenUrl(o.url(API, "/oauth/token"))
        .clientAuth(ClientAuth.POST)
        .scopeSeparator(",")
        .defaultScopes(List.of("read"))
        .profile(ProfileLoader.graphql("linear", o.url(API, "/graphql"), VIEWER, "viewer"))
        .keyId(user -> Json.text(user, "id"))
        .profileFields(new ProfileFields("/id", "/name", "/avatarUrl", null))
        .entity(LinearAuth::new)
        // linear.app/developers "OAuth 2.0 authentication", "Revoke an access token".
        .revocation(Revocation.rfc7009(o.url(API, "/oauth/revoke")))
        .build();
  }
}
