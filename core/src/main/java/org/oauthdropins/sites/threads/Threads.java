package org.oauthdropins.sites.threads;

import java.util.List;
import org.oauthdropins.Button;
import org.oauthdropins.ProfileFields;
import org.oauthdropins.SiteBase;
import org.oauthdropins.SiteFactory;
import org.oauthdropins.SiteOptions;
import org.oauthdropins.engine.oauth2.OAuth2Site;
import org.oauthdropins.engine.oauth2.ProfileLoader;
import org.oauthdropins.internal.http.Json;
import org.oauthdropins.sites.meta.MetaLogin;

/**
 * Threads, with the Threads app id and secret (not the Facebook ones).
 *
 * <p>Facts from developers.facebook.com/documentation/threads "Get Access Tokens" and "Long-Lived
 * Tokens": authorize at threads.com/oauth/authorize with comma-separated scopes ({@code
 * threads_basic} required); the code comes back with {@code #_} appended; the token POST answers a
 * one-hour token and the {@code user_id}; {@code GET /access_token?grant_type=th_exchange_token}
 * swaps it for a 60-day token, which {@code GET /refresh_access_token?grant_type=th_refresh_token}
 * renews once it is a day old and until it expires.
 *
 * <p>No revocation: none could be confirmed in the Threads API documentation, so a disconnect
 * deletes the login here only.
 */
public final class Threads {

  /** The authorization window's base. */
  public static final SiteBase WEB = SiteBase.of("web", "https://threads.com");

  /** The Graph API base: tokens and the profile. */
  public static final SiteBase GRAPH = SiteBase.of("graph", "https://graph.threads.net");

  /** Lists Threads for apps and the demo. */
  public static final SiteFactory FACTORY =
      new SiteFactory("threads", "threads_app_id", "threads_app_secret", Threads::create);

  private Threads() {}

  /** Threads with the given options; credentials default to {@code threads_app_id/secret}. */
  public static OAuth2Site<ThreadsAuth> create(SiteOptions o) {
    return MetaLogin.builder("threads", "ThreadsAuth", o.url(GRAPH, ""), "th")
        .button(Button.of("Sign in with Threads", "#000000", "#ffffff"))
        .credentials(o.credentials("threads_app_id", "threads_app_secret"))
        .options(o)
        .apiBase(o.url(GRAPH, ""))
        .authorizeUrl(o.url(WEB, "/oauth/authorize"))
        .tokenUrl(o.url(GRAPH, "/oauth/access_token"))
        .defaultScopes(List.of("threads_basic"))
        .profile(
            ProfileLoader.bearerGet(
                "threads",
                o.url(
                    GRAPH,
                    "/v1.0/me?fields=id,username,name,threads_profile_picture_url,"
                        + "threads_biography")))
        .keyId(user -> Json.text(user, "id"))
        .profileFields(new ProfileFields(null, "/username", "/threads_profile_picture_url"))
        .entity(ThreadsAuth::new)
        .build();
  }
}
