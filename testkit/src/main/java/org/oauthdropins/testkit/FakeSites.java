package org.oauthdropins.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Starts the named sites' fakes on loopback before each test and stops them after it: an app's own
 * login tests, offline, against the real site code (the answer to OmniAuth's {@code test_mode},
 * without mocking the library away). Names are the library's site names ({@code github}, {@code
 * mastodon}, {@code google_signin}...; {@link Fakes#names()} lists them).
 *
 * <p>A test method may take a {@link TestSites} (the sites, their fakes and options, and a ready
 * {@link TestApp}), a fresh {@link Browser}, or a fake by its type ({@code FakeGitHub github}):
 *
 * <pre>{@code
 * @FakeSites({"github", "mastodon"})
 * class LoginTest {
 *   @Test
 *   void aUserSignsInWithGitHub(TestSites sites, Browser browser) {
 *     Browser.Page done = sites.login(browser, "github");
 *     AuthEntity user = sites.entity("github", done);
 *     assertEquals("The Octocat", user.userDisplayName());
 *   }
 * }
 * }</pre>
 *
 * <p>On a class, it holds for every test; on a method, it replaces the class's list for that test.
 * Each test gets fresh fakes, so nothing one test does at a fake leaks into the next. Needs JUnit
 * Jupiter on the test classpath, as any JUnit 5 test has.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@ExtendWith(FakeSitesExtension.class)
public @interface FakeSites {

  /** The sites whose fakes to start. */
  String[] value();
}
