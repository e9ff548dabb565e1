package org.oauthdropins.sites.disqus;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.oauthdropins.Button;
import org.oauthdropins.Credentials;
import org.oauthdropins.ProfileFields;
import org.oauthdropins.SiteBase;
import org.oauthdropins.SiteFactory;
import org.oauthdropins.SiteOptions;
import org.oauthdropins.engine.oauth2.ClientAuth;
import org.oauthdropins.engine.oauth2.OAuth2Site;
import org.oauthdropins.engine.oauth2.ProfileLoader;
import org.oauthdropins.errors.ProviderException;
import org.oauthdropins.http.HttpCall;
import org.oauthdropins.internal.http.Form;
import org.oauthdropins.internal.http.Json;
import org.oauthdropins.store.AccessToken;
import org.oauthdropins.store.AuthRecord;

/**
 * Disqus.
 *
 * <p>Facts from disqus.com/api/docs/auth: endpoints end in a slash; scopes are comma-separated
 * ({@code read}, {@code write}, {@code email}, {@code admin}); the client id and secret go in the
 * token POST's body, which answers the {@code user_id}; API calls carry the token as {@code
 * access_token} and the app's public key as {@code api_key}, both in the query, as Disqus reads
 * them nowhere else.
 *
 * <p>No revocation: no way for an app to end a token could be confirmed in Disqus's API
 * documentation, so a disconnect deletes the login here only.
 */
public final class Disqus {

  /** The base of both the OAuth endpoints and the API. */
  public static final SiteBase WEB = SiteBase.of("web", "https://disqus.com");

  /** Lists Disqus for apps and the demo. */
  public static final SiteFactory FACTORY =
      new SiteFactory("disqus", "disqus_client_id", "disqus_client_secret", Disqus::create);

  private Disqus() {}

  /** Disqus with the given options; credentials default to {@code disqus_client_id/secret}. */
  public static OAuth2Site<DisqusAuth> create(SiteOptions o) {
    Credentials credentials = o.credentials("disqus_client_id", "disqus_client_secret");
    String apiKey = credentials.clientId();
    URI details = o.url(WEB, "/api/3.0/users/details.json");
    return OAuth2Site.builder("disqus", "DisqusAuth")
        .button(Button.of("Sign in with Disqus", "#2e9fff", "#ffffff"))
        .credentials(credentials)
        .options(o)
        .apiBase(o.url(WEB, "/api/3.0"))
        .authorizeUrl(o.url(WEB, "/api/oauth/2.0/authorize/"))
        .tokenUrl(o.url(WEB, "/api/oauth/2.0/access_token/"))
        .clientAuth(ClientAuth.POST)
        // PKCE is not part of Disqus's (OAuth 2 draft 30) flow.
        .pkce(false)
        .scopeSeparator(",")
        .defaultScopes(List.of("read"))
        .profile(
            (transport, token) -> {
              String userId = Json.text(token.json(), "user_id");
              if (userId == null) {
                throw new ProviderException("disqus token response has no user_id");
              }
              URI url = URI.create(Form.appendQuery(details.toString(), Map.of("user", userId)));
              JsonNode body =
                  ProfileLoader.json(
                      "disqus",
                      transport.send(sign(HttpCall.get(url), apiKey, token.accessToken())));
              JsonNode user = body.path("response");
              if (!user.isObject()) {
                throw new ProviderException("disqus users/details answer has no response");
              }
              return user;
            })
        .keyId(user -> Json.text(user, "id"))
        .signer((call, record) -> sign(call, apiKey, bearer(record)))
        .profileFields(new ProfileFields(null, "/name", "/avatar/permalink"))
        .entity(DisqusAuth::new)
        .build();
  }

  private static String bearer(AuthRecord record) {
    if (!(record.token() instanceof AccessToken.Bearer b)) {
      throw new IllegalStateException("no access token stored for " + record.key());
    }
    return b.value();
  }

  /** Adds {@code access_token} and {@code api_key} to the query, where Disqus reads them. */
  static HttpCall sign(HttpCall call, String apiKey, String token) {
    Map<String, String> q = new LinkedHashMap<>();
    q.put("access_token", token);
    q.put("api_key", apiKey);
    return call.withUri(URI.create(Form.appendQuery(call.uri().toString(), q)));
  }
}
