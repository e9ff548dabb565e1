package org.oauthdropins.internal.oauth2;

import static org.oauthdropins.internal.OAuthParameters.CLIENT_ID;
import static org.oauthdropins.internal.OAuthParameters.CODE;
import static org.oauthdropins.internal.OAuthParameters.CODE_CHALLENGE;
import static org.oauthdropins.internal.OAuthParameters.CODE_CHALLENGE_METHOD;
import static org.oauthdropins.internal.OAuthParameters.REDIRECT_URI;
import static org.oauthdropins.internal.OAuthParameters.RESPONSE_TYPE;
import static org.oauthdropins.internal.OAuthParameters.SCOPE;
import static org.oauthdropins.internal.OAuthParameters.STATE;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The parameters every authorization code request starts with (RFC 6749 §4.1.1, RFC 7636 §4.3), in
 * the order the library has always sent them: written once, for the pipeline and for the engines
 * that have not moved onto it yet.
 */
public final class AuthorizationQuery {

  private AuthorizationQuery() {}

  /**
   * The request's first parameters; the caller adds the rest in order.
   *
   * @param scope the scope parameter, or null or empty to send none
   * @param pkce the PKCE pair whose challenge is sent, or null to send none
   * @return a mutable map, in order
   */
  public static Map<String, String> of(
      String clientId, String redirectUri, String state, String scope, Pkce pkce) {
    Map<String, String> q = new LinkedHashMap<>();
    q.put(RESPONSE_TYPE, CODE);
    q.put(CLIENT_ID, clientId);
    q.put(REDIRECT_URI, redirectUri);
    q.put(STATE, state);
    if (scope != null && !scope.isEmpty()) {
      q.put(SCOPE, scope);
    }
    if (pkce != null) {
      q.put(CODE_CHALLENGE, pkce.challenge());
      q.put(CODE_CHALLENGE_METHOD, Pkce.METHOD);
    }
    return q;
  }
}
