package org.oauthdropins.sites.facebook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import org.oauthdropins.Button;
import org.oauthdropins.ProfileFields;
import org.oauthdropins.Revocation;
import org.oauthdropins.SiteBase;
import org.oauthdropins.SiteFactory;
import org.oauthdropins.SiteOptions;
import org.oauthdropins.engine.oauth2.ClientAuth;
import org.oauthdropins.engine.oauth2.ExtraData;
import org.oauthdropins.engine.oauth2.OAuth2Site;
import org.oauthdropins.engine.oauth2.ProfileLoader;
import org.oauthdropins.errors.ProviderException;
import org.oauthdropins.http.HttpCall;
import org.oauthdropins.http.HttpTransport;
import org.oauthdropins.internal.http.Json;

/**
 * Facebook Login with the Graph API.
 *
 * <p>Endpoints: developers.facebook.com "Manually Build a Login Flow" (the dialog, a token endpoint
 * that takes GET with the secret in the query, comma-separated scopes, and a decline that carries
 * {@code error=access_denied&error_reason=user_denied}) and "OIDC Code Flow with PKCE for Manually
 * Built Facebook Login Flows" (PKCE S256). The Graph API version is part of the two base URLs,
 * {@code web} and {@code graph}, so an app moves to another version by overriding them.
 */
public final class Facebook {

  /** The Graph API version this library is written against. */
  public static final String VERSION = "v23.0";

  /** The base of the login dialog, with the version. */
  public static final SiteBase WEB = SiteBase.of("web", "https://www.facebook.com/" + VERSION);

  /** The base of the Graph API, with the version. */
  public static final SiteBase GRAPH =
      SiteBase.of("graph", "https://graph.facebook.com/" + VERSION);

  /** Lists Facebook for apps and the demo. */
  public static final SiteFactory FACTORY =
      new SiteFactory("facebook", "facebook_app_id", "facebook_app_secret", Facebook::create);

  private Facebook() {}

  /** Facebook with the given options; credentials default to {@code facebook_app_id/secret}. */
  public static OAuth2Site<FacebookAuth> create(SiteOptions o) {
    URI me = o.url(GRAPH, "/me?fields=id,name,email,picture");
    URI accounts = o.url(GRAPH, "/me/accounts");
    return OAuth2Site.builder("facebook", "FacebookAuth")
        .button(Button.of("Continue with Facebook", "#1877f2", "#ffffff"))
        .credentials(o.credentials("facebook_app_id", "facebook_app_secret"))
        .options(o)
        .apiBase(o.url(GRAPH, ""))
        .authorizeUrl(o.url(WEB, "/dialog/oauth"))
        .tokenUrl(o.url(GRAPH, "/oauth/access_token"))
        .clientAuth(ClientAuth.QUERY)
        .scopeSeparator(",")
        .profile(ProfileLoader.bearerGet("facebook", me))
        .keyId(user -> Json.text(user, "id"))
        // The pages the user manages, with their page tokens, for FacebookAuth.forPage.
        .extra(
            ExtraData.fetching(
                (transport, token, user) -> {
                  ObjectNode extra = Json.object();
                  extra.put("type", "user");
                  extra.set("pages", pages(transport, accounts, token.accessToken()));
                  return extra;
                }))
        .profileFields(new ProfileFields(null, "/name", "/picture/data/url"))
        .entity(FacebookAuth::new)
        // Graph API "Permissions": DELETE /me/permissions removes the whole app authorization.
        .revocation(Revocation.signedCall("DELETE", o.url(GRAPH, "/me/permissions")))
        .build();
  }

  private static JsonNode pages(HttpTransport transport, URI accounts, String token) {
    JsonNode body;
    try {
      body =
          ProfileLoader.json(
              "facebook", transport.send(ProfileLoader.bearer(HttpCall.get(accounts), token)));
    } catch (IOException e) {
      throw ProviderException.unreachable("facebook pages endpoint", e);
    }
    JsonNode data = body.path("data");
    if (!data.isArray()) {
      throw new ProviderException("facebook me/accounts answer has no data list");
    }
    return data;
  }
}
