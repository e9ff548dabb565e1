package org.oauthdropins.engine.oauth2;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What an OAuth 2 site is, as data: where its server and client come from, which optional steps it
 * runs, who a login is for, and the few settings in which sites differ. The {@link
 * CodeFlowPipeline} runs the protocol for any such description, so a site is a value and no site
 * holds protocol code. {@link OAuth2Site.Builder} makes one for a plain site; an engine that finds
 * its server or client per login (Mastodon, IndieAuth, atproto) makes one with its own parts.
 *
 * @param site the site name, for messages
 * @param kind the entity kind: stored logins are keyed by it
 * @param servers how a login's authorization server is found
 * @param clients where the app's client at that server comes from
 * @param steps which optional steps run
 * @param identity who a login is for, once the code is exchanged
 * @param defaultScopes scopes always asked for, before those the request adds
 * @param scopeSeparator how the authorization request joins scopes; a space for most sites
 * @param authorizeParams fixed further parameters of the authorization request
 * @param tokenParams fixed further parameters of the code exchange
 * @param scopeParams parameters the authorization request adds for its scopes
 * @param tokenCheck refuses a token response not meant for this login; {@link #NO_CHECK} for none
 * @param declined callback {@code error} values that mean the user said no ({@link #DECLINED} is
 *     always among them)
 * @param lifecycle what happens after the exchange and at refresh
 * @param signer how API calls of a stored login without a DPoP key carry its token
 * @param callbackParams names of callback query parameters the server wants back: each is required
 *     in the callback, sent in the code exchange, kept in the stored login's extra data (under
 *     {@link CodeFlowPipeline#CALLBACK_PARAMS}) and sent again with every token request of the
 *     login, such as a refresh (VK ID's {@code device_id}); none for most sites
 */
public record OAuth2Spec(
    String site,
    String kind,
    ServerSource servers,
    ClientSource clients,
    Steps steps,
    Identity identity,
    List<String> defaultScopes,
    String scopeSeparator,
    Map<String, String> authorizeParams,
    Map<String, String> tokenParams,
    ScopeParams scopeParams,
    TokenCheck tokenCheck,
    Set<String> declined,
    TokenLifecycle lifecycle,
    RequestSigner signer,
    List<String> callbackParams) {

  /** Callback {@code error} values that mean the user said no, at every site. */
  public static final Set<String> DECLINED = Set.of("access_denied", "user_denied");

  /** Accepts every token response. */
  public static final TokenCheck NO_CHECK = (token, nonce) -> {};

  /** Makes the value, checking its components; {@link #DECLINED} is added to {@code declined}. */
  public OAuth2Spec {
    Objects.requireNonNull(site, "site");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(servers, "servers");
    Objects.requireNonNull(clients, "clients");
    Objects.requireNonNull(steps, "steps");
    Objects.requireNonNull(identity, "identity");
    Objects.requireNonNull(scopeSeparator, "scopeSeparator");
    Objects.requireNonNull(scopeParams, "scopeParams");
    Objects.requireNonNull(tokenCheck, "tokenCheck");
    Objects.requireNonNull(lifecycle, "lifecycle");
    Objects.requireNonNull(signer, "signer");
    defaultScopes = List.copyOf(defaultScopes);
    callbackParams = callbackParams == null ? List.of() : List.copyOf(callbackParams);
    authorizeParams = Map.copyOf(authorizeParams);
    tokenParams = Map.copyOf(tokenParams);
    Set<String> all = new HashSet<>(DECLINED);
    all.addAll(declined);
    declined = Set.copyOf(all);
  }

  /**
   * The description of a site whose server, client and identity are its own parts, with every other
   * setting at its default: PKCE only, space-separated scopes, no fixed parameters, no token check,
   * the standard token lifecycle and Bearer signing. Change the rest with the {@code with} methods.
   */
  public static OAuth2Spec of(
      String site, String kind, ServerSource servers, ClientSource clients, Identity identity) {
    return new OAuth2Spec(
        site,
        kind,
        servers,
        clients,
        Steps.DEFAULT,
        identity,
        List.of(),
        " ",
        Map.of(),
        Map.of(),
        ScopeParams.NONE,
        NO_CHECK,
        Set.of(),
        TokenLifecycle.STANDARD,
        RequestSigner.BEARER,
        List.of());
  }
}
