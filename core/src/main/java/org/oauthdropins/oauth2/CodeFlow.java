package org.oauthdropins.oauth2;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.oauthdropins.Authorization;
import org.oauthdropins.AuthorizeRequest;
import org.oauthdropins.BadRequestException;
import org.oauthdropins.OAuthError;
import org.oauthdropins.ProviderException;
import org.oauthdropins.http.Form;
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

  /** The pending-login datum holding the PKCE verifier. */
  public static final String VERIFIER = "code_verifier";

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
   * @param data what the callback needs besides the verifier
   */
  public static Authorization authorize(
      URI endpoint,
      String clientId,
      AuthorizeRequest request,
      String scope,
      Map<String, String> params,
      Map<String, String> data) {
    String redirectUri = request.callbackUrl().toString();
    Pkce pkce = Pkce.create();
    Map<String, String> q = new LinkedHashMap<>();
    q.put("response_type", "code");
    q.put("client_id", clientId);
    q.put("redirect_uri", redirectUri);
    q.put("state", request.state());
    q.put("scope", scope == null || scope.isEmpty() ? null : scope);
    q.put("code_challenge", pkce.challenge());
    q.put("code_challenge_method", Pkce.METHOD);
    q.putAll(params);
    Map<String, String> keep = new LinkedHashMap<>(data);
    keep.put(VERIFIER, pkce.verifier());
    return new Authorization(
        URI.create(Form.appendQuery(endpoint.toString(), q)), redirectUri, keep);
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
    Optional<String> iss = web.parameter("iss");
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
        web.parameter("code")
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
