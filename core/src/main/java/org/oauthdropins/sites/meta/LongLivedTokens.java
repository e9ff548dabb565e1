package org.oauthdropins.sites.meta;

import static org.oauthdropins.internal.OAuthParameters.ACCESS_TOKEN;
import static org.oauthdropins.internal.OAuthParameters.CLIENT_SECRET;
import static org.oauthdropins.internal.OAuthParameters.GRANT_TYPE;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.oauthdropins.engine.oauth2.TokenClient;
import org.oauthdropins.engine.oauth2.TokenLifecycle;
import org.oauthdropins.engine.oauth2.TokenResponse;
import org.oauthdropins.internal.http.Json;
import org.oauthdropins.store.AccessToken;
import org.oauthdropins.store.AuthRecord;

/**
 * Meta's token lifecycle (Instagram and Threads): the code arrives with {@code #_} appended; the
 * code's one-hour token is swapped at once for a 60-day one ({@code GET
 * <graph>/access_token?grant_type=<prefix>_exchange_token&client_secret=S&access_token=T}); that
 * token has no refresh token and is renewed itself ({@code GET
 * <graph>/refresh_access_token?grant_type=<prefix>_refresh_token&access_token=T}), which works only
 * while it is still valid, so its stored expiry is {@link MetaLogin#RENEW_MARGIN} early.
 *
 * @param exchangeUrl the long-lived token exchange endpoint
 * @param exchangeGrant its grant type
 * @param renewUrl the renewal endpoint
 * @param renewGrant its grant type
 * @param renewMargin how long before the site's expiry the token counts as due
 */
record LongLivedTokens(
    URI exchangeUrl, String exchangeGrant, URI renewUrl, String renewGrant, Duration renewMargin)
    implements TokenLifecycle {

  /** What Meta appends to the code, which is not part of it. */
  static final String CODE_SUFFIX = "#_";

  /** Meta's endpoints under a Graph API base, with grant types of the site's prefix. */
  static LongLivedTokens under(URI graph, String grantPrefix, Duration margin) {
    String base = graph.toString();
    return new LongLivedTokens(
        URI.create(base + "/access_token"),
        grantPrefix + "_exchange_token",
        URI.create(base + "/refresh_access_token"),
        grantPrefix + "_refresh_token",
        margin);
  }

  /** The code without {@code #_}, which reaches the callback when a browser keeps the fragment. */
  @Override
  public String code(String code) {
    return code.endsWith(CODE_SUFFIX)
        ? code.substring(0, code.length() - CODE_SUFFIX.length())
        : code;
  }

  /** The long-lived token, keeping fields of the first answer (user_id) that the second lacks. */
  @Override
  public TokenResponse afterExchange(TokenResponse first, TokenClient tokens) {
    Map<String, String> q = new LinkedHashMap<>();
    q.put(GRANT_TYPE, exchangeGrant);
    q.put(CLIENT_SECRET, tokens.secret().current());
    q.put(ACCESS_TOKEN, first.accessToken());
    TokenResponse second = tokens.get(exchangeUrl, q);
    ObjectNode json = Json.object();
    json.setAll((ObjectNode) first.json());
    json.setAll((ObjectNode) second.json());
    return new TokenResponse(
        second.accessToken(),
        second.tokenType(),
        second.expiresIn(),
        second.refreshToken(),
        second.scope() != null ? second.scope() : first.scope(),
        json);
  }

  /** The token renewed with itself; a login without a bearer token cannot be renewed. */
  @Override
  public Optional<TokenResponse> refresh(AuthRecord record, TokenClient tokens) {
    if (!(record.token() instanceof AccessToken.Bearer b)) {
      return Optional.empty();
    }
    Map<String, String> q = new LinkedHashMap<>();
    q.put(GRANT_TYPE, renewGrant);
    q.put(ACCESS_TOKEN, b.value());
    return Optional.of(tokens.get(renewUrl, q));
  }
}
