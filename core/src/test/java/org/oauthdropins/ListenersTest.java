package org.oauthdropins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.oauthdropins.errors.BadRequestException;
import org.oauthdropins.errors.ProviderException;
import org.oauthdropins.errors.StoreUnavailableException;
import org.oauthdropins.sites.Sites;

/** How the library calls an app's {@link LoginListener}. */
class ListenersTest {

  @Test
  void severalListenersAsOneHearEveryEventInTheirOrderNoneIsNoneAndOneIsItself() {
    List<String> heard = new ArrayList<>();
    LoginListener first = e -> heard.add("first " + e.outcome());
    LoginListener second = e -> heard.add("second " + e.outcome());

    LoginListener.all(List.of(first, second))
        .onEvent(new LoginEvent.Started("github", java.time.Duration.ZERO));

    assertThat(heard).containsExactly("first started", "second started");
    assertThat(LoginListener.all(List.of())).isSameAs(LoginListener.NONE);
    assertThat(LoginListener.all(List.of(first))).isSameAs(first);
  }

  @Test
  void withoutAListenerNothingIsTimedOrMade() {
    Listeners none = Listeners.of(LoginListener.NONE);
    assertThat(none.active()).isFalse();
    assertThat(Listeners.of(null).active()).isFalse();
    assertThat(none.now()).isZero();
    none.report(
        0,
        "github",
        (site, d) -> {
          throw new AssertionError("an event was made without a listener");
        });
  }

  @Test
  void aListenerHearsEventsWithTheSiteAndTheFailureClassOnly() {
    List<LoginEvent> heard = new ArrayList<>();
    Listeners l = Listeners.of(heard::add);
    long t0 = l.now();
    l.report(t0, "github", LoginEvent.Started::new);
    l.failed(
        "github",
        LoginEvent.Stage.CALLBACK,
        new ProviderException("github answered: secret-ish text", null),
        t0);

    assertThat(heard).hasSize(2);
    assertThat(heard.get(0).outcome()).isEqualTo("started");
    LoginEvent.Failed failed = (LoginEvent.Failed) heard.get(1);
    assertThat(failed.failure()).isEqualTo(LoginEvent.Failure.PROVIDER);
    assertThat(failed.outcome()).isEqualTo("failed");
    assertThat(failed.toString()).doesNotContain("secret-ish");
  }

  @Test
  void aListenerThatThrowsIsContainedEveryTime() {
    LoginListener broken =
        e -> {
          throw new IllegalStateException("bug");
        };
    Listeners a = Listeners.of(broken);
    Listeners b = Listeners.of(broken);
    assertThatCode(
            () -> {
              a.report(a.now(), "github", LoginEvent.Started::new);
              a.report(a.now(), "github", LoginEvent.Succeeded::new);
              b.report(b.now(), "github", LoginEvent.Declined::new);
            })
        .doesNotThrowAnyException();
  }

  /**
   * Each site's factory passes its options' listener on by hand (issue 11 is to move that into one
   * base); a factory that forgot would lose every event of its site without a sound.
   */
  @Test
  void everyShippedSiteHearsTheListenerOfItsOptions() {
    LoginListener mine = e -> {};
    SiteOptions options =
        SiteOptions.defaults()
            .withCredentials(new Credentials("client-id", "client-secret"))
            // The tenant and instance sites have no default: they start once one is named.
            .withBase("realm", "https://sso.example.org/realms/main")
            .withBase("issuer", "https://tenant.example.org/oauth2/default")
            .withBase("domain", "https://tenant.example.org")
            .withBase("web", "https://cloud.example.org")
            .withListener(mine);
    for (SiteFactory factory : Sites.ALL) {
      // Apple's secret is the app's key, read at start-up: a string that is not one fails there.
      SiteOptions o =
          factory.name().equals("apple")
              ? options.withCredentials(new Credentials("client-id", appleKeyFile()))
              : options;
      assertThat(factory.create(o).listener()).as(factory.name()).isSameAs(mine);
    }
  }

  /** A Sign in with Apple key file as the site reads it: ids above a PKCS #8 PEM block. */
  static String appleKeyFile() {
    try {
      byte[] der =
          new com.nimbusds.jose.jwk.gen.ECKeyGenerator(com.nimbusds.jose.jwk.Curve.P_256)
              .generate()
              .toECPrivateKey()
              .getEncoded();
      return "team_id: T\nkey_id: K\n-----BEGIN PRIVATE KEY-----\n"
          + java.util.Base64.getMimeEncoder().encodeToString(der)
          + "\n-----END PRIVATE KEY-----\n";
    } catch (com.nimbusds.jose.JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void failureClassesFollowTheExceptionTypes() {
    assertThat(LoginEvent.Failure.of(new BadRequestException("x")).tag()).isEqualTo("BadRequest");
    assertThat(LoginEvent.Failure.of(new StoreUnavailableException("x", null)).tag())
        .isEqualTo("StoreUnavailable");
    assertThat(LoginEvent.Failure.of(new IllegalStateException()).tag()).isEqualTo("Unexpected");
  }
}
