package org.oauthdropins.engine.oidc;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jwt.JWTClaimsSet;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.oauthdropins.LoginEvent;
import org.oauthdropins.Logins;
import org.oauthdropins.SiteRoute;
import org.oauthdropins.engine.oauth2.OAuth2Site;
import org.oauthdropins.errors.BadRequestException;
import org.oauthdropins.errors.LoginException;
import org.oauthdropins.errors.ProviderException;
import org.oauthdropins.http.FetchBudget;
import org.oauthdropins.internal.http.Form;
import org.oauthdropins.internal.http.Json;
import org.oauthdropins.internal.secrets.Secrets;
import org.oauthdropins.store.AuthRecord;
import org.oauthdropins.store.Key;
import org.oauthdropins.store.LoginStore;
import org.oauthdropins.web.Cookie;
import org.oauthdropins.web.WebRequest;
import org.oauthdropins.web.WebResponse;

/**
 * The end of an OpenID Connect login, as three routes every adapter mounts beside start and
 * callback:
 *
 * <ul>
 *   <li>{@code logout} (POST, from a page of the app, as start is): OpenID Connect RP-Initiated
 *       Logout 1.0. Removes the login named by {@code auth_entity} from this browser's logins (the
 *       stored login stays, as the app may still call the API with it; disconnecting deletes it)
 *       and sends the browser to the provider's {@code end_session_endpoint} with {@code
 *       id_token_hint}, {@code client_id}, {@code post_logout_redirect_uri} (the {@code
 *       logout/return} route under the app's base URL) and a {@code state} bound to this browser by
 *       a cookie. A provider without one: the browser goes to the app's root.
 *   <li>{@code logout/return} (GET): where the provider sends the browser back; the state must be
 *       the one this browser's cookie holds, and is spent in the store so that it works once across
 *       a fleet. Then the browser goes to the app's root.
 *   <li>{@code backchannel-logout} (POST, from the provider): OpenID Connect Back-Channel Logout
 *       1.0. Takes a {@code logout_token} that must be signed by the provider's published keys, by
 *       its issuer, for this client, issued within {@link #TOKEN_AGE}, with a {@code jti} spent
 *       once in the store, the back-channel logout event, no {@code nonce}, and a {@code sub}
 *       (with, if present, a {@code sid} that must be the stored login's). The user's stored login
 *       is deleted, and the mount's listener hears {@link LoginEvent.LoggedOut} with its key.
 *       Answers 200, or 400 with a plain message and nothing changed (§2.8).
 * </ul>
 */
final class OidcLogout {

  /** The route names, which a mount may move ({@code Mount.Builder#routePath}). */
  static final String LOGOUT = "logout";

  static final String RETURN = "logout/return";
  static final String BACKCHANNEL = "backchannel-logout";

  /** The event a logout token must carry (Back-Channel Logout 1.0 §2.4). */
  static final String EVENT = "http://schemas.openid.net/event/backchannel-logout";

  /** How old a logout token may be: the spec recommends its {@code exp} at two minutes (§2.4). */
  static final Duration TOKEN_AGE = Duration.ofMinutes(5);

  /** How long a logout state waits for the browser's return. */
  static final Duration STATE_AGE = Duration.ofMinutes(10);

  /** The cookie holding the state of this browser's logout. */
  static final String STATE_COOKIE = "oauthdropins_logout";

  /** Longer logout tokens are refused unread. */
  private static final int MAX_TOKEN = 16_384;

  /**
   * What logging out needs of the provider, found when first needed.
   *
   * @param provider its endpoints and issuers
   * @param verifier the check of tokens signed by its keys for this client
   */
  record Parts(OidcProvider provider, IdTokenVerifier verifier) {}

  private final String site;
  private final String clientId;
  private final Supplier<Parts> parts;
  private final Clock clock;

  OidcLogout(String site, String clientId, Supplier<Parts> parts, Clock clock) {
    this.site = site;
    this.clientId = clientId;
    this.parts = parts;
    this.clock = clock;
  }

  /** The routes, for {@link OAuth2Site.Builder#routes}. */
  List<SiteRoute> routes(OAuth2Site<?> owner, SiteRoute.Context context) {
    String base = "/" + site + "/";
    List<SiteRoute> out = new ArrayList<>();
    if (context.logins() != null) {
      // Without the browser's logins list there is no login to end in this browser.
      out.add(
          new SiteRoute(
              LOGOUT,
              context.path(LOGOUT, base + LOGOUT),
              List.of("POST"),
              null,
              r -> logout(owner, context, r)));
      out.add(
          new SiteRoute(
              RETURN,
              context.path(RETURN, base + RETURN),
              List.of("GET"),
              null,
              r -> returned(owner, context, r)));
    }
    out.add(
        new SiteRoute(
            BACKCHANNEL,
            context.path(BACKCHANNEL, base + BACKCHANNEL),
            List.of("POST"),
            null,
            r -> backchannel(owner, context, r)));
    return List.copyOf(out);
  }

  // ---- RP-initiated logout

  private WebResponse logout(OAuth2Site<?> owner, SiteRoute.Context context, WebRequest request) {
    try {
      URI base;
      try {
        base = context.baseUrl().forFormPost(request);
      } catch (BadRequestException e) {
        // As start refuses one, and for the same reason: no other page logs a visitor out.
        throw new BadRequestException("a logout is a POST from a page of this site");
      }
      Logins logins = context.logins();
      Key key =
          logins
              .verify(request, request.parameter("auth_entity").orElse(null))
              .orElseThrow(
                  () -> new BadRequestException("this browser has no such login to log out of"));
      Optional<AuthRecord> stored = context.store().get(key);
      Cookie loggedOut = logins.logout(request, key);
      URI end = parts.get().provider().endSessionEndpoint();
      if (end == null) {
        return new WebResponse.Redirect(base + "/", List.of(loggedOut));
      }
      // The state carries its expiry: the return spends it until then, the same instant on every
      // return of it (a store may key what it spent by state and expiry together).
      String state = Secrets.random(32) + "." + clock.instant().plus(STATE_AGE).getEpochSecond();
      Map<String, String> query = new LinkedHashMap<>();
      stored.map(OidcLogout::idToken).ifPresent(t -> query.put("id_token_hint", t));
      query.put("client_id", clientId);
      query.put("post_logout_redirect_uri", base + context.path(RETURN, "/" + site + "/" + RETURN));
      query.put("state", state);
      boolean secure = secure(request);
      Cookie bound = new Cookie(Cookie.name(STATE_COOKIE, secure), state, STATE_AGE, secure);
      return new WebResponse.Redirect(
          Form.appendQuery(end.toString(), query), List.of(loggedOut, bound));
    } catch (LoginException e) {
      return context.refused(owner, e);
    }
  }

  private WebResponse returned(OAuth2Site<?> owner, SiteRoute.Context context, WebRequest request) {
    try {
      URI base = context.baseUrl().forRequest(request);
      boolean secure = secure(request);
      String name = Cookie.name(STATE_COOKIE, secure);
      String state = request.parameter("state").orElse("");
      String bound = request.cookie(name).orElse("");
      if (state.isEmpty()
          || state.length() > 128
          || !MessageDigest.isEqual(
              state.getBytes(StandardCharsets.UTF_8), bound.getBytes(StandardCharsets.UTF_8))) {
        throw new BadRequestException("this logout's state is missing or not this browser's");
      }
      // The state and its cookie are the browser's to send: an expiry later than any this app
      // gives would keep its spent row past the sweep, a row a stranger could add at will.
      Instant until = expiry(state);
      Instant now = clock.instant();
      if (until == null || !now.isBefore(until) || until.isAfter(now.plus(STATE_AGE))) {
        throw new BadRequestException("this logout's state has expired or is not this app's");
      }
      if (!context.store().logins().spendState("logout:" + sha256(state), until)) {
        throw new BadRequestException("this logout has returned already");
      }
      Cookie gone = new Cookie(name, "", Duration.ZERO, secure);
      return new WebResponse.Redirect(base + "/", List.of(gone));
    } catch (LoginException e) {
      return context.refused(owner, e);
    }
  }

  /** The expiry a logout's state carries after its last dot, or null if it carries none. */
  private static Instant expiry(String state) {
    int dot = state.lastIndexOf('.');
    String seconds = state.substring(dot + 1);
    if (dot < 0
        || seconds.isEmpty()
        || seconds.length() > 12
        || !seconds.chars().allMatch(Character::isDigit)) {
      return null;
    }
    return Instant.ofEpochSecond(Long.parseLong(seconds));
  }

  // ---- back-channel logout

  private WebResponse backchannel(OAuth2Site<?> owner, SiteRoute.Context context, WebRequest r) {
    long t0 = System.nanoTime();
    try {
      if (!"POST".equals(r.method())) {
        // A token in a URL would end up in logs; the provider posts it (§2.5).
        throw new BadRequestException("a back-channel logout is a POST");
      }
      String token = r.parameter("logout_token").orElse("");
      if (token.isEmpty() || token.length() > MAX_TOKEN) {
        throw new BadRequestException("a back-channel logout needs one logout_token");
      }
      JWTClaimsSet claims = verify(token);
      String sub = claims.getSubject();
      String sid = text(claims.getClaim("sid"));
      if (sub == null) {
        // A sid alone names a session this app cannot find: logins are stored by user.
        throw new BadRequestException("this app ends logins by subject: the logout token has none");
      }
      LoginStore logins = context.store().logins();
      String spent = "bcl:" + sha256(claims.getIssuer() + '\0' + claims.getJWTID());
      Instant until = claims.getIssueTime().toInstant().plus(TOKEN_AGE).plus(IdTokenVerifier.SKEW);
      if (!logins.spendState(spent, until)) {
        throw new BadRequestException("this logout token was used already");
      }
      List<Key> ended = new ArrayList<>();
      Optional<Key> key = owner.keyFor(Json.parse(claims.toString()));
      if (key.isPresent()) {
        Optional<AuthRecord> stored = context.store().get(key.get());
        if (stored.isPresent()
            && sameSession(stored.get(), sid)
            && context.store().delete(key.get())) {
          ended.add(key.get());
        }
      }
      context.report(
          new LoginEvent.LoggedOut(site, ended, Duration.ofNanos(System.nanoTime() - t0)));
      return WebResponse.Page.text(200, "");
    } catch (LoginException e) {
      return context.refused(owner, e);
    }
  }

  /**
   * The claims of a logout token that passes every check of Back-Channel Logout 1.0 §2.6; a token
   * that fails one is the sender's error, a 400 (§2.8), whoever sent it.
   */
  JWTClaimsSet verify(String token) {
    JWTClaimsSet claims;
    try {
      claims = parts.get().verifier().signedFor(token, "logout token", FetchBudget.NONE);
    } catch (ProviderException e) {
      throw new BadRequestException(e.getMessage());
    }
    Instant now = clock.instant();
    Date iat = claims.getIssueTime();
    if (iat == null
        || iat.toInstant().isAfter(now.plus(IdTokenVerifier.SKEW))
        || iat.toInstant().plus(TOKEN_AGE).plus(IdTokenVerifier.SKEW).isBefore(now)) {
      throw refused("was not issued within the last " + TOKEN_AGE.toMinutes() + " minutes");
    }
    Date exp = claims.getExpirationTime();
    if (exp != null && !now.isBefore(exp.toInstant().plus(IdTokenVerifier.SKEW))) {
      throw refused("has expired");
    }
    String jti = claims.getJWTID();
    if (jti == null || jti.isEmpty() || jti.length() > 256) {
      throw refused("has no jti");
    }
    Object events = claims.getClaim("events");
    if (!(events instanceof Map<?, ?> m) || !(m.get(EVENT) instanceof Map)) {
      throw refused("does not carry the back-channel logout event");
    }
    if (claims.getClaim("nonce") != null) {
      throw refused("carries a nonce, as an ID token would");
    }
    if (claims.getSubject() == null && text(claims.getClaim("sid")) == null) {
      throw refused("names neither a subject nor a session");
    }
    return claims;
  }

  /**
   * Whether a stored login is of the session a logout token names: any session of the user where
   * the token names none, or the login kept no {@code sid}; else the same one.
   */
  private static boolean sameSession(AuthRecord stored, String sid) {
    if (sid == null) {
      return true;
    }
    String kept = Json.text(extra(stored).path(Oidc.ID_TOKEN), "sid");
    return kept == null || kept.equals(sid);
  }

  /** The raw ID token a login kept, for {@code id_token_hint}; null if it kept none. */
  static String idToken(AuthRecord record) {
    return Json.text(extra(record), Oidc.ID_TOKEN_JWT);
  }

  private static JsonNode extra(AuthRecord record) {
    try {
      return record.extraJson() == null ? Json.object() : Json.parse(record.extraJson());
    } catch (IllegalArgumentException e) {
      return Json.object();
    }
  }

  private BadRequestException refused(String why) {
    return new BadRequestException(site + " logout token " + why);
  }

  private static String text(Object claim) {
    return claim instanceof String s && !s.isEmpty() ? s : null;
  }

  private static boolean secure(WebRequest request) {
    return "https".equals(request.url().getScheme());
  }

  private static String sha256(String s) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
