package org.oauthdropins.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.oauthdropins.Credentials;
import org.oauthdropins.engine.oauth2.ClientAuth;
import org.oauthdropins.internal.http.Form;
import org.oauthdropins.internal.http.Json;

/**
 * An OpenID Connect provider on top of {@link FakeOAuth2}: a discovery document at {@code
 * {issuer}/.well-known/openid-configuration}, a JWKS with a key made at startup (RSA, or EC P-256),
 * ID tokens signed with it in every code exchange that asked for {@code openid} (with the
 * authorization request's nonce, where the site echoes it), and a userinfo endpoint that checks the
 * Bearer token. It can also misbehave on purpose, as a hostile or broken provider would: see {@link
 * Attack}.
 *
 * <p>Site fakes (Google, LinkedIn) extend it with their paths and quirks; {@link #standalone} is a
 * generic provider, as Keycloak or GitLab would be.
 */
public class FakeOidc extends LoopbackFake {

  /** What the next ID token or userinfo answer gets wrong. */
  public enum Attack {
    /** Signed by another key that claims the provider's key id. */
    WRONG_SIGNATURE,
    /** Issued to another client. */
    WRONG_AUDIENCE,
    /** Issued by another issuer. */
    WRONG_ISSUER,
    /** Expired an hour ago. */
    EXPIRED,
    /** Carries another nonce than the login's. */
    WRONG_NONCE,
    /** {@code "alg":"none"}. */
    UNSIGNED,
    /** No ID token in the token response. */
    NO_ID_TOKEN,
    /** A valid ID token, but userinfo describes someone else. */
    USERINFO_OTHER_USER,
    /** No {@code nonce} claim although the login sent one. */
    NO_NONCE,
    /** Several audiences, the client's among them, and no {@code azp}. */
    SEVERAL_AUDIENCES,
    /** The client's audience, but an {@code azp} naming another client. */
    WRONG_AZP,
    /** Issued an hour in the future. */
    FUTURE_IAT,
    /** Not valid before an hour from now. */
    FUTURE_NBF,
    /** No {@code sub} claim. */
    NO_SUBJECT,
    /** Signed by a key under a key id the provider never published. */
    UNKNOWN_KEY,
    /** A valid ID token about another user than the one who approved. */
    OTHER_SUBJECT,
    /**
     * An {@code auth_time} a minute after the login's, as if the user had signed in again: only a
     * refreshed token can be wrong this way (OpenID Connect Core §12.2), needs {@link #authTime}.
     */
    LATER_AUTH_TIME,
    /**
     * An {@code azp} naming the client, where the login's token had none: only a refreshed token
     * can be wrong this way (§12.2).
     */
    ADDED_AZP
  }

  /**
   * How the provider behaves.
   *
   * @param oauth the authorization server's behaviour
   * @param issuerPath the issuer's path below the server URL, {@code ""} for none
   * @param userinfoPath path of the userinfo endpoint, or null for a provider without one (Apple)
   * @param jwksPath path of the JWKS
   * @param echoNonce whether ID tokens carry the authorization request's nonce (LinkedIn's do not)
   * @param keyUse whether published keys say {@code "use":"sig"} (LinkedIn's do not)
   * @param ec sign with ES256 instead of RS256
   */
  public record Config(
      FakeOAuth2.Config oauth,
      String issuerPath,
      String userinfoPath,
      String jwksPath,
      boolean echoNonce,
      boolean keyUse,
      boolean ec) {}

  private final Config config;
  private final FakeOAuth2 oauth;
  private final AtomicReference<JWK> key = new AtomicReference<>();
  private final AtomicReference<Attack> attack = new AtomicReference<>();
  private final AtomicReference<String> issuerOverride = new AtomicReference<>();
  private final AtomicInteger jwksFetches = new AtomicInteger();
  private volatile boolean issParameter;
  private volatile Set<String> idTokenClaims = Set.of("email", "email_verified", "hd");
  private volatile Map<String, String> scopedClaims = Map.of();
  private volatile boolean claimsParameter;
  private volatile FakeResponse userinfoRefusal;
  private volatile boolean refreshIdTokens;
  private volatile boolean authTime;
  private final Map<String, Instant> authTimes = new java.util.concurrent.ConcurrentHashMap<>();
  private volatile String endSessionPath;
  private final Set<URI> postLogoutRedirects = new CopyOnWriteArraySet<>();
  private final Set<URI> backchannelReceivers = new CopyOnWriteArraySet<>();
  private final List<Integer> backchannelAnswers = new CopyOnWriteArrayList<>();

  /**
   * Starts a provider on its own loopback server.
   *
   * @param name the site name it fakes
   * @param config the provider's behaviour
   * @param credentials the only client it accepts
   * @param user the userinfo of the user who approves; must have {@code sub}
   */
  protected FakeOidc(String name, Config config, Credentials credentials, JsonNode user) {
    super(name, credentials);
    this.config = config;
    this.oauth = start(config, credentials, user);
  }

  /**
   * Starts a provider on a server that others share, its routes under the paths of {@code config}.
   *
   * @param name the site name it fakes
   * @param config the provider's behaviour, its paths below the instance's own
   * @param credentials the only client it accepts
   * @param user the userinfo of the user who approves; must have {@code sub}
   * @param shared the server, closed by whoever made it
   */
  protected FakeOidc(
      String name, Config config, Credentials credentials, JsonNode user, FakeServer shared) {
    super(name, credentials, shared);
    this.config = config;
    this.oauth = start(config, credentials, user);
  }

  private FakeOAuth2 start(Config config, Credentials credentials, JsonNode user) {
    FakeOAuth2 as = new FakeOAuth2(server, config.oauth(), credentials, user);
    as.shapeTokens(
        (body, who, params) -> {
          // A code exchange answers with an ID token; a refresh only if told to.
          if (params != null) {
            addIdToken(body, who, params, false);
          } else if (refreshIdTokens) {
            addIdToken(
                body,
                who,
                Map.of("scope", body.path("scope").asText(), "client_id", credentials.clientId()),
                true);
          }
          return body;
        });
    server.route(config.issuerPath() + "/.well-known/openid-configuration", this::discovery);
    server.route(config.jwksPath(), this::jwks);
    if (config.userinfoPath() != null) {
      server.route(config.userinfoPath(), this::userinfo);
    }
    return as;
  }

  /**
   * A generic provider on its own server, with its endpoints below an issuer path (as Keycloak's
   * {@code /realms/NAME}), standard client authentication, PKCE and refresh tokens.
   *
   * @param ec sign with ES256 instead of RS256
   */
  public static FakeOidc standalone(boolean ec) {
    String base = "/realms/sandbox";
    FakeOAuth2.Config oauth =
        new FakeOAuth2.Config(
            "Sandbox OpenID provider",
            base + "/protocol/openid-connect/auth",
            base + "/protocol/openid-connect/token",
            Set.of(ClientAuth.BASIC, ClientAuth.POST),
            false,
            false,
            Map.of("error", "access_denied", "error_description", "The user denied the request"),
            "at_",
            300L,
            true,
            false);
    ObjectNode user = Json.object();
    user.put("sub", "f1b2c3d4-0000-4000-8000-00000000abcd");
    user.put("name", "Grace Hopper");
    user.put("preferred_username", "grace");
    user.put("email", "grace@example.org");
    user.put("email_verified", true);
    user.put("picture", "https://example.org/grace.png");
    FakeOidc fake =
        new FakeOidc(
            "oidc",
            new Config(
                oauth,
                base,
                base + "/protocol/openid-connect/userinfo",
                base + "/protocol/openid-connect/certs",
                true,
                true,
                ec),
            new Credentials("sandbox-client", "sandbox-secret"),
            user);
    fake.oauth().signInSessions();
    return fake.endSessionAt(base + "/protocol/openid-connect/logout");
  }

  /** The server, for APIs mounted beside the provider (Blogger beside Google). */
  FakeServer server() {
    return server;
  }

  /** The issuer identifier: the server URL plus the issuer path. */
  public String issuer() {
    return server.url() + config.issuerPath();
  }

  /** The authorization server, to change the user or inject token failures. */
  public FakeOAuth2 oauth() {
    return oauth;
  }

  @Override
  public void registerRedirectUri(java.net.URI callback) {
    oauth.registerRedirectUri(callback);
  }

  /**
   * Declares {@code authorization_response_iss_parameter_supported} in the discovery document and
   * sends {@code iss} with every authorization response (RFC 9207), as Keycloak does; a test can
   * then make {@link FakeOAuth2#callbackIss} send another issuer or none.
   */
  public FakeOidc declareIssParameter() {
    issParameter = true;
    oauth.callbackIss(issuer());
    return this;
  }

  /**
   * Serves pushed authorization requests (RFC 9126) at {@code {issuer}/par} and names the endpoint
   * in the discovery document ({@code pushed_authorization_request_endpoint}); with {@code
   * required}, declares {@code require_pushed_authorization_requests} and refuses every request
   * that was not pushed. See {@link FakeOAuth2#pushedAuthorizationRequests}.
   */
  public FakeOidc pushedAuthorizationRequests(boolean required) {
    oauth.pushedAuthorizationRequests(config.issuerPath() + "/par", required);
    return this;
  }

  /**
   * Takes DPoP proofs (RFC 9449) at the PAR and token endpoints and at userinfo, declares {@code
   * dpop_signing_alg_values_supported} in the discovery document, and binds the tokens of a request
   * with a proof to its key; with {@code required}, refuses token requests without a proof, as for
   * a client registered with {@code dpop_bound_access_tokens}. See {@link FakeOAuth2#dpop}.
   */
  public FakeOidc dpop(boolean required) {
    oauth.dpop(required);
    return this;
  }

  /**
   * The user's claims that ID tokens carry besides the protocol's own ({@code iss}, {@code sub},
   * {@code aud}...); {@code email}, {@code email_verified} and {@code hd} by default, as Google's.
   */
  public FakeOidc idTokenClaims(Set<String> claims) {
    idTokenClaims = Set.copyOf(claims);
    return this;
  }

  /**
   * Shows a claim, in ID tokens and userinfo, only to a login granted the scope it needs, as the
   * scopes of OpenID Connect Core §5.4 ({@code profile}, {@code email}) or a site's own ({@code
   * user:read:email}) decide.
   *
   * @param claimScopes the scope each gated claim needs, e.g. {@code email} needing {@code email}
   */
  public FakeOidc scopedClaims(Map<String, String> claimScopes) {
    scopedClaims = Map.copyOf(claimScopes);
    return this;
  }

  /**
   * Answers by the OpenID Connect {@code claims} request parameter (Core §5.5), as Twitch does: ID
   * tokens and userinfo show, of the user's claims, only those that the authorization request named
   * in the parameter's {@code id_token} and {@code userinfo} members (and {@link #scopedClaims}
   * only with their scope).
   */
  public FakeOidc honourClaimsParameter() {
    claimsParameter = true;
    return this;
  }

  /**
   * How userinfo refuses a missing, wrong or expired token, instead of RFC 6750's 401: Slack's Web
   * API answers 200 with {@code {"ok": false, "error": "invalid_auth"}}.
   */
  public FakeOidc userinfoRefusal(FakeResponse refusal) {
    userinfoRefusal = refusal;
    return this;
  }

  /** Whether a login with these authorization request parameters may see a claim. */
  private boolean granted(String claim, Map<String, String> params) {
    String scope = scopedClaims.get(claim);
    return scope == null || List.of(params.getOrDefault("scope", "").split(" ")).contains(scope);
  }

  /** The claims an authorization request's {@code claims} parameter asks for in a member. */
  private Set<String> requestedClaims(Map<String, String> params, String member) {
    JsonNode request;
    try {
      request = Json.parse(params.getOrDefault("claims", "{}"));
    } catch (IllegalArgumentException e) {
      return Set.of();
    }
    Set<String> claims = new java.util.HashSet<>();
    request.path(member).fieldNames().forEachRemaining(claims::add);
    return claims;
  }

  /**
   * Answers refreshes with a new ID token too, as Google, Microsoft, Apple and oidc-provider do
   * when the login asked for {@code openid}: about the same user, for the same client, by the same
   * issuer, newly issued, without a nonce (OpenID Connect Core §12.2). Off by default: the token
   * answer of a refresh then has no ID token, which §12.2 also allows.
   */
  public FakeOidc idTokensOnRefresh() {
    refreshIdTokens = true;
    return this;
  }

  /**
   * Puts {@code auth_time} into ID tokens: the time the user approved, kept the same in the tokens
   * a refresh issues (OpenID Connect Core §2, §12.2).
   */
  public FakeOidc authTime() {
    authTime = true;
    return this;
  }

  // ---- logout (OpenID Connect RP-Initiated Logout 1.0, Back-Channel Logout 1.0)

  /** What the next logout token this fake makes gets wrong. */
  public enum LogoutAttack {
    /** Signed by another key that claims the provider's key id. */
    FORGED,
    /** Issued to another client. */
    WRONG_AUDIENCE,
    /** Issued an hour ago, expired since. */
    EXPIRED,
    /** Carries a {@code nonce}, as an ID token would (§2.4 forbids it). */
    NONCE,
    /** No {@code events} claim: an ID token passed off as a logout token. */
    NO_EVENTS,
    /** Issued by another issuer. */
    WRONG_ISSUER,
    /** {@code "alg":"none"}. */
    UNSIGNED
  }

  /**
   * Serves an end-session endpoint at this path (RP-Initiated Logout 1.0 §2) and names it in the
   * discovery document with back-channel logout support: it ends the browser's sign-in session
   * (where the fake remembers sign-ins, {@link FakeOAuth2#signInSessions}, so that a new authorize
   * after a logout asks again), sends a logout token about the session's user (or the {@code
   * id_token_hint}'s) to each {@link #registerBackchannelLogoutUri receiver}, and sends the browser
   * to a registered {@code post_logout_redirect_uri} with the {@code state}. An {@code
   * id_token_hint} must be one of this provider's ID tokens for the {@code client_id}; without one,
   * the user confirms on a page first.
   */
  public FakeOidc endSessionAt(String path) {
    endSessionPath = path;
    server.route(path, this::endSession);
    return this;
  }

  /** Registers a {@code post_logout_redirect_uri} of the app; any other is refused. */
  public FakeOidc registerPostLogoutRedirectUri(URI uri) {
    postLogoutRedirects.add(uri);
    return this;
  }

  /** Registers the app's back-channel logout URI: ending a session sends a logout token there. */
  public FakeOidc registerBackchannelLogoutUri(URI uri) {
    backchannelReceivers.add(uri);
    return this;
  }

  /** The HTTP statuses the app's receivers answered the logout tokens sent, in order. */
  public List<Integer> backchannelAnswers() {
    return List.copyOf(backchannelAnswers);
  }

  /**
   * A logout token about a user (Back-Channel Logout 1.0 §2.4), signed by this provider's key for
   * its client, unless an attack makes it wrong.
   *
   * @param sub the user's subject, or null for none
   * @param sid the session, or null for none
   * @param attack what to get wrong, or null
   */
  public String logoutToken(String sub, String sid, LogoutAttack attack) {
    Instant now = Instant.now();
    String client = credentials().clientId();
    JWTClaimsSet.Builder claims =
        new JWTClaimsSet.Builder()
            .issuer(attack == LogoutAttack.WRONG_ISSUER ? "https://evil.example" : issuer())
            .subject(sub)
            .audience(attack == LogoutAttack.WRONG_AUDIENCE ? "someone-elses-client" : client)
            .issueTime(Date.from(attack == LogoutAttack.EXPIRED ? now.minusSeconds(3600) : now))
            .expirationTime(
                Date.from(
                    attack == LogoutAttack.EXPIRED ? now.minusSeconds(3480) : now.plusSeconds(120)))
            .jwtID(Secrets.random(12));
    if (sid != null) {
      claims.claim("sid", sid);
    }
    if (attack != LogoutAttack.NO_EVENTS) {
      claims.claim("events", Map.of(BACKCHANNEL_EVENT, Map.of()));
    }
    if (attack == LogoutAttack.NONCE) {
      claims.claim("nonce", Secrets.random(8));
    }
    return sign(
        claims.build(),
        attack == LogoutAttack.FORGED ? Attack.WRONG_SIGNATURE : null,
        attack == LogoutAttack.UNSIGNED);
  }

  /** How logout tokens are posted: one client for every fake (Java 17's cannot be closed). */
  private static final HttpClient SENDER = HttpClient.newHttpClient();

  /** The event a logout token carries (Back-Channel Logout 1.0 §2.4). */
  public static final String BACKCHANNEL_EVENT =
      "http://schemas.openid.net/event/backchannel-logout";

  /**
   * Posts a logout token to a receiver as a provider does (§2.5: form-encoded {@code logout_token},
   * no cookies); the receiver's HTTP status.
   */
  public int sendLogoutToken(URI receiver, String token) {
    HttpRequest post =
        HttpRequest.newBuilder(receiver)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString("logout_token=" + Form.encode(token)))
            .build();
    try {
      return SENDER.send(post, HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private FakeResponse endSession(FakeRequest r) {
    Map<String, String> p = r.params();
    String client = p.get("client_id");
    String hint = p.get("id_token_hint");
    JWTClaimsSet hinted = null;
    if (hint != null) {
      hinted = verified(hint);
      String hintClient =
          hinted == null || hinted.getAudience().isEmpty() ? null : hinted.getAudience().get(0);
      if (hintClient == null || client != null && !client.equals(hintClient)) {
        return FakeResponse.text(
            400, "id_token_hint is not an ID token of this provider for you\n");
      }
      client = hintClient;
    }
    if (client != null && !client.equals(credentials().clientId())) {
      return FakeResponse.text(400, "unknown client_id\n");
    }
    String back = p.get("post_logout_redirect_uri");
    if (back != null && (client == null || !postLogoutRedirects.contains(URI.create(back)))) {
      return FakeResponse.text(400, "post_logout_redirect_uri is not registered\n");
    }
    if (hint == null && !"yes".equals(p.get("logout"))) {
      Map<String, String> carry = new java.util.LinkedHashMap<>(p);
      StringBuilder form =
          new StringBuilder("<!doctype html><title>Log out</title><p>Log out of this provider?")
              .append("<form method=\"post\" action=\"")
              .append(endSessionPath)
              .append("\">");
      carry.forEach(
          (k, v) ->
              form.append("<input type=\"hidden\" name=\"")
                  .append(org.oauthdropins.Html.escape(k))
                  .append("\" value=\"")
                  .append(org.oauthdropins.Html.escape(v))
                  .append("\">"));
      form.append("<button type=\"submit\" name=\"logout\" value=\"yes\">Log out</button></form>");
      return FakeResponse.html(form.toString());
    }
    // The session the browser's cookie names, else the one the hint names; its user, else the
    // hint's: as a provider finds the session to end (RP-Initiated Logout 1.0 §2).
    String session = oauth.sessionOf(r).orElse(hinted == null ? null : text(hinted, "sid"));
    String sub = oauth.endSession(session).orElse(hinted == null ? null : hinted.getSubject());
    if (sub != null) {
      for (URI to : backchannelReceivers) {
        backchannelAnswers.add(sendLogoutToken(to, logoutToken(sub, session, null)));
      }
    }
    if (back == null) {
      return FakeResponse.text(200, "You are logged out.\n");
    }
    String state = p.get("state");
    return FakeResponse.redirect(
        state == null ? back : Form.appendQuery(back, Map.of("state", state)));
  }

  /** The claims of an ID token of this provider, or null if it is not one of ours. */
  private JWTClaimsSet verified(String idToken) {
    try {
      SignedJWT jwt = SignedJWT.parse(idToken);
      JWK k = signingKey();
      JWSVerifier v =
          k instanceof ECKey ec
              ? new ECDSAVerifier(ec.toPublicJWK())
              : new RSASSAVerifier(((RSAKey) k).toPublicJWK());
      JWTClaimsSet claims = jwt.getJWTClaimsSet();
      // Signed by this provider's key; a multi-tenant provider's issuer names the user's tenant.
      String iss = claims.getIssuer();
      return jwt.verify(v) && iss != null && iss.startsWith(server.url().toString())
          ? claims
          : null;
    } catch (java.text.ParseException | JOSEException e) {
      return null;
    }
  }

  private static String text(JWTClaimsSet claims, String name) {
    Object v = claims.getClaim(name);
    return v instanceof String s ? s : null;
  }

  /**
   * Issues a refresh token only to a login that asked for the scope {@code offline_access} (OpenID
   * Connect Core §11), as Microsoft, Okta and Auth0 do; refreshes keep getting one.
   */
  public FakeOidc refreshOnlyForOfflineAccess() {
    return refreshOnlyFor("offline_access");
  }

  /**
   * Issues a refresh token only to a login that asked for this scope (Salesforce's {@code
   * refresh_token}); refreshes keep getting one.
   */
  public FakeOidc refreshOnlyFor(String scope) {
    oauth.refreshOnlyFor(scope);
    return this;
  }

  /** Makes the next ID token (or userinfo answer) go wrong this way. */
  public void attackNext(Attack a) {
    attack.set(a);
  }

  /**
   * Signs ID tokens with this issuer from now on, as Google's legacy {@code accounts.google.com}.
   */
  public void issueAs(String iss) {
    issuerOverride.set(iss);
  }

  /** Replaces the signing key with a new one under a new key id, as providers rotate keys. */
  public void rotateKey() {
    key.set(newKey(true));
  }

  /** How often the JWKS was fetched. */
  public int jwksFetches() {
    return jwksFetches.get();
  }

  /**
   * A signing key under a new key id. RSA key generation is slow on a busy machine, so every fake
   * in a JVM starts from the same key material ({@code fresh} makes new material, for rotation).
   */
  private JWK newKey(boolean fresh) {
    String kid = "k-" + Secrets.random(6);
    KeyUse use = config.keyUse() ? KeyUse.SIGNATURE : null;
    if (config.ec()) {
      ECKey base = fresh ? generateEc() : Material.EC;
      return new ECKey.Builder(base).keyID(kid).algorithm(JWSAlgorithm.ES256).keyUse(use).build();
    }
    RSAKey base = fresh ? generateRsa() : Material.RSA;
    return new RSAKey.Builder(base).keyID(kid).algorithm(JWSAlgorithm.RS256).keyUse(use).build();
  }

  /**
   * The current signing key, made on first use: RSA key generation takes about a second on a small
   * machine, which the demo's first page should not wait for.
   */
  private JWK signingKey() {
    return key.updateAndGet(k -> k != null ? k : newKey(false));
  }

  /** Key material made once per JVM, each on first use (the holder idiom makes it lazy). */
  private static final class Material {
    static final RSAKey RSA = generateRsa();
    static final ECKey EC = generateEc();
  }

  /** The impostor's key material, made only by the tests that forge signatures. */
  private static final class Other {
    static final RSAKey RSA = generateRsa();
    static final ECKey EC = generateEc();
  }

  private static RSAKey generateRsa() {
    try {
      return new RSAKeyGenerator(2048).generate();
    } catch (JOSEException e) {
      throw new IllegalStateException("cannot make a signing key", e);
    }
  }

  private static ECKey generateEc() {
    try {
      return new ECKeyGenerator(Curve.P_256).generate();
    } catch (JOSEException e) {
      throw new IllegalStateException("cannot make a signing key", e);
    }
  }

  private void addIdToken(
      ObjectNode body, JsonNode user, Map<String, String> params, boolean refresh) {
    String scope = params.getOrDefault("scope", "");
    if (!List.of(scope.split(" ")).contains("openid")) {
      return;
    }
    Attack a = attack.get();
    if (a != null && a != Attack.USERINFO_OTHER_USER) {
      attack.set(null);
    } else {
      a = null;
    }
    if (a == Attack.NO_ID_TOKEN) {
      return;
    }
    Instant now = Instant.now();
    String iss = idTokenIssuer(user);
    String client = params.get("client_id");
    String sub = Json.text(user, "sub");
    JWTClaimsSet.Builder claims =
        new JWTClaimsSet.Builder()
            .issuer(a == Attack.WRONG_ISSUER ? "https://evil.example" : iss)
            .subject(
                a == Attack.NO_SUBJECT
                    ? null
                    : a == Attack.OTHER_SUBJECT ? "someone-else-" + Secrets.random(4) : sub)
            .audience(
                a == Attack.WRONG_AUDIENCE
                    ? List.of("someone-elses-client")
                    : a == Attack.SEVERAL_AUDIENCES
                        ? List.of(client, "someone-elses-client")
                        : List.of(client))
            .issueTime(
                Date.from(
                    a == Attack.EXPIRED
                        ? now.minusSeconds(7200)
                        : a == Attack.FUTURE_IAT ? now.plusSeconds(3600) : now))
            .expirationTime(
                Date.from(a == Attack.EXPIRED ? now.minusSeconds(3600) : now.plusSeconds(3600)));
    if (a == Attack.WRONG_AZP) {
      claims.claim("azp", "someone-elses-client");
    }
    if (a == Attack.ADDED_AZP) {
      claims.claim("azp", client);
    }
    if (authTime) {
      // The approval's time, in whole seconds as the claim is; a refresh keeps the login's.
      Instant approved = now.truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
      Instant at = refresh ? authTimes.getOrDefault(sub, approved) : approved;
      if (!refresh) {
        authTimes.put(sub, approved);
      }
      claims.claim(
          "auth_time", (a == Attack.LATER_AUTH_TIME ? at.plusSeconds(60) : at).getEpochSecond());
    }
    if (a == Attack.FUTURE_NBF) {
      claims.notBeforeTime(Date.from(now.plusSeconds(3600)));
    }
    Set<String> shown = claimsParameter ? requestedClaims(params, "id_token") : idTokenClaims;
    for (String claim : shown) {
      if (user.has(claim) && granted(claim, params)) {
        claims.claim(claim, Json.plain(user.get(claim)));
      }
    }
    String session = params.get(FakeOAuth2.SESSION);
    if (session != null) {
      claims.claim("sid", session);
    }
    String nonce = params.get("nonce");
    if (a == Attack.WRONG_NONCE) {
      claims.claim("nonce", "not-" + Secrets.random(8));
    } else if (config.echoNonce() && nonce != null && a != Attack.NO_NONCE) {
      claims.claim("nonce", nonce);
    }
    body.put("id_token", sign(claims.build(), a, a == Attack.UNSIGNED));
  }

  /**
   * The issuer of an ID token for this user: the provider's, or the one set by {@link #issueAs}. A
   * multi-tenant provider (Microsoft's) names the user's tenant in it.
   */
  protected String idTokenIssuer(JsonNode user) {
    String override = issuerOverride.get();
    return override != null ? override : issuer();
  }

  private String sign(JWTClaimsSet claims, Attack a, boolean unsigned) {
    if (unsigned) {
      return new PlainJWT(claims).serialize();
    }
    JWK signing = signingKey();
    try {
      JWK with =
          a == Attack.WRONG_SIGNATURE || a == Attack.UNKNOWN_KEY ? impostor(signing) : signing;
      String kid = a == Attack.UNKNOWN_KEY ? "never-published" : signing.getKeyID();
      JWSSigner signer =
          with instanceof ECKey ec ? new ECDSASigner(ec) : new RSASSASigner((RSAKey) with);
      JWSAlgorithm alg = config.ec() ? JWSAlgorithm.ES256 : JWSAlgorithm.RS256;
      SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(alg).keyID(kid).build(), claims);
      jwt.sign(signer);
      return jwt.serialize();
    } catch (JOSEException e) {
      throw new IllegalStateException("cannot sign an ID token", e);
    }
  }

  /** A key of the same type and id that the provider never published. */
  private static JWK impostor(JWK real) {
    return real instanceof ECKey
        ? new ECKey.Builder(Other.EC).keyID(real.getKeyID()).build()
        : new RSAKey.Builder(Other.RSA).keyID(real.getKeyID()).build();
  }

  private FakeResponse discovery(FakeRequest r) {
    String base = server.url().toString();
    ObjectNode doc = Json.object();
    doc.put("issuer", issuer());
    doc.put("authorization_endpoint", base + config.oauth().authorizePath());
    doc.put("token_endpoint", base + config.oauth().tokenPath());
    if (config.userinfoPath() != null) {
      doc.put("userinfo_endpoint", base + config.userinfoPath());
    }
    doc.put("jwks_uri", base + config.jwksPath());
    doc.putArray("response_types_supported").add("code");
    doc.putArray("subject_types_supported").add("public");
    doc.putArray("id_token_signing_alg_values_supported").add(config.ec() ? "ES256" : "RS256");
    doc.putArray("scopes_supported").add("openid").add("profile").add("email");
    var methods = doc.putArray("token_endpoint_auth_methods_supported");
    if (config.oauth().clientAuth().contains(ClientAuth.BASIC)) {
      methods.add("client_secret_basic");
    }
    if (config.oauth().clientAuth().contains(ClientAuth.POST)) {
      methods.add("client_secret_post");
    }
    doc.putArray("code_challenge_methods_supported").add("S256");
    doc.putArray("grant_types_supported").add("authorization_code").add("refresh_token");
    if (issParameter) {
      doc.put("authorization_response_iss_parameter_supported", true);
    }
    if (oauth.parPath() != null) {
      doc.put("pushed_authorization_request_endpoint", base + oauth.parPath());
      if (oauth.parRequired()) {
        doc.put("require_pushed_authorization_requests", true);
      }
    }
    if (oauth.dpopSupported()) {
      doc.putArray("dpop_signing_alg_values_supported").add("ES256");
    }
    if (endSessionPath != null) {
      doc.put("end_session_endpoint", base + endSessionPath);
      doc.put("backchannel_logout_supported", true);
      doc.put("backchannel_logout_session_supported", true);
    }
    if (oauth.revocationPath() != null) {
      doc.put("revocation_endpoint", base + oauth.revocationPath());
    }
    return FakeResponse.json(200, doc);
  }

  private FakeResponse jwks(FakeRequest r) {
    jwksFetches.incrementAndGet();
    List<JWK> published = new ArrayList<>();
    published.add(signingKey().toPublicJWK());
    return FakeResponse.json(200, new JWKSet(published).toJSONObject(true));
  }

  private FakeResponse userinfo(FakeRequest r) {
    // Checked once: a DPoP proof's jti is spent by the check.
    FakeOAuth2.Access access = oauth.access(r);
    if (access.refusal() != null) {
      return access.refusal();
    }
    JsonNode user = access.user();
    if (user == null) {
      FakeResponse refusal = userinfoRefusal;
      return refusal != null
          ? refusal
          : FakeResponse.json(401, Map.of("error", "invalid_token"))
              .header("WWW-Authenticate", "Bearer error=\"invalid_token\"");
    }
    Map<String, String> params = access.authorizeParams();
    if (claimsParameter) {
      ObjectNode shown = Json.object();
      shown.set("sub", user.get("sub"));
      shown.put("iss", issuer());
      shown.put("aud", params.getOrDefault("client_id", credentials().clientId()));
      for (String claim : requestedClaims(params, "userinfo")) {
        if (user.has(claim)) {
          shown.set(claim, user.get(claim));
        }
      }
      user = shown;
    }
    if (!scopedClaims.isEmpty()) {
      ObjectNode shown = user.deepCopy();
      user.fieldNames()
          .forEachRemaining(
              claim -> {
                if (!granted(claim, params)) {
                  shown.remove(claim);
                }
              });
      user = shown;
    }
    if (attack.compareAndSet(Attack.USERINFO_OTHER_USER, null)) {
      ObjectNode other = user.deepCopy();
      other.put("sub", "someone-else-" + Secrets.random(4));
      return FakeResponse.json(200, other);
    }
    return FakeResponse.json(200, user);
  }
}
