package org.oauthdropins.mastodon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.oauthdropins.AccessToken;
import org.oauthdropins.AuthEntity;
import org.oauthdropins.Authorization;
import org.oauthdropins.AuthorizeRequest;
import org.oauthdropins.BadRequestException;
import org.oauthdropins.Button;
import org.oauthdropins.CallbackRequest;
import org.oauthdropins.Credentials;
import org.oauthdropins.EntityFactory;
import org.oauthdropins.Key;
import org.oauthdropins.LoginResult;
import org.oauthdropins.ProviderException;
import org.oauthdropins.Site;
import org.oauthdropins.http.GuardedTransport;
import org.oauthdropins.http.HttpCall;
import org.oauthdropins.http.HttpResult;
import org.oauthdropins.http.Json;
import org.oauthdropins.http.UnsafeUrlException;
import org.oauthdropins.oauth2.ClientAuth;
import org.oauthdropins.oauth2.CodeFlow;
import org.oauthdropins.oauth2.OAuth2Site;
import org.oauthdropins.oauth2.ProfileLoader;
import org.oauthdropins.oauth2.TokenClient;
import org.oauthdropins.oauth2.TokenResponse;
import org.oauthdropins.store.AppRegistration;
import org.oauthdropins.store.AuthRecord;
import org.oauthdropins.store.AuthStore;

/**
 * The engine of Mastodon-API servers (Mastodon, Pixelfed): the user names an instance, the app
 * registers itself there once ({@code POST /api/v1/apps}) and keeps the registration in the store,
 * then runs the authorization code flow with PKCE and fetches {@code verify_credentials}. Every
 * request to the instance goes through the SSRF guard, since the instance is user input.
 *
 * <p>A registration the instance has forgotten (Mastodon before 4.3 removed unused apps) is noticed
 * before the login starts, where the flavour can check it, and otherwise when the token request
 * fails with {@code invalid_client}; either way it is deleted and registered anew.
 */
public final class InstanceSite implements Site {

  /**
   * What differs between servers that speak the Mastodon API.
   *
   * @param name site name, e.g. {@code mastodon}
   * @param kind entity kind, e.g. {@code MastodonAuth}
   * @param label the software's name for messages, e.g. {@code Mastodon}
   * @param button the login button
   * @param defaultScopes scopes always asked for
   * @param registeredScopes scopes the app registers for, a superset of any a login asks for
   * @param software whether {@code /api/v1/instance}'s {@code version} is this software's
   * @param appToken whether to obtain an app token at registration and check the registration with
   *     {@code GET /api/v1/apps/verify_credentials} before each login (Mastodon; Pixelfed answers
   *     that only for user tokens)
   * @param entity the entity type
   */
  public record Flavor(
      String name,
      String kind,
      String label,
      Button button,
      List<String> defaultScopes,
      List<String> registeredScopes,
      Predicate<String> software,
      boolean appToken,
      EntityFactory entity) {

    public Flavor {
      defaultScopes = List.copyOf(defaultScopes);
      registeredScopes = List.copyOf(registeredScopes);
    }
  }

  /** Decline values Mastodon's Doorkeeper and the Python library recognise. */
  private static final Set<String> DECLINED =
      Set.of("access_denied", "user_denied", "user_cancelled_login", "user_cancelled_authorize");

  private final Flavor flavor;
  private final GuardedTransport transport;
  private final String appName;
  private final String website;
  private final Clock clock;

  /**
   * @param flavor the server software
   * @param transport the guard every instance request goes through
   * @param appName the app name the instance shows on its consent page
   * @param website the app's web site, or null for the callback URL's origin
   */
  public InstanceSite(Flavor flavor, GuardedTransport transport, String appName, String website) {
    this.flavor = Objects.requireNonNull(flavor, "flavor");
    this.transport = Objects.requireNonNull(transport, "transport");
    this.appName = Objects.requireNonNull(appName, "appName");
    this.website = website;
    this.clock = Clock.systemUTC();
  }

  @Override
  public String name() {
    return flavor.name();
  }

  @Override
  public String kind() {
    return flavor.kind();
  }

  @Override
  public Button button() {
    return flavor.button();
  }

  @Override
  public Authorization authorize(AuthorizeRequest request) {
    String instance =
        Instances.origin(
            request
                .web()
                .parameter("instance")
                .orElseThrow(
                    () -> new BadRequestException("enter your " + flavor.label() + " instance")),
            transport.policy().allowHttp());
    List<String> scopes = CodeFlow.scopes(flavor.defaultScopes(), request.scopes());
    AppRegistration app = app(request.store(), instance, request, scopes);
    return CodeFlow.authorize(
        URI.create(instance + "/oauth/authorize"),
        app.clientId(),
        request,
        String.join(" ", scopes),
        Map.of(),
        Map.of("instance", instance));
  }

  @Override
  public LoginResult complete(CallbackRequest request) {
    String instance = request.datum("instance");
    Optional<String> code = CodeFlow.code(name(), request.web(), null, false, DECLINED);
    if (code.isEmpty()) {
      return new LoginResult.Declined();
    }
    AppRegistration app =
        request
            .store()
            .getApp(name(), instance)
            .orElseThrow(
                () ->
                    new ProviderException(
                        "this app's registration at " + instance + " is gone; sign in again"));
    TokenClient tokens =
        new TokenClient(
            name(),
            URI.create(instance + "/oauth/token"),
            new Credentials(app.clientId(), app.clientSecret()),
            ClientAuth.POST,
            transport);
    TokenResponse token;
    try {
      token =
          tokens.exchange(
              code.get(), request.redirectUri(), request.datum(CodeFlow.VERIFIER), Map.of());
    } catch (ProviderException e) {
      if ("invalid_client".equals(e.oauthError())) {
        request.store().deleteApp(name(), instance);
        throw new ProviderException(
            instance + " no longer knows this app; it will register again, so sign in again", e);
      }
      throw e;
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
    ObjectNode extra = Json.object();
    extra.put("instance", instance);
    extra.put("scope", token.scope());
    return new LoginResult.Authenticated(
        AuthRecord.of(
            new Key(kind(), "@" + username + "@" + URI.create(instance).getRawAuthority()),
            name(),
            new AccessToken.Bearer(token.accessToken()),
            token.refreshToken(),
            token.expiresIn() == null ? null : clock.instant().plusSeconds(token.expiresIn()),
            user.toString(),
            extra.toString()));
  }

  /**
   * Refreshes with the instance's app registration (Pixelfed issues expiring tokens and single-use
   * refresh tokens; Mastodon issues neither, so its records never get here).
   */
  @Override
  public Optional<AuthRecord> refresh(AuthRecord record, AuthStore store) {
    String instance = Json.text(Json.parse(record.extraJson()), "instance");
    if (record.refreshToken() == null || instance == null) {
      return Optional.empty();
    }
    AppRegistration app =
        store
            .getApp(name(), instance)
            .orElseThrow(
                () ->
                    new ProviderException(
                        "this app's registration at " + instance + " is gone; sign in again"));
    TokenResponse token =
        CodeFlow.bearer(
            name(),
            new TokenClient(
                    name(),
                    URI.create(instance + "/oauth/token"),
                    new Credentials(app.clientId(), app.clientSecret()),
                    ClientAuth.POST,
                    transport)
                .refresh(record.refreshToken()));
    String refresh = token.refreshToken() != null ? token.refreshToken() : record.refreshToken();
    return Optional.of(
        record.withTokens(
            new AccessToken.Bearer(token.accessToken()),
            refresh,
            token.expiresIn() == null ? null : clock.instant().plusSeconds(token.expiresIn())));
  }

  @Override
  public AuthEntity entity(AuthRecord record, AuthStore store) {
    return flavor.entity().create(this, record, store, transport);
  }

  @Override
  public HttpCall sign(HttpCall call, AuthRecord record) {
    return OAuth2Site.bearer(call, record);
  }

  /** The stored registration, checked where the flavour can, or a new one. */
  private AppRegistration app(
      AuthStore store, String instance, AuthorizeRequest request, List<String> scopes) {
    String callback = request.callbackUrl().toString();
    Optional<AppRegistration> stored = store.getApp(name(), instance);
    if (stored.isPresent() && !usable(stored.get(), callback, scopes)) {
      store.deleteApp(name(), instance);
      stored = Optional.empty();
    }
    return stored.orElseGet(
        () -> store.putAppIfAbsent(register(instance, callback, request, scopes)));
  }

  private boolean usable(AppRegistration app, String callback, List<String> scopes) {
    JsonNode data = Json.parse(app.dataJson());
    if (!callback.equals(Json.text(data, "registered_redirect_uri"))) {
      return false; // the app moved; the instance would refuse the new callback
    }
    for (String s : scopes) {
      if (!contains(data.path("registered_scopes"), s)) {
        return false;
      }
    }
    String appToken = Json.text(data, "app_token");
    if (!flavor.appToken() || appToken == null) {
      return true;
    }
    HttpResult r =
        send(
            HttpCall.get(URI.create(app.instance() + "/api/v1/apps/verify_credentials"))
                .header("Authorization", "Bearer " + appToken));
    return r.status() != 401;
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
      String instance, String callback, AuthorizeRequest request, List<String> scopes) {
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
    List<String> registered = CodeFlow.scopes(flavor.registeredScopes(), scopes);
    Map<String, String> form = new LinkedHashMap<>();
    form.put("client_name", appName);
    form.put("redirect_uris", callback);
    form.put("scopes", String.join(" ", registered));
    form.put("website", website != null ? website : request.appUrl().toString());
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
    String clientId = Json.text(answer, "client_id");
    String clientSecret = Json.text(answer, "client_secret");
    if (!r.ok() || clientId == null || clientSecret == null) {
      String error = Json.text(answer, "error");
      throw new ProviderException(
          name()
              + " app registration failed: HTTP "
              + r.status()
              + (error == null ? "" : " " + error.replaceAll("[^\\x20-\\x7e]", "?")));
    }
    ObjectNode data = Json.object();
    data.put("registered_redirect_uri", callback);
    ArrayNode scopeList = data.putArray("registered_scopes");
    registered.forEach(scopeList::add);
    data.set("version", infoJson.path("version"));
    String id = Json.text(answer, "id");
    if (id != null) {
      data.put("id", id);
    }
    if (flavor.appToken()) {
      try {
        String appToken =
            new TokenClient(
                    name(),
                    URI.create(instance + "/oauth/token"),
                    new Credentials(clientId, clientSecret),
                    ClientAuth.POST,
                    transport)
                .post(Map.of("grant_type", "client_credentials", "scope", "read"))
                .accessToken();
        data.put("app_token", appToken);
      } catch (ProviderException e) {
        // Without an app token the registration is not checked before logins; the token
        // request's invalid_client still catches a forgotten one.
      }
    }
    return new AppRegistration(
        name(), instance, clientId, clientSecret, data.toString(), (Instant) null);
  }

  private HttpResult send(HttpCall call) {
    try {
      return transport.send(call);
    } catch (UnsafeUrlException e) {
      throw new BadRequestException(call.uri().getHost() + " cannot be used: " + e.getMessage());
    } catch (IOException e) {
      throw new ProviderException(
          call.uri().getHost() + " could not be reached: " + e.getMessage(), e);
    }
  }
}
