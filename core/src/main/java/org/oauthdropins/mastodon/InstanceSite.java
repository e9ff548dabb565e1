package org.oauthdropins.mastodon;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.oauthdropins.AbstractSite;
import org.oauthdropins.AccessToken;
import org.oauthdropins.AuthEntity;
import org.oauthdropins.Authorization;
import org.oauthdropins.AuthorizeRequest;
import org.oauthdropins.Button;
import org.oauthdropins.CallbackRequest;
import org.oauthdropins.Credentials;
import org.oauthdropins.Key;
import org.oauthdropins.LoginResult;
import org.oauthdropins.ProviderException;
import org.oauthdropins.http.HttpCall;
import org.oauthdropins.http.HttpTransport;
import org.oauthdropins.http.JdkTransport;
import org.oauthdropins.internal.Paths;
import org.oauthdropins.internal.http.GuardedTransport;
import org.oauthdropins.internal.oauth2.CodeFlow;
import org.oauthdropins.miauth.Software;
import org.oauthdropins.oauth2.Client;
import org.oauthdropins.oauth2.ClientAuth;
import org.oauthdropins.oauth2.Identity;
import org.oauthdropins.oauth2.OAuth2Site;
import org.oauthdropins.oauth2.Server;
import org.oauthdropins.oauth2.TokenClient;
import org.oauthdropins.oauth2.TokenResponse;
import org.oauthdropins.store.AuthRecord;
import org.oauthdropins.store.AuthStore;

/**
 * The engine of Mastodon-API servers (Mastodon, Pixelfed): the user names an instance, the app
 * registers itself there once ({@code POST /api/v1/apps}) and keeps the registration in the store,
 * then runs the authorization code flow with PKCE and fetches {@code verify_credentials}. Every
 * request to the instance goes through the SSRF guard, since the instance is user input.
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
public final class InstanceSite<A extends AuthEntity> extends AbstractSite<A> {

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

  /**
   * What a login's callback needs: the instance, the registration the login started with, and the
   * PKCE verifier. Logins started before the pending login kept the registration have none.
   */
  record InstanceLogin(String instance, String clientId, String clientSecret, String codeVerifier) {
    InstanceLogin {
      Objects.requireNonNull(instance, "instance");
      Objects.requireNonNull(codeVerifier, "codeVerifier");
    }

    @Override
    public String toString() {
      // The secret and the verifier must never reach a log line.
      return "InstanceLogin[...]";
    }
  }

  /** Decline values Mastodon's Doorkeeper and the Python library recognise. */
  private static final Set<String> DECLINED =
      Set.of("access_denied", "user_denied", "user_cancelled_login", "user_cancelled_authorize");

  private final Flavor<A> flavor;
  private final GuardedTransport transport;
  private final InstanceServer server;
  private final Registrations registrations;
  private final VerifyCredentials identity;

  private InstanceSite(Builder<A> b) {
    // Every instance request goes through the SSRF guard: the instance is user input.
    super(b, GuardedTransport::of);
    this.flavor = b.flavor;
    this.transport = GuardedTransport.of(transport());
    this.server =
        new InstanceServer(
            flavor.software().label(), transport.policy().allowHttp(), flavor.version());
    this.registrations =
        new Registrations(
            name(),
            flavor.software().label(),
            server,
            new Registrations.Rules(
                b.appName,
                b.website,
                flavor.defaultScopes(),
                CodeFlow.scopes(flavor.defaultScopes(), b.scopes),
                b.callbackPaths,
                b.validAfter,
                b.perMinute,
                flavor.appToken()),
            RegistrationBudget.of(b.budgetKey),
            transport,
            clock());
    this.identity = new VerifyCredentials(name());
  }

  /**
   * A builder for a server of this flavour. Its transport (see {@link Builder#options}) becomes an
   * SSRF guard, by {@link GuardedTransport#of}.
   */
  public static <A extends AuthEntity> Builder<A> builder(Flavor<A> flavor) {
    return new Builder<>(flavor);
  }

  /** Every scope a login may ask for, which is what the app registers for. */
  public List<String> allowedScopes() {
    return registrations.allowedScopes();
  }

  @Override
  public Authorization authorize(AuthorizeRequest request) {
    Server at = server.find(request, transport);
    Client client = registrations.client(request, at, transport);
    String instance = InstanceServer.instance(at);
    return CodeFlow.authorize(
        at.authorizationEndpoint(),
        client.clientId(),
        request,
        String.join(" ", CodeFlow.scopes(flavor.defaultScopes(), request.scopes())),
        Map.of(),
        verifier ->
            new InstanceLogin(instance, client.clientId(), client.secret().current(), verifier));
  }

  @Override
  public LoginResult complete(CallbackRequest request) {
    InstanceLogin pending = request.data(InstanceLogin.class);
    Server at = InstanceServer.at(pending.instance());
    Optional<String> code = CodeFlow.code(name(), request.web(), null, false, DECLINED);
    if (code.isEmpty()) {
      return new LoginResult.Declined();
    }
    Client client = startedWith(request.store(), pending, at);
    TokenResponse token;
    try {
      token =
          tokenClient(at, client)
              .exchange(code.get(), request.redirectUri(), pending.codeVerifier(), Map.of());
    } catch (ProviderException e) {
      throw registrations.refused(
          client, pending.instance(), e, request.store(), request.redirectUri());
    }
    CodeFlow.bearer(name(), token);
    Identity.Who who = identity.who(new Identity.Exchanged(token, at, client, transport, request));
    registrations.used(request.store(), pending.instance(), client.clientId());
    return new LoginResult.Authenticated(
        AuthRecord.of(
            new Key(kind(), who.id()),
            name(),
            new AccessToken.Bearer(token.accessToken()),
            token.refreshToken(),
            token.expiresIn() == null ? null : clock().instant().plusSeconds(token.expiresIn()),
            who.profile().toString(),
            who.extra().toString()));
  }

  /**
   * The client the login started with. Logins started before the pending login kept it (an upgrade
   * within their ten minutes) use the stored registration, as they did then.
   */
  private Client startedWith(AuthStore store, InstanceLogin pending, Server at) {
    if (pending.clientId() != null && pending.clientSecret() != null) {
      return new Client(pending.clientId(), ClientAuth.POST, pending::clientSecret);
    }
    return registrations.current(store, at);
  }

  /**
   * Refreshes with the registration the login was made with (Pixelfed and Akkoma issue expiring
   * tokens and single-use refresh tokens; Mastodon issues neither, so its records never get here).
   */
  @Override
  public Optional<AuthRecord> refresh(AuthRecord record, AuthStore store) {
    Optional<Server> at = server.of(record, transport);
    if (record.refreshToken() == null || at.isEmpty()) {
      return Optional.empty();
    }
    Client client = registrations.of(record, at.get(), store).orElseThrow();
    TokenResponse token =
        CodeFlow.bearer(name(), tokenClient(at.get(), client).refresh(record.refreshToken()));
    registrations.used(store, InstanceServer.instance(at.get()), client.clientId());
    return Optional.of(token.refreshed(record, clock().instant()));
  }

  @Override
  public HttpCall sign(HttpCall call, AuthRecord record) {
    return OAuth2Site.bearer(call, record);
  }

  private TokenClient tokenClient(Server at, Client client) {
    return new TokenClient(
        name(),
        at.tokenEndpoint(),
        new Credentials(client.clientId(), client.secret().current()),
        ClientAuth.POST,
        transport);
  }

  /** Configures an {@link InstanceSite}. Every setter replaces; nothing is built lazily. */
  public static final class Builder<A extends AuthEntity>
      extends AbstractSite.Builder<A, Builder<A>> {
    private final Flavor<A> flavor;
    private String appName = Mastodon.DEFAULT_APP_NAME;
    private String website;
    private List<String> scopes = List.of();
    private int perMinute = DEFAULT_REGISTRATIONS_PER_MINUTE;
    private List<String> callbackPaths = List.of();
    private Instant validAfter;
    private Object budgetKey = JdkTransport.shared();

    private Builder(Flavor<A> flavor) {
      super(flavor.software().name(), flavor.software().kind(), flavor.software().entity());
      this.flavor = flavor;
      button(flavor.software().button());
    }

    @Override
    protected Builder<A> self() {
      return this;
    }

    /** The app registers at each instance; there are no app-wide credentials. */
    @Override
    protected boolean credentialsRequired() {
      return false;
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

    /** Also keeps the transport as the key of the process's registration budget. */
    @Override
    public Builder<A> transport(HttpTransport t) {
      this.budgetKey = Objects.requireNonNull(t, "transport");
      return super.transport(t);
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

    /** The site with these settings. */
    public InstanceSite<A> build() {
      return new InstanceSite<>(this);
    }
  }
}
