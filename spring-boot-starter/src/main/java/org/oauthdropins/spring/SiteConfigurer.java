package org.oauthdropins.spring;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.oauthdropins.Credentials;
import org.oauthdropins.LoginListener;
import org.oauthdropins.Site;
import org.oauthdropins.SiteFactory;
import org.oauthdropins.SiteOptions;
import org.oauthdropins.Sites;
import org.oauthdropins.oidc.Oidc;
import org.oauthdropins.spring.OAuthDropinsProperties.SiteProperties;

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

  private SiteConfigurer() {}

  static List<Configured> sites(Map<String, SiteProperties> properties, LoginListener listener) {
    List<Configured> out = new ArrayList<>();
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
      site(factory, p, listener).ifPresent(s -> out.add(new Configured(s, p)));
    }
    // Any other name with an issuer is a generic OpenID Connect provider.
    properties.forEach(
        (name, p) -> {
          if (Sites.byName(name).isPresent() || Boolean.FALSE.equals(p.enabled())) {
            return;
          }
          if (p.issuer() == null || p.issuer().isBlank()) {
            throw new IllegalArgumentException(
                "oauth-dropins.sites."
                    + name
                    + " is not a site the library ships; give it an issuer to use it as an"
                    + " OpenID Connect provider");
          }
          out.add(new Configured(Oidc.create(name, p.issuer(), options(p, listener)), p));
        });
    return out;
  }

  private static Optional<Site<?>> site(
      SiteFactory factory, SiteProperties p, LoginListener listener) {
    if (p != null && Boolean.FALSE.equals(p.enabled())) {
      return Optional.empty();
    }
    boolean fromProperties = p != null && p.clientId() != null && !p.clientId().isBlank();
    boolean needsNone = factory.idName() == null;
    boolean mount =
        fromProperties
            || (needsNone ? p != null && Boolean.TRUE.equals(p.enabled()) : factory.configured());
    return mount ? Optional.of(factory.create(options(p, listener))) : Optional.empty();
  }

  /** Options from the properties; credentials left null fall back to the environment and files. */
  private static SiteOptions options(SiteProperties p, LoginListener listener) {
    SiteOptions options = SiteOptions.defaults().withListener(listener);
    if (p == null) {
      return options;
    }
    if (p.clientId() != null && !p.clientId().isBlank()) {
      options =
          options.withCredentials(
              new Credentials(p.clientId(), p.clientSecret() == null ? "" : p.clientSecret()));
    }
    for (Map.Entry<String, String> base : p.baseUrls().entrySet()) {
      options =
          options.withBase(base.getKey().equals("all") ? "*" : base.getKey(), base.getValue());
    }
    return options;
  }
}
