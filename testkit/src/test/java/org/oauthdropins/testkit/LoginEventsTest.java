package org.oauthdropins.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.oauthdropins.AuthEntity;
import org.oauthdropins.LoginEvent;
import org.oauthdropins.LoginEvent.Failure;
import org.oauthdropins.LoginEvent.Stage;
import org.oauthdropins.sites.dropbox.Dropbox;
import org.oauthdropins.sites.dropbox.DropboxAuth;

/**
 * What a {@link org.oauthdropins.LoginListener} hears of real logins over loopback HTTP against the
 * fake Dropbox (a site that refreshes tokens), set once on the site's options.
 */
class LoginEventsTest {

  private final List<LoginEvent> events = new CopyOnWriteArrayList<>();
  private final FakeDropbox dropbox = new FakeDropbox();
  private final SiteFlow<DropboxAuth> flow =
      new SiteFlow<>(dropbox, o -> Dropbox.create(o.withListener(events::add)));

  @AfterEach
  void tearDown() {
    flow.close();
  }

  private List<String> outcomes() {
    return events.stream().map(LoginEvent::outcome).toList();
  }

  @Test
  void anApprovedLoginReportsStartedThenSucceededWithTheSiteAndADuration() {
    Browser.Page done = flow.approve("s");

    assertThat(done.query()).containsKey("auth_entity");
    assertThat(outcomes()).containsExactly("started", "succeeded");
    assertThat(events).allSatisfy(e -> assertThat(e.site()).isEqualTo("dropbox"));
    assertThat(events)
        .allSatisfy(
            e -> assertThat(e.duration()).isPositive().isLessThan(java.time.Duration.ofMinutes(1)));
  }

  @Test
  void aDeclineReportsDeclined() {
    flow.browser.click(flow.start("s"), "Deny");

    assertThat(events.get(1)).isInstanceOf(LoginEvent.Declined.class);
    assertThat(outcomes()).containsExactly("started", "declined");
  }

  @Test
  void aForgedStateReportsAFailedCallbackOfClassBadRequestAndNothingElse() {
    flow.start("s");
    Browser.Page answer =
        flow.browser.get(flow.app.url("/dropbox/oauth_callback?code=x&state=forged-state"));

    assertThat(answer.status()).isEqualTo(400);
    assertThat(events)
        .element(1)
        .isInstanceOfSatisfying(
            LoginEvent.Failed.class,
            f -> {
              assertThat(f.stage()).isEqualTo(Stage.CALLBACK);
              assertThat(f.failure()).isEqualTo(Failure.BAD_REQUEST);
              assertThat(f.failure().tag()).isEqualTo("BadRequest");
            });
    assertThat(outcomes()).containsExactly("started", "failed");
  }

  @Test
  void aProviderErrorReportsAFailedCallbackOfClassProviderWithoutItsText() {
    dropbox.oauth().failNextToken(FakeResponse.text(500, "database on fire at 10.0.0.7"));

    Browser.Page answer = flow.approve("s");

    assertThat(answer.status()).isEqualTo(502);
    LoginEvent.Failed failed = (LoginEvent.Failed) events.get(1);
    assertThat(failed.stage()).isEqualTo(Stage.CALLBACK);
    assertThat(failed.failure()).isEqualTo(Failure.PROVIDER);
    // An event holds only the site, the class and a duration: no provider text can ride in it.
    assertThat(failed.toString()).doesNotContain("fire").doesNotContain("10.0.0.7");
  }

  @Test
  void aTokenRefreshOfAStoredLoginReportsRefreshedToTheSitesListener() {
    AuthEntity auth = flow.entity(flow.approve("s"));
    events.clear();

    assertThat(auth.refresh()).isTrue();

    assertThat(events).singleElement().isInstanceOf(LoginEvent.Refreshed.class);
    assertThat(events.get(0).site()).isEqualTo("dropbox");
  }

  @Test
  void aRefusedRefreshReportsAFailedRefreshOfClassProvider() {
    AuthEntity auth = flow.entity(flow.approve("s"));
    events.clear();
    dropbox.oauth().failNextToken(FakeResponse.text(500, "no"));

    try {
      auth.refresh();
    } catch (org.oauthdropins.errors.ProviderException expected) {
      // the caller sees the failure; the listener hears its class
    }

    assertThat(events)
        .singleElement()
        .isEqualTo(
            new LoginEvent.Failed(
                "dropbox", Stage.REFRESH, Failure.PROVIDER, events.get(0).duration()));
  }

  @Test
  void aListenerThatThrowsNeverBreaksALogin() {
    AtomicInteger heard = new AtomicInteger();
    FakeDropbox other = new FakeDropbox();
    try (SiteFlow<DropboxAuth> throwing =
        new SiteFlow<>(
            other,
            o ->
                Dropbox.create(
                    o.withListener(
                        e -> {
                          heard.incrementAndGet();
                          throw new IllegalStateException("listener bug");
                        })))) {
      Browser.Page first = throwing.approve("one");
      Browser.Page second = throwing.approve("two");

      assertThat(first.query()).containsKey("auth_entity").containsEntry("state", "one");
      assertThat(second.query()).containsKey("auth_entity").containsEntry("state", "two");
      assertThat(heard).hasValue(4);
    }
  }
}
