package org.oauthdropins.sites.meta;

import java.net.URI;
import java.time.Duration;
import org.oauthdropins.AuthEntity;
import org.oauthdropins.engine.oauth2.ClientAuth;
import org.oauthdropins.engine.oauth2.OAuth2Site;

/**
 * What Meta's Instagram and Threads logins share, so each site states only its own endpoints and
 * fields: the app secret in the token request body, comma-separated scopes, no PKCE (neither
 * documents it), {@code #_} appended to the code, and a one-hour token swapped at once for a 60-day
 * one ({@code GET <graph>/access_token?grant_type=<prefix>_exchange_token}) that is renewed ({@code
 * GET <graph>/refresh_access_token?grant_type=<prefix>_refresh_token}) a week before it runs out.
 */
public final class MetaLogin {

  /** How long before expiry a long-lived token is renewed. */
  static final Duration RENEW_MARGIN = Duration.ofDays(7);

  private MetaLogin() {}

  /**
   * A site definition with Meta's conventions.
   *
   * @param name the site name, e.g. {@code threads}
   * @param kind the entity kind, e.g. {@code ThreadsAuth}
   * @param graph the Graph API base of the long-lived token endpoints
   * @param grantPrefix {@code ig} for Instagram, {@code th} for Threads
   */
  public static OAuth2Site.Builder<AuthEntity> builder(
      String name, String kind, URI graph, String grantPrefix) {
    return OAuth2Site.builder(name, kind)
        .clientAuth(ClientAuth.POST)
        .pkce(false)
        .scopeSeparator(",")
        .tokenLifecycle(LongLivedTokens.under(graph, grantPrefix, RENEW_MARGIN));
  }
}
