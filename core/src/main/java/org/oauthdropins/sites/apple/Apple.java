package org.oauthdropins.sites.apple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.oauthdropins.Button;
import org.oauthdropins.Credentials;
import org.oauthdropins.Revocation;
import org.oauthdropins.SiteBase;
import org.oauthdropins.SiteFactory;
import org.oauthdropins.SiteOptions;
import org.oauthdropins.engine.oauth2.ClientAuth;
import org.oauthdropins.engine.oauth2.OAuth2Site;
import org.oauthdropins.engine.oidc.Oidc;
import org.oauthdropins.engine.oidc.OidcProvider;
import org.oauthdropins.errors.BadRequestException;
import org.oauthdropins.internal.Marks;
import org.oauthdropins.internal.http.Json;
import org.oauthdropins.web.WebRequest;

/**
 * Sign in with Apple, OpenID Connect with Apple's quirks (developer.apple.com, "Sign in with Apple
 * REST API": "Request an authorization to the Sign in with Apple server", "Generate and validate
 * tokens", "Fetch Apple's public key for verifying token signature").
 *
 * <ul>
 *   <li>The client secret is a JWT the app signs with its key ({@link AppleClientSecret}), made
 *       again before it expires.
 *   <li>Asking for {@code name email} requires {@code response_mode=form_post}: Apple's page POSTs
 *       the result to the callback, cross-site; {@link org.oauthdropins.Callback} carries it over a
 *       same-site hop so the browser's cookie stays {@code SameSite=Lax}.
 *   <li>There is no userinfo endpoint: the profile is the ID token's claims, checked against
 *       Apple's JWKS with issuer {@code https://appleid.apple.com}, audience the services id, and
 *       the login's nonce.
 *   <li>The user's name comes only in the first authorization's {@code user} form field (JSON:
 *       {@code {"name":{"firstName":..,"lastName":..},"email":..}}); it is stored then as {@code
 *       given_name}, {@code family_name} and {@code name}, and kept at later logins.
 *   <li>The email may be a private relay address ({@code @privaterelay.appleid.com}, claim {@code
 *       is_private_email}); see {@link AppleAuth#isPrivateEmail()}.
 * </ul>
 *
 * <p>The key is {@code sub}, stable per user and team. Apple documents no PKCE for the web flow, so
 * none is sent. Credentials: {@code apple_client_id} is the services id; {@code
 * apple_client_secret} is the {@code .p8} key file's text, with lines {@code team_id: ...} and
 * {@code key_id: ...} above its PEM block, or those two in {@code apple_team_id} and {@code
 * apple_key_id} (files or environment variables, like every credential). Base URL override: {@code
 * web} (authorization, token, keys and issuer).
 */
public final class Apple {

  /** The {@code web} base URL, which is also the issuer of Apple's ID tokens. */
  public static final SiteBase WEB = SiteBase.of("web", "https://appleid.apple.com");

  /** The domain of the forwarding addresses Apple gives users who hide their email. */
  public static final String PRIVATE_RELAY_DOMAIN = "privaterelay.appleid.com";

  /** Lists Apple for apps and the demo. */
  public static final SiteFactory FACTORY =
      new SiteFactory("apple", "apple_client_id", "apple_client_secret", Apple::create);

  /** The longest {@code user} field taken: a name and an email, with room to spare. */
  private static final int MAX_USER_FIELD = 4096;

  private Apple() {}

  /** Sign in with Apple; credentials default to {@code apple_client_id/secret} (see above). */
  public static OAuth2Site<AppleAuth> create(SiteOptions o) {
    Credentials c = o.credentials("apple_client_id", "apple_client_secret");
    String issuer = o.url(WEB, "").toString();
    OidcProvider provider =
        OidcProvider.builder(issuer)
            .authorizationEndpoint(o.url(WEB, "/auth/authorize"))
            .tokenEndpoint(o.url(WEB, "/auth/token"))
            .jwksUri(o.url(WEB, "/auth/keys"))
            .clientAuth(ClientAuth.POST)
            .pkce(false)
            .build();
    return Oidc.builder("apple", "AppleAuth", provider, c, o.transport())
        // Apple's black button: white apple and title (Human Interface Guidelines, Sign in with
        // Apple).
        .button(Button.of("Sign in with Apple", "#000000", "#ffffff").withMark(Marks.load("apple")))
        .options(o)
        .clientSecret(
            new AppleClientSecret(
                AppleClientSecret.AppleKey.parse(c.clientSecret()),
                c.clientId(),
                Clock.systemUTC()))
        .defaultScopes(List.of("openid", "name", "email"))
        .formPostCallback(true)
        .declineErrors(Set.of("user_cancelled_authorize"))
        .callbackProfile(Apple::withName)
        .entity(AppleAuth::new)
        // developer.apple.com "Revoke tokens": POST /auth/revoke, client_id, client_secret, token.
        .revocation(Revocation.rfc7009(o.url(WEB, "/auth/revoke")))
        .build();
  }

  /**
   * The ID token's claims plus the name: from the {@code user} field of a first authorization, else
   * as stored by the user's earlier login.
   */
  static JsonNode withName(JsonNode profile, WebRequest callback, JsonNode stored) {
    ObjectNode out = profile.deepCopy();
    JsonNode from = callback.parameter("user").map(Apple::nameOf).orElse(stored);
    if (from != null) {
      for (String claim : new String[] {"given_name", "family_name", "name"}) {
        String v = Json.text(from, claim);
        if (v != null) {
          out.put(claim, v);
        }
      }
    }
    return out;
  }

  /** The name in a {@code user} field, as OpenID Connect standard claims. */
  private static JsonNode nameOf(String user) {
    if (user.length() > MAX_USER_FIELD) {
      throw new BadRequestException("the user field is too long");
    }
    JsonNode json;
    try {
      json = Json.parse(user);
    } catch (IllegalArgumentException e) {
      throw new BadRequestException("the user field is not JSON");
    }
    JsonNode name = json.path("name");
    ObjectNode out = Json.object();
    String first = Json.text(name, "firstName");
    String last = Json.text(name, "lastName");
    Optional.ofNullable(first).ifPresent(v -> out.put("given_name", v));
    Optional.ofNullable(last).ifPresent(v -> out.put("family_name", v));
    String full = String.join(" ", first == null ? "" : first, last == null ? "" : last).strip();
    if (!full.isEmpty()) {
      out.put("name", full);
    }
    return out;
  }
}
