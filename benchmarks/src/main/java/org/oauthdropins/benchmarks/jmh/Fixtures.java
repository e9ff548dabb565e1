package org.oauthdropins.benchmarks.jmh;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.oauthdropins.AuthEntity;
import org.oauthdropins.BaseUrl;
import org.oauthdropins.Callback;
import org.oauthdropins.Credentials;
import org.oauthdropins.Finish;
import org.oauthdropins.Logins;
import org.oauthdropins.Site;
import org.oauthdropins.SiteOptions;
import org.oauthdropins.Start;
import org.oauthdropins.http.HttpResult;
import org.oauthdropins.http.HttpTransport;
import org.oauthdropins.internal.http.Form;
import org.oauthdropins.sites.github.GitHub;
import org.oauthdropins.store.AuthStore;
import org.oauthdropins.store.Key;
import org.oauthdropins.web.Cookie;
import org.oauthdropins.web.WebRequest;
import org.oauthdropins.web.WebResponse;

/**
 * A GitHub login in process, for the micro benchmarks: the real Start and Callback on a given
 * store, with a transport that answers the token and GraphQL requests at once, so that what is
 * measured is the library's own work per login and not the network.
 */
final class Fixtures {

  static final String BASE = "http://127.0.0.1:8080";

  private static final byte[] TOKEN =
      "{\"access_token\":\"gho_benchbenchbench\",\"token_type\":\"bearer\",\"scope\":\"\"}"
          .getBytes(StandardCharsets.UTF_8);
  private static final byte[] VIEWER =
      ("{\"data\":{\"viewer\":{\"id\":\"MDQ6VXNlcjU4MzIzMQ==\",\"databaseId\":583231,\"login\":\"octocat\",\"name\":\"The"
              + " Octocat\",\"url\":\"https://github.com/octocat\",\"avatarUrl\":"
              + "\"https://avatars.githubusercontent.com/u/583231?v=4\",\"location\":\"San"
              + " Francisco\",\"websiteUrl\":\"https://github.blog\",\"bio\":null}}}")
          .getBytes(StandardCharsets.UTF_8);

  /** Answers GitHub's token and GraphQL endpoints without a network. */
  static final HttpTransport CANNED =
      call ->
          new HttpResult(
              200,
              call.uri(),
              Map.of("content-type", List.of("application/json")),
              call.uri().getPath().endsWith("/graphql") ? VIEWER : TOKEN);

  final Site<?> github;
  final AuthStore store;
  final Logins logins;
  final Start start;
  final Callback callback;

  Fixtures(AuthStore store) {
    this.store = store;
    this.github =
        GitHub.create(
            new SiteOptions(Map.of(), new Credentials("id", "secret"), CANNED)
                .withAllBases(URI.create("http://github.invalid")));
    this.logins = Logins.forStore(store);
    BaseUrl base = BaseUrl.of(BASE);
    this.start =
        Start.builder(github, store).baseUrl(base).callbackPath("/github/oauth_callback").build();
    this.callback =
        Callback.builder(github, store)
            .baseUrl(base)
            .finish(Finish.redirectTo("/after"))
            .logins(logins)
            .build();
  }

  /** The browser's POST to start, as a same-origin form sends it, from a new browser. */
  static WebRequest startRequest() {
    return startRequest(Map.of());
  }

  /** The same from a browser that sends these cookies (its id, from an earlier start). */
  static WebRequest startRequest(Map<String, String> cookies) {
    return new Request(
        URI.create(BASE + "/github/start"),
        "POST",
        Map.of("origin", BASE, "sec-fetch-site", "same-origin"),
        Map.of("state", "app-state"),
        cookies);
  }

  /** Start then callback, as one browser; returns the callback's response. */
  WebResponse login() {
    WebResponse.Redirect started = (WebResponse.Redirect) start.handle(startRequest());
    String query = URI.create(started.location()).getRawQuery();
    String state = Form.decode(query).get("state");
    return callback.handle(
        new Request(
            URI.create(BASE + "/github/oauth_callback?code=c&state=" + state),
            "GET",
            Map.of(),
            Map.of("code", "c", "state", state),
            cookies(started.cookies())));
  }

  /** The entity a login stored, found as the app finds it: by the finish redirect's key. */
  AuthEntity loggedIn() {
    String location = ((WebResponse.Redirect) login()).location();
    String key = Form.decode(URI.create(location).getRawQuery()).get("auth_entity");
    return github.load(store, Key.fromUrlsafe(key)).orElseThrow();
  }

  static Map<String, String> cookies(List<Cookie> cookies) {
    Map<String, String> jar = new HashMap<>();
    cookies.forEach(c -> jar.put(c.name(), c.value()));
    return jar;
  }

  /** A request as an adapter would hand it over. */
  record Request(
      URI url,
      String method,
      Map<String, String> headers,
      Map<String, String> params,
      Map<String, String> cookies)
      implements WebRequest {

    @Override
    public Optional<String> header(String name) {
      return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
    }

    @Override
    public Optional<String> parameter(String name) {
      return Optional.ofNullable(params.get(name));
    }

    @Override
    public Optional<String> cookie(String name) {
      return Optional.ofNullable(cookies.get(name));
    }
  }
}
