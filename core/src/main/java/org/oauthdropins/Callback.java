package org.oauthdropins;

import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import org.oauthdropins.errors.BadRequestException;
import org.oauthdropins.errors.LoginException;
import org.oauthdropins.errors.ProviderException;
import org.oauthdropins.http.FetchBudget;
import org.oauthdropins.internal.LogText;
import org.oauthdropins.internal.Paths;
import org.oauthdropins.keys.KeyRing;
import org.oauthdropins.store.AuthRecord;
import org.oauthdropins.store.AuthStore;
import org.oauthdropins.store.PendingLogin;
import org.oauthdropins.web.Cookie;
import org.oauthdropins.web.WebRequest;
import org.oauthdropins.web.WebResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The second half of a login: the site sends the browser back here. Mount it at e.g. {@code GET
 * /github/oauth_callback}. It checks the state, lets the site exchange the code and fetch the user,
 * stores the entity, remembers the login in this browser, and finishes.
 *
 * <p>A site that answers with {@code response_mode=form_post} ({@link Site#formPostCallback()},
 * Apple) comes back as a POST from the site's own page: a cross-site POST, on which browsers do not
 * send the {@code SameSite=Lax} browser-binding cookie. Rather than loosen that cookie to {@code
 * SameSite=None} (which would send it on every cross-site request, for every site, and which
 * browsers refuse without {@code Secure}, so not on a plain-http development server), such a POST
 * without the cookie gets a page of this app that posts the same fields back to the same callback,
 * once, marked as relayed: that second POST comes from this app's own page, so it is same-site and
 * carries the cookie. The fields stay in request bodies, never in a URL (no history, log or {@code
 * Referer} sees the code), the page is {@code no-store}, and only the parameters a callback reads
 * are carried. The hop gives an attacker nothing that a cross-site link to the callback would not:
 * the pending login is still found only with this browser's cookie. The page posts to the mounted
 * callback under the app's {@link BaseUrl}, never to a path the request named: a container may hand
 * over the request target as the client wrote it ({@code //evil.example/..;/apple/oauth_callback}
 * reaches the callback in Tomcat), and such a path as a form's target would send the fields to
 * another host. Every other site's callback takes GET only.
 *
 * <p>Immutable and thread-safe; build one per site at startup.
 */
public final class Callback {

  private static final Logger LOG = LoggerFactory.getLogger(Callback.class);

  private final Site<?> site;
  private final AuthStore store;
  private final BaseUrl baseUrl;
  private final Finisher finisher;
  private final String callbackPath;
  private final Listeners listener;
  private final Clock clock;

  /** The ring pending logins come sealed with in their cookie, or null if they are in the store. */
  private final KeyRing cookieRing;

  private Callback(Builder b) {
    this.site = b.site;
    this.store = b.store;
    this.baseUrl = Objects.requireNonNull(b.baseUrl, "the app's base URL (baseUrl(...))");
    this.finisher = new Finisher(b.finish, b.logins);
    this.callbackPath = Paths.requireLocal(b.callbackPath, "callback path");
    this.listener = Listeners.of(b.listener != null ? b.listener : site.listener());
    this.clock = b.clock;
    this.cookieRing = Start.cookieRing(b.pendingStorage, store, site);
  }

  /** A builder for the given site and store. */
  public static Builder builder(Site<?> site, AuthStore store) {
    return new Builder(site, store);
  }

  /** The site this handler finishes logins at. */
  public Site<?> site() {
    return site;
  }

  /**
   * Handles the site's redirect back to the app.
   *
   * @return the finish response, or a plain-text 400 (bad or reused state, garbage input), 502 (the
   *     site failed) or 503 (the store is down); never a stack trace
   */
  public WebResponse handle(WebRequest request) {
    long t0 = listener.now();
    boolean reported = false;
    Cookie clear = null; // the pending login's cookie, once it has been read
    try {
      if ("POST".equals(request.method())) {
        if (!site.formPostCallback()) {
          throw new BadRequestException("this callback takes GET");
        }
        if (BrowserBinding.id(request).isEmpty() && request.parameter(RELAYED).isEmpty()) {
          // The host check (400 for another host) and the relay's target in one: the mounted
          // callback under the base URL, whatever path the request came in by.
          URI target = baseUrl.resolve(request, callbackPath);
          LOG.info(
              "{} form_post callback came without the browser cookie (a cross-site POST):"
                  + " relayed over a same-site hop",
              site.name());
          return relay(request, target);
        }
      }
      Taken taken = takePending(request);
      clear = taken.clear();
      PendingLogin pending = taken.login();
      FetchBudget budget = FetchBudget.begin(); // for every fetch of this callback (finding 9)
      LoginResult result;
      try {
        result =
            budget.run(
                () ->
                    site.complete(
                        new CallbackRequest(
                            request, pending.redirectUri(), pending.data(), store, budget)),
                ProviderException::new);
      } catch (RuntimeException e) {
        throw spentAfterFailure(taken, e);
      }
      if (result instanceof LoginResult.Authenticated ok) {
        AuthRecord stored =
            clear == null
                ? store.logins().put(ok.record())
                : store
                    .logins()
                    .putSpendingState(ok.record(), pending.id(), pending.expiresAt())
                    .orElseThrow(Callback::alreadyUsed);
        AuthEntity auth = site.entity(stored, store);
        LOG.info("{} login stored as {}", site.name(), LogText.of(stored.key()));
        // Reported before the app's finish runs: the duration is the library's, not the app's.
        listener.report(t0, site.name(), LoginEvent.Succeeded::new);
        reported = true;
        return Finisher.withCookie(finisher.loggedIn(auth, pending.appState(), request), clear);
      }
      if (clear != null && !store.logins().spendState(pending.id(), pending.expiresAt())) {
        throw alreadyUsed();
      }
      LOG.info("{} login declined by the user", site.name());
      listener.report(t0, site.name(), LoginEvent.Declined::new);
      reported = true;
      return Finisher.withCookie(finisher.declined(pending.appState(), request), clear);
    } catch (RuntimeException e) {
      if (!reported) {
        listener.failed(site.name(), LoginEvent.Stage.CALLBACK, e, t0);
      }
      if (e instanceof LoginException login) {
        return Finisher.withCookie(Errors.page(site, login), clear);
      }
      throw e;
    }
  }

  /** The form field that marks a form_post answer carried over the same-site hop. */
  static final String RELAYED = "oauthdropins_relayed";

  /** The longest parameter relayed: an ID token with room to spare; bounds the page. */
  private static final int MAX_RELAYED = 16 * 1024;

  /** What a form_post callback may carry: the parameters the engines read, nothing else. */
  private static final List<String> RELAY_FIELDS =
      List.of("state", "code", "id_token", "user", "iss", "error", "error_description");

  /**
   * A page of this app that posts the callback's fields back to it at once: the same-site hop that
   * brings the browser cookie along (see the class description). A button does it where scripts are
   * off.
   */
  private static WebResponse relay(WebRequest request, URI target) {
    StringBuilder b =
        new StringBuilder(
            "<!doctype html><html><head><meta charset=\"utf-8\"><title>Signing in</title>"
                + "</head><body><form method=\"post\" action=\"");
    b.append(Html.escape(target.toString())).append("\">");
    for (String name : RELAY_FIELDS) {
      String v = request.parameter(name).orElse(null);
      if (v != null && v.length() > MAX_RELAYED) {
        throw new BadRequestException("the callback's " + name + " parameter is too long");
      }
      if (v != null) {
        b.append(Html.hidden(name, v));
      }
    }
    b.append(Html.hidden(RELAYED, "1"));
    b.append("<button type=\"submit\">Continue</button></form>")
        .append("<script>document.forms[0].submit()</script></body></html>");
    return new WebResponse.Page(200, "text/html; charset=utf-8", b.toString(), List.of());
  }

  private static final String UNKNOWN_STATE =
      "unknown, expired or already used state, or a login started in another browser";

  /**
   * A pending login as the callback found it, and the cookie that clears it from the browser (null
   * when it came from the store, whose take spent it already).
   */
  private record Taken(PendingLogin login, Cookie clear) {}

  private Taken takePending(WebRequest request) {
    baseUrl.forRequest(request);
    String nonce =
        request
            .parameter("state")
            .filter(s -> !s.isBlank())
            .orElseThrow(() -> new BadRequestException("missing state parameter"));
    if (nonce.length() > 128) {
      throw new BadRequestException("unknown, expired or already used state");
    }
    String browser =
        BrowserBinding.id(request)
            .orElseThrow(
                () -> new BadRequestException("this login was not started in this browser"));
    if (cookieRing != null) {
      // Opens only for this site, this state and this browser together; spent at the store write.
      return PendingCookie.open(cookieRing, request, site.name(), nonce, browser, clock.instant())
          .map(p -> new Taken(p, PendingCookie.clear(request, site.name(), nonce)))
          .orElseThrow(() -> new BadRequestException(UNKNOWN_STATE));
    }
    // Found only by this site, this state and this browser together; see BrowserBinding.
    return store
        .pendingLogins()
        .take(BrowserBinding.pendingId(site.name(), nonce, browser))
        .map(p -> new Taken(p, null))
        .orElseThrow(() -> new BadRequestException(UNKNOWN_STATE));
  }

  private static BadRequestException alreadyUsed() {
    return new BadRequestException("unknown, expired or already used state");
  }

  /**
   * A callback that failed (the site refused the code, the store was down) spends its state all the
   * same, as the store's take does: its cookie is no ticket to try again. A state spent already
   * makes it a replay, which is what the browser is told.
   */
  private RuntimeException spentAfterFailure(Taken taken, RuntimeException failure) {
    if (taken.clear() == null) {
      return failure;
    }
    boolean first;
    try {
      first = store.logins().spendState(taken.login().id(), taken.login().expiresAt());
    } catch (RuntimeException e) {
      failure.addSuppressed(e);
      return failure;
    }
    return first ? failure : alreadyUsed();
  }

  /** Configures a {@link Callback}. */
  public static final class Builder {
    private final Site<?> site;
    private final AuthStore store;
    private BaseUrl baseUrl;
    private String callbackPath;
    private Finish finish;
    private Logins logins;
    private LoginListener listener;
    private PendingStorage pendingStorage = PendingStorage.IN_COOKIE;
    private Clock clock = Clock.systemUTC();

    private Builder(Site<?> site, AuthStore store) {
      this.site = Objects.requireNonNull(site, "site");
      this.store = Objects.requireNonNull(store, "store");
      this.callbackPath = "/" + site.name() + "/oauth_callback";
    }

    /**
     * Where the login waited since its start: as the site's {@link Start} was built ({@link
     * Start.Builder#pendingLogins}); sealed in a cookie by default.
     */
    public Builder pendingLogins(PendingStorage storage) {
      this.pendingStorage = Objects.requireNonNull(storage, "storage");
      return this;
    }

    /** The clock a pending login's expiry is checked by, for tests of expiry. */
    public Builder clock(Clock c) {
      this.clock = Objects.requireNonNull(c, "clock");
      return this;
    }

    /** The app's public base URL, shared by every site; required. */
    public Builder baseUrl(BaseUrl url) {
      this.baseUrl = url;
      return this;
    }

    /**
     * The path this callback is mounted at, below the base URL; {@code /<site>/oauth_callback} by
     * default. A {@code form_post} answer that arrives without the browser cookie is posted back
     * there (see the class description), so it must be where the callback is served.
     */
    public Builder callbackPath(String path) {
      this.callbackPath = path;
      return this;
    }

    /** Finish by redirecting to this path with the result; see {@link Finish#redirectTo}. */
    public Builder finishPath(String path) {
      this.finish = Finish.redirectTo(path);
      return this;
    }

    /** Finish with your own response instead. */
    public Builder finish(Finish f) {
      this.finish = f;
      return this;
    }

    /** Remember each login in the browser's list of logins (see {@link Logins}). */
    public Builder logins(Logins l) {
      this.logins = l;
      return this;
    }

    /**
     * Hears this handler's events ({@link LoginEvent.Succeeded}, {@link LoginEvent.Declined}, or
     * {@link LoginEvent.Failed} at {@link LoginEvent.Stage#CALLBACK}); the site's {@link
     * Site#listener()} by default.
     */
    public Builder listener(LoginListener l) {
      this.listener = Objects.requireNonNull(l, "listener");
      return this;
    }

    /** The callback with these settings. */
    public Callback build() {
      return new Callback(this);
    }
  }
}
