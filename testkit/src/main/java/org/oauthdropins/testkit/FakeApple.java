package org.oauthdropins.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.oauthdropins.Credentials;
import org.oauthdropins.engine.oauth2.ClientAuth;
import org.oauthdropins.internal.http.Json;

/**
 * A fake Sign in with Apple server: {@code /auth/authorize}, {@code /auth/token}, {@code
 * /auth/keys} and the discovery document, checking what Apple's documentation says Apple checks
 * (developer.apple.com, "Sign in with Apple REST API"):
 *
 * <ul>
 *   <li>"Request an authorization to the Sign in with Apple server": a request that asks for any
 *       scope must use {@code response_mode=form_post}; the answer is a page of Apple's origin that
 *       POSTs {@code code}, {@code state} and, at the user's first authorization only, {@code user}
 *       (JSON with {@code name.firstName}, {@code name.lastName} and {@code email}) to the redirect
 *       URI; a user who cancels comes back with {@code error=user_cancelled_authorize}.
 *   <li>"Generate and validate tokens", "Creating the client secret": the token endpoint takes
 *       {@code client_id} and {@code client_secret} in the body, the secret a JWT with header
 *       {@code alg} ES256 and {@code kid} the key id, claims {@code iss} the team id, {@code sub}
 *       the client id, {@code aud} {@code https://appleid.apple.com}, {@code iat}, and an {@code
 *       exp} no more than 15777000 seconds (six months) after it, signed with the key Apple holds
 *       the public half of.
 *   <li>ID tokens from {@code /auth/keys} (RS256), with {@code email}, {@code email_verified} and
 *       {@code is_private_email} as strings, the request's {@code nonce}; no userinfo endpoint.
 * </ul>
 *
 * <p>Not checked, since tests run on loopback: Apple refuses redirect URIs that are not https on a
 * registered domain (no {@code localhost}, no IP address).
 */
public final class FakeApple extends FakeOidc {

  /** The fake developer team, the client secret's {@code iss}. */
  public static final String TEAM_ID = "FAKETEAM01";

  /** The fake key's id, the client secret's {@code kid}. */
  public static final String KEY_ID = "FAKEKEY001";

  /** The audience Apple requires in a client secret. */
  static final String AUDIENCE = "https://appleid.apple.com";

  /** The longest a client secret may live: six months, in seconds, as Apple's docs give it. */
  static final long MAX_SECRET_SECONDS = 15_777_000L;

  private static final String CLIENT_ID = "org.example.fake.signin";

  private final Set<String> authorizedBefore = ConcurrentHashMap.newKeySet();
  private volatile String lastSecretProblem;

  /** A fake, serving on a free loopback port until it is closed. */
  public FakeApple() {
    super(
        "apple",
        new FakeOidc.Config(
            new FakeOAuth2.Config(
                "Apple",
                "/auth/authorize",
                "/auth/token",
                Set.of(ClientAuth.POST),
                false,
                false,
                Map.of("error", "user_cancelled_authorize"),
                "a",
                3600L,
                true,
                false),
            "",
            null,
            "/auth/keys",
            true,
            true,
            false),
        new Credentials(CLIENT_ID, p8()),
        user());
    oauth().revocationEndpoint("/auth/revoke");
    // Apple's ID token carries the e-mail claims, relay addresses marked (is_private_email).
    idTokenClaims(Set.of("email", "email_verified", "is_private_email"));
    oauth()
        .clientSecretCheck(this::validSecret)
        .authorizeGuard(FakeApple::formPostForScopes)
        .approvalFields(this::firstAuthorizationUser);
  }

  /** Why the last refused client secret was refused, for tests; null if none was. */
  public String lastSecretProblem() {
    return lastSecretProblem;
  }

  /** Makes the next authorization of the current user count as their first again. */
  public void forgetAuthorizations() {
    authorizedBefore.clear();
  }

  /** Apple: any scope needs form_post ("response_mode ... form_post is required if scopes"). */
  private static String formPostForScopes(Map<String, String> p) {
    String scope = p.getOrDefault("scope", "");
    List<String> scopes = List.of(scope.split(" "));
    boolean asks = scopes.contains("name") || scopes.contains("email");
    return asks && !"form_post".equals(p.get("response_mode")) ? "invalid_request" : null;
  }

  /** The {@code user} field, sent at a user's first authorization only, as Apple does. */
  private Map<String, String> firstAuthorizationUser(JsonNode who, Map<String, String> p) {
    String sub = Json.text(who, "sub");
    if (!authorizedBefore.add(sub)) {
      return Map.of();
    }
    ObjectNode user = Json.object();
    List<String> scopes = List.of(p.getOrDefault("scope", "").split(" "));
    if (scopes.contains("name")) {
      ObjectNode name = user.putObject("name");
      name.put("firstName", "Ada");
      name.put("lastName", "Lovelace");
    }
    if (scopes.contains("email")) {
      user.put("email", Json.text(who, "email"));
    }
    return user.isEmpty() ? Map.of() : Map.of("user", user.toString());
  }

  private boolean validSecret(String secret) {
    String problem = secretProblem(secret);
    lastSecretProblem = problem;
    return problem == null;
  }

  /** What is wrong with a client secret by Apple's rules, or null. */
  static String secretProblem(String secret) {
    SignedJWT jwt;
    JWTClaimsSet claims;
    try {
      jwt = SignedJWT.parse(secret);
      claims = jwt.getJWTClaimsSet();
    } catch (ParseException e) {
      return "not a signed JWT";
    }
    if (!JWSAlgorithm.ES256.equals(jwt.getHeader().getAlgorithm())) {
      return "alg is not ES256";
    }
    if (!KEY_ID.equals(jwt.getHeader().getKeyID())) {
      return "kid is not the key id";
    }
    try {
      if (!jwt.verify(new ECDSAVerifier(Key.EC.toECPublicKey()))) {
        return "bad signature";
      }
    } catch (JOSEException e) {
      return "bad signature";
    }
    if (!TEAM_ID.equals(claims.getIssuer())) {
      return "iss is not the team id";
    }
    if (!CLIENT_ID.equals(claims.getSubject())) {
      return "sub is not the client id";
    }
    if (claims.getAudience() == null || !claims.getAudience().contains(AUDIENCE)) {
      return "aud is not " + AUDIENCE;
    }
    Instant now = Instant.now();
    if (claims.getIssueTime() == null || claims.getExpirationTime() == null) {
      return "no iat or exp";
    }
    Instant iat = claims.getIssueTime().toInstant();
    Instant exp = claims.getExpirationTime().toInstant();
    if (iat.isAfter(now.plusSeconds(60)) || !exp.isAfter(now)) {
      return "expired or not yet valid";
    }
    if (Duration.between(iat, exp).getSeconds() > MAX_SECRET_SECONDS) {
      return "lives longer than six months";
    }
    return null;
  }

  /** A client secret with these header and claims, signed with the app's key: for tests. */
  static String signAsTheApp(com.nimbusds.jose.JWSHeader header, JWTClaimsSet claims) {
    try {
      SignedJWT jwt = new SignedJWT(header, claims);
      jwt.sign(new com.nimbusds.jose.crypto.ECDSASigner(Key.EC));
      return jwt.serialize();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The app's key file as the library reads it: team and key id above Apple's PEM. */
  private static String p8() {
    try {
      String der =
          Base64.getMimeEncoder(64, "\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
              .encodeToString(Key.EC.toECPrivateKey().getEncoded());
      return "team_id: "
          + TEAM_ID
          + "\nkey_id: "
          + KEY_ID
          + "\n-----BEGIN PRIVATE KEY-----\n"
          + der
          + "\n-----END PRIVATE KEY-----\n";
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  private static ObjectNode user() {
    ObjectNode user = Json.object();
    user.put("sub", "001234.5f0e6c9d8b7a4c3e9f1a2b3c4d5e6f70.1234");
    user.put("email", "x7q2b9c4d1@privaterelay.appleid.com");
    user.put("email_verified", "true");
    user.put("is_private_email", "true");
    return user;
  }

  /** The app's Sign in with Apple key, made once per JVM. */
  private static final class Key {
    static final ECKey EC = generate();

    private static ECKey generate() {
      try {
        return new ECKeyGenerator(Curve.P_256).keyID(KEY_ID).generate();
      } catch (JOSEException e) {
        throw new IllegalStateException("cannot make a key", e);
      }
    }
  }
}
