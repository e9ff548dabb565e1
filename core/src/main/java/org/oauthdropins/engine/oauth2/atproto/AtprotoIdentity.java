package org.oauthdropins.engine.oauth2.atproto;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.util.List;
import java.util.Objects;
import org.oauthdropins.engine.oauth2.Identity;
import org.oauthdropins.engine.oauth2.Server;
import org.oauthdropins.engine.oauth2.TokenCheck;
import org.oauthdropins.engine.oauth2.TokenResponse;
import org.oauthdropins.errors.ProviderException;
import org.oauthdropins.http.HttpTransport;
import org.oauthdropins.internal.OAuthParameters;
import org.oauthdropins.internal.http.Json;
import org.oauthdropins.store.AuthRecord;

/**
 * Who an atproto OAuth login is for, as a part of the OAuth 2 pipeline. The token already says it:
 * atproto demands a token for the account the login started with ({@code sub} is the DID that
 * {@link IdentityChain} resolved) and with the {@code atproto} scope (atproto specs "OAuth"); any
 * other token is refused. The site runs the pipeline's DPoP step always, which refuses a token that
 * is not DPoP-bound. The profile, which only decorates the login, is the site's ({@link Profile}),
 * fetched through the login's DPoP transport.
 *
 * <p>The stored login's extra JSON says it is an OAuth login ({@value #AUTH_FIELD} {@value #AUTH})
 * and keeps what its refresh needs: {@code pds_url}, {@code issuer}, {@code token_endpoint}, {@code
 * client_id} and {@code scope}; the pipeline's DPoP step adds the login's key ({@code dpop_key}).
 *
 * @param site the site name, for messages
 * @param profile the site's profile of an account
 */
public record AtprotoIdentity(String site, Profile profile) implements Identity {

  /** The field of a stored login's extra JSON that says how it logged in. */
  public static final String AUTH_FIELD = "auth";

  /** The {@value #AUTH_FIELD} value of a stored OAuth login. */
  public static final String AUTH = "oauth";

  /** Makes the value, checking its components. */
  public AtprotoIdentity {
    Objects.requireNonNull(site, "site");
    Objects.requireNonNull(profile, "profile");
  }

  /** An atproto site's profile of a logged-in account. */
  @FunctionalInterface
  public interface Profile {
    /**
     * The profile to store. Should not fail for a profile it cannot read: the login is proven by
     * then.
     *
     * @param transport signs the call with the login's DPoP key
     * @param pds the account's PDS
     * @param did the account
     * @param authorization the {@code Authorization} header value that presents the token
     * @param claimedHandle the handle the DID document claims, or null
     */
    JsonNode of(
        HttpTransport transport, URI pds, String did, String authorization, String claimedHandle);
  }

  @Override
  public Who who(Exchanged login) {
    TokenResponse token = login.token();
    Server server = login.server();
    String did = server.fact(IdentityChain.DID);
    checkToken(token, did);
    URI pds = URI.create(server.fact(IdentityChain.PDS));
    JsonNode user =
        profile.of(
            login.transport(),
            pds,
            did,
            "DPoP " + token.accessToken(),
            server.fact(IdentityChain.HANDLE));
    ObjectNode extra = Json.object();
    extra.put(AUTH_FIELD, AUTH);
    extra.put("pds_url", pds.toString());
    extra.put("issuer", server.issuer());
    extra.put("token_endpoint", server.tokenEndpoint().toString());
    extra.put(OAuthParameters.CLIENT_ID, login.client().clientId());
    extra.put(OAuthParameters.SCOPE, token.scope());
    return new Who(did, user, extra);
  }

  /**
   * The checks atproto demands of every token response, at login and at refresh: DPoP, the expected
   * account, the atproto scope.
   *
   * @param did the account the login is for
   * @throws ProviderException if the token fails one
   */
  public void checkToken(TokenResponse token, String did) {
    String sub = Json.text(token.json(), "sub");
    if (!did.equals(sub)) {
      throw new ProviderException(site + " logged in another account than the one that started");
    }
    String scope = token.scope();
    if (scope == null || !List.of(scope.strip().split("\\s+")).contains("atproto")) {
      throw new ProviderException(site + " granted no atproto scope");
    }
  }

  /**
   * The same checks for a refresh answer, against the stored login's account; the login's own check
   * is in {@link #who}, which knows the account the login started with.
   */
  public TokenCheck refreshCheck() {
    return new TokenCheck() {
      @Override
      public void check(TokenResponse token, String nonce) {}

      @Override
      public void checkRefresh(TokenResponse token, AuthRecord record) {
        checkToken(token, record.key().id());
      }
    };
  }

  /** Whether a stored login came from atproto OAuth (rather than, say, an app password). */
  public static boolean isOAuth(AuthRecord record) {
    return record.extraJson() != null
        && AUTH.equals(Json.text(Json.parse(record.extraJson()), AUTH_FIELD));
  }
}
