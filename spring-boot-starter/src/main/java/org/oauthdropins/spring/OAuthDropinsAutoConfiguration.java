package org.oauthdropins.spring;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.oauthdropins.BaseUrl;
import org.oauthdropins.Finish;
import org.oauthdropins.LoginListener;
import org.oauthdropins.Logins;
import org.oauthdropins.Mount;
import org.oauthdropins.Site;
import org.oauthdropins.internal.keys.ConfiguredKeys;
import org.oauthdropins.keys.KeyRing;
import org.oauthdropins.keys.KeySource;
import org.oauthdropins.servlet.ButtonServlet;
import org.oauthdropins.servlet.DropinServlets;
import org.oauthdropins.store.AuthStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.ServletContextInitializer;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;

/**
 * Mounts the sites configured under {@code oauth-dropins.*} in a Spring Boot servlet app: their
 * start and callback servlets, the button images, a store, the base URL and, when Spring Security
 * is present, a filter chain that lets the login paths through. Every bean backs off when the app
 * defines its own ({@link BaseUrl}, {@link AuthStore}, {@link Logins}, {@link Finish}); {@link
 * Site} beans of the app's are mounted beside the configured ones. The store and the logins cookie
 * seal under one key ring: a {@link KeySource} bean of the app's, else {@code oauth-dropins.keys}
 * (then {@code oauth-dropins.keys-file}, {@code OAUTH_DROPINS_KEYS}); the embedded store falls back
 * to a key file beside its database. Every {@link LoginListener} bean (the Micrometer one of {@link
 * OAuthDropinsMetricsAutoConfiguration}, the app's own) hears the login events of every mounted
 * site.
 */
@AutoConfiguration(
    afterName = {
      "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
      // After Boot's default security, so that our filter chain does not make it back off.
      "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
      "org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration"
    })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties(OAuthDropinsProperties.class)
@Import(OAuthDropinsAutoConfiguration.Security.class)
public class OAuthDropinsAutoConfiguration {

  private static final Logger LOG = LoggerFactory.getLogger(OAuthDropinsAutoConfiguration.class);

  /** Spring Security's part, only when it is on the classpath. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(
      name = {
        "org.springframework.security.web.SecurityFilterChain",
        "org.springframework.security.config.annotation.web.builders.HttpSecurity"
      })
  @Import(DropinSecurity.class)
  static class Security {}

  @Bean
  @ConditionalOnMissingBean
  BaseUrl oauthDropinsBaseUrl(OAuthDropinsProperties properties, Environment env) {
    String configured = properties.baseUrl();
    if (configured == null || configured.isBlank()) {
      return BaseUrl.fromEnvironment();
    }
    String contextPath = env.getProperty("server.servlet.context-path", "");
    String path = URI.create(configured).getRawPath();
    if ((path == null || path.isEmpty() || path.equals("/")) && !contextPath.isEmpty()) {
      // The public URL of a Boot app with a context path includes it.
      String root =
          configured.endsWith("/") ? configured.substring(0, configured.length() - 1) : configured;
      return BaseUrl.of(root + (contextPath.startsWith("/") ? "" : "/") + contextPath);
    }
    return BaseUrl.of(configured);
  }

  /**
   * The configured key ring, read once: the app's {@link KeySource} bean, else {@code
   * oauth-dropins.keys}, {@code oauth-dropins.keys-file}, {@code OAUTH_DROPINS_KEYS} or the file
   * {@code oauth_dropins_keys}; none for the embedded store's own key file.
   */
  @Bean
  ConfiguredRing oauthDropinsKeys(
      OAuthDropinsProperties properties, ObjectProvider<KeySource> keySource) {
    return new ConfiguredRing(
        ConfiguredKeys.of(keySource.getIfUnique(), properties.keys(), properties.keysFile()));
  }

  @Bean(destroyMethod = "close")
  @ConditionalOnMissingBean
  AuthStore oauthDropinsStore(
      OAuthDropinsProperties properties,
      ObjectProvider<DataSource> dataSource,
      ConfiguredRing keys,
      BaseUrl baseUrl) {
    return Stores.create(properties.store(), dataSource.getIfUnique(), keys.ring(), baseUrl);
  }

  /**
   * Sealed with the store's ring, so that one ring serves both; an app's own store that seals
   * nothing leaves the configured ring to the cookie.
   */
  @Bean
  @ConditionalOnMissingBean
  Logins oauthDropinsLogins(
      AuthStore store, ConfiguredRing keys, OAuthDropinsProperties properties) {
    Logins logins =
        store.keyRing().isPresent()
            ? Logins.forStore(store)
            : Logins.withKeys(
                ConfiguredKeys.required(
                    keys.ring(), "The logins cookie (the app's AuthStore seals nothing)"));
    return logins.withMaxAge(properties.logins().maxAge());
  }

  /** The ring of the configuration, if it names one. */
  record ConfiguredRing(Optional<KeyRing> ring) {
    @Override
    public String toString() {
      return "ConfiguredRing" + ring.map(KeyRing::toString).orElse("[none]");
    }
  }

  @Bean(destroyMethod = "close")
  DropinSandbox oauthDropinsSandbox(
      OAuthDropinsProperties properties, BaseUrl baseUrl, ApplicationContext context) {
    return DropinSandbox.create(properties, baseUrl, context.getClassLoader());
  }

  @Bean
  DropinSites oauthDropinsSites(
      OAuthDropinsProperties properties,
      DropinSandbox sandbox,
      BaseUrl baseUrl,
      AuthStore store,
      Logins logins,
      ObjectProvider<Finish> finish,
      ObjectProvider<Site<?>> appSites,
      ObjectProvider<LoginListener> listenerBeans) {
    LoginListener listener = LoginListener.all(listenerBeans.orderedStream().toList());
    Finish f = finish.getIfUnique(() -> Finish.redirectTo(properties.finishPath()));
    List<Mount> mounts = new ArrayList<>();
    List<SiteConfigurer.Configured> configured =
        sandbox.on()
            ? sandbox.sites(properties.sites(), listener)
            : SiteConfigurer.sites(properties.sites(), listener, baseUrl);
    for (SiteConfigurer.Configured c : configured) {
      mounts.add(mount(properties, baseUrl, store, logins, f, c, listener));
    }
    appSites
        .orderedStream()
        .forEach(
            s -> {
              // An app's own site keeps the listener it was built with, if any.
              LoginListener l = s.listener() == LoginListener.NONE ? listener : s.listener();
              mounts.add(
                  mount(
                      properties,
                      baseUrl,
                      store,
                      logins,
                      f,
                      new SiteConfigurer.Configured(s, List.of(), null),
                      l));
            });
    LOG.info(
        "oauth-dropins: {} site(s) mounted: {}; base URL {}",
        mounts.size(),
        mounts.stream().map(m -> m.site().name()).toList(),
        baseUrl);
    return new DropinSites(mounts, store, properties.buttonPath(), sandbox);
  }

  private static Mount mount(
      OAuthDropinsProperties p,
      BaseUrl baseUrl,
      AuthStore store,
      Logins logins,
      Finish finish,
      SiteConfigurer.Configured c,
      LoginListener listener) {
    Site<?> site = c.site();
    Mount.Builder b =
        Mount.builder(baseUrl, site, store)
            .finish(finish)
            .logins(logins)
            .paths(
                p.startPath().replace("{site}", site.name()),
                p.callbackPath().replace("{site}", site.name()))
            .passwordPath(p.passwordPath().replace("{site}", site.name()))
            .scopes(c.scopes())
            .listener(listener)
            .pendingLogins(p.pendingLogins().storage())
            .routePath("disconnect", p.disconnect().path().replace("{site}", site.name()))
            .deleteEvenIfRevocationFails(p.disconnect().deleteEvenIfRevocationFails());
    if (c.allowedScopes() != null) {
      b.allowedScopes(c.allowedScopes());
    }
    return b.build();
  }

  @Bean
  ServletContextInitializer oauthDropinsServlets(DropinSites sites) {
    return context -> {
      for (Mount m : sites.mounts()) {
        String name = "oauth-dropins-" + m.site().name();
        context
            .addServlet(name + "-start", new DropinServlet(m.start()::handle))
            .addMapping(m.startPath());
        context
            .addServlet(name + "-callback", new DropinServlet(m.callback()::handle))
            .addMapping(m.callbackPath());
        DropinServlets.mountRoutes(context, name, m);
      }
      context
          .addServlet("oauth-dropins-buttons", new ButtonServlet(sites.sites()))
          .addMapping(sites.buttonPath() + "/*");
    };
  }
}
