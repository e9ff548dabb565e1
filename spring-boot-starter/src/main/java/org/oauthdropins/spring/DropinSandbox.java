package org.oauthdropins.spring;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.oauthdropins.BaseUrl;
import org.oauthdropins.LoginListener;
import org.oauthdropins.Mount;
import org.oauthdropins.Site;
import org.oauthdropins.SiteConfigurationException;
import org.oauthdropins.SiteFactory;
import org.oauthdropins.SiteOptions;
import org.oauthdropins.sites.Sites;
import org.oauthdropins.spring.OAuthDropinsProperties.SiteProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextRefreshedEvent;
import org.springframework.core.env.Environment;
import org.springframework.util.ClassUtils;

/**
 * Sandbox mode ({@code oauth-dropins.sandbox=true}): every site runs against its testkit fake in
 * this process, as the demo's {@code --sandbox} does, so a developer signs in before registering
 * any app. Refused unless the app is served on loopback, and only with the testkit on the
 * classpath; off, it does nothing.
 */
final class DropinSandbox implements ApplicationListener<ContextRefreshedEvent>, AutoCloseable {

  /**
   * A started fake, in terms that do not name the testkit.
   *
   * @param options points the site's code at the fake, with the only credentials it accepts
   * @param url where the fake listens
   * @param registerRedirectUri registers the app's callback URL, as a site's app settings do
   * @param close stops the fake
   */
  record Faked(
      SiteOptions options,
      URI url,
      Map<String, String> startParams,
      Consumer<URI> registerRedirectUri,
      Runnable close) {}

  static final String TESTKIT_CLASS = "org.oauthdropins.testkit.Fakes";

  private static final Logger LOG = LoggerFactory.getLogger(DropinSandbox.class);

  private final boolean on;
  private final BaseUrl baseUrl;
  private final Map<String, Faked> fakes;

  private DropinSandbox(boolean on, BaseUrl baseUrl, Map<String, Faked> fakes) {
    this.on = on;
    this.baseUrl = baseUrl;
    this.fakes = fakes;
  }

  /**
   * The sandbox the properties ask for: none unless {@code oauth-dropins.sandbox=true}.
   *
   * @throws SandboxRefusedException if the base URL is not loopback or the testkit is missing
   */
  static DropinSandbox create(
      OAuthDropinsProperties properties, BaseUrl baseUrl, ClassLoader classLoader) {
    if (!properties.sandbox()) {
      return new DropinSandbox(false, baseUrl, Map.of());
    }
    if (!loopback(baseUrl)) {
      throw new SandboxRefusedException(
          "oauth-dropins.sandbox=true, but the app's base URL is "
              + baseUrl.configured().orElseThrow()
              + ": the sandbox's fakes accept anyone, so it runs only on loopback.",
          "Turn the sandbox on only in a development profile (application-dev.properties), and"
              + " there leave oauth-dropins.base-url and OAUTH_DROPINS_BASE_URL unset or make them"
              + " http://localhost:PORT.");
    }
    if (!ClassUtils.isPresent(TESTKIT_CLASS, classLoader)) {
      throw new SandboxRefusedException(
          "oauth-dropins.sandbox=true, but the testkit, which holds the sites' fakes, is not on"
              + " the classpath.",
          "Add org.oauthdropins:oauth-dropins-testkit for development only: in Maven, as a"
              + " dependency of a 'dev' profile (or <optional>true</optional>, as"
              + " spring-boot-devtools is); in Gradle, as developmentOnly. Keep it out of the"
              + " production artifact.");
    }
    List<String> names = names(properties.sites());
    Map<String, Faked> fakes = SandboxFakes.start(names.isEmpty() ? SandboxFakes.names() : names);
    LOG.warn(
        "oauth-dropins SANDBOX: {}{} run against in-process fakes on loopback, never the real"
            + " providers; every login is a test user. Development only.{}",
        names.isEmpty() ? "no site is configured, so every site that has a fake: " : "",
        fakes.keySet(),
        typed(fakes));
    return new DropinSandbox(true, baseUrl, fakes);
  }

  /**
   * What the user types at the sites where they name the server: the fakes' own addresses, which a
   * real name (mastodon.social) would not reach in the sandbox.
   */
  private static String typed(Map<String, Faked> fakes) {
    StringBuilder b = new StringBuilder();
    fakes.forEach(
        (name, f) ->
            f.startParams()
                .forEach(
                    (field, value) ->
                        b.append(' ')
                            .append(name)
                            .append(' ')
                            .append(field)
                            .append(": ")
                            .append(value)
                            .append(';')));
    return b.length() == 0 ? "" : " Their login forms are filled in with what to type:" + b;
  }

  /**
   * The value the sandbox fills a site's login form in with (Mastodon's instance: its fake's
   * address), or empty where the site takes none or is not faked.
   */
  Optional<String> inputValue(Site<?> site) {
    Faked f = fakes.get(site.name());
    String input = site.button().input();
    if (f == null || input == null) {
      return Optional.empty();
    }
    return Optional.ofNullable(f.startParams().get(input)).filter(v -> !v.isEmpty());
  }

  /** Whether the sandbox is on. */
  boolean on() {
    return on;
  }

  /**
   * The sites to run against fakes: each configured or enabled one (credentials or not), in the
   * library's order; empty if none is.
   */
  private static List<String> names(Map<String, SiteProperties> properties) {
    Set<String> names = new LinkedHashSet<>();
    for (SiteFactory f : Sites.ALL) {
      SiteProperties p = properties.get(f.name());
      if (p != null ? !Boolean.FALSE.equals(p.enabled()) : SiteConfigurer.configured(f, null)) {
        names.add(f.name());
      }
    }
    List<SiteConfigurationException.Problem> misspelt = new ArrayList<>();
    properties.forEach(
        (n, p) -> {
          if (Sites.byName(n).isPresent() || Boolean.FALSE.equals(p.enabled())) {
            return;
          }
          if (p.issuer() == null || p.issuer().isBlank()) {
            // A misspelt id fails here as it would outside the sandbox, not only in production.
            misspelt.add(
                new SiteConfigurationException.UnknownSite(n, Sites.suggest(n).orElse(null)));
          } else {
            LOG.warn(
                "oauth-dropins SANDBOX: {} is a generic OpenID Connect provider, which has no"
                    + " fake; left out",
                n);
          }
        });
    if (!misspelt.isEmpty()) {
      throw new SiteConfigurationException(misspelt);
    }
    return new ArrayList<>(names);
  }

  /**
   * Base URL loopback mode, or a configured base URL on a loopback host: never a public address.
   */
  static boolean loopback(BaseUrl baseUrl) {
    if (baseUrl.isLoopback()) {
      return true;
    }
    String host = baseUrl.configured().orElseThrow().getHost();
    if (host == null) {
      return false;
    }
    if (host.equals("localhost")) {
      return true;
    }
    if (!host.matches("[0-9.]+|\\[[0-9a-fA-F:.]+\\]")) {
      // A name other than localhost is resolved by DNS, which could point anywhere.
      return false;
    }
    try {
      return InetAddress.getByName(host).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }

  /** Each sandboxed site against its fake, with the scopes its properties ask for. */
  List<SiteConfigurer.Configured> sites(
      Map<String, SiteProperties> properties, LoginListener listener) {
    List<SiteConfigurer.Configured> out = new ArrayList<>();
    fakes.forEach(
        (name, fake) -> {
          SiteFactory factory = Sites.byName(name).orElseThrow();
          out.add(
              new SiteConfigurer.Configured(
                  factory.create(fake.options().withListener(listener)), properties.get(name)));
        });
    return out;
  }

  /**
   * Registers each sandboxed site's callback URL with its fake once the server listens, as an app's
   * settings page at the real site does: the fakes refuse any other. In loopback mode the browser
   * may call the app localhost or 127.0.0.1, so both are registered.
   */
  @Override
  public void onApplicationEvent(ContextRefreshedEvent event) {
    if (!on()) {
      return;
    }
    Environment env = event.getApplicationContext().getEnvironment();
    String port = env.getProperty("local.server.port");
    DropinSites sites =
        event.getApplicationContext().getBeanProvider(DropinSites.class).getIfAvailable();
    if (port == null || sites == null) {
      return;
    }
    String context = env.getProperty("server.servlet.context-path", "");
    List<String> origins =
        baseUrl
            .configured()
            .map(u -> List.of(u.toString()))
            .orElse(
                List.of(
                    "http://localhost:" + port + context, "http://127.0.0.1:" + port + context));
    for (Mount m : sites.mounts()) {
      Faked fake = fakes.get(m.site().name());
      if (fake != null) {
        origins.forEach(o -> fake.registerRedirectUri().accept(URI.create(o + m.callbackPath())));
      }
    }
  }

  /** Stops the fakes. */
  @Override
  public void close() {
    fakes.values().forEach(f -> f.close().run());
  }
}
