package org.oauthdropins.quarkus;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.oauthdropins.Credentials;
import org.oauthdropins.LoginListener;
import org.oauthdropins.Site;
import org.oauthdropins.SiteFactory;
import org.oauthdropins.SiteOptions;
import org.oauthdropins.engine.oidc.Oidc;
import org.oauthdropins.quarkus.OAuthDropinsConfig.SiteConfig;
import org.oauthdropins.sites.Sites;

/**
 * Builds the sites that the properties (and the environment's credentials) configure, by the
 * starter's rules, with one more loud failure: a site named in the properties that needs
 * credentials and has none anywhere stops the app, naming the properties to set, instead of being
 * left out without a word.
 */
final class ConfiguredSites {

  /** A site to mount, with its scopes and, in the sandbox, the fake it runs against. */
  record Configured(
      Site<?> site, List<String> scopes, List<String> allowedScopes, Sandbox.Fake fake) {}

  private ConfiguredSites() {}

  static List<Configured> sites(
      Map<String, SiteConfig> properties, LoginListener listener, Sandbox sandbox) {
    List<Configured> out = new ArrayList<>();
    List<String> unusable = new ArrayList<>();
    for (SiteFactory factory : Sites.ALL) {
      SiteConfig p = properties.get(factory.name());
      if (p != null && p.issuer().filter(i -> !i.isBlank()).isPresent()) {
        // Refused rather than ignored: a name that once meant a generic provider and is now
        // shipped would otherwise log users in at the shipped site's default instance.
        throw new IllegalArgumentException(
            prefix(factory.name())
                + " is a site the library ships: move it with base-urls (e.g. base-urls.web)"
                + " instead of issuer, or give the generic provider another name");
      }
      if (p != null && p.enabled().equals(Optional.of(false))) {
        continue;
      }
      if (sandbox != null) {
        if (p != null) {
          out.add(sandbox.site(factory, listener, scopes(p), allowedScopes(p)));
        }
        continue;
      }
      site(factory, p, listener, unusable)
          .ifPresent(s -> out.add(new Configured(s, scopes(p), allowedScopes(p), null)));
    }
    if (!unusable.isEmpty()) {
      // One failure for every site at once: fixing one and restarting to meet the next is the
      // round trip this saves.
      throw new IllegalStateException(
          "oauth-dropins cannot mount "
              + unusable.size()
              + " configured site(s):\n  "
              + String.join("\n  ", unusable));
    }
    // Any other name with an issuer is a generic OpenID Connect provider.
    properties.forEach(
        (name, p) -> {
          if (Sites.byName(name).isPresent() || p.enabled().equals(Optional.of(false))) {
            return;
          }
          String issuer =
              p.issuer()
                  .filter(i -> !i.isBlank())
                  .orElseThrow(
                      () ->
                          new IllegalArgumentException(
                              prefix(name)
                                  + " is not a site the library ships; give it an issuer to use"
                                  + " it as an OpenID Connect provider"));
          if (sandbox != null) {
            throw new IllegalStateException(
                prefix(name)
                    + " is a generic OpenID Connect provider, which the sandbox has no fake of:"
                    + " disable it (enabled=false) in the sandbox's profile");
          }
          out.add(
              new Configured(
                  Oidc.create(name, issuer, options(p, listener)),
                  scopes(p),
                  allowedScopes(p),
                  null));
        });
    return out;
  }

  private static Optional<Site<?>> site(
      SiteFactory factory, SiteConfig p, LoginListener listener, List<String> unusable) {
    boolean fromProperties = p != null && p.clientId().filter(i -> !i.isBlank()).isPresent();
    if (fromProperties) {
      if (secret(factory, p).isEmpty()) {
        unusable.add(
            prefix(factory.name())
                + ".client-id is set but the client secret is not: set "
                + prefix(factory.name())
                + ".client-secret"
                + (factory.secretName() == null
                    ? ""
                    : " (or " + Credentials.envName(factory.secretName()) + ")"));
        return Optional.empty();
      }
      // A secret from the environment or a file completes a client id from the properties.
      Credentials credentials =
          new Credentials(p.clientId().orElseThrow(), secret(factory, p).orElseThrow());
      return Optional.of(factory.create(options(p, listener).withCredentials(credentials)));
    }
    if (factory.idName() == null) {
      // Sites where the user names the server (Mastodon, IndieAuth, Bluesky...) need no
      // credentials: mounted when enabled.
      return p != null && p.enabled().orElse(false)
          ? Optional.of(factory.create(options(p, listener)))
          : Optional.empty();
    }
    if (factory.configured()) {
      return Optional.of(factory.create(options(p, listener)));
    }
    if (p != null) {
      unusable.add(
          prefix(factory.name())
              + " is configured but has no credentials: set "
              + prefix(factory.name())
              + ".client-id and "
              + prefix(factory.name())
              + ".client-secret (or "
              + Credentials.envName(factory.idName())
              + " and "
              + Credentials.envName(factory.secretName())
              + "), or enabled=false to leave it out");
    }
    return Optional.empty();
  }

  /** The client secret from the properties, else from the environment or the credential file. */
  private static Optional<String> secret(SiteFactory factory, SiteConfig p) {
    Optional<String> fromProperties = p.clientSecret().filter(v -> !v.isBlank());
    if (fromProperties.isPresent() || factory.secretName() == null) {
      return fromProperties;
    }
    return Credentials.find(factory.secretName());
  }

  private static String prefix(String site) {
    return "oauth-dropins.sites." + site;
  }

  private static List<String> scopes(SiteConfig p) {
    return p == null ? List.of() : p.scopes().orElse(List.of());
  }

  private static List<String> allowedScopes(SiteConfig p) {
    return p == null ? null : p.allowedScopes().orElse(null);
  }

  /** Options from the properties; credentials left unset fall back to the environment and files. */
  private static SiteOptions options(SiteConfig p, LoginListener listener) {
    SiteOptions options = SiteOptions.defaults().withListener(listener);
    if (p == null) {
      return options;
    }
    Optional<String> id = p.clientId().filter(i -> !i.isBlank());
    if (id.isPresent()) {
      options = options.withCredentials(new Credentials(id.get(), p.clientSecret().orElse("")));
    }
    for (Map.Entry<String, String> base : p.baseUrls().entrySet()) {
      options =
          options.withBase(base.getKey().equals("all") ? "*" : base.getKey(), base.getValue());
    }
    return options;
  }
}
