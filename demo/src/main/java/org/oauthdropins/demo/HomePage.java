package org.oauthdropins.demo;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.oauthdropins.AuthEntity;
import org.oauthdropins.BaseUrl;
import org.oauthdropins.ButtonHtml;
import org.oauthdropins.Finish;
import org.oauthdropins.Html;
import org.oauthdropins.Logins;
import org.oauthdropins.SiteRoute;
import org.oauthdropins.errors.LoginException;
import org.oauthdropins.servlet.DropinServlets;
import org.oauthdropins.servlet.ServletWeb;
import org.oauthdropins.sites.bluesky.Bluesky;
import org.oauthdropins.store.AuthStore;
import org.oauthdropins.store.Key;
import org.oauthdropins.testkit.FakeBluesky;
import org.oauthdropins.testkit.FakeIndieAuth;

/** The demo's one page: the buttons, who just logged in, and this browser's logins. */
final class HomePage extends HttpServlet {

  private static final long serialVersionUID = 1L;

  private final transient BaseUrl baseUrl;
  private final transient List<DemoSite> sites;
  private final transient AuthStore store;
  private final transient Logins logins;

  HomePage(List<DemoSite> sites, AuthStore store, Logins logins, BaseUrl baseUrl) {
    this.baseUrl = baseUrl;
    this.sites = sites;
    this.store = store;
    this.logins = logins;
  }

  @Override
  protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    // The README sends newcomers to http://localhost:8080/, but atproto servers accept loopback
    // redirect URIs only on 127.0.0.1 (RFC 8252 7.3). Moving the visitor before any form is shown
    // keeps the Bluesky login, its browser binding cookie and its callback on one origin.
    // Whichever site names the app by a client metadata document (atproto's) needs that origin.
    Optional<java.net.URI> moved = Bluesky.loopbackOrigin(ServletWeb.request(req));
    if (moved.isPresent()
        && sites.stream().anyMatch(s -> route(s, Bluesky.METADATA_ROUTE).isPresent())) {
      resp.sendRedirect(moved.get().toString());
      return;
    }
    StringBuilder h = new StringBuilder(16_384);
    h.append(
        """
        <!doctype html><html lang="en"><head><meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="referrer" content="no-referrer">
        <title>oauth-dropins for Java</title>
        <style>
        body{font-family:system-ui,sans-serif;max-width:68rem;margin:2rem auto;padding:0 1rem;color:#222}
        .grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(15rem,1fr));gap:1rem;align-items:start}
        .grid form{display:flex;flex-direction:column;gap:.3rem}
        .grid input[type=image]{align-self:center}
        .option p{margin:0 0 .4rem;font-size:.9rem;overflow-wrap:anywhere}
        .grid input[type=text]{padding:.3rem}
        .note{padding:.6rem 1rem;border-radius:6px;margin:1rem 0}
        .sandbox{background:#fff6d6}.ok{background:#e3f6e3}.bad{background:#fde2e2}
        pre{background:#f4f4f4;padding:1rem;overflow:auto;font-size:.8rem}
        img.avatar{width:32px;height:32px;border-radius:50%;vertical-align:middle}
        </style></head><body>
        <h1>oauth-dropins for Java</h1>
        <p>Drop-in login flows for many sites, for any Java web app. Click on a site to try it!</p>
        """);
    List<String> sandboxed =
        sites.stream().filter(DemoSite::sandboxed).map(s -> s.site().name()).toList();
    if (!sandboxed.isEmpty()) {
      h.append("<p class=\"note sandbox\" id=\"sandbox\"><b>Sandbox:</b> ")
          .append(sandboxed.size() == sites.size() ? "every site" : String.join(", ", sandboxed))
          .append(
              " runs against a built-in fake of the provider (no credentials configured), so"
                  + " you can click through offline. The fake's consent page has Approve and Deny"
                  + " buttons.</p>");
    }
    for (DemoSite s : sites) {
      if (s.fake() instanceof FakeIndieAuth indie) {
        h.append(
                "<p class=\"note sandbox\" id=\"indieauth-fallback\"><b>IndieAuth:</b> type <code>")
            .append(Html.escape(indie.carol()))
            .append(
                "</code>, a site that declares no IndieAuth server, to sign in through a hosted"
                    + " IndieAuth service instead (an opt-in setting: the app then trusts that"
                    + " service with the user's identity).</p>");
      }
    }
    if ("true".equals(req.getParameter("declined"))) {
      h.append("<p class=\"note bad\" id=\"declined\">User declined the access request.</p>");
    }
    if ("true".equals(req.getParameter("disconnected"))) {
      h.append(
          "<p class=\"note ok\" id=\"disconnected\">Disconnected: the site revoked the login's"
              + " tokens where it can, and the login is deleted.</p>");
    }
    String entity = req.getParameter("auth_entity");
    if (entity != null) {
      renderEntity(h, req, entity);
    }
    String state = req.getParameter("state");
    if (state != null && !state.isEmpty()) {
      h.append("<p class=\"note ok\">The app's state came back untouched: <code id=\"state\">")
          .append(Html.escape(state))
          .append("</code></p>");
    }
    h.append("<div class=\"grid\" id=\"buttons\">");
    for (DemoSite s : sites) {
      h.append(button(s).outerClasses("cell").inputValue(s.inputValue()).render(s.site()));
    }
    h.append("</div>");
    renderBlueskyPasswordForm(h);
    renderOptions(h, req);
    renderLogins(h, req);
    h.append("</body></html>");
    resp.setContentType("text/html; charset=utf-8");
    resp.setHeader("Cache-Control", "no-store");
    resp.getWriter().write(h.toString());
  }

  /**
   * Bluesky's legacy login, an app password posted to the library's form handler, which finishes as
   * every other login does. In the sandbox the fake's account is filled in.
   */
  private void renderBlueskyPasswordForm(StringBuilder h) {
    Optional<DemoSite> bluesky =
        sites.stream().filter(s -> route(s, Bluesky.PASSWORD_ROUTE).isPresent()).findFirst();
    if (bluesky.isEmpty()) {
      return;
    }
    String action = route(bluesky.get(), Bluesky.PASSWORD_ROUTE).orElseThrow().path();
    boolean sandbox = bluesky.get().fake() instanceof FakeBluesky;
    h.append("<h3>Bluesky with an app password</h3>")
        .append("<form method=\"post\" action=\"")
        .append(Html.escape(action))
        .append("\" id=\"bluesky-password\">")
        .append("<input type=\"text\" name=\"username\" required placeholder=\"Bluesky handle\"")
        .append(" value=\"")
        .append(Html.escape(sandbox ? FakeBluesky.HANDLE : ""))
        .append("\"> <input type=\"password\" name=\"password\" required")
        .append(" placeholder=\"app password\" autocomplete=\"off\" value=\"")
        .append(Html.escape(sandbox ? FakeBluesky.PASSWORD : ""))
        .append("\"> <button type=\"submit\">Sign in with an app password</button></form>");
  }

  /** The site's route of this name, as the demo mounts it ({@link DropinServlets}). */
  private Optional<SiteRoute> route(DemoSite s, String name) {
    return s
        .site()
        .routes(new SiteRoute.Context(baseUrl, store, Finish.redirectTo("/"), logins, Map.of()))
        .stream()
        .filter(r -> r.name().equals(name))
        .findFirst();
  }

  private static ButtonHtml button(DemoSite s) {
    return ButtonHtml.of("/" + s.site().name() + "/start", "/oauth_dropins/");
  }

  private Optional<DemoSite> site(String name) {
    return sites.stream().filter(s -> s.site().name().equals(name)).findFirst();
  }

  /** The Python library's {@code button_html(...)} options, each on a button of its own. */
  private void renderOptions(StringBuilder h, HttpServletRequest req) {
    h.append("<h2>Button options</h2><p>The options of <code>ButtonHtml</code>, the Python")
        .append(" library's <code>button_html(...)</code>, each on a button of its own.</p>")
        .append("<div class=\"grid\" id=\"options\">");
    site("github")
        .ifPresent(
            s -> {
              option(
                  h,
                  "Extra scopes: <code>.scopes(\"" + DEMO_SCOPES + "\")</code>",
                  button(s).scopes(DEMO_SCOPES),
                  s);
              option(
                  h,
                  "Extra form content (a hidden <code>state</code>, back at the finish) and form"
                      + " classes: <code>.formExtra(...)</code>, <code>.formClasses(\"boxed\")</code>",
                  button(s)
                      .formClasses("boxed")
                      .formExtra(
                          "<input type=\"hidden\" name=\"state\" value=\"" + DEMO_STATE + "\">"),
                  s);
            });
    site("bluesky")
        .ifPresent(
            s ->
                knownHandle(s, req)
                    .ifPresentOrElse(
                        handle ->
                            option(
                                h,
                                "A known user, one click: <code>.knownUser(\""
                                    + Html.escape(handle)
                                    + "\")</code> (Bluesky's hidden <code>handle</code>)",
                                button(s).knownUser(handle),
                                s),
                        () ->
                            h.append(
                                "<div class=\"option\"><p>Log in with Bluesky once, and a"
                                    + " one-click button for that handle appears here"
                                    + " (<code>.knownUser(handle)</code>).</p></div>")));
    site("google_signin")
        .filter(s -> s.site().button().mark() != null)
        .ifPresent(
            s ->
                option(
                    h,
                    "Another image and its style: <code>.imageFile(\"/demo/marks/google_signin.svg\")"
                        + "</code>, <code>.inputStyle(...)</code>",
                    button(s).imageFile("/demo/marks/google_signin.svg").inputStyle(ROUND),
                    s));
    h.append("</div>");
  }

  /** The scopes the demo's scopes button adds: read-only ones, harmless at the real GitHub too. */
  static final String DEMO_SCOPES = "read:org,read:project";

  /** The state the demo's extra-form-content button carries. */
  static final String DEMO_STATE = "from-the-demo-page";

  /** An icon-only round button, as Google's guidelines allow: the mark on a white outlined disc. */
  private static final String ROUND =
      "width:44px;height:44px;padding:11px;box-sizing:border-box;background:#fff;"
          + "border:1px solid #747775;border-radius:50%";

  /**
   * A Bluesky handle to offer a one-click button for: the sandbox's account, or the last one this
   * browser logged in with.
   */
  private Optional<String> knownHandle(DemoSite s, HttpServletRequest req) {
    if (s.sandboxed()) {
      return Optional.of(s.inputValue()).filter(v -> !v.isEmpty());
    }
    List<Logins.Login> mine = logins.get(ServletWeb.request(req));
    return mine.stream()
        .filter(l -> l.site().equals(s.site().name()))
        .reduce((a, b) -> b)
        .map(Logins.Login::name);
  }

  private static void option(StringBuilder h, String caption, ButtonHtml b, DemoSite s) {
    h.append("<div class=\"option\"><p>").append(caption).append("</p>");
    h.append(b.render(s.site())).append("</div>");
  }

  private void renderEntity(StringBuilder h, HttpServletRequest req, String urlsafe) {
    // Shown only to the browser that made the login: a key is easy to type or guess.
    Optional<Key> key = logins.verify(ServletWeb.request(req), urlsafe);
    Optional<AuthEntity> auth;
    try {
      auth =
          key.flatMap(
              k ->
                  sites.stream()
                      .map(s -> s.site().load(store, k))
                      .flatMap(Optional::stream)
                      .findFirst());
    } catch (LoginException e) {
      h.append("<p class=\"note bad\">").append(Html.escape(e.getMessage())).append("</p>");
      return;
    }
    if (auth.isEmpty()) {
      h.append("<p class=\"note bad\">No login of this browser has that auth_entity.</p>");
      return;
    }
    AuthEntity a = auth.get();
    h.append("<p class=\"note ok\" id=\"authenticated\">Authenticated ");
    if (a.imageUrl() != null) {
      h.append("<img class=\"avatar\" alt=\"\" src=\"")
          .append(Html.escape(a.imageUrl()))
          .append("\"> ");
    }
    h.append("<b id=\"name\">").append(Html.escape(a.userDisplayName())).append("</b>");
    if (!a.keyId().equals(a.userDisplayName())) {
      h.append(" (<span id=\"key-id\">").append(Html.escape(a.keyId())).append("</span>)");
    }
    h.append(" on <span id=\"site\">").append(Html.escape(a.siteName())).append("</span>.</p>");
    h.append("<h3>Stored entity</h3><pre id=\"entity\">")
        .append(Html.escape(a.record().redacted()))
        .append("</pre>");
  }

  private void renderLogins(StringBuilder h, HttpServletRequest req) {
    List<Logins.Login> list = logins.get(ServletWeb.request(req));
    if (list.isEmpty()) {
      return;
    }
    h.append("<h3>Logins in this browser</h3><ul id=\"logins\">");
    for (Logins.Login l : list) {
      String key = l.key().urlsafe();
      h.append("<li><a href=\"/?auth_entity=")
          .append(Html.escape(key))
          .append("\">")
          .append(Html.escape(l.name()))
          .append("</a> on ")
          .append(Html.escape(l.site()))
          .append(" <form method=\"post\" action=\"/logout\" style=\"display:inline\">")
          .append("<input type=\"hidden\" name=\"key\" value=\"")
          .append(Html.escape(key))
          .append("\"><button type=\"submit\">Log out</button></form>")
          // Disconnect revokes the tokens at the site and deletes the stored login (issue 26).
          .append(" <form method=\"post\" action=\"/")
          .append(Html.escape(l.site()))
          .append("/disconnect\" style=\"display:inline\">")
          .append("<input type=\"hidden\" name=\"auth_entity\" value=\"")
          .append(Html.escape(key))
          .append("\"><button type=\"submit\" class=\"disconnect\">Disconnect</button></form>");
      // An OpenID Connect site also logs out at the provider (RP-initiated logout).
      site(l.site())
          .flatMap(s -> route(s, "logout"))
          .ifPresent(
              r ->
                  h.append(" <form method=\"post\" action=\"")
                      .append(Html.escape(r.path()))
                      .append("\" style=\"display:inline\" class=\"provider-logout\">")
                      .append("<input type=\"hidden\" name=\"auth_entity\" value=\"")
                      .append(Html.escape(key))
                      .append("\"><button type=\"submit\">Log out at ")
                      .append(Html.escape(l.site()))
                      .append("</button></form>"));
      h.append("</li>");
    }
    h.append("</ul>");
  }
}
