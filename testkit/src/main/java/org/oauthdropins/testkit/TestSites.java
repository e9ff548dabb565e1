package org.oauthdropins.testkit;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.oauthdropins.AuthEntity;
import org.oauthdropins.Site;
import org.oauthdropins.SiteFactory;
import org.oauthdropins.SiteOptions;
import org.oauthdropins.sites.Sites;
import org.oauthdropins.store.Key;
import org.oauthdropins.store.memory.MemoryStore;

/**
 * The fakes a {@link FakeSites} test started, each with the real site's code pointed at it. An app
 * that builds its sites itself takes {@link #options(String)} (the fake's bases and credentials);
 * an app that only mounts handlers can use {@link #app()}, a {@link TestApp} with every site
 * mounted. Stopped by the extension after the test.
 */
public final class TestSites implements AutoCloseable {

  private final Map<String, Fake> fakes = new LinkedHashMap<>();
  private final Map<String, Site<?>> sites = new LinkedHashMap<>();
  private TestApp app;

  /**
   * Starts the fakes of the named sites.
   *
   * @throws IllegalArgumentException for a name that has no fake; none is left running then
   */
  public static TestSites start(List<String> names) {
    TestSites started = new TestSites();
    try {
      for (String name : names) {
        SiteFactory factory = Sites.byName(name).orElseThrow(() -> unknown("no site named", name));
        Fake fake = Fakes.start(name).orElseThrow(() -> unknown("no fake for", name));
        started.fakes.put(name, fake);
        started.sites.put(name, factory.create(fake.options()));
      }
      return started;
    } catch (RuntimeException e) {
      started.close();
      throw e;
    }
  }

  private TestSites() {}

  private static IllegalArgumentException unknown(String what, String name) {
    return new IllegalArgumentException(
        what + " '" + name + "'; sites with a fake: " + Fakes.names());
  }

  /** The site's real code, pointed at its fake with the fake's credentials. */
  public Site<?> site(String name) {
    return known(sites, name);
  }

  /** The fake of a site. */
  public Fake fake(String name) {
    return known(fakes, name);
  }

  /** The started fake of the given type, e.g. {@code FakeGitHub.class}. */
  public <F extends Fake> F fake(Class<F> type) {
    return fakes.values().stream()
        .filter(type::isInstance)
        .map(type::cast)
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "no " + type.getSimpleName() + " started; started: " + fakes.keySet()));
  }

  /**
   * Options that point an app's own site configuration at the fake; add a listener or transport of
   * the app's own to them as it does in production.
   */
  public SiteOptions options(String name) {
    return fake(name).options();
  }

  /**
   * Tells a site's fake the app's callback URL, as the app's settings page at the real site does;
   * the fakes refuse any other.
   */
  public void registerCallback(String name, URI callback) {
    fake(name).registerRedirectUri(callback);
  }

  /**
   * A {@link TestApp} on an in-memory store with every started site mounted at {@code
   * /<site>/start} and {@code /<site>/oauth_callback}, finishing at {@code /after}; made at the
   * first call.
   */
  public synchronized TestApp app() {
    if (app == null) {
      app = new TestApp(new MemoryStore());
      sites.forEach((name, site) -> app.mount(site, fakes.get(name)));
    }
    return app;
  }

  /**
   * A whole login at a site through {@link #app()}: the start form (with the fake's inputs, such as
   * a Mastodon instance), the fake's consent page, Approve. Ends on the app's finish page.
   */
  public Browser.Page login(Browser browser, String name) {
    return consent(browser, name, "Approve");
  }

  /** As {@link #login}, but the user presses Deny. */
  public Browser.Page decline(Browser browser, String name) {
    return consent(browser, name, "Deny");
  }

  private Browser.Page consent(Browser browser, String name, String button) {
    Browser.Page consent = browser.post(app().url("/" + name + "/start"), fake(name).startParams());
    return browser.click(consent, button);
  }

  /** The stored login that an {@link #app()} finish page names. */
  public AuthEntity entity(String name, Browser.Page finish) {
    String key = finish.query().get("auth_entity");
    if (key == null) {
      throw new IllegalStateException(
          "not a finish page of a login (status " + finish.status() + ", " + finish.url() + ")");
    }
    return site(name).load(app().store(), Key.fromUrlsafe(key)).orElseThrow();
  }

  private <T> T known(Map<String, T> map, String name) {
    T t = map.get(name);
    if (t == null) {
      throw new IllegalArgumentException(
          "'" + name + "' was not started; this test's @FakeSites: " + fakes.keySet());
    }
    return t;
  }

  /** Stops the app and every fake. */
  @Override
  public void close() {
    if (app != null) {
      app.close();
    }
    fakes.values().forEach(Fake::close);
  }
}
