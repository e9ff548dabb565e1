package org.oauthdropins.engine.oauth2.instances;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.time.Clock;
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
import org.oauthdropins.AuthorizeRequest;
import org.oauthdropins.Credentials;
import org.oauthdropins.engine.oauth2.Client;
import org.oauthdropins.engine.oauth2.ClientAuth;
import org.oauthdropins.engine.oauth2.ClientSource;
import org.oauthdropins.engine.oauth2.CodeFlowPipeline;
import org.oauthdropins.engine.oauth2.Server;
import org.oauthdropins.engine.oauth2.TokenClient;
import org.oauthdropins.errors.BadRequestException;
import org.oauthdropins.errors.ProviderException;
import org.oauthdropins.http.HttpCall;
import org.oauthdropins.http.HttpResult;
import org.oauthdropins.http.HttpTransport;
import org.oauthdropins.internal.OAuthParameters;
import org.oauthdropins.internal.http.Json;
import org.oauthdropins.store.AppRegistration;
import org.oauthdropins.store.AuthRecord;
import org.oauthdropins.store.AuthStore;

/**
 * The client of a Mastodon-API login: the app's registration at the instance ({@code POST
 * /api/v1/apps}), made once and kept in the store for every user there. Since one registration
 * serves every user of an instance, nothing an anonymous request contains may replace it (issue 14,
 * finding 3); the rules are {@link InstanceSite}'s, and all of them are here:
 *
 * <ul>
 *   <li>it names the app's configuration, never the request's: every callback path under the app's
 *       base URL and every allowed scope; a start asking for another scope is a 400;
 *   <li>it is replaced only when the app's configuration outgrew it, when the app declared it stale
 *       ({@link InstanceSite.Builder#registrationsValidAfter}), or when the instance confirmed that
 *       it forgot it; by compare-and-set, so that a fleet replaces it once;
 *   <li>registrations are bounded: one instance at most once an hour, the process's {@link
 *       RegistrationBudget} a minute, one at a time per instance; and they expire from the store a
 *       day after their making unless a login uses them, then {@link InstanceSite#KEPT_AFTER_USE}
 *       after the last use ({@link #used}).
 * </ul>
 *
 * <p>A stored login names the registration it was made with ({@code client_id} in its extra data),
 * and {@link #of} gives that one for refresh: tokens belong to the client they were issued to.
 */
final class Registrations implements ClientSource {

  /** How long a registration is kept after the last login or refresh that used it. */
  static final Duration KEPT_AFTER_USE = Duration.ofDays(90);

  /** How long a registration that no login has used yet is kept. */
  static final Duration KEPT_UNUSED = Duration.ofDays(1);

  /** The least time between two registrations at one instance. */
  static final Duration PER_INSTANCE = Duration.ofHours(1);

  /** Every redirect URI a registration names, in its data. */
  private static final String REDIRECT_URIS = "registered_redirect_uris";

  /** The first redirect URI a registration names, in its data (all that it kept before). */
  private static final String REDIRECT_URI = "registered_redirect_uri";

  /** The {@link InstanceSite.Builder#registrationsValidAfter} a registration was made under. */
  private static final String VALID_AFTER = "registrations_valid_after";

  /**
   * What the app configured for its registrations.
   *
   * @param appName the name instances show on their consent page
   * @param website the app's web site, or null for its base URL
   * @param defaultScopes scopes every login asks for
   * @param allowedScopes every scope a login may ask for, which each registration names
   * @param callbackPaths the paths, besides a login's own callback, that each registration names
   * @param validAfter registrations made before this time are stale, or null if none is
   * @param perMinute the most registrations in any minute, counted over the budget's sites
   * @param appToken whether to get an app token at registration and check it before each login
   */
  record Rules(
      String appName,
      String website,
      List<String> defaultScopes,
      List<String> allowedScopes,
      List<String> callbackPaths,
      Instant validAfter,
      int perMinute,
      boolean appToken) {
    Rules {
      Objects.requireNonNull(appName, "appName");
      defaultScopes = List.copyOf(defaultScopes);
      allowedScopes = List.copyOf(allowedScopes);
      callbackPaths = List.copyOf(callbackPaths);
    }
  }

  private final String site;
  private final String label;
  private final InstanceServer server;
  private final Rules rules;
  private final RegistrationBudget budget;
  private final HttpTransport transport;
  private final Clock clock;

  /**
   * @param site the site name the registrations are stored under
   * @param label the software's name for messages
   * @param server the instance part, which checks the software before a registration
   * @param rules the app's configuration
   * @param budget the process's registrations, shared by the sites on one transport
   * @param transport the SSRF guard, for the check that the instance forgot a registration
   * @param clock the site's clock
   */
  Registrations(
      String site,
      String label,
      InstanceServer server,
      Rules rules,
      RegistrationBudget budget,
      HttpTransport transport,
      Clock clock) {
    this.site = Objects.requireNonNull(site, "site");
    this.label = Objects.requireNonNull(label, "label");
    this.server = Objects.requireNonNull(server, "server");
    this.rules = Objects.requireNonNull(rules, "rules");
    this.budget = Objects.requireNonNull(budget, "budget");
    this.transport = Objects.requireNonNull(transport, "transport");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * The stored registration if it still serves, or a new one; a start asking for a scope the app
   * did not allow is refused first, before the instance is asked anything.
   */
  @Override
  public Client client(AuthorizeRequest request, Server at, HttpTransport transport) {
    for (String scope : CodeFlowPipeline.scopes(rules.defaultScopes(), request.scopes())) {
      if (!rules.allowedScopes().contains(scope)) {
        throw new BadRequestException(
            "this app does not ask " + label + " for " + ProviderException.clean(scope.strip()));
      }
    }
    return client(app(request.store(), InstanceServer.instance(at), request, transport));
  }

  /**
   * The registration a stored login was made with, for its refresh, whose use keeps the
   * registration in the store ({@link #used}). A login stored before logins named their
   * registration (or carried over without one) uses the instance's current one. A login without a
   * refresh token has none: Mastodon's tokens neither expire nor refresh, so a 401 on its API call
   * is the instance's answer, whatever became of the registration.
   *
   * @throws ProviderException if the store no longer has it: the instance refuses a refresh token
   *     from any other client, so the user signs in again
   */
  @Override
  public Optional<Client> of(AuthRecord record, Server at, AuthStore store) {
    if (record.refreshToken() == null) {
      return Optional.empty();
    }
    return forRevocation(record, at, store);
  }

  /** The registration of any stored login, with a refresh token or not. */
  @Override
  public Optional<Client> forRevocation(AuthRecord record, Server at, AuthStore store) {
    String instance = InstanceServer.instance(at);
    String clientId = Json.text(Json.parse(record.extraJson()), OAuthParameters.CLIENT_ID);
    AppRegistration app =
        clientId == null
            ? current(store, instance)
            : store
                .getApp(site, instance, clientId)
                .orElseThrow(
                    () ->
                        new ProviderException(
                            "the registration this login was made with at "
                                + instance
                                + " is gone; sign in again"));
    used(store, instance, app.clientId());
    return Optional.of(client(app));
  }

  /** The registration's client id, which {@link #of} reads back. */
  @Override
  public void remember(Client client, ObjectNode extra) {
    extra.put(OAuthParameters.CLIENT_ID, client.clientId());
  }

  /**
   * An {@code invalid_client} is confirmed with a second request before it counts: one refusal
   * proves nothing (a proxy's hiccup, an answer an attacker replayed), so the registration stays
   * and this login alone fails. Confirmed, the registration is marked gone, and the next start
   * registers again.
   */
  @Override
  public ProviderException refused(
      Client client, Server at, ProviderException error, AuthStore store) {
    if (!"invalid_client".equals(error.oauthError())) {
      return error;
    }
    String instance = InstanceServer.instance(at);
    // The probe names a redirect URI the registration has; the instance checks the client first.
    String callback =
        store
            .getApp(site, instance, client.clientId())
            .map(a -> Json.text(Json.parse(a.dataJson()), REDIRECT_URI))
            .orElse(null);
    if (!gone(instance, credentials(client), callback, transport)) {
      return new ProviderException(instance + " refused this app's login; sign in again", error);
    }
    markGone(store, instance, client.clientId());
    return new ProviderException(
        instance + " no longer knows this app; it will register again, so sign in again", error);
  }

  /**
   * Pushes back the expiry of the registration a login or refresh used, at most once a day, so that
   * registrations in use stay and the others go.
   */
  void used(AuthStore store, String instance, String clientId) {
    Instant keep = clock.instant().plus(KEPT_AFTER_USE);
    store
        .getApp(site, instance)
        .filter(a -> a.clientId().equals(clientId))
        .filter(
            a -> a.expiresAt() != null && a.expiresAt().isBefore(keep.minus(Duration.ofDays(1))))
        .ifPresent(a -> store.replaceApp(clientId, a.withExpiresAt(keep)));
  }

  private static Client client(AppRegistration app) {
    return new Client(app.clientId(), ClientAuth.POST, app::clientSecret);
  }

  private static Credentials credentials(Client client) {
    return new Credentials(client.clientId(), client.secret().current());
  }

  private AppRegistration current(AuthStore store, String instance) {
    return store
        .getApp(site, instance)
        .orElseThrow(
            () ->
                new ProviderException(
                    "this app's registration at " + instance + " is gone; sign in again"));
  }

  /**
   * The stored registration if it still serves, or a new one. Only the app's configuration (its
   * callback, its scopes) and the instance's own word decide; the request supplies nothing but the
   * instance's name.
   */
  private AppRegistration app(
      AuthStore store, String instance, AuthorizeRequest request, HttpTransport transport) {
    List<String> callbacks = callbacks(request);
    String website = rules.website() != null ? rules.website() : request.appUrl().toString();
    Optional<AppRegistration> stored = store.getApp(site, instance);
    if (stored.isEmpty()) {
      return store.putAppIfAbsent(register(instance, callbacks, website, transport));
    }
    AppRegistration app = stored.get();
    JsonNode data = Json.parse(app.dataJson());
    if (stale(app, data)) {
      // The app's own setting, not a request, decides this, once per instance: no hourly bound.
      return replace(store, app, register(instance, callbacks, website, transport));
    }
    if (!fits(data, callbacks)
        || data.path("gone").asBoolean(false)
        || (rules.appToken() && appTokenGone(store, app, data, transport))) {
      if (app.created() != null && clock.instant().isBefore(app.created().plus(PER_INSTANCE))) {
        throw new ProviderException(
            "this app registered at "
                + instance
                + " less than an hour ago and needs to again; try again later");
      }
      return replace(store, app, register(instance, callbacks, website, transport));
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
    for (String path : rules.callbackPaths()) {
      all.add(request.appUrl() + path);
    }
    return List.copyOf(all);
  }

  /**
   * Whether the app declared this registration stale: made before {@link Rules#validAfter}, and not
   * under that very setting (a store whose clock lags the app's must not make every login register
   * again).
   */
  private boolean stale(AppRegistration app, JsonNode data) {
    Instant validAfter = rules.validAfter();
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
    String first = Json.text(data, REDIRECT_URI); // what registrations kept before
    if (first != null) {
      registered.add(first);
    }
    if (!registered.containsAll(callbacks)) {
      return false; // the app's base URL or mounts changed; the instance would refuse a callback
    }
    for (String s : rules.allowedScopes()) {
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
  private boolean appTokenGone(
      AuthStore store, AppRegistration app, JsonNode data, HttpTransport transport) {
    String appToken = Json.text(data, "app_token");
    if (appToken == null) {
      return false;
    }
    HttpResult r =
        InstanceServer.send(
            transport,
            HttpCall.get(URI.create(app.instance() + "/api/v1/apps/verify_credentials"))
                .header("Authorization", "Bearer " + appToken));
    if (r.status() != 401) {
      return false;
    }
    String callback = Json.text(data, REDIRECT_URI);
    if (gone(
        app.instance(), new Credentials(app.clientId(), app.clientSecret()), callback, transport)) {
      return true;
    }
    ObjectNode kept = ((ObjectNode) data).deepCopy(); // it held an app token: an object
    kept.remove("app_token");
    store.replaceApp(app.clientId(), withData(app, kept));
    return false;
  }

  /**
   * Whether the instance says it does not know these credentials; see {@link TokenClient#forgot}.
   */
  private boolean gone(
      String instance, Credentials client, String redirectUri, HttpTransport transport) {
    return tokens(instance, client, transport).forgot(redirectUri);
  }

  private TokenClient tokens(String instance, Credentials client, HttpTransport transport) {
    return new TokenClient(
        site, URI.create(instance + "/oauth/token"), client, ClientAuth.POST, transport);
  }

  /**
   * Records that the instance proved this registration gone, unless it was replaced meanwhile, so
   * that the next start registers again (Pixelfed cannot be asked before a login).
   */
  private void markGone(AuthStore store, String instance, String clientId) {
    store
        .getApp(site, instance)
        .filter(a -> a.clientId().equals(clientId))
        .ifPresent(
            a -> {
              JsonNode old = Json.parse(a.dataJson());
              ObjectNode data = old instanceof ObjectNode o ? o.deepCopy() : Json.object();
              data.put("gone", true);
              store.replaceApp(clientId, withData(a, data));
            });
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
  private static AppRegistration replace(
      AuthStore store, AppRegistration old, AppRegistration fresh) {
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

  private AppRegistration register(
      String instance, List<String> callbacks, String website, HttpTransport transport) {
    if (!budget.begin(site, instance)) {
      throw new ProviderException(
          "this app is registering at " + instance + " right now; try again in a moment");
    }
    try {
      return registerNow(instance, callbacks, website, transport);
    } finally {
      budget.end(site, instance);
    }
  }

  private AppRegistration registerNow(
      String instance, List<String> callbacks, String website, HttpTransport transport) {
    JsonNode info = server.info(instance, transport);
    if (!budget.take(rules.perMinute(), clock.instant())) {
      throw new ProviderException(
          // The bound is the process's, whichever software asked: name none.
          "this app registered at too many new instances this minute; try again in a minute");
    }
    Map<String, String> form = new LinkedHashMap<>();
    form.put("client_name", rules.appName());
    // Newline-separated, as Mastodon's and Pixelfed's apps API and the Python library send them.
    form.put("redirect_uris", String.join("\n", callbacks));
    form.put("scopes", String.join(" ", rules.allowedScopes()));
    form.put("website", website);
    HttpResult r =
        InstanceServer.send(
            transport,
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
          site + " app registration answered HTTP " + r.status() + " with something else");
    }
    String clientId = Json.text(answer, OAuthParameters.CLIENT_ID);
    String clientSecret = Json.text(answer, OAuthParameters.CLIENT_SECRET);
    if (!r.ok() || clientId == null || clientSecret == null) {
      String error = Json.text(answer, OAuthParameters.ERROR);
      throw new ProviderException(
          site
              + " app registration failed: HTTP "
              + r.status()
              + (error == null ? "" : " " + ProviderException.clean(error)));
    }
    ObjectNode data = Json.object();
    data.put(REDIRECT_URI, callbacks.get(0));
    ArrayNode uriList = data.putArray(REDIRECT_URIS);
    callbacks.forEach(uriList::add);
    if (rules.validAfter() != null) {
      data.put(VALID_AFTER, rules.validAfter().toString());
    }
    ArrayNode scopeList = data.putArray("registered_scopes");
    rules.allowedScopes().forEach(scopeList::add);
    data.set("version", info.path("version"));
    String id = Json.text(answer, "id");
    if (id != null) {
      data.put("id", id);
    }
    if (rules.appToken()) {
      try {
        String appToken =
            tokens(instance, new Credentials(clientId, clientSecret), transport)
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
        site,
        instance,
        clientId,
        clientSecret,
        data.toString(),
        null,
        clock.instant().plus(KEPT_UNUSED));
  }
}
