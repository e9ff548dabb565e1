package org.oauthdropins.quarkus;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.oauthdropins.BaseUrl;
import org.oauthdropins.LoginListener;
import org.oauthdropins.SiteFactory;
import org.oauthdropins.testkit.Fakes;

/**
 * {@code oauth-dropins.sandbox=true}: every configured site runs against its testkit fake, started
 * in this process, with the fake's own credentials. Only this class names the testkit, so an app
 * without it (the testkit is an optional dependency) never loads it.
 */
final class Sandbox implements AutoCloseable {

  /** A running fake: what the routes need of it, without naming the testkit's types. */
  interface Fake extends AutoCloseable {
    /** Registers the app's callback URL with the fake, as an app's settings page at the site. */
    void registerRedirectUri(URI callback);

    @Override
    void close();
  }

  private final List<Fake> fakes = new ArrayList<>();

  private Sandbox() {}

  /**
   * The sandbox, after checking that it may run here.
   *
   * @throws IllegalStateException if the base URL is not a loopback one, or the testkit is missing
   */
  static Sandbox start(BaseUrl baseUrl) {
    Optional<URI> configured = baseUrl.configured();
    if (configured.isPresent() && !loopback(configured.get().getHost())) {
      // The fakes approve every login: never where anyone but the developer can reach them.
      throw new IllegalStateException(
          "oauth-dropins.sandbox=true is for development on this machine only; the base URL "
              + configured.get()
              + " is not a loopback one");
    }
    try {
      Class.forName("org.oauthdropins.testkit.Fakes", false, Sandbox.class.getClassLoader());
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(
          "oauth-dropins.sandbox=true needs org.oauthdropins:oauth-dropins-testkit on the"
              + " classpath (e.g. a dependency of the dev profile)");
    }
    return new Sandbox();
  }

  private static boolean loopback(String host) {
    return host != null
        && (host.equals("localhost")
            || host.equals("127.0.0.1")
            || host.equals("[::1]")
            || host.equals("::1"));
  }

  /** The site against its fake. */
  ConfiguredSites.Configured site(
      SiteFactory factory, LoginListener listener, List<String> scopes, List<String> allowed) {
    org.oauthdropins.testkit.Fake fake =
        Fakes.start(factory.name())
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "oauth-dropins.sites."
                            + factory.name()
                            + ": the testkit has no fake of this site to run in the sandbox;"
                            + " disable it (enabled=false) in the sandbox's profile"));
    Fake running =
        new Fake() {
          @Override
          public void registerRedirectUri(URI callback) {
            fake.registerRedirectUri(callback);
          }

          @Override
          public void close() {
            fake.close();
          }
        };
    fakes.add(running);
    return new ConfiguredSites.Configured(
        factory.create(fake.options().withListener(listener)), scopes, allowed, running);
  }

  @Override
  public void close() {
    fakes.forEach(Fake::close);
  }
}
