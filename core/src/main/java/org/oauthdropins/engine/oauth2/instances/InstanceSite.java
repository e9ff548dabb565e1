package org.oauthdropins.engine.oauth2.instances;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import org.oauthdropins.AuthEntity;
import org.oauthdropins.Button;
import org.oauthdropins.LoginListener;
import org.oauthdropins.Revocation;
import org.oauthdropins.SiteOptions;
import org.oauthdropins.engine.miauth.Software;
import org.oauthdropins.engine.oauth2.CodeFlowPipeline;
import org.oauthdropins.engine.oauth2.OAuth2Site;
import org.oauthdropins.engine.oauth2.Steps;
import org.oauthdropins.http.GuardedTransport;
import org.oauthdropins.http.HttpTransport;
import org.oauthdropins.http.JdkTransport;
import org.oauthdropins.internal.Paths;

/**
 * Sites of Mastodon-API servers (Mastodon, Pixelfed, and the fediverse site's Mastodon-compatible
 * softwares): the user names an instance, the app registers itself there once ({@code POST
 * /api/v1/apps}) and keeps the registration in the store, then the one OAuth 2 pipeline ({@link
 * CodeFlowPipeline}) runs the authorization code flow with PKCE and fetches {@code
 * verify_credentials}. What differs from a plain OAuth 2 site is three parts that {@link
 * Builder#build} gives {@link OAuth2Site}: the instance the user names ({@code InstanceServer}),
 * the registration per instance ({@code Registrations}) and the account ({@code
 * VerifyCredentials}). Every request to the instance goes through the SSRF guard, since the
 * instance is user input.
 *
 * <p>One registration serves every user of an instance, so nothing an anonymous request contains
 * may replace it, or one loop of requests would break every login there (issue 14, finding 3):
 *
 * <ul>
 *   <li>The registration names what the app configured: its callback URL from the app's {@link
 *       org.oauthdropins.BaseUrl}, and all the scopes the app allows (see {@link Builder#scopes}).
 *       A start asking for a scope outside them is a 400.
 *   <li>A login finishes with the client id and secret it started with, kept in its pending login,
 *       whatever happened to the stored registration meanwhile.
 *   <li>A registration is replaced only when the instance itself says it no longer knows it: an
 *       {@code invalid_client} (or a refused app token) confirmed by a second request with the
 *       registration's own credentials; or when the app's configuration (callback, scopes) has
 *       outgrown it.
 *   <li>Registrations are bounded: one instance is registered at again at most once an hour; a
 *       process makes at most {@value #DEFAULT_REGISTRATIONS_PER_MINUTE} registrations a minute by
 *       default, whichever of its sites on one transport make them (Mastodon, Pixelfed, every
 *       software of the fediverse site), since a wildcard DNS record makes any number of instances;
 *       and a registration that no login has used within a day of its making, or within {@link
 *       #KEPT_AFTER_USE} of its last use, expires from the store.
 *   <li>The app may declare every registration made before a date stale ({@link
 *       Builder#registrationsValidAfter}, after its redirect URIs changed): each is made again at
 *       the next login at its instance, within the same bound, and replaced by compare-and-set.
 * </ul>
 *
 * <p>A login remembers the registration it was made with ({@code client_id} in its extra data), and
 * is refreshed with that one: tokens belong to the client they were issued to.
 */
public final class InstanceSite {

  /** The app name instances show on their consent page unless the app names itself. */
  public static final String DEFAULT_APP_NAME = "oauth-dropins";

  /**
   * What differs between servers that speak the Mastodon API.
   *
   * @param software the software's site name, kind, label, button and entity type
   * @param defaultScopes scopes always asked for, and allowed unless the app allows more
   * @param version whether {@code /api/v1/instance}'s {@code version} is this software's
   * @param appToken whether to obtain an app token at registration and check the registration with
   *     {@code GET /api/v1/apps/verify_credentials} before each login (Mastodon; Pixelfed answers
   *     that only for user tokens)
   * @param <A> the entity type
   */
  public record Flavor<A extends AuthEntity>(
      Software<A> software,
      List<String> defaultScopes,
      Predicate<String> version,
      boolean appToken) {

    /** Makes the value, checking its components. */
    public Flavor {
      Objects.requireNonNull(software, "software");
      Objects.requireNonNull(version, "version");
      defaultScopes = List.copyOf(defaultScopes);
    }

    /**
     * This software under another site's name, kind and button, as a site that serves several
     * softwares runs it (the fediverse site): its app registrations and logins are kept apart from
     * the per-software site's, whose callback URL differs.
     */
    public Flavor<A> as(String siteName, String siteKind, Button siteButton) {
      return new Flavor<>(
          software.as(siteName, siteKind, siteButton), defaultScopes, version, appToken);
    }
  }

  /** Registrations a process makes in a minute unless the app says otherwise. */
  public static final int DEFAULT_REGISTRATIONS_PER_MINUTE = 10;

  /** How long a registration is kept after the last login or refresh that used it. */
  public static final Duration KEPT_AFTER_USE = Registrations.KEPT_AFTER_USE;

  /** Decline values Mastodon's Doorkeeper and the Python library recognise. */
  private static final Set<String> DECLINED =
      Set.of("access_denied", "user_denied", "user_cancelled_login", "user_cancelled_authorize");

  private InstanceSite() {}

  /**
   * A builder for a server of this flavour. Its transport (see {@link Builder#options}) becomes an
   * SSRF guard, by {@link GuardedTransport#of}.
   */
  public static <A extends AuthEntity> Builder<A> builder(Flavor<A> flavor) {
    return new Builder<>(flavor);
  }

  /**
   * Configures a Mastodon-API site: how it reaches the network and what its registrations name.
   * There are no app-wide credentials: the app registers at each instance. Every setter replaces;
   * nothing is built lazily.
   */
  public static final class Builder<A extends AuthEntity> {
    private final Flavor<A> flavor;
    private Button button;
    private HttpTransport transport = JdkTransport.shared();
    private Clock clock = Clock.systemUTC();
    private LoginListener listener = LoginListener.NONE;
    private String appName = DEFAULT_APP_NAME;
    private String website;
    private List<String> scopes = List.of();
    private int perMinute = DEFAULT_REGISTRATIONS_PER_MINUTE;
    private List<String> callbackPaths = List.of();
    private Instant validAfter;

    private Builder(Flavor<A> flavor) {
      this.flavor = Objects.requireNonNull(flavor, "flavor");
      this.button = flavor.software().button();
    }

    /**
     * Takes the transport and the listener from the app's options, as every shipped site's factory
     * does.
     */
    public Builder<A> options(SiteOptions o) {
      transport(o.transport());
      return listener(o.listener());
    }

    /**
     * How instances are reached: a {@link GuardedTransport}, or a transport that {@link
     * GuardedTransport#of} makes one of. It is also the key of the process's registration budget
     * (see {@link #registrationsPerMinute}).
     */
    public Builder<A> transport(HttpTransport t) {
      this.transport = Objects.requireNonNull(t, "transport");
      return this;
    }

    /** Hears the site's login events; see {@link SiteOptions#withListener}. */
    public Builder<A> listener(LoginListener l) {
      this.listener = Objects.requireNonNull(l, "listener");
      return this;
    }

    /** The clock, for tests of expiry and of the registration bound. */
    public Builder<A> clock(Clock c) {
      this.clock = Objects.requireNonNull(c, "clock");
      return this;
    }

    /** The login button; the flavour's by default. */
    public Builder<A> button(Button b) {
      this.button = Objects.requireNonNull(b, "button");
      return this;
    }

    /** The app name instances show on their consent page. */
    public Builder<A> appName(String name) {
      this.appName = Objects.requireNonNull(name, "appName");
      return this;
    }

    /** The app's web site for the registration; by default its base URL. */
    public Builder<A> website(String url) {
      this.website = url;
      return this;
    }

    /**
     * The scopes a login may ask for besides the defaults: the app registers for all of them once,
     * and a start asking for any other is refused. By default, only the defaults.
     */
    public Builder<A> scopes(List<String> allowed) {
      for (String s : allowed) {
        if (s == null || s.isBlank() || !s.strip().equals(s) || s.contains(" ")) {
          throw new IllegalArgumentException("not a scope: '" + s + "'");
        }
      }
      this.scopes = List.copyOf(allowed);
      return this;
    }

    /**
     * At most this many registrations in any minute in this process, counting those of every site
     * built on the same transport (one per process with {@link
     * org.oauthdropins.SiteOptions#defaults()}); {@value #DEFAULT_REGISTRATIONS_PER_MINUTE} by
     * default.
     */
    public Builder<A> registrationsPerMinute(int n) {
      if (n < 1) {
        throw new IllegalArgumentException("registrations per minute must be at least 1");
      }
      this.perMinute = n;
      return this;
    }

    /**
     * Every path the app mounts this site's callback at, e.g. {@code /mastodon/oauth_callback} and
     * {@code /publish/mastodon/oauth_callback}: each registration names them all under the app's
     * base URL (as the Python library's {@code REDIRECT_PATHS}), so one registration per instance
     * serves every mount. A login's own callback is always named. By default, none besides it.
     */
    public Builder<A> callbackPaths(List<String> paths) {
      for (String p : paths) {
        Paths.requireLocal(p, "callback path");
      }
      this.callbackPaths = List.copyOf(paths);
      return this;
    }

    /**
     * Registrations made before this time are stale: each is made again at the next login at its
     * instance (within {@link #registrationsPerMinute}, replaced by compare-and-set), as the Python
     * library's {@code EXPIRE_APPS_BEFORE}. For after the app's redirect URIs or name changed. By
     * default, none is.
     */
    public Builder<A> registrationsValidAfter(Instant when) {
      this.validAfter = Objects.requireNonNull(when, "when");
      return this;
    }

    /**
     * The site with these settings: an {@link OAuth2Site} whose server is the instance the user
     * names, whose client is the app's registration there, and whose identity is the account.
     */
    public OAuth2Site<A> build() {
      // Every instance request goes through the SSRF guard: the instance is user input.
      GuardedTransport guard = GuardedTransport.of(transport);
      Software<A> software = flavor.software();
      InstanceServer server =
          new InstanceServer(software.label(), guard.policy().allowHttp(), flavor.version());
      Registrations registrations =
          new Registrations(
              software.name(),
              software.label(),
              server,
              new Registrations.Rules(
                  appName,
                  website,
                  flavor.defaultScopes(),
                  CodeFlowPipeline.scopes(flavor.defaultScopes(), scopes),
                  callbackPaths,
                  validAfter,
                  perMinute,
                  flavor.appToken()),
              // Keyed by the app's transport, not the guard made of it: every site built on one
              // transport draws from one budget (issue 20 #6).
              RegistrationBudget.of(transport),
              guard,
              clock);
      return OAuth2Site.builder(software.name(), software.kind())
          .entity(software.entity())
          .button(button)
          .transport(guard)
          .listener(listener)
          .clock(clock)
          .servers(server)
          .clients(registrations)
          .identity(new VerifyCredentials(software.name(), registrations))
          .defaultScopes(flavor.defaultScopes())
          .declineErrors(DECLINED)
          // Doorkeeper and Passport bind no token to a key: an instance's DPoP error is not a
          // reason to retry, and a stored login keeps what it always kept.
          .dpop(Steps.When.NEVER)
          // Mastodon API "POST /oauth/revoke" (docs.joinmastodon.org/methods/oauth), Doorkeeper's
          // RFC 7009 endpoint, on the user's instance.
          .revocation(Revocation.rfc7009AtServer("/oauth/revoke"))
          .build();
    }
  }
}
