package org.oauthdropins;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.oauthdropins.errors.ProviderException;
import org.oauthdropins.http.HttpCall;
import org.oauthdropins.http.HttpResult;
import org.oauthdropins.http.HttpTransport;
import org.oauthdropins.internal.http.Json;
import org.oauthdropins.store.AccessToken;
import org.oauthdropins.store.AuthRecord;
import org.oauthdropins.store.AuthStore;
import org.oauthdropins.store.Key;

/**
 * A user's stored login at one site: who they are, and the credentials to act for them. Sites
 * subclass it to add typed accessors. The HTTP helpers sign requests with the stored credentials
 * and refresh expired tokens, writing the new ones back to the store.
 */
public class AuthEntity {

  private final Site<?> site;
  private final AuthStore store;
  private final HttpTransport transport;
  private final Clock clock;
  private final AtomicReference<AuthRecord> record;
  private volatile ParsedProfile parsedProfile;

  /**
   * An entity that tells expiry by its site's {@link Site#clock()}.
   *
   * @param site the site this login is at
   * @param record the stored data
   * @param store where refreshed tokens are written
   * @param transport how API requests are sent
   */
  protected AuthEntity(Site<?> site, AuthRecord record, AuthStore store, HttpTransport transport) {
    this(site, record, store, transport, site.clock());
  }

  /** With the clock that tells expiry and the refresh wait, which tests move by hand. */
  AuthEntity(
      Site<?> site, AuthRecord record, AuthStore store, HttpTransport transport, Clock clock) {
    this.site = Objects.requireNonNull(site, "site");
    this.store = Objects.requireNonNull(store, "store");
    this.transport = Objects.requireNonNull(transport, "transport");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.record = new AtomicReference<>(Objects.requireNonNull(record, "record"));
  }

  /** The site's name, e.g. {@code github}. */
  public String siteName() {
    return site.name();
  }

  /**
   * The {@code auth_entity} parameter of the finish redirect: the key in its store's string form
   * ({@link org.oauthdropins.store.LoginStore#urlsafe}).
   */
  public String urlsafe() {
    return store.logins().urlsafe(key());
  }

  /** The stored key. Its {@link #urlsafe()} is the {@code auth_entity} parameter. */
  public Key key() {
    return record().key();
  }

  /**
   * The key's id: the site's id for the user, one that nobody else can ever hold (a numeric id, a
   * DID, {@code @user@host}...), never a name that its owner can give up to someone else.
   */
  public String keyId() {
    return key().id();
  }

  /**
   * The user's id at the site: the profile's field that {@link Site#profileFields()} names, else
   * the key id.
   */
  public String userId() {
    String id = profileField(site.profileFields().userId());
    return id != null ? id : keyId();
  }

  /**
   * A name to show for the user: the profile's field that {@link Site#profileFields()} names, else
   * {@link #userName()}, else the key id.
   */
  public String userDisplayName() {
    String name = profileField(site.profileFields().displayName());
    if (name == null) {
      name = userName();
    }
    return name != null ? name : keyId();
  }

  /**
   * The name the user goes by at the site (a GitHub login, a Twitter screen name, a Tumblr blog
   * name), as of this login, or null where the site's key already is that name or the site has
   * none. Show it; never look a user up by it, since its owner may give it up and someone else may
   * take it.
   */
  public String userName() {
    return profileField(site.profileFields().userName());
  }

  /**
   * The URL of the user's picture: the profile's field that {@link Site#profileFields()} names, or
   * null if the site has none or the user has no picture.
   */
  public String imageUrl() {
    return profileField(site.profileFields().imageUrl());
  }

  /** The profile's text at a pointer; the profile is not read when the site names no field. */
  private String profileField(String pointer) {
    return pointer == null ? null : Json.textAt(profile(), pointer);
  }

  /**
   * The profile parsed once per stored document for {@link #profileField} (a page asks for the
   * name, the picture and the id in turn), never handed out: a {@link JsonNode} can be changed.
   */
  private JsonNode profile() {
    String json = record().userJson();
    ParsedProfile p = parsedProfile;
    if (p == null || p.json() != json) {
      p = new ParsedProfile(json, Json.parse(json));
      parsedProfile = p;
    }
    return p.tree();
  }

  /** A document and its tree, replaced together when a refresh stores another document. */
  private record ParsedProfile(String json, JsonNode tree) {}

  /** The access token: a {@link AccessToken.Bearer} or an {@link AccessToken.OAuth1} pair. */
  public AccessToken accessToken() {
    return record().token();
  }

  /** The refresh token, or null. */
  public String refreshToken() {
    return record().refreshToken();
  }

  /** The user's profile as the site returned it. */
  public JsonNode userJson() {
    return Json.parse(record().userJson());
  }

  /** Other site-specific data stored with the login. */
  public JsonNode extra() {
    return Json.parse(record().extraJson());
  }

  /** When this login was first stored. */
  public Instant created() {
    return record().created();
  }

  /** When this login was last stored. */
  public Instant updated() {
    return record().updated();
  }

  /** The current stored data. */
  public AuthRecord record() {
    return record.get();
  }

  /** Whether this login may act for the entity with the given key. */
  public boolean isAuthorityFor(Key other) {
    return key().equals(other);
  }

  /**
   * Where this login's REST API lives: its site's {@link Site#apiBase()}, or for a site with one
   * API per instance (Mastodon, Misskey) the login's instance.
   */
  public Optional<URI> apiBase() {
    return site.apiBase();
  }

  /**
   * A URL on this login's REST API, for {@link #get} and {@link #post}: {@code
   * user.get(user.apiUrl("/user"))} calls GitHub's {@code GET /user} wherever the app moved GitHub
   * (GitHub Enterprise, a test fake).
   *
   * @param path the path on the API, starting with {@code /}, with any query
   * @throws IllegalArgumentException if the path does not start with {@code /}
   * @throws IllegalStateException if the site names no REST API
   */
  public String apiUrl(String path) {
    if (!path.startsWith("/")) {
      throw new IllegalArgumentException("an API path starts with /: " + path);
    }
    URI base =
        apiBase()
            .orElseThrow(
                () -> new IllegalStateException(siteName() + " names no REST API for its logins"));
    return base + path;
  }

  /** A signed GET. */
  public HttpResult get(String url) {
    return send(HttpCall.get(URI.create(url)));
  }

  /** A signed POST of a JSON document. */
  public HttpResult post(String url, Object json) {
    return send(HttpCall.postJson(URI.create(url), json));
  }

  /**
   * Sends a request signed with this login's credentials. An expired token is refreshed first, and
   * a 401 answer is retried once after a refresh, where the site can refresh.
   *
   * @throws ProviderException if the site cannot be reached or the refresh is refused
   */
  public HttpResult send(HttpCall call) {
    AuthRecord current = record();
    // Whether a record can be refreshed is the site's call (Site#refresh): most need a refresh
    // token, while Meta's long-lived tokens renew themselves.
    boolean expired = current.expiresAt() != null && !clock.instant().isBefore(current.expiresAt());
    // A login that holds only a refresh token (the Python library's Reddit logins keep no access
    // token) has nothing to send until it refreshes.
    boolean refreshOnly = current.token() == null && current.refreshToken() != null;
    if (expired || refreshOnly) {
      current = refresh(current);
    }
    HttpResult result = sendSigned(call, current);
    if (result.status() == 401) {
      AuthRecord fresh = refresh(current);
      if (fresh != current) {
        result = sendSigned(call, fresh);
      }
    }
    return result;
  }

  /**
   * Refreshes the access token now and writes the new tokens to the store. If another server
   * refreshed this login meanwhile, its tokens are taken from the store instead.
   *
   * @return whether this login has new tokens now
   * @throws ProviderException if the site cannot be reached or refuses the refresh; with {@code
   *     invalid_grant} also where another server died while it spent this login's refresh token,
   *     which is not spent a second time (the provider would revoke the grant): the user must log
   *     in again
   * @throws org.oauthdropins.errors.StoreUnavailableException if the store fails, or another
   *     server's refresh of this login takes longer than a refresh can
   */
  public boolean refresh() {
    AuthRecord before = record();
    return refresh(before) != before;
  }

  private HttpResult sendSigned(HttpCall call, AuthRecord r) {
    try {
      return transport.send(site.sign(call, r));
    } catch (IOException e) {
      throw ProviderException.unreachable(siteName(), e);
    }
  }

  /**
   * Refreshes once per stale record across every thread and every server that shares the store
   * ({@link RefreshCoordinator} takes turns through the store's refresh lease). Every load makes a
   * new entity, so the lock on this object only coalesces the callers of one entity.
   */
  private synchronized AuthRecord refresh(AuthRecord stale) {
    AuthRecord mine = record();
    if (!mine.sameTokensAs(stale)) {
      return mine;
    }
    return new RefreshCoordinator(store.logins(), store.leases(), clock, transport)
        .refresh(stale, this::refreshAtSite)
        .map(this::adopt)
        .orElse(mine);
  }

  /** The site's refresh, reported to the site's listener when the site did refresh or failed. */
  private Optional<AuthRecord> refreshAtSite(AuthRecord current) {
    Listeners listener = Listeners.of(site.listener());
    long t0 = listener.now();
    try {
      Optional<AuthRecord> fresh = site.refresh(current, store);
      if (fresh.isPresent()) {
        listener.report(t0, siteName(), LoginEvent.Refreshed::new);
      }
      return fresh;
    } catch (RuntimeException e) {
      listener.failed(siteName(), LoginEvent.Stage.REFRESH, e, t0);
      throw e;
    }
  }

  private AuthRecord adopt(AuthRecord r) {
    record.set(r);
    return r;
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + "[" + key() + "]";
  }
}
