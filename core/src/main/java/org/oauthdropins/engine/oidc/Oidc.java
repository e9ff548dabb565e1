package org.oauthdropins.engine.oidc;

import static org.oauthdropins.internal.OAuthParameters.PROMPT;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.oauthdropins.Button;
import org.oauthdropins.Credentials;
import org.oauthdropins.Revocation;
import org.oauthdropins.Site;
import org.oauthdropins.SiteOptions;
import org.oauthdropins.engine.oauth2.OAuth2Site;
import org.oauthdropins.engine.oauth2.ProfileLoader;
import org.oauthdropins.engine.oauth2.Steps;
import org.oauthdropins.engine.oauth2.TokenResponse;
import org.oauthdropins.errors.ProviderException;
import org.oauthdropins.http.HttpTransport;
import org.oauthdropins.internal.http.Json;

/**
 * OpenID Connect on the OAuth 2 engine: a nonce per login, the ID token checked (signature against
 * the provider's keys, issuer, audience, expiry, nonce) before anything else is believed, the
 * profile from the userinfo endpoint (whose {@code sub} must match the ID token's), and the key id
 * from {@code sub}.
 *
 * <p>Sites with fixed endpoints build on {@link #builder}; any other provider (Microsoft, GitLab,
 * Keycloak, Auth0...) needs only its issuer URL: {@link #create(String, String, SiteOptions)}.
 */
public final class Oidc {

  /** The scope that asks for a refresh token (OpenID Connect Core 1.0 §11). */
  public static final String OFFLINE_ACCESS = "offline_access";

  /** The field of {@code extra} holding the verified ID token's claims. */
  public static final String ID_TOKEN = "id_token";

  /**
   * The field of {@code extra} holding the ID token itself, as the provider signed it: the {@code
   * id_token_hint} of a logout (RP-Initiated Logout 1.0 §2). Its name marks it a credential, so a
   * store that seals logins seals it.
   */
  public static final String ID_TOKEN_JWT = "id_token_jwt";

  /** The authorization request parameter that asks for claims one by one (Core §5.5). */
  public static final String CLAIMS = "claims";

  /** Scopes a generic provider is asked for: who the user is, their name, picture and email. */
  public static final List<String> GENERIC_SCOPES = List.of("openid", "profile", "email");

  private Oidc() {}

  /**
   * An issuer as a self-hosted site qualifies its users' keys with: its URL less the scheme, the
   * host in lower case, no trailing slash ({@code sso.example.org/realms/main}). Two installs may
   * each have a user {@code 42}; {@code 42@} the install tells them apart (GitLab, Keycloak).
   */
  public static String issuerWithoutScheme(String issuer) {
    URI u = URI.create(issuer);
    String path = u.getRawPath() == null ? "" : u.getRawPath();
    while (path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    return u.getRawAuthority().toLowerCase(Locale.ROOT) + path;
  }

  /**
   * A site for any OpenID Connect provider, from its issuer URL alone. The discovery document is
   * read at the first login (and again after a failure), so the app starts even when the provider
   * is down. Credentials default to the files {@code <name>_client_id} and {@code
   * <name>_client_secret}; the entity kind is the capitalised name plus {@code Auth} ({@code
   * gitlab} stores {@code GitlabAuth}). A login started with the extra scope {@code offline_access}
   * (for a refresh token) also sends {@code prompt=consent}, which OpenID Connect Core 1.0 §11
   * requires and without which conforming providers drop that scope.
   *
   * @param name the site's name, e.g. {@code gitlab}; letters, digits and {@code _}
   * @param issuer the issuer identifier, e.g. {@code https://gitlab.com}
   * @param options credentials and transport
   */
  public static Site<OidcAuth> create(String name, String issuer, SiteOptions options) {
    String alnum = name.replaceAll("[^A-Za-z0-9]", "");
    if (alnum.isEmpty()) {
      throw new IllegalArgumentException("site name needs letters or digits: " + name);
    }
    String kind = alnum.substring(0, 1).toUpperCase(Locale.ROOT) + alnum.substring(1) + "Auth";
    return create(
        name, kind, issuer, Button.of("Sign in with " + name, "#4a5568", "#ffffff"), options);
  }

  /**
   * {@link #create(String, String, SiteOptions)} with an explicit entity kind and button.
   *
   * @param kind the entity kind, letters and digits
   */
  public static Site<OidcAuth> create(
      String name, String kind, String issuer, Button button, SiteOptions options) {
    return builder(
            name,
            kind,
            issuer,
            options.credentials(name + "_client_id", name + "_client_secret"),
            options.transport())
        .button(button)
        .options(options)
        .build();
  }

  /**
   * An {@link OAuth2Site} builder for a provider known by its issuer alone: as {@link
   * #builder(String, String, OidcProvider, Credentials, HttpTransport)}, with everything the
   * provider decides (endpoints, PAR, client authentication, PKCE, the ID token's keys, userinfo)
   * read from its discovery document at the first login that needs it, and again after a failure,
   * so that the app starts even when the provider is down. Scopes {@code openid profile email}.
   * Apps and sites add their button and, where they want them, {@code par(ALWAYS)} and {@code
   * dpop(ALWAYS)}.
   *
   * @param issuer the issuer identifier, whose discovery document names the endpoints
   */
  public static OAuth2Site.Builder<OidcAuth> builder(
      String name, String kind, String issuer, Credentials credentials, HttpTransport transport) {
    Clock clock = Clock.systemUTC();
    Discovery discovery = new Discovery(name, issuer, credentials.clientId(), transport, clock);
    return common(name, kind, discovery.userinfo())
        .routes(new OidcLogout(name, credentials.clientId(), discovery::logoutParts, clock)::routes)
        .credentials(credentials)
        .transport(transport)
        .servers(discovery)
        .clients(discovery.clients(credentials))
        .tokenCheck(discovery)
        .nonce(true)
        // The discovery document's revocation_endpoint, if it names one (RFC 7009).
        .revocation(Revocation.fromMetadata())
        .defaultScopes(GENERIC_SCOPES);
  }

  /**
   * What every OpenID Connect site has, whatever its provider: see {@link #builder}. PAR and DPoP
   * both run {@link Steps.When#IF_REQUIRED} unless the site or app says otherwise:
   *
   * <ul>
   *   <li><b>PAR</b> (RFC 9126) when the provider declares {@code
   *       require_pushed_authorization_requests}; {@code par(ALWAYS)} pushes whenever it names a
   *       {@code pushed_authorization_request_endpoint} (a provider can require PAR of one client
   *       only, which its metadata does not show); {@code par(NEVER)} never does, and a login at a
   *       provider that requires PAR then fails with a 502.
   *   <li><b>DPoP</b> (RFC 9449): a provider cannot declare that it requires DPoP of a client
   *       ({@code dpop_bound_access_tokens} is the client's registration, §5.2; {@code
   *       dpop_signing_alg_values_supported} says only that it takes proofs), so a login starts
   *       without a key and learns the requirement from the token endpoint: when the code exchange
   *       is refused with {@code invalid_dpop_proof}, {@code use_dpop_nonce}, an error that names
   *       DPoP, or (servers need not say why) any error from a provider that lists ES256 in {@code
   *       dpop_signing_alg_values_supported}, it is sent once more with a proof of a new key, to
   *       which the login's tokens are then bound. {@code dpop(ALWAYS)} binds every login from its
   *       first request (the pushed request too, so that the code is bound); {@code dpop(NEVER)}
   *       never sends a proof. A login with a key signs its API calls and refreshes with it; its
   *       access token is then no bearer token.
   * </ul>
   */
  private static OAuth2Site.Builder<OidcAuth> common(
      String name, String kind, ProfileLoader profile) {
    return OAuth2Site.builder(name, kind)
        .par(Steps.When.IF_REQUIRED)
        .dpop(Steps.When.IF_REQUIRED)
        .defaultScopes(List.of("openid"))
        .scopeParams(Oidc::consentForOfflineAccess)
        .profile(profile)
        .keyId(user -> Json.text(user, "sub"))
        .extra((token, user) -> extra(token))
        .entity(OidcAuth::new);
  }

  /**
   * An {@link OAuth2Site} builder set up for an OpenID Connect provider: endpoints (PAR's too),
   * client authentication and PKCE from the provider, scope {@code openid}, a nonce per login, the
   * ID token check, the userinfo profile, {@code sub} as key id, the ID token's claims in {@code
   * extra}, and {@link OidcAuth} entities. Sites add their button and change what differs.
   *
   * @param name the site's name
   * @param kind the entity kind
   * @param provider the provider's endpoints and quirks
   * @param credentials the app's client id and secret
   * @param transport how the provider is reached
   */
  public static OAuth2Site.Builder<OidcAuth> builder(
      String name,
      String kind,
      OidcProvider provider,
      Credentials credentials,
      HttpTransport transport) {
    Clock clock = Clock.systemUTC();
    IdTokenVerifier verifier =
        new IdTokenVerifier(
            name,
            provider.acceptedIssuers(),
            provider.issuerTemplate(),
            credentials.clientId(),
            new Jwks(name, provider.jwksUri(), transport, clock),
            clock);
    OidcLogout.Parts parts = new OidcLogout.Parts(provider, verifier);
    return common(name, kind, userinfo(name, provider.userinfoEndpoint()))
        .routes(new OidcLogout(name, credentials.clientId(), () -> parts, clock)::routes)
        .credentials(credentials)
        .transport(transport)
        .authorizeUrl(provider.authorizationEndpoint())
        .tokenUrl(provider.tokenEndpoint())
        .parEndpoint(provider.parEndpoint())
        .parRequired(provider.parRequired())
        .clientAuth(provider.clientAuth())
        .pkce(provider.pkce())
        .issuer(provider.issuer())
        .issuerRequired(provider.issParameter())
        .tokenCheck(new IdTokenCheck(name, provider.nonce(), verifier))
        .nonce(provider.nonce());
  }

  /**
   * The {@code claims} request parameter (OpenID Connect Core 1.0 §5.5) asking for these claims, as
   * voluntary ones, in both the ID token and the userinfo answer: for a provider that shows only
   * the subject unless each claim is named (Twitch), where scopes like {@code profile} do not
   * exist. A provider still leaves out a claim whose scope the login lacks.
   *
   * @param claims claim names, e.g. {@code preferred_username}
   * @return the parameter, for {@link OAuth2Site.Builder#authorizeParams}
   */
  public static Map<String, String> claimsRequest(List<String> claims) {
    ObjectNode request = Json.object();
    for (String member : List.of(ID_TOKEN, "userinfo")) {
      ObjectNode asked = request.putObject(member);
      claims.forEach(asked::putNull);
    }
    return Map.of(CLAIMS, request.toString());
  }

  /**
   * {@code prompt=consent} for a request that asks for {@code offline_access}: OpenID Connect Core
   * 1.0 §11 says such a request must carry it, and providers that follow that rule (oidc-provider
   * among them) otherwise drop the scope and issue no refresh token. A prompt the site fixes itself
   * is left as it is.
   */
  static Map<String, String> consentForOfflineAccess(List<String> scopes) {
    return scopes.contains(OFFLINE_ACCESS) ? Map.of(PROMPT, "consent") : Map.of();
  }

  /**
   * The claims of the ID token in a token response that passed the builder's check; the engine runs
   * that check before the profile and {@code extra} functions see the response.
   */
  public static JsonNode idTokenClaims(TokenResponse token) {
    return idTokenClaims(token.json());
  }

  /**
   * The claims of the ID token in a token endpoint's answer, as a {@link org.oauthdropins.KeyId}
   * sees it; the same check must have passed.
   */
  public static JsonNode idTokenClaims(JsonNode answer) {
    return IdTokenVerifier.claims(Json.text(answer, ID_TOKEN));
  }

  /**
   * The {@code extra} document of an OpenID Connect login: the ID token's claims, and the token
   * itself for a later logout ({@link #ID_TOKEN_JWT}).
   */
  public static ObjectNode extra(TokenResponse token) {
    ObjectNode extra = Json.object();
    extra.set(ID_TOKEN, idTokenClaims(token));
    extra.put(ID_TOKEN_JWT, Json.text(token.json(), ID_TOKEN));
    return extra;
  }

  /**
   * The profile from the userinfo endpoint, which must be about the ID token's subject (Core
   * §5.3.2) and carry no {@code error}, even in a 200; the ID token's claims where the provider has
   * no userinfo endpoint.
   */
  static ProfileLoader userinfo(String site, URI endpoint) {
    return (transport, token) -> {
      JsonNode claims = idTokenClaims(token);
      if (endpoint == null) {
        return claims;
      }
      JsonNode info = ProfileLoader.bearerGet(site, endpoint).load(transport, token);
      // An error member is never a claim: Slack's Web API answers a refused token with a 200 and
      // {"ok": false, "error": "invalid_auth"}.
      String error = Json.text(info, "error");
      if (error != null) {
        throw new ProviderException(site + " userinfo answered " + ProviderException.clean(error));
      }
      String sub = Json.text(info, "sub");
      if (!info.isObject() || sub == null || !sub.equals(Json.text(claims, "sub"))) {
        throw new ProviderException(site + " userinfo is about another user than the ID token");
      }
      return info;
    };
  }
}
