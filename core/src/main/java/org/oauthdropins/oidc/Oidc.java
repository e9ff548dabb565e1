package org.oauthdropins.oidc;

import static org.oauthdropins.internal.OAuthParameters.PROMPT;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.oauthdropins.Button;
import org.oauthdropins.Credentials;
import org.oauthdropins.ProviderException;
import org.oauthdropins.Site;
import org.oauthdropins.SiteOptions;
import org.oauthdropins.http.HttpTransport;
import org.oauthdropins.internal.http.Json;
import org.oauthdropins.oauth2.CodeFlowPipeline;
import org.oauthdropins.oauth2.OAuth2Site;
import org.oauthdropins.oauth2.ProfileLoader;
import org.oauthdropins.oauth2.Server;
import org.oauthdropins.oauth2.ServerSource;
import org.oauthdropins.oauth2.Steps.When;
import org.oauthdropins.oauth2.TokenResponse;

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

  /** The authorization request parameter that asks for claims one by one (Core §5.5). */
  public static final String CLAIMS = "claims";

  /** Scopes a generic provider is asked for: who the user is, their name, picture and email. */
  public static final List<String> GENERIC_SCOPES = List.of("openid", "profile", "email");

  private Oidc() {}

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
    return site(name, issuer).create(options);
  }

  /**
   * {@link #create(String, String, SiteOptions)} with an explicit entity kind and button.
   *
   * @param kind the entity kind, letters and digits
   */
  public static Site<OidcAuth> create(
      String name, String kind, String issuer, Button button, SiteOptions options) {
    return site(name, issuer).kind(kind).button(button).create(options);
  }

  /**
   * Starts a site for any OpenID Connect provider from its issuer URL, for an app that changes more
   * than {@link #create(String, String, SiteOptions)} lets it: the entity kind, the button, and
   * whether logins use pushed authorization requests and DPoP.
   *
   * @param name the site's name, e.g. {@code keycloak}; letters, digits and {@code _}
   * @param issuer the issuer identifier
   */
  public static SiteBuilder site(String name, String issuer) {
    return new SiteBuilder(name, issuer);
  }

  /**
   * A generic OpenID Connect site, setting by setting. What a login runs is decided at its start,
   * from the choices here and the provider's discovery document:
   *
   * <ul>
   *   <li><b>PAR</b> (RFC 9126): {@link When#IF_REQUIRED} by default, so a login pushes its request
   *       when the document declares {@code require_pushed_authorization_requests}; {@link
   *       When#ALWAYS} pushes whenever the document names a {@code
   *       pushed_authorization_request_endpoint} (a provider can also require PAR of one client
   *       only, which its document does not show); {@link When#NEVER} never does, and a login at a
   *       provider that requires it fails at the start with a 502.
   *   <li><b>DPoP</b> (RFC 9449): {@link When#IF_REQUIRED} by default. A provider cannot declare
   *       that it requires DPoP of a client ({@code dpop_bound_access_tokens} is the client's
   *       registration, RFC 9449 §5.2, and {@code dpop_signing_alg_values_supported} says only that
   *       it takes proofs), so a login starts without a key and learns the requirement from the
   *       token endpoint: when the code exchange is refused with {@code invalid_dpop_proof}, {@code
   *       use_dpop_nonce}, an error that names DPoP, or (servers need not say why) any error from a
   *       provider that declares ES256 in {@code dpop_signing_alg_values_supported}, it is sent
   *       once more with a proof of a new key, to which the tokens are then bound. {@link
   *       When#ALWAYS} binds every login's tokens from its first request (the pushed request
   *       included, so that the code is bound too); {@link When#NEVER} never sends a proof. A login
   *       with a key signs its API calls and refreshes with it; its access token is then no bearer
   *       token.
   * </ul>
   */
  public static final class SiteBuilder {
    private final String name;
    private final String issuer;
    private String kind;
    private Button button;
    private When par = When.IF_REQUIRED;
    private When dpop = When.IF_REQUIRED;

    private SiteBuilder(String name, String issuer) {
      this.name = Objects.requireNonNull(name, "name");
      this.issuer = Objects.requireNonNull(issuer, "issuer");
      String alnum = name.replaceAll("[^A-Za-z0-9]", "");
      if (alnum.isEmpty()) {
        throw new IllegalArgumentException("site name needs letters or digits: " + name);
      }
      this.kind = alnum.substring(0, 1).toUpperCase(Locale.ROOT) + alnum.substring(1) + "Auth";
      this.button = Button.of("Sign in with " + name, "#4a5568", "#ffffff");
    }

    /** The entity kind, letters and digits; the capitalised name plus {@code Auth} by default. */
    public SiteBuilder kind(String k) {
      this.kind = Objects.requireNonNull(k, "kind");
      return this;
    }

    /** The login button. */
    public SiteBuilder button(Button b) {
      this.button = Objects.requireNonNull(b, "button");
      return this;
    }

    /** When logins push their authorization request (RFC 9126); see the class comment. */
    public SiteBuilder pushedAuthorizationRequests(When when) {
      this.par = Objects.requireNonNull(when, "when");
      return this;
    }

    /** When logins bind their tokens to a DPoP key (RFC 9449); see the class comment. */
    public SiteBuilder dpop(When when) {
      this.dpop = Objects.requireNonNull(when, "when");
      return this;
    }

    /**
     * The site. Credentials default to the files {@code <name>_client_id} and {@code
     * <name>_client_secret}.
     *
     * @param options credentials and transport
     */
    public Site<OidcAuth> create(SiteOptions options) {
      return DiscoveredSite.builder(name, kind, issuer)
          .button(button)
          .credentials(options.credentials(name + "_client_id", name + "_client_secret"))
          .options(options)
          .steps(par, dpop)
          .build();
    }
  }

  /**
   * An {@link OAuth2Site} builder set up for an OpenID Connect provider: endpoints, client
   * authentication and PKCE from the provider, scope {@code openid}, a nonce per login, the ID
   * token check, the userinfo profile, {@code sub} as key id, the ID token's claims in {@code
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
    OAuth2Site.Builder<OidcAuth> b =
        OAuth2Site.builder(name, kind)
            .credentials(credentials)
            .transport(transport)
            .servers(ServerSource.fixed(server(provider)))
            .clientAuth(provider.clientAuth())
            .pkce(provider.pkce())
            .defaultScopes(List.of("openid"))
            .tokenCheck(new IdTokenCheck(name, provider.nonce(), verifier))
            .nonce(provider.nonce())
            .scopeParams(Oidc::consentForOfflineAccess)
            .profile(userinfo(name, provider.userinfoEndpoint()))
            .keyId(user -> Json.text(user, "sub"))
            .extra((token, user) -> extra(token))
            .entity(OidcAuth::new);
    return b;
  }

  /**
   * The provider as the pipeline's server: its endpoints, its PAR endpoint and whether it requires
   * PAR, the issuer its authorization responses name (required where it declares so), and the
   * algorithms it takes DPoP proofs in.
   */
  static Server server(OidcProvider provider) {
    return new Server(
        provider.authorizationEndpoint(),
        provider.tokenEndpoint(),
        provider.parEndpoint(),
        provider.issuer(),
        provider.issParameter(),
        provider.parRequired(),
        provider.dpopAlgs().isEmpty()
            ? Map.of()
            : Map.of(CodeFlowPipeline.DPOP_ALGS, String.join(" ", provider.dpopAlgs())));
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
    return IdTokenVerifier.claims(Json.text(token.json(), ID_TOKEN));
  }

  /** The {@code extra} document of an OpenID Connect login: the ID token's claims. */
  public static ObjectNode extra(TokenResponse token) {
    ObjectNode extra = Json.object();
    extra.set(ID_TOKEN, idTokenClaims(token));
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
