package org.oauthdropins.quarkus.deployment;

import java.net.URI;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.oauthdropins.AuthEntity;
import org.oauthdropins.Credentials;
import org.oauthdropins.Logins;
import org.oauthdropins.SiteOptions;
import org.oauthdropins.http.JdkTransport;
import org.oauthdropins.keys.KeyRing;
import org.oauthdropins.sites.github.GitHub;
import org.oauthdropins.store.AccessToken;
import org.oauthdropins.store.AuthRecord;
import org.oauthdropins.store.Key;
import org.oauthdropins.store.memory.MemoryStore;
import org.oauthdropins.web.Cookie;
import org.oauthdropins.web.WebRequest;

/** Which ring the app's logins cookie is sealed under. */
final class SealedCookie {

  private SealedCookie() {}

  /**
   * A fixed ring for the app's configuration: a test class is loaded twice (by JUnit and by the
   * Quarkus app), so a ring made at class initialisation would differ between the two.
   */
  static final String RING = "5:" + "KioqKioqKioqKioqKioqKioqKioqKioqKioqKioqKio=";

  /** Whether a cookie the app's Logins writes opens under this ring alone. */
  static boolean opensUnder(Logins logins, KeyRing ring) {
    AuthEntity ada =
        GitHub.create(new SiteOptions(Map.of(), new Credentials("id", "s"), JdkTransport.shared()))
            .entity(
                new AuthRecord(
                    new Key("GitHubAuth", "ada"),
                    "github",
                    new AccessToken.Bearer("t"),
                    null,
                    null,
                    "{\"login\":\"ada\"}",
                    null,
                    Instant.now(),
                    Instant.now()),
                new MemoryStore(ring));
    Cookie c = logins.add(request(Map.of()), ada);
    return Logins.withKeys(ring)
        .verify(request(Map.of(c.name(), c.value())), ada.key().urlsafe())
        .isPresent();
  }

  private static WebRequest request(Map<String, String> cookies) {
    return new WebRequest() {
      @Override
      public URI url() {
        return URI.create("http://localhost/after");
      }

      @Override
      public String method() {
        return "GET";
      }

      @Override
      public Optional<String> header(String name) {
        return Optional.empty();
      }

      @Override
      public Optional<String> parameter(String name) {
        return Optional.empty();
      }

      @Override
      public Optional<String> cookie(String name) {
        return Optional.ofNullable(cookies.get(name));
      }
    };
  }
}
