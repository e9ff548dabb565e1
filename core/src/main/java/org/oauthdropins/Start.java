package org.oauthdropins;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.oauthdropins.errors.BadRequestException;
import org.oauthdropins.errors.LoginException;
import org.oauthdropins.errors.ProviderException;
import org.oauthdropins.http.FetchBudget;
import org.oauthdropins.internal.LogText;
import org.oauthdropins.internal.Paths;
import org.oauthdropins.internal.secrets.Secrets;
import org.oauthdropins.keys.KeyRing;
import org.oauthdropins.store.AuthStore;
import org.oauthdropins.store.PendingLogin;
import org.oauthdropins.web.Cookie;
import org.oauthdropins.web.WebRequest;
import org.oauthdropins.web.WebResponse;

/**
 * The first half of a login: sends the browser to the site. Mount it at e.g. {@code POST
 * /github/start}. The request may carry {@code state} (the app's own value, returned untouched at
 * finish) and {@code scope} (extra scopes, comma- or space-separated), plus whatever input the site
 * needs (an instance, a handle).
 *
 * <p>The form's scopes are added to the app's own, as in the Python library: the user can only ask
 * for more, and the site shows them on its consent page. Each must be a well-formed scope (RFC 6749
 * 3.3), else 400; an app that wants no scopes but its own lists them with {@link
 * Builder#allowedScopes}.
 *
 * <p>Only a POST from a page of the app itself starts a login. A GET, or a POST whose {@code
 * Origin} or {@code Sec-Fetch-Site} header says another site sent it, is refused: otherwise any
 * page could log its visitors in to an account of the attacker's (login CSRF), or use the app to
 * redirect to a server a parameter names. A request without either header (not a browser) is
 * accepted. Requests to another host than the app's {@link BaseUrl} are refused too.
 *
 * <p>Immutable and thread-safe; build one per site at startup.
 */
public final class Start {

  /** The longest app state or scope list a start request may carry. */
  public static final int MAX_STATE = 2048;

  private final Site<?> site;
  private final AuthStore store;
  private final BaseUrl baseUrl;
  private final String callbackPath;
  private final List<String> scopes;
  private final Set<String> allowedScopes;
  private final Duration lifetime;
  private final Clock clock;
  private final Listeners listener;

  /** The ring pending logins are sealed with in their cookie, or null if they go to the store. */
  private final KeyRing cookieRing;

  private Start(Builder b) {
    this.site = b.site;
    this.store = b.store;
    if (b.baseUrl == null) {
      throw new IllegalStateException(
          "Start needs the app's public base URL: .baseUrl(BaseUrl.of(\"https://your.app\")), or"
              + " BaseUrl.fromEnvironment() ("
              + BaseUrl.VARIABLE
              + "; development on localhost when unset)");
    }
    this.baseUrl = b.baseUrl;
    this.callbackPath = Paths.requireLocal(b.callbackPath, "callback path");
    this.scopes = List.copyOf(b.scopes);
    this.allowedScopes = b.allowedScopes == null ? null : Set.copyOf(b.allowedScopes);
    this.lifetime = b.lifetime;
    this.clock = b.clock;
    this.listener = Listeners.of(b.listener != null ? b.listener : site.listener());
    this.cookieRing = cookieRing(b.pendingStorage, store, site);
  }

  /**
   * The ring that seals pending logins in cookies: the store's, so that every server on the same
   * store and ring finishes the others' logins; null when they are kept in the store.
   */
  static KeyRing cookieRing(PendingStorage storage, AuthStore store, Site<?> site) {
    if (storage == PendingStorage.IN_STORE) {
      return null;
    }
    return store
        .keyRing()
        .orElseThrow(
            () ->
                new IllegalStateException(
                    site.name()
                        + ": the store "
                        + store.getClass().getName()
                        + " has no key ring to seal pending logins in their cookie with: give it"
                        + " one, or keep them in the store with"
                        + " pendingLogins(PendingStorage.IN_STORE)"));
  }

  /** A builder for the given site and the store its logins are kept in. */
  public static Builder builder(Site<?> site, AuthStore store) {
    return new Builder(site, store);
  }

  /** The site this handler starts logins at. */
  public Site<?> site() {
    return site;
  }

  /**
   * Handles the browser's request to start a login.
   *
   * @return a redirect to the site, or a plain-text 400/502/503 when the login cannot start
   */
  public WebResponse handle(WebRequest request) {
    try {
      return redirect(request, request.parameter("state").orElse(null));
    } catch (LoginException e) {
      return Errors.page(site, e);
    }
  }

  /**
   * The redirect that starts a login, with the app's own {@code state}: the twin of the Python
   * library's {@code redirect_url(state)}. Its cookies must reach the browser along with it.
   *
   * @throws LoginException if the login cannot start
   */
  public WebResponse.Redirect redirect(WebRequest request, String state) {
    long t0 = listener.now();
    try {
      WebResponse.Redirect r = start(request, state);
      listener.report(t0, site.name(), LoginEvent.Started::new);
      return r;
    } catch (RuntimeException e) {
      listener.failed(site.name(), LoginEvent.Stage.START, e, t0);
      throw e;
    }
  }

  private WebResponse.Redirect start(WebRequest request, String state) {
    URI base = baseUrl.forFormPost(request);
    // Every start writes a pending login (a cookie or a row), so what a browser can make the app
    // keep is bounded.
    if (state != null && state.length() > MAX_STATE) {
      throw new BadRequestException("state is longer than " + MAX_STATE + " characters");
    }
    if (request.parameter("scope").map(String::length).orElse(0) > MAX_STATE) {
      throw new BadRequestException("scope is longer than " + MAX_STATE + " characters");
    }
    List<String> asked = scopes(request);
    List<Cookie> cookies = new ArrayList<>();
    String browser =
        BrowserBinding.id(request)
            .orElseGet(
                () -> {
                  String id = Secrets.random(32);
                  cookies.add(BrowserBinding.newCookie(request, id));
                  return id;
                });
    boolean newBrowser = !cookies.isEmpty(); // its id was made just now: it has nothing stored
    String nonce = Secrets.random(24);
    FetchBudget budget = FetchBudget.begin(); // for every fetch of this start (finding 9)
    Authorization auth =
        budget.run(
            () ->
                site.authorize(
                    new AuthorizeRequest(
                        request,
                        base,
                        URI.create(base + callbackPath),
                        nonce,
                        asked,
                        store,
                        budget)),
            ProviderException::new);
    PendingLogin pending =
        new PendingLogin(
            BrowserBinding.pendingId(site.name(), nonce, browser),
            site.name(),
            BrowserBinding.hash(browser),
            state,
            auth.redirectUri(),
            auth.data(),
            clock.instant().plus(lifetime));
    if (cookieRing != null) {
      cookies.addAll(PendingCookie.write(cookieRing, request, nonce, pending, clock.instant()));
    } else if (newBrowser) {
      store.pendingLogins().putOfNewBrowser(pending);
    } else {
      store.pendingLogins().put(pending);
    }
    return new WebResponse.Redirect(auth.location().toString(), cookies);
  }

  /** The separators of a requested scope list, compiled once rather than per start. */
  private static final Pattern SCOPE_SEPARATORS = Pattern.compile("[,\\s]+");

  private List<String> scopes(WebRequest request) {
    Set<String> all = new LinkedHashSet<>(scopes);
    String form = request.parameter("scope").orElse("");
    for (String part : SCOPE_SEPARATORS.split(form)) {
      if (part.isEmpty() || all.contains(part)) {
        continue;
      }
      if (!part.chars().allMatch(Start::scopeChar)) {
        throw new BadRequestException(
            "scope '" + LogText.of(part) + "' is not a scope: printable ASCII without quotes");
      }
      if (allowedScopes != null && !allowedScopes.contains(part)) {
        throw new BadRequestException(
            "scope '" + LogText.of(part) + "' is not one this app asks " + site.name() + " for");
      }
      all.add(part);
    }
    return List.copyOf(all);
  }

  /** RFC 6749 3.3: scope-token = 1*( %x21 / %x23-5B / %x5D-7E ). */
  private static boolean scopeChar(int c) {
    return c == 0x21 || (c >= 0x23 && c <= 0x5B) || (c >= 0x5D && c <= 0x7E);
  }

  /** Configures a {@link Start}. */
  public static final class Builder {
    private final Site<?> site;
    private final AuthStore store;
    private BaseUrl baseUrl;
    private String callbackPath;
    private List<String> scopes = List.of();
    private Collection<String> allowedScopes;
    private Duration lifetime = Duration.ofMinutes(10);
    private Clock clock = Clock.systemUTC();
    private LoginListener listener;
    private PendingStorage pendingStorage = PendingStorage.IN_COOKIE;

    private Builder(Site<?> site, AuthStore store) {
      this.site = Objects.requireNonNull(site, "site");
      this.store = Objects.requireNonNull(store, "store");
    }

    /**
     * Where the login waits for its callback: sealed in a cookie by default (a start writes nothing
     * to the store), or in the store. The site's {@link Callback} must be built with the same;
     * {@link Mount.Builder#pendingLogins} sets both.
     */
    public Builder pendingLogins(PendingStorage storage) {
      this.pendingStorage = Objects.requireNonNull(storage, "storage");
      return this;
    }

    /** The app's public base URL, shared by every site; required. */
    public Builder baseUrl(BaseUrl url) {
      this.baseUrl = Objects.requireNonNull(url, "base url");
      return this;
    }

    /** The path the site sends the browser back to, e.g. {@code /github/oauth_callback}. */
    public Builder callbackPath(String path) {
      this.callbackPath = path;
      return this;
    }

    /** Scopes to ask for in addition to the site's defaults. */
    public Builder scopes(List<String> extra) {
      this.scopes = List.copyOf(extra);
      return this;
    }

    /**
     * The only scopes a login form's {@code scope} may add to {@link #scopes}: any other is a 400.
     * Unset, any well-formed scope may be added (the Python library's behaviour); an empty list
     * allows none.
     */
    public Builder allowedScopes(Collection<String> allowed) {
      this.allowedScopes = List.copyOf(allowed);
      return this;
    }

    /** How long the user has to finish at the site; 10 minutes by default. */
    public Builder lifetime(Duration d) {
      this.lifetime = d;
      return this;
    }

    /**
     * Hears this handler's events ({@link LoginEvent.Started}, or {@link LoginEvent.Failed} at
     * {@link LoginEvent.Stage#START}); the site's {@link Site#listener()} by default.
     */
    public Builder listener(LoginListener l) {
      this.listener = Objects.requireNonNull(l, "listener");
      return this;
    }

    /** The clock, for tests of expiry. */
    public Builder clock(Clock c) {
      this.clock = c;
      return this;
    }

    /** The start with these settings. */
    public Start build() {
      return new Start(this);
    }
  }
}
