package org.oauthdropins.engine.oidc;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Set;
import org.oauthdropins.errors.ProviderException;
import org.oauthdropins.http.FetchBudget;
import org.oauthdropins.internal.http.Json;

/**
 * Validates ID tokens as OpenID Connect Core 1.0 §3.1.3.7 asks: signature against the provider's
 * published keys, issuer, audience (and {@code azp} when there are several), expiry with a small
 * clock skew, and the login's nonce. Every failure is a {@link ProviderException}: a token that
 * fails these checks came from a broken or hostile provider, never from the user.
 */
final class IdTokenVerifier {

  /** How far our clock and the provider's may disagree. */
  static final Duration SKEW = Duration.ofSeconds(60);

  private static final Set<JWSAlgorithm> ALGORITHMS =
      Set.of(
          JWSAlgorithm.RS256,
          JWSAlgorithm.RS384,
          JWSAlgorithm.RS512,
          JWSAlgorithm.PS256,
          JWSAlgorithm.PS384,
          JWSAlgorithm.PS512,
          JWSAlgorithm.ES256,
          JWSAlgorithm.ES384,
          JWSAlgorithm.ES512);

  private final String site;
  private final Set<String> issuers;
  private final IssuerTemplate issuerTemplate;
  private final String clientId;
  private final Jwks keys;
  private final Clock clock;

  IdTokenVerifier(String site, Set<String> issuers, String clientId, Jwks keys, Clock clock) {
    this(site, issuers, null, clientId, keys, clock);
  }

  /**
   * A token's issuer must be one of {@code issuers}, unless there are none, and match {@code
   * issuerTemplate}, if there is one; at least one of the two checks is required.
   *
   * @param issuers the fixed issuers a token may carry; empty for a multi-tenant provider
   * @param issuerTemplate what every issuer must also match, filled from the token's own claim, or
   *     null
   */
  IdTokenVerifier(
      String site,
      Set<String> issuers,
      IssuerTemplate issuerTemplate,
      String clientId,
      Jwks keys,
      Clock clock) {
    this.site = site;
    this.issuers = Set.copyOf(issuers);
    this.issuerTemplate = issuerTemplate;
    if (this.issuers.isEmpty() && issuerTemplate == null) {
      throw new IllegalArgumentException(site + ": an ID token check needs an issuer");
    }
    this.clientId = clientId;
    this.keys = keys;
    this.clock = clock;
  }

  /**
   * Checks an ID token and returns its claims.
   *
   * @param idToken the compact JWT from the token response
   * @param nonce the nonce sent with the authorization request, or null if none was sent
   */
  JsonNode verify(String idToken, String nonce) {
    return verify(idToken, nonce, FetchBudget.NONE);
  }

  /** {@link #verify(String, String)}, fetching the provider's keys within a request's budget. */
  JsonNode verify(String idToken, String nonce, FetchBudget budget) {
    JWTClaimsSet claims = signedFor(idToken, "ID token", budget);
    Instant now = clock.instant();
    Date exp = claims.getExpirationTime();
    if (exp == null || !now.isBefore(exp.toInstant().plus(SKEW))) {
      throw fail("has expired");
    }
    Date iat = claims.getIssueTime();
    if (iat == null || iat.toInstant().isAfter(now.plus(SKEW))) {
      throw fail("has no or a future issue time");
    }
    Date nbf = claims.getNotBeforeTime();
    if (nbf != null && nbf.toInstant().isAfter(now.plus(SKEW))) {
      throw fail("is not valid yet");
    }
    String subject = claims.getSubject();
    if (subject == null || subject.isBlank()) {
      throw fail("has no subject");
    }
    if (nonce != null) {
      Object got = claims.getClaim("nonce");
      if (!(got instanceof String s)
          || !MessageDigest.isEqual(
              s.getBytes(StandardCharsets.UTF_8), nonce.getBytes(StandardCharsets.UTF_8))) {
        throw fail("does not carry this login's nonce");
      }
    }
    return Json.parse(claims.toString());
  }

  /**
   * The claims of a token of this provider (an ID token, a back-channel logout token) whose
   * signature, issuer and audience hold: signed with a key the provider publishes, in an algorithm
   * of its, by one of its issuers, for this client (and, with several audiences or an {@code azp},
   * for this client as authorized party). What else a token must carry is the caller's check.
   *
   * @param token the compact JWT
   * @param what the token's kind, for messages, e.g. {@code logout token}
   * @throws ProviderException naming what failed
   */
  JWTClaimsSet signedFor(String token, String what, FetchBudget budget) {
    SignedJWT jwt = signed(token, what);
    JWSAlgorithm alg = jwt.getHeader().getAlgorithm();
    if (!ALGORITHMS.contains(alg)) {
      throw fail(what, "is signed with an unsupported algorithm " + alg);
    }
    JWK key = keys.key(jwt.getHeader(), budget);
    try {
      if (!jwt.verify(verifier(key, what))) {
        throw fail(what, "has an invalid signature");
      }
    } catch (JOSEException e) {
      throw fail(what, "signature cannot be checked");
    }
    JWTClaimsSet claims;
    try {
      claims = jwt.getJWTClaimsSet();
    } catch (ParseException e) {
      throw fail(what, "has unreadable claims");
    }
    String iss = claims.getIssuer();
    if (iss == null
        || !issuers.isEmpty() && !issuers.contains(iss)
        || issuerTemplate != null
            && !issuerTemplate.matches(iss, claims.getClaim(issuerTemplate.claim()))) {
      throw fail(what, "comes from another issuer");
    }
    List<String> audience = claims.getAudience();
    if (audience == null || !audience.contains(clientId)) {
      throw fail(what, "was issued to another client");
    }
    Object azp = claims.getClaim("azp");
    if ((audience.size() > 1 || azp != null) && !clientId.equals(azp)) {
      throw fail(what, "was issued to another authorized party");
    }
    return claims;
  }

  /**
   * Checks an ID token that came with a refresh (OpenID Connect Core §12.2): as {@link #verify} at
   * login, less the nonce (a refresh is no authentication request, so there is none to echo), and
   * about the login's authentication: the same {@code iss}, {@code sub} and {@code aud}, the same
   * {@code azp} or none where the login's token had none, and an {@code auth_time}, if the token
   * has one, that is the login's ("the time of the original authentication"; where the login's
   * token had none, that time was at the latest the login token's {@code iat}). Anything else would
   * have the stored login start acting on tokens issued about another user or sign-in.
   *
   * @param idToken the compact JWT from the refresh answer
   * @param original the claims of the login's ID token
   * @return the new token's claims
   */
  JsonNode verifyRefreshed(String idToken, JsonNode original) {
    JsonNode claims = verify(idToken, null);
    if (!same(claims, original, "iss")) {
      throw refreshed("comes from another issuer than the login's");
    }
    if (!same(claims, original, "sub")) {
      throw anotherUser(site);
    }
    if (!audience(claims).equals(audience(original))) {
      throw refreshed("was issued to another audience than the login's");
    }
    if (!same(claims, original, "azp")) {
      throw refreshed("names another authorized party than the login's");
    }
    JsonNode authTime = claims.path("auth_time");
    if (!authTime.isMissingNode()) {
      JsonNode first = original.path("auth_time");
      boolean ok =
          first.isMissingNode()
              ? authTime.canConvertToLong() && authTime.asLong() <= original.path("iat").asLong()
              : authTime.equals(first);
      if (!ok) {
        throw refreshed("names another sign-in time than the login's");
      }
    }
    return claims;
  }

  /** The failure for a refreshed ID token about another subject than the login's. */
  static ProviderException anotherUser(String site) {
    return new ProviderException(
        site + " refreshed ID token is about another user than the login's");
  }

  /** Whether a claim is absent from both, or present in both with the same value. */
  private static boolean same(JsonNode a, JsonNode b, String claim) {
    return a.path(claim).equals(b.path(claim));
  }

  /**
   * {@code aud} as a set: one audience may be a string or a one-element array (RFC 7519 §4.1.3).
   */
  private static Set<String> audience(JsonNode claims) {
    JsonNode aud = claims.path("aud");
    Set<String> out = new java.util.HashSet<>();
    if (aud.isArray()) {
      aud.forEach(a -> out.add(a.asText()));
    } else if (aud.isTextual()) {
      out.add(aud.asText());
    }
    return out;
  }

  private ProviderException refreshed(String why) {
    return new ProviderException(site + " refreshed ID token " + why);
  }

  /** The claims of a token this class has already verified, read without checking again. */
  static JsonNode claims(String idToken) {
    try {
      return Json.parse(JWTParser.parse(idToken).getJWTClaimsSet().toString());
    } catch (ParseException e) {
      throw new IllegalStateException("not a JWT", e);
    }
  }

  private SignedJWT signed(String token, String what) {
    JWT jwt;
    try {
      jwt = JWTParser.parse(token);
    } catch (ParseException e) {
      throw fail(what, "is not a JWT");
    }
    if (!(jwt instanceof SignedJWT s)) {
      // Unsigned ("alg":"none") and encrypted tokens are never accepted.
      throw fail(what, "is not signed");
    }
    return s;
  }

  private JWSVerifier verifier(JWK key, String what) throws JOSEException {
    if (key instanceof RSAKey rsa) {
      return new RSASSAVerifier(rsa);
    }
    if (key instanceof ECKey ec) {
      return new ECDSAVerifier(ec);
    }
    throw fail(what, "is signed with an unsupported key type");
  }

  private ProviderException fail(String why) {
    return fail("ID token", why);
  }

  private ProviderException fail(String what, String why) {
    return new ProviderException(site + " " + what + " " + why);
  }
}
