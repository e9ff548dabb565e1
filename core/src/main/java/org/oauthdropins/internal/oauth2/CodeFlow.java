package org.oauthdropins.internal.oauth2;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.oauthdropins.Authorization;
import org.oauthdropins.AuthorizeRequest;
import org.oauthdropins.engine.oauth2.CodeFlowPipeline;
import org.oauthdropins.engine.oauth2.OAuth2Spec;
import org.oauthdropins.engine.oauth2.TokenClient;
import org.oauthdropins.engine.oauth2.TokenResponse;
import org.oauthdropins.errors.BadRequestException;
import org.oauthdropins.errors.ProviderException;
import org.oauthdropins.web.WebRequest;

/**
 * Kept for the engines that have not moved onto {@link CodeFlowPipeline} yet (Mastodon, IndieAuth,
 * Bluesky): each method is the pipeline's own, so nothing here is a second copy of the flow; it
 * goes once they have moved.
 *
 * <p>The two browser legs of the authorization code flow for engines whose authorization server or
 * client is known only per login: a Mastodon instance the user names, an IndieAuth server found on
 * the user's site. Always PKCE S256; the verifier goes into the pending login, never into the
 * browser. The token leg is {@link TokenClient}.
 */
public final class CodeFlow {

  /** Callback {@code error} values that mean the user said no. */
  public static final Set<String> DECLINED = OAuth2Spec.DECLINED;

  private CodeFlow() {}

  /** The defaults, then the requested scopes that are not among them, in order. */
  public static List<String> scopes(List<String> defaults, List<String> requested) {
    return CodeFlowPipeline.scopes(defaults, requested);
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
    Map<String, String> q =
        AuthorizationQuery.of(clientId, redirectUri, request.state(), scope, pkce);
    q.putAll(params);
    return Authorization.of(
        CodeFlowPipeline.authorizationUrl(endpoint, q),
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
    return CodeFlowPipeline.code(site, web, issuer, issuerRequired, declined);
  }

  /**
   * The token response, if its type is Bearer or unstated (RFC 6749 §7.1: a client must not use a
   * token type it does not understand).
   */
  public static TokenResponse bearer(String site, TokenResponse token) {
    return CodeFlowPipeline.bearer(site, token);
  }
}
