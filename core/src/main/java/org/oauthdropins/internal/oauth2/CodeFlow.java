package org.oauthdropins.internal.oauth2;

import static org.oauthdropins.internal.OAuthParameters.CLIENT_ID;
import static org.oauthdropins.internal.OAuthParameters.CODE;
import static org.oauthdropins.internal.OAuthParameters.CODE_CHALLENGE;
import static org.oauthdropins.internal.OAuthParameters.CODE_CHALLENGE_METHOD;
import static org.oauthdropins.internal.OAuthParameters.ISS;
import static org.oauthdropins.internal.OAuthParameters.REDIRECT_URI;
import static org.oauthdropins.internal.OAuthParameters.RESPONSE_TYPE;
import static org.oauthdropins.internal.OAuthParameters.SCOPE;
import static org.oauthdropins.internal.OAuthParameters.STATE;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.oauthdropins.Authorization;
import org.oauthdropins.AuthorizeRequest;
import org.oauthdropins.BadRequestException;
import org.oauthdropins.OAuthError;
import org.oauthdropins.ProviderException;
import org.oauthdropins.engine.oauth2.TokenClient;
import org.oauthdropins.engine.oauth2.TokenResponse;
import org.oauthdropins.internal.http.Form;
import org.oauthdropins.web.WebRequest;

/**
 * The two browser legs of the authorization code flow for engines whose authorization server or
 * client is known only per login: a Mastodon instance the user names, an IndieAuth server found on
 * the user's site. Always PKCE S256; the verifier goes into the pending login, never into the
 * browser. The token leg is {@link TokenClient}.
 */
public final class CodeFlow {

  /** Callback {@code error} values that mean the user said no. */
  public static final Set<String> DECLINED = Set.of("access_denied", "user_denied");

  private CodeFlow() {}

  /** The defaults, then the requested scopes that are not among them, in order. */
  public static List<String> scopes(List<String> defaults, List<String> requested) {
    List<String> all = new ArrayList<>(defaults);
    requested.stream().filter(s -> !all.contains(s)).forEach(all::add);
    return all;
  }

  /**
   * The authorization request: where to send the browser, with PKCE S256.
   *
   * @param endpoint the authorization endpoint
   * @param clientId the client id
   * @param request the start request, for the callback URL and state
   * @param scope the scope parameter, or null to send none
   * @param params further parameters, in order
   * @param pending the engine's pending-login record, made from the PKCE verifier, which it keeps
   *     as its {@code codeVerifier}; {@link org.oauthdropins.internal.PendingData} writes it
   */
  public static Authorization authorize(
      URI endpoint,
      String clientId,
      AuthorizeRequest request,
      String scope,
      Map<String, String> params,
      Function<String, ? extends Record> pending) {
    String redirectUri = request.callbackUrl().toString();
    Pkce pkce = Pkce.create();
    Map<String, String> q = new LinkedHashMap<>();
    q.put(RESPONSE_TYPE, CODE);
    q.put(CLIENT_ID, clientId);
    q.put(REDIRECT_URI, redirectUri);
    q.put(STATE, request.state());
    q.put(SCOPE, scope == null || scope.isEmpty() ? null : scope);
    q.put(CODE_CHALLENGE, pkce.challenge());
    q.put(CODE_CHALLENGE_METHOD, Pkce.METHOD);
    q.putAll(params);
    return Authorization.of(
        URI.create(Form.appendQuery(endpoint.toString(), q)),
        redirectUri,
        pending.apply(pkce.verifier()));
  }

  /**
   * Reads the authorization response.
   *
   * @param site the site name, for messages
   * @param web the callback request
   * @param issuer the expected RFC 9207 {@code iss}, or null if the server has none
   * @param issuerRequired whether an answer without {@code iss} is refused (the server declared
   *     support); otherwise only a different {@code iss} is
   * @param declined the {@code error} values that mean the user said no
   * @return the code, or empty if the user declined
   * @throws BadRequestException if the answer names another issuer, lacks one it must carry, or has
   *     no code
   * @throws ProviderException if the server reports another error
   */
  public static Optional<String> code(
      String site, WebRequest web, String issuer, boolean issuerRequired, Set<String> declined) {
    Optional<String> iss = web.parameter(ISS);
    if (issuer != null && (iss.isPresent() || issuerRequired) && !issuer.equals(iss.orElse(null))) {
      // Compared even on errors: an answer must not be trusted as coming from this server.
      throw new BadRequestException(
          "the callback "
              + (iss.isPresent() ? "came from another authorization server" : "lacks iss"));
    }
    Optional<OAuthError> error = OAuthError.in(web);
    if (error.isPresent()) {
      if (declined.contains(error.get().code())) {
        return Optional.empty();
      }
      throw ProviderException.refused(site + " returned an error", error.get());
    }
    return Optional.of(
        web.parameter(CODE)
            .filter(c -> !c.isBlank() && c.length() <= 4096)
            .orElseThrow(() -> new BadRequestException("missing code parameter")));
  }

  /**
   * The token response, if its type is Bearer or unstated (RFC 6749 §7.1: a client must not use a
   * token type it does not understand).
   */
  public static TokenResponse bearer(String site, TokenResponse token) {
    if (token.tokenType() != null && !token.tokenType().equals("bearer")) {
      throw new ProviderException(site + " issued a token of unknown type " + token.tokenType());
    }
    return token;
  }
}
