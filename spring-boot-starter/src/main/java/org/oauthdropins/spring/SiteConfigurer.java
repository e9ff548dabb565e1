package org.oauthdropins.spring;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.oauthdropins.BaseUrl;
import org.oauthdropins.Credentials;
import org.oauthdropins.LoginListener;
import org.oauthdropins.MissingCredentialsException;
import org.oauthdropins.Site;
import org.oauthdropins.SiteConfigurationException;
import org.oauthdropins.SiteFactory;
import org.oauthdropins.SiteOptions;
import org.oauthdropins.engine.oidc.Oidc;
import org.oauthdropins.http.GuardedTransport;
import org.oauthdropins.sites.Sites;
import org.oauthdropins.spring.OAuthDropinsProperties.SiteProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Builds the sites that the properties (and the environment's credentials) configure. */
final class SiteConfigurer {

  /**
   * A site to mount, with the extra scopes its properties ask for and the only ones a login form
   * may add (null: any).
   */
  record Configured(Site<?> site, List<String> scopes, List<String> allowedScopes) {
    Configured(Site<?> site, SiteProperties p) {
      this(site, p == null ? List.of() : p.scopes(), p == null ? null : p.allowedScopes());
    }
  }

  private static final Logger LOG = LoggerFactory.getLogger(SiteConfigurer.class);

  private SiteConfigurer() {}

  /**
   * The sites to mount. A shipped site is configured when any of its properties is set or one of
   * its credentials is in the environment or a file; a configured site must be mountable, and
   * whatever is wrong with any of them fails the start-up at once.
   *
   * @throws SiteConfigurationException naming every missing credential and unknown site name
   */
  static List<Configured> sites(
      Map<String, SiteProperties> properties, LoginListener listener, BaseUrl baseUrl) {
    List<Configured> out = new ArrayList<>();
    List<SiteConfigurationException.Problem> problems = new ArrayList<>();
    List<String> unconfigured = new ArrayList<>();
    for (SiteFactory factory : Sites.ALL) {
      SiteProperties p = properties.get(factory.name());
      if (p != null && p.issuer() != null && !p.issuer().isBlank()) {
        // Refused rather than ignored: a name that once meant a generic provider (gitlab) and is
        // now shipped would otherwise log users in at the shipped site's default instance.
        throw new IllegalArgumentException(
            "oauth-dropins.sites."
                + factory.name()
                + " is a site the library ships: move it with base-urls (e.g. base-urls.web)"
                + " instead of issuer, or give the generic provider another name");
      }
      if (p != null && Boolean.FALSE.equals(p.enabled())) {
        continue;
      }
      if (!configured(factory, p)) {
        unconfigured.add(factory.name());
        continue;
      }
      refuseLoopbackOffLoopback(factory.name(), p, baseUrl);
      make(
          factory.name(),
          () -> factory.create(options(factory.idName(), factory.secretName(), p, listener)),
          p,
          out,
          problems);
    }
    // Any other name with an issuer is a generic OpenID Connect provider.
    properties.forEach(
        (name, p) -> {
          if (Sites.byName(name).isPresent() || Boolean.FALSE.equals(p.enabled())) {
            return;
          }
          refuseLoopbackOffLoopback(name, p, baseUrl);
          if (p.issuer() == null || p.issuer().isBlank()) {
            problems.add(
                new SiteConfigurationException.UnknownSite(name, Sites.suggest(name).orElse(null)));
            return;
          }
          make(
              name,
              () ->
                  Oidc.create(
                      name,
                      p.issuer(),
                      options(name + "_client_id", name + "_client_secret", p, listener)),
              p,
              out,
              problems);
        });
    if (!problems.isEmpty()) {
      throw new SiteConfigurationException(problems);
    }
    LOG.info(
        "oauth-dropins: not configured, so not mounted (set oauth-dropins.sites.<id>.enabled=true"
            + " or the site's credentials to mount one): {}",
        unconfigured);
    return out;
  }

  /**
   * Refuses {@code allow-loopback} unless the app itself is on loopback: a deployed app whose site
   * may reach loopback and plain http could be made to call its own host's private services.
   */
  private static void refuseLoopbackOffLoopback(String name, SiteProperties p, BaseUrl baseUrl) {
    if (p != null && Boolean.TRUE.equals(p.allowLoopback()) && !DropinSandbox.loopback(baseUrl)) {
      throw new IllegalArgumentException(
          "oauth-dropins.sites."
              + name
              + ".allow-loopback=true is for tests and development on loopback, but the app's base"
              + " URL is "
              + baseUrl.configured().orElseThrow()
              + ": remove it from this profile");
    }
  }

  /** Makes one site, or notes its missing credentials among the problems. */
  private static void make(
      String name,
      Supplier<Site<?>> create,
      SiteProperties p,
      List<Configured> out,
      List<SiteConfigurationException.Problem> problems) {
    try {
      out.add(new Configured(create.get(), p));
    } catch (MissingCredentialsException e) {
      problems.add(new SiteConfigurationException.MissingCredentials(name, e.files()));
    } catch (IllegalStateException | IllegalArgumentException e) {
      // Reported with the others instead of ending the start-up on its own, as a stack trace.
      problems.add(new SiteConfigurationException.CannotStart(name, e.getMessage()));
    }
  }

  /**
   * Whether the app asked for a site: any property of it set, or any half of its credentials in the
   * environment or files (half a pair is a mistake to report, not a reason to stay silent).
   */
  static boolean configured(SiteFactory factory, SiteProperties p) {
    if (p != null) {
      return true;
    }
    return factory.idName() != null
        && (Credentials.find(factory.idName()).isPresent()
            || Credentials.find(factory.secretName()).isPresent());
  }

  /**
   * Options from the properties. Credentials given there are completed from the environment or
   * files (a client id in the properties, its secret in {@code GITHUB_CLIENT_SECRET}); none there
   * leaves the site to read its own.
   */
  private static SiteOptions options(
      String idName, String secretName, SiteProperties p, LoginListener listener) {
    SiteOptions options = SiteOptions.defaults().withListener(listener);
    if (p == null) {
      return options;
    }
    String id = blankToNull(p.clientId());
    String secret = blankToNull(p.clientSecret());
    if (id != null || secret != null) {
      options = options.withCredentials(credentials(idName, secretName, id, secret));
    }
    if (Boolean.TRUE.equals(p.allowLoopback())) {
      options = options.withTransport(GuardedTransport.localDevelopment());
    }
    for (Map.Entry<String, String> base : p.baseUrls().entrySet()) {
      options =
          options.withBase(base.getKey().equals("all") ? "*" : base.getKey(), base.getValue());
    }
    return options;
  }

  private static Credentials credentials(
      String idName, String secretName, String id, String secret) {
    if (idName == null) {
      // A site that needs no credentials (IndieAuth's client id is the app's URL) takes them as
      // given.
      return new Credentials(id == null ? "" : id, secret == null ? "" : secret);
    }
    String i = id != null ? id : Credentials.find(idName).orElse(null);
    String s = secret != null ? secret : Credentials.find(secretName).orElse(null);
    List<String> missing = new ArrayList<>();
    if (i == null) {
      missing.add(idName);
    }
    if (s == null) {
      missing.add(secretName);
    }
    if (!missing.isEmpty()) {
      throw new MissingCredentialsException(missing);
    }
    return new Credentials(i, s);
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
