package org.oauthdropins.testkit;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.oauthdropins.internal.http.Form;
import org.oauthdropins.web.WebRequest;

/**
 * A scripted browser: cookies, redirects and plain HTML forms, no JavaScript. Enough to click
 * through every login the library and its fakes serve, as a person would. The one script it runs is
 * the auto-submit of a {@code response_mode=form_post} answer ({@value #AUTO_SUBMIT}), which it
 * submits as a browser would, from the page's origin.
 */
public final class Browser {

  private static final int MAX_REDIRECTS = 10;

  /** The script of a page that posts its first form at once, as form_post answers do. */
  public static final String AUTO_SUBMIT = "<script>document.forms[0].submit()</script>";

  private static final int MAX_AUTO_SUBMITS = 3;

  private int autoSubmits;

  private final List<Sent> history = new java.util.concurrent.CopyOnWriteArrayList<>();

  private final Map<String, String> routes = new java.util.concurrent.ConcurrentHashMap<>();

  private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
  private final HttpClient client =
      HttpClient.newBuilder()
          .cookieHandler(cookies)
          .followRedirects(HttpClient.Redirect.NEVER)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  /**
   * A page the browser ended on.
   *
   * @param status its status
   * @param url its URL, after redirects
   * @param body its text
   * @param redirects the URLs redirected through, in order
   */
  public record Page(int status, URI url, String body, List<URI> redirects) {

    /** The final URL's query parameters. */
    public Map<String, String> query() {
      return Form.decode(url.getRawQuery());
    }

    /** The page as HTML. */
    public Document html() {
      return Jsoup.parse(body, url.toString());
    }
  }

  /**
   * A request this browser sent, to replay or alter in a test: a callback reached by a redirect
   * (GET, parameters in the query) or by a form_post answer (POST, parameters in the body).
   *
   * @param method {@code GET} or {@code POST}
   * @param url the URL, with its query
   * @param params the query's parameters for a GET, the form's for a POST
   */
  public record Sent(String method, URI url, Map<String, String> params) {

    /** Makes the value, checking its components. */
    public Sent {
      params = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(params));
    }

    /** The same request with other parameters. */
    public Sent withParams(Map<String, String> p) {
      if (!method.equals("GET")) {
        return new Sent(method, url, p);
      }
      String base = url.toString().replaceFirst("\\?.*$", "");
      return new Sent(method, URI.create(p.isEmpty() ? base : base + "?" + Form.encode(p)), p);
    }
  }

  /** Every request this browser sent, oldest first. */
  public List<Sent> history() {
    return List.copyOf(history);
  }

  /**
   * Sends a request again (or an altered copy), as the page that first sent it would: a POST from
   * the target's own origin.
   */
  public Page send(Sent s) {
    return s.method().equals("GET") ? get(s.url()) : post(s.url(), s.params());
  }

  /**
   * Sends what this browser would send to {@code origin} to {@code server} instead, as a hosts-file
   * entry would: for a site whose address is fixed ({@code https://gitlab.com}), played by a fake
   * on loopback. Pages keep the URLs the browser was sent to, so links and forms on them resolve as
   * they would at the real origin.
   *
   * @param origin scheme, host and port as a URL, e.g. {@code https://gitlab.com}
   * @param server where its requests go instead, e.g. the fake's {@code http://127.0.0.1:PORT}
   */
  public Browser route(String origin, URI server) {
    routes.put(origin(URI.create(origin)), origin(server));
    return this;
  }

  /** The URL a request for {@code url} goes to: its origin's route, if it has one. */
  private URI routed(URI url) {
    String to = routes.get(origin(url));
    if (to == null) {
      return url;
    }
    String rest = url.getRawPath() + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery());
    return URI.create(to + rest);
  }

  /** The browser's cookies, e.g. to forge or clear them in a test. */
  public CookieManager cookies() {
    return cookies;
  }

  /** The cookies this browser would send to a URL, by name. */
  public Map<String, String> cookiesFor(URI url) {
    Map<String, String> out = new LinkedHashMap<>();
    cookies.getCookieStore().get(url).forEach(c -> out.put(c.getName(), c.getValue()));
    return out;
  }

  /**
   * A GET of a URL by this browser as the app sees it, with the browser's cookies: for checks such
   * as {@code Logins.get} and {@code Logins.verify} in a test.
   */
  public WebRequest requestTo(URI url) {
    return request(url, cookiesFor(url));
  }

  /** A GET of a URL with these cookies, as an app sees it; a test forges cookies with it. */
  public static WebRequest request(URI url, Map<String, String> cookies) {
    Map<String, String> jar = Map.copyOf(cookies);
    Map<String, String> query = Form.decode(url.getRawQuery());
    return new WebRequest() {
      @Override
      public URI url() {
        return url;
      }

      @Override
      public String method() {
        return "GET";
      }

      @Override
      public Optional<String> header(String name) {
        return Optional.empty();
      }

      @Override
      public Optional<String> parameter(String name) {
        return Optional.ofNullable(query.get(name));
      }

      @Override
      public Optional<String> cookie(String name) {
        return Optional.ofNullable(jar.get(name));
      }
    };
  }

  /** Loads a URL, following redirects. */
  public Page get(URI url) {
    return send("GET", url, null, null);
  }

  /** Posts a form from a page of the same origin, following redirects. */
  public Page post(URI url, Map<String, String> form) {
    return postFrom(url, url, form);
  }

  /**
   * Posts a form from a page at {@code from}, as a browser does: with that page's {@code Origin}
   * and a {@code Sec-Fetch-Site} header saying whether it is the target's origin or site.
   */
  public Page postFrom(URI from, URI url, Map<String, String> form) {
    return send("POST", url, Form.encode(form), from);
  }

  /**
   * Submits the form on a page that holds a button with this text (e.g. {@code Approve}), as a
   * click on that button would: every input's value, plus the button's own name and value.
   */
  public Page click(Page page, String buttonText) {
    Document doc = page.html();
    for (Element button : doc.select("button, input[type=submit]")) {
      String text = button.tagName().equals("button") ? button.text() : button.attr("value");
      if (text.strip().equals(buttonText)) {
        Element form = button.closest("form");
        if (form == null) {
          break;
        }
        Map<String, String> data = fields(form);
        if (button.hasAttr("name")) {
          data.put(button.attr("name"), button.attr("value"));
        }
        return submit(form, data);
      }
    }
    throw new IllegalStateException("no button '" + buttonText + "' on " + page.url());
  }

  /** Follows the link with this text, as a click on it would. */
  public Page follow(Page page, String linkText) {
    for (Element a : page.html().select("a[href]")) {
      if (a.text().strip().equals(linkText)) {
        return get(URI.create(a.absUrl("href")));
      }
    }
    throw new IllegalStateException("no link '" + linkText + "' on " + page.url());
  }

  /**
   * Submits the form whose action is this path (e.g. {@code /github/start}), with its inputs as
   * they are plus the given values.
   */
  public Page submitForm(Page page, String action, Map<String, String> values) {
    for (Element form : page.html().select("form")) {
      if (URI.create(form.absUrl("action")).getPath().equals(action)) {
        Map<String, String> data = fields(form);
        data.putAll(values);
        return submit(form, data);
      }
    }
    throw new IllegalStateException("no form posting to " + action + " on " + page.url());
  }

  private static String origin(URI u) {
    return u.getScheme() + "://" + u.getRawAuthority();
  }

  private static String fetchSite(URI from, URI to) {
    if (origin(from).equalsIgnoreCase(origin(to))) {
      return "same-origin";
    }
    return from.getHost().equalsIgnoreCase(to.getHost()) ? "same-site" : "cross-site";
  }

  private static Map<String, String> fields(Element form) {
    Map<String, String> data = new LinkedHashMap<>();
    for (Element input : form.select("input[name], textarea[name], select[name]")) {
      String type = input.attr("type");
      if (type.equals("submit") || type.equals("image")) {
        continue;
      }
      data.put(input.attr("name"), input.tagName().equals("textarea") ? input.text() : input.val());
    }
    return data;
  }

  private Page submit(Element form, Map<String, String> data) {
    URI action =
        URI.create(form.absUrl("action").isEmpty() ? form.baseUri() : form.absUrl("action"));
    if (form.attr("method").equalsIgnoreCase("post")) {
      return send("POST", action, Form.encode(data), URI.create(form.baseUri()));
    }
    return get(URI.create(Form.appendQuery(action.toString().replaceFirst("\\?.*$", ""), data)));
  }

  /** Runs a page's auto-submit script: posts its first form, a bounded number of times in a row. */
  private Page autoSubmit(Page page) {
    Element form = page.html().selectFirst("form");
    if (form == null || autoSubmits >= MAX_AUTO_SUBMITS) {
      return page;
    }
    autoSubmits++;
    try {
      return submit(form, fields(form));
    } finally {
      autoSubmits--;
    }
  }

  private Page send(String method, URI url, String body, URI from) {
    List<URI> chain = new ArrayList<>();
    try {
      for (int i = 0; ; i++) {
        history.add(new Sent(method, url, Form.decode(body != null ? body : url.getRawQuery())));
        HttpRequest.Builder b = HttpRequest.newBuilder(routed(url)).timeout(Duration.ofSeconds(20));
        if (body != null) {
          b.header("Content-Type", "application/x-www-form-urlencoded")
              .header("Origin", origin(from))
              .header("Sec-Fetch-Site", fetchSite(from, url))
              .method(method, HttpRequest.BodyPublishers.ofString(body));
        } else {
          b.GET();
        }
        HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
        String location = r.headers().firstValue("Location").orElse(null);
        if (r.statusCode() / 100 == 3 && location != null && i < MAX_REDIRECTS) {
          chain.add(url);
          url = url.resolve(location);
          method = "GET";
          body = null;
          continue;
        }
        Page page = new Page(r.statusCode(), url, r.body(), List.copyOf(chain));
        return r.statusCode() == 200 && r.body().contains(AUTO_SUBMIT) ? autoSubmit(page) : page;
      }
    } catch (IOException e) {
      throw new IllegalStateException("browser could not load " + url + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
