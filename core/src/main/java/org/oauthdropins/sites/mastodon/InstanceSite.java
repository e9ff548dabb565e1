package org.oauthdropins.sites.mastodon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.oauthdropins.AbstractSite;
import org.oauthdropins.AuthEntity;
import org.oauthdropins.Authorization;
import org.oauthdropins.AuthorizeRequest;
import org.oauthdropins.BadRequestException;
import org.oauthdropins.Button;
import org.oauthdropins.CallbackRequest;
import org.oauthdropins.Credentials;
import org.oauthdropins.EntityFactory;
import org.oauthdropins.LoginResult;
import org.oauthdropins.ProviderException;
import org.oauthdropins.engine.oauth2.ClientAuth;
import org.oauthdropins.engine.oauth2.OAuth2Site;
import org.oauthdropins.engine.oauth2.ProfileLoader;
import org.oauthdropins.engine.oauth2.TokenClient;
import org.oauthdropins.engine.oauth2.TokenResponse;
import org.oauthdropins.http.HttpCall;
import org.oauthdropins.http.HttpResult;
import org.oauthdropins.http.HttpTransport;
import org.oauthdropins.http.JdkTransport;
import org.oauthdropins.http.UnsafeUrlException;
import org.oauthdropins.internal.Instances;
import org.oauthdropins.internal.OAuthParameters;
import org.oauthdropins.internal.Paths;
import org.oauthdropins.internal.http.GuardedTransport;
import org.oauthdropins.internal.http.Json;
import org.oauthdropins.internal.oauth2.CodeFlow;
import org.oauthdropins.internal.secrets.Secrets;
import org.oauthdropins.store.AccessToken;
import org.oauthdropins.store.AppRegistration;
import org.oauthdropins.store.AuthRecord;
import org.oauthdropins.store.AuthStore;
import org.oauthdropins.store.Key;

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
   * @param name site name, e.g. {@code mastodon}
   * @param kind entity kind, e.g. {@code MastodonAuth}
   * @param label the software's name for messages, e.g. {@code Mastodon}
   * @param button the login button
   * @param defaultScopes scopes always asked for, and allowed unless the app allows more
   * @param software whether {@code /api/v1/instance}'s {@code version} is this software's
   * @param appToken whether to obtain an app token at registration and check the registration with
   *     {@code GET /api/v1/apps/verify_credentials} before each login (Mastodon; Pixelfed answers
   *     that only for user tokens)
   * @param entity the entity type
   * @param <A> the entity type
   */
  public record Flavor<A extends AuthEntity>(
      String name,
      String kind,
      String label,
      Button button,
      List<String> defaultScopes,
      Predicate<String> software,
      boolean appToken,
      EntityFactory<A> entity) {

    /** Makes the value, checking its components. */
    public Flavor {
      defaultScopes = List.copyOf(defaultScopes);
    }

    /**
     * This software under another site's name, kind and button, as a site that serves several
     * softwares runs it (the fediverse site): its app registrations and logins are kept apart from
     * the per-software site's, whose callback URL differs.
     */
    public Flavor<A> as(String siteName, String siteKind, Button siteButton) {
      return new Flavor<>(
          siteName, siteKind, label, siteButton, defaultScopes, software, appToken, entity);
    }
  }

  /** Registrations a process makes in a minute unless the app says otherwise. */
  public static final int DEFAULT_REGISTRATIONS_PER_MINUTE = 10;

  /** How long a registration is kept after the last login or refresh that used it. */
  public static final Duration KEPT_AFTER_USE = Duration.ofDays(90);

  /** How long a registration that no login has used yet is kept. */
  static final Duration KEPT_UNUSED = Duration.ofDays(1);

  /** The least time between two registrations at one instance. */
  static final Duration PER_INSTANCE = Duration.ofHours(1);

  /** Every redirect URI a registration names, in its data. */
  private static final String REDIRECT_URIS = "registered_redirect_uris";

  /** The {@link Builder#registrationsValidAfter} a registration was made under, in its data. */
  private static final String VALID_AFTER = "registrations_valid_after";

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
  private final String appName;
  private final String website;
  private final List<String> allowedScopes;
  private final List<String> callbackPaths;
  private final Instant validAfter;
  private final int perMinute;
  private final RegistrationBudget budget;

  private InstanceSite(Builder<A> b) {
    // Every instance request goes through the SSRF guard: the instance is user input.
    super(b, GuardedTransport::of);
    this.flavor = b.flavor;
    this.transport = GuardedTransport.of(transport());
    this.appName = b.appName;
    this.website = b.website;
    this.allowedScopes = CodeFlow.scopes(flavor.defaultScopes(), b.scopes);
    this.callbackPaths = b.callbackPaths;
    this.validAfter = b.validAfter;
    this.perMinute = b.perMinute;
    this.budget = RegistrationBudget.of(b.budgetKey);
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
    return allowedScopes;
  }

  @Override
  public Authorization authorize(AuthorizeRequest request) {
    List<String> scopes = CodeFlow.scopes(flavor.defaultScopes(), request.scopes());
    for (String scope : scopes) {
      if (!allowedScopes.contains(scope)) {
        throw new BadRequestException(
            "this app does not ask "
                + flavor.label()
                + " for "
                + ProviderException.clean(scope.strip()));
      }
    }
    String instance = Instances.from(request.web(), flavor.label(), transport.policy().allowHttp());
    AppRegistration app = app(request.store(), instance, request);
    return CodeFlow.authorize(
        URI.create(instance + "/oauth/authorize"),
        app.clientId(),
        request,
        String.join(" ", scopes),
        Map.of(),
        verifier -> new InstanceLogin(instance, app.clientId(), app.clientSecret(), verifier));
  }

  @Override
  public LoginResult complete(CallbackRequest request) {
    InstanceLogin pending = request.data(InstanceLogin.class);
    String instance = pending.instance();
    Optional<String> code = CodeFlow.code(name(), request.web(), null, false, DECLINED);
    if (code.isEmpty()) {
      return new LoginResult.Declined();
    }
    Credentials client = startedWith(request.store(), pending);
    TokenResponse token;
    try {
      token =
          tokenClient(instance, client)
              .exchange(code.get(), request.redirectUri(), pending.codeVerifier(), Map.of());
    } catch (ProviderException e) {
      if (!"invalid_client".equals(e.oauthError())) {
        throw e;
      }
      if (!gone(instance, client, request.redirectUri())) {
        // One refusal proves nothing (a proxy's hiccup, an answer an attacker replayed): the
        // registration stays, and this login alone fails.
        throw new ProviderException(instance + " refused this app's login; sign in again", e);
      }
      markGone(request.store(), instance, client.clientId());
      throw new ProviderException(
          instance + " no longer knows this app; it will register again, so sign in again", e);
    }
    CodeFlow.bearer(name(), token);
    JsonNode user;
    try {
      user =
          ProfileLoader.bearerGet(
                  name(), URI.create(instance + "/api/v1/accounts/verify_credentials"))
              .load(transport, token);
    } catch (IOException e) {
      throw new ProviderException(name() + " profile could not be fetched: " + e.getMessage(), e);
    }
    String username = Json.text(user, "username");
    if (username == null || username.contains("@") || Json.text(user, "id") == null) {
      throw new ProviderException(name() + " profile has no username or id");
    }
    touch(request.store(), instance, client.clientId());
    ObjectNode extra = Json.object();
    extra.put("instance", instance);
    // The registration the tokens were issued to, which alone can refresh them.
    extra.put(OAuthParameters.CLIENT_ID, client.clientId());
    extra.put(OAuthParameters.SCOPE, token.scope());
    return new LoginResult.Authenticated(
        AuthRecord.of(
            new Key(kind(), "@" + username + "@" + URI.create(instance).getRawAuthority()),
            name(),
            new AccessToken.Bearer(token.accessToken()),
            token.refreshToken(),
            token.expiresIn() == null ? null : clock().instant().plusSeconds(token.expiresIn()),
            user.toString(),
            extra.toString()));
  }

  /**
   * The client the login started with. Logins started before the pending login kept it (an upgrade
   * within their ten minutes) use the stored registration, as they did then.
   */
  private Credentials startedWith(AuthStore store, InstanceLogin pending) {
    if (pending.clientId() != null && pending.clientSecret() != null) {
      return new Credentials(pending.clientId(), pending.clientSecret());
    }
    AppRegistration app = registration(store, pending.instance());
    return new Credentials(app.clientId(), app.clientSecret());
  }

  private AppRegistration registration(AuthStore store, String instance) {
    return store
        .getApp(name(), instance)
        .orElseThrow(
            () ->
                new ProviderException(
                    "this app's registration at " + instance + " is gone; sign in again"));
  }

  /**
   * Refreshes with the registration the login was made with (Pixelfed and Akkoma issue expiring
   * tokens and single-use refresh tokens; Mastodon issues neither, so its records never get here).
   * The instance refuses a refresh token from any other client, so a login whose registration the
   * store no longer has is not sent with another: the user signs in again. A login stored before
   * logins named their registration (or carried over without one) uses the instance's current one.
   */
  @Override
  public Optional<AuthRecord> refresh(AuthRecord record, AuthStore store) {
    JsonNode extra = Json.parse(record.extraJson());
    String instance = Instances.withoutSlash(Json.text(extra, "instance"));
    if (record.refreshToken() == null || instance == null) {
      return Optional.empty();
    }
    String clientId = Json.text(extra, OAuthParameters.CLIENT_ID);
    AppRegistration app =
        clientId == null
            ? registration(store, instance)
            : store
                .getApp(name(), instance, clientId)
                .orElseThrow(
                    () ->
                        new ProviderException(
                            "the registration this login was made with at "
                                + instance
                                + " is gone; sign in again"));
    TokenResponse token =
        CodeFlow.bearer(
            name(),
            tokenClient(instance, new Credentials(app.clientId(), app.clientSecret()))
                .refresh(record.refreshToken()));
    touch(store, instance, app.clientId());
    return Optional.of(token.refreshed(record, clock().instant()));
  }

  @Override
  public HttpCall sign(HttpCall call, AuthRecord record) {
    return OAuth2Site.bearer(call, record);
  }

  private TokenClient tokenClient(String instance, Credentials client) {
    return new TokenClient(
        name(), URI.create(instance + "/oauth/token"), client, ClientAuth.POST, transport);
  }

  /**
   * The stored registration if it still serves, or a new one. Only the app's configuration (its
   * callback, its scopes) and the instance's own word decide; the request supplies nothing but the
   * instance's name.
   */
  private AppRegistration app(AuthStore store, String instance, AuthorizeRequest request) {
    List<String> callbacks = callbacks(request);
    String site = website != null ? website : request.appUrl().toString();
    Optional<AppRegistration> stored = store.getApp(name(), instance);
    if (stored.isEmpty()) {
      return store.putAppIfAbsent(register(instance, callbacks, site));
    }
    AppRegistration app = stored.get();
    JsonNode data = Json.parse(app.dataJson());
    if (stale(app, data)) {
      // The app's own setting, not a request, decides this, once per instance: no hourly bound.
      return replace(store, app, register(instance, callbacks, site));
    }
    if (!fits(data, callbacks)
        || data.path("gone").asBoolean(false)
        || (flavor.appToken() && appTokenGone(store, app, data))) {
      return replace(store, app, register(instance, callbacks, site, app));
    }
    return app;
  }

  /**
   * The redirect URIs a registration names: this login's callback first, then every callback path
   * the app mounts the site at, under its base URL.
   */
  private List<String> callbacks(AuthorizeRequest request) {
    Set<String> all = new LinkedHashSet<>();
    all.add(request.callbackUrl().toString());
    for (String path : callbackPaths) {
      all.add(request.appUrl() + path);
    }
    return List.copyOf(all);
  }

  /**
   * Whether the app declared this registration stale: made before {@link
   * Builder#registrationsValidAfter}, and not under that very setting (a store whose clock lags the
   * app's must not make every login register again).
   */
  private boolean stale(AppRegistration app, JsonNode data) {
    if (validAfter == null || app.created() == null || !app.created().isBefore(validAfter)) {
      return false;
    }
    String madeUnder = Json.text(data, VALID_AFTER);
    try {
      return madeUnder == null || Instant.parse(madeUnder).isBefore(validAfter);
    } catch (DateTimeParseException e) {
      return true;
    }
  }

  /** Whether the registration names these callbacks and every allowed scope. */
  private boolean fits(JsonNode data, List<String> callbacks) {
    Set<String> registered = new LinkedHashSet<>();
    data.path(REDIRECT_URIS).forEach(n -> registered.add(n.asText()));
    String first = Json.text(data, "registered_redirect_uri"); // what registrations kept before
    if (first != null) {
      registered.add(first);
    }
    if (!registered.containsAll(callbacks)) {
      return false; // the app's base URL or mounts changed; the instance would refuse a callback
    }
    for (String s : allowedScopes) {
      if (!contains(data.path("registered_scopes"), s)) {
        return false; // the app allows more scopes now; the instance would refuse them
      }
    }
    return true;
  }

  /**
   * Mastodon's check before a login: is the app token still good? A refusal is confirmed with the
   * registration's credentials before it counts; if they still work, the app token alone was
   * revoked, and the registration is kept without it.
   */
  private boolean appTokenGone(AuthStore store, AppRegistration app, JsonNode data) {
    String appToken = Json.text(data, "app_token");
    if (appToken == null) {
      return false;
    }
    HttpResult r =
        send(
            HttpCall.get(URI.create(app.instance() + "/api/v1/apps/verify_credentials"))
                .header("Authorization", "Bearer " + appToken));
    if (r.status() != 401) {
      return false;
    }
    String callback = Json.text(data, "registered_redirect_uri");
    if (gone(app.instance(), new Credentials(app.clientId(), app.clientSecret()), callback)) {
      return true;
    }
    ObjectNode kept = ((ObjectNode) data).deepCopy(); // it held an app token: an object
    kept.remove("app_token");
    store.replaceApp(app.clientId(), withData(app, kept));
    return false;
  }

  /**
   * Whether the instance says it does not know these credentials. A token request with them and a
   * code that cannot exist is answered {@code invalid_client} only for an unknown client: RFC 6749
   * §5.2 defines that error as failed client authentication, and both Mastodon's Doorkeeper and
   * Pixelfed's Laravel Passport (league/oauth2-server) authenticate the client before they look at
   * the code, which they then refuse with {@code invalid_grant} or {@code invalid_request}. Any
   * other answer, or none, proves nothing.
   */
  private boolean gone(String instance, Credentials client, String redirectUri) {
    Map<String, String> form = new LinkedHashMap<>();
    form.put(OAuthParameters.GRANT_TYPE, "authorization_code");
    form.put(OAuthParameters.CODE, Secrets.random(24));
    form.put(OAuthParameters.REDIRECT_URI, redirectUri == null ? "" : redirectUri);
    form.put(OAuthParameters.CLIENT_ID, client.clientId());
    form.put(OAuthParameters.CLIENT_SECRET, client.clientSecret());
    try {
      HttpResult r =
          send(
              HttpCall.postForm(URI.create(instance + "/oauth/token"), form)
                  .header("Accept", "application/json"));
      return !r.ok() && "invalid_client".equals(Json.text(r.json(), OAuthParameters.ERROR));
    } catch (ProviderException | BadRequestException | IllegalArgumentException e) {
      return false;
    }
  }

  /**
   * Records that the instance proved this registration gone, unless it was replaced meanwhile, so
   * that the next start registers again (Pixelfed cannot be asked before a login).
   */
  private void markGone(AuthStore store, String instance, String clientId) {
    store
        .getApp(name(), instance)
        .filter(a -> a.clientId().equals(clientId))
        .ifPresent(
            a -> {
              JsonNode old = Json.parse(a.dataJson());
              ObjectNode data = old instanceof ObjectNode o ? o.deepCopy() : Json.object();
              data.put("gone", true);
              store.replaceApp(clientId, withData(a, data));
            });
  }

  /**
   * Pushes back the expiry of the registration a login or refresh used, at most once a day, so that
   * registrations in use stay and the others go.
   */
  private void touch(AuthStore store, String instance, String clientId) {
    Instant keep = clock().instant().plus(KEPT_AFTER_USE);
    store
        .getApp(name(), instance)
        .filter(a -> a.clientId().equals(clientId))
        .filter(
            a -> a.expiresAt() != null && a.expiresAt().isBefore(keep.minus(Duration.ofDays(1))))
        .ifPresent(a -> store.replaceApp(clientId, a.withExpiresAt(keep)));
  }

  private static AppRegistration withData(AppRegistration a, JsonNode data) {
    return new AppRegistration(
        a.site(),
        a.instance(),
        a.clientId(),
        a.clientSecret(),
        data.toString(),
        a.created(),
        a.expiresAt());
  }

  /** Stores a new registration in the old one's place, unless another server did first. */
  private AppRegistration replace(AuthStore store, AppRegistration old, AppRegistration fresh) {
    return store.replaceApp(old.clientId(), fresh).orElseGet(() -> store.putAppIfAbsent(fresh));
  }

  private static boolean contains(JsonNode array, String value) {
    for (JsonNode n : array) {
      if (value.equals(n.asText())) {
        return true;
      }
    }
    return false;
  }

  /** A registration in place of one made less than an hour ago is refused. */
  private AppRegistration register(
      String instance, List<String> callbacks, String site, AppRegistration replacing) {
    if (replacing.created() != null
        && clock().instant().isBefore(replacing.created().plus(PER_INSTANCE))) {
      throw new ProviderException(
          "this app registered at "
              + instance
              + " less than an hour ago and needs to again; try again later");
    }
    return register(instance, callbacks, site);
  }

  private AppRegistration register(String instance, List<String> callbacks, String site) {
    if (!budget.begin(name(), instance)) {
      throw new ProviderException(
          "this app is registering at " + instance + " right now; try again in a moment");
    }
    try {
      return registerNow(instance, callbacks, site);
    } finally {
      budget.end(name(), instance);
    }
  }

  private AppRegistration registerNow(String instance, List<String> callbacks, String site) {
    HttpResult info = send(HttpCall.get(URI.create(instance + "/api/v1/instance")));
    JsonNode infoJson = null;
    try {
      infoJson = info.ok() ? info.json() : null;
    } catch (IllegalArgumentException e) {
      // not JSON: handled below
    }
    if (infoJson == null
        || !infoJson.isObject()
        || !flavor.software().test(Json.text(infoJson, "version"))) {
      throw new BadRequestException(
          instance + " doesn't look like a " + flavor.label() + " instance");
    }
    if (!budget.take(perMinute, clock().instant())) {
      throw new ProviderException(
          // The bound is the process's, whichever software asked: name none.
          "this app registered at too many new instances this minute; try again in a minute");
    }
    Map<String, String> form = new LinkedHashMap<>();
    form.put("client_name", appName);
    // Newline-separated, as Mastodon's and Pixelfed's apps API and the Python library send them.
    form.put("redirect_uris", String.join("\n", callbacks));
    form.put("scopes", String.join(" ", allowedScopes));
    form.put("website", site);
    HttpResult r =
        send(
            HttpCall.postForm(URI.create(instance + "/api/v1/apps"), form)
                .header("Accept", "application/json"));
    if (r.status() == 404) {
      throw new BadRequestException(instance + " does not let apps register");
    }
    JsonNode answer;
    try {
      answer = r.json();
    } catch (IllegalArgumentException e) {
      throw new ProviderException(
          name() + " app registration answered HTTP " + r.status() + " with something else");
    }
    String clientId = Json.text(answer, OAuthParameters.CLIENT_ID);
    String clientSecret = Json.text(answer, OAuthParameters.CLIENT_SECRET);
    if (!r.ok() || clientId == null || clientSecret == null) {
      String error = Json.text(answer, OAuthParameters.ERROR);
      throw new ProviderException(
          name()
              + " app registration failed: HTTP "
              + r.status()
              + (error == null ? "" : " " + ProviderException.clean(error)));
    }
    ObjectNode data = Json.object();
    data.put("registered_redirect_uri", callbacks.get(0));
    ArrayNode uriList = data.putArray(REDIRECT_URIS);
    callbacks.forEach(uriList::add);
    if (validAfter != null) {
      data.put(VALID_AFTER, validAfter.toString());
    }
    ArrayNode scopeList = data.putArray("registered_scopes");
    allowedScopes.forEach(scopeList::add);
    data.set("version", infoJson.path("version"));
    String id = Json.text(answer, "id");
    if (id != null) {
      data.put("id", id);
    }
    if (flavor.appToken()) {
      try {
        String appToken =
            tokenClient(instance, new Credentials(clientId, clientSecret))
                .post(
                    Map.of(
                        OAuthParameters.GRANT_TYPE,
                        "client_credentials",
                        OAuthParameters.SCOPE,
                        "read"))
                .accessToken();
        data.put("app_token", appToken);
      } catch (ProviderException e) {
        // Without an app token the registration is not checked before logins; the token
        // request's invalid_client still catches a forgotten one.
      }
    }
    return new AppRegistration(
        name(),
        instance,
        clientId,
        clientSecret,
        data.toString(),
        null,
        clock().instant().plus(KEPT_UNUSED));
  }

  private HttpResult send(HttpCall call) {
    try {
      return transport.send(call);
    } catch (UnsafeUrlException e) {
      throw new BadRequestException(call.uri().getHost() + " cannot be used: " + e.getMessage());
    } catch (IOException e) {
      throw ProviderException.unreachable(call.uri().getHost(), e);
    }
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
      super(flavor.name(), flavor.kind(), flavor.entity());
      this.flavor = flavor;
      button(flavor.button());
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
