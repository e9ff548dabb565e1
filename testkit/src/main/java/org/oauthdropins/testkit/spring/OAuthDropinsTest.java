package org.oauthdropins.testkit.spring;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.test.context.ContextCustomizerFactories;

/**
 * Points a {@code @SpringBootTest} app's oauth-dropins starter at the testkit's fakes of the named
 * sites: an app's login tests, offline, through its real configuration and the real site code.
 *
 * <p>The fakes start once per Spring context (Spring caches a context per configuration, so the
 * test classes that share one share its fakes) and stop when the context closes. The test's
 * environment gets each site's {@code oauth-dropins.sites.<id>.*} properties for its fake (the
 * credentials it accepts, its base URLs, and for sites the user names a server of, such as Mastodon
 * and Bluesky, {@code allow-loopback=true}), ahead of the app's own; nothing outside that context
 * is relaxed. Once the server listens, the app's callback URLs are registered with the fakes, as an
 * app's settings page at a site does. Unless the app's configuration names a store directory, each
 * context keeps its logins in an embedded store of its own, deleted with it. A test may inject each
 * fake by its type ({@code @Autowired FakeGitHub github}) and a fresh {@link
 * org.oauthdropins.testkit.Browser} per injection:
 *
 * <pre>{@code
 * @SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
 * @OAuthDropinsTest({"github", "mastodon"})
 * class LoginTest {
 *   @LocalServerPort int port;
 *   @Autowired Browser browser;
 *
 *   @Test
 *   void signsInWithGitHub() {
 *     Browser.Page home = browser.get(URI.create("http://localhost:" + port + "/"));
 *     Browser.Page consent = browser.submitForm(home, "/github/start", Map.of());
 *     Browser.Page done = browser.click(consent, "Approve");
 *   }
 * }
 * }</pre>
 *
 * <p>Names are the library's site ids ({@code github}, {@code google_signin}, {@code mastodon}...;
 * {@link org.oauthdropins.testkit.Fakes#names()} lists those with a fake). Needs the oauth-dropins
 * Spring Boot starter in the app and Spring's test support ({@code spring-boot-starter-test}) on
 * the test classpath. For tests without Spring, use {@link org.oauthdropins.testkit.FakeSites}.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@ContextCustomizerFactories(FakeSitesContextCustomizerFactory.class)
public @interface OAuthDropinsTest {

  /** The sites whose fakes to start, by id. */
  String[] value();
}
