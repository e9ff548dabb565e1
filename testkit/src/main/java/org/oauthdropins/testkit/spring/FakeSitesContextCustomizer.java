package org.oauthdropins.testkit.spring;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.oauthdropins.testkit.Browser;
import org.oauthdropins.testkit.Fake;
import org.oauthdropins.testkit.Fakes;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.ContextRefreshedEvent;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.MergedContextConfiguration;

/**
 * Starts the fakes of one Spring test context, points the starter's properties at them, exposes
 * them and a {@link Browser} as beans, registers the app's callbacks once it listens, and stops the
 * fakes with the context. Equal for equal site lists, so Spring's context cache shares contexts.
 *
 * @param names the sites' ids
 */
record FakeSitesContextCustomizer(List<String> names) implements ContextCustomizer {

  FakeSitesContextCustomizer {
    names = List.copyOf(names);
  }

  @Override
  public void customizeContext(
      ConfigurableApplicationContext context, MergedContextConfiguration config) {
    for (String name : names) {
      if (!Fakes.names().contains(name)) {
        throw new IllegalArgumentException(
            "@OAuthDropinsTest names '" + name + "', which has no fake; fakes: " + Fakes.names());
      }
    }
    Map<String, Fake> fakes = new LinkedHashMap<>();
    names.forEach(n -> fakes.put(n, Fakes.start(n).orElseThrow()));
    Map<String, Object> properties = new LinkedHashMap<>();
    fakes.values().forEach(f -> properties.putAll(FakeSiteProperties.of(f)));
    ConfigurableEnvironment env = context.getEnvironment();
    env.getPropertySources()
        .addFirst(new MapPropertySource("oauth-dropins-test-fakes", properties));
    // Each context its own embedded store (two cached contexts cannot share one H2 file), unless
    // the app's configuration names one.
    Path store = temporaryDirectory();
    env.getPropertySources()
        .addLast(
            new MapPropertySource(
                "oauth-dropins-test-store",
                Map.of("oauth-dropins.store.directory", store.toString())));
    fakes.forEach((n, f) -> context.getBeanFactory().registerSingleton("oauthDropinsFake-" + n, f));
    if (context instanceof BeanDefinitionRegistry registry) {
      RootBeanDefinition browser = new RootBeanDefinition(Browser.class);
      // A new browser, with no cookies, for each test instance that injects one.
      browser.setScope(BeanDefinition.SCOPE_PROTOTYPE);
      registry.registerBeanDefinition("oauthDropinsTestBrowser", browser);
    }
    context.addApplicationListener(
        (ApplicationListener<ApplicationEvent>)
            event -> {
              if (event instanceof ContextRefreshedEvent refreshed
                  && refreshed.getApplicationContext() == context) {
                register(context.getEnvironment(), fakes);
              } else if (event instanceof ContextClosedEvent closed
                  && closed.getApplicationContext() == context) {
                fakes.values().forEach(Fake::close);
                delete(store);
              }
            });
  }

  private static Path temporaryDirectory() {
    try {
      return Files.createTempDirectory("oauth-dropins-test-store");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void delete(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // A test store left in the temporary directory harms nothing.
    }
  }

  /**
   * Registers each site's callback URL with its fake, as the app's settings at the real site do:
   * under the base URL if one is set, else under localhost and 127.0.0.1 at the server's port.
   */
  private static void register(Environment env, Map<String, Fake> fakes) {
    String port = env.getProperty("local.server.port");
    String base = env.getProperty("oauth-dropins.base-url");
    String contextPath = env.getProperty("server.servlet.context-path", "");
    List<String> origins = new ArrayList<>();
    if (base != null && !base.isBlank()) {
      origins.add(base.endsWith("/") ? base.substring(0, base.length() - 1) : base);
    } else if (port != null) {
      origins.add("http://localhost:" + port + contextPath);
      origins.add("http://127.0.0.1:" + port + contextPath);
    }
    String callback = env.getProperty("oauth-dropins.callback-path", "/{site}/oauth_callback");
    fakes.forEach(
        (name, fake) ->
            origins.forEach(
                o -> fake.registerRedirectUri(URI.create(o + callback.replace("{site}", name)))));
  }
}
