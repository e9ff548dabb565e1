package org.oauthdropins.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.oauthdropins.AuthEntity;
import org.oauthdropins.errors.ProviderException;
import org.oauthdropins.http.HttpResult;
import org.oauthdropins.internal.http.Form;
import org.oauthdropins.sites.threads.Threads;
import org.oauthdropins.sites.threads.ThreadsAuth;
import org.oauthdropins.store.AccessToken;
import org.oauthdropins.store.Key;

/** The whole Threads login over loopback HTTP, against the fake Threads. */
class ThreadsFlowTest {

  private final MutableClock clock = new MutableClock();
  private final FakeThreads threads = new FakeThreads(clock);
  private final SiteFlow<ThreadsAuth> flow = new SiteFlow<>(threads, Threads::create);

  @AfterEach
  void tearDown() {
    flow.close();
  }

  @Test
  void approveStoresTheUserWithALongLivedToken() {
    Browser.Page consent = flow.start("app-state");
    assertThat(consent.query())
        .containsEntry("client_id", "fake-threads-app")
        .containsEntry("scope", "threads_basic")
        .doesNotContainKey("code_challenge");

    Browser.Page done = flow.browser.click(consent, "Approve");

    // The fake appended #_ to the code redirect, as Threads does.
    assertThat(done.redirects().get(done.redirects().size() - 1).toString()).endsWith("#_");
    String token = done.query().get("access_token");
    assertThat(threads.graph.isLongLived(token)).isTrue();
    assertThat(done.query()).containsEntry("state", "app-state").doesNotContainKey("refresh_token");
    AuthEntity auth = flow.entity(done);
    assertThat(auth).isInstanceOf(ThreadsAuth.class);
    assertThat(auth.key()).isEqualTo(new Key("ThreadsAuth", "25000000000000004"));
    assertThat(auth.userDisplayName()).isEqualTo("ada_threads");
    assertThat(auth.imageUrl()).isEqualTo("https://scontent.cdninstagram.com/v/t51/ada.jpg");
    assertThat(auth.userJson().path("threads_biography").asText()).isEqualTo("First programmer");
    // Renewal is due a week before the 60 days run out.
    assertThat(auth.record().expiresAt())
        .isCloseTo(
            Instant.now().plusSeconds(MetaGraph.LONG_LIVED_SECONDS).minus(Duration.ofDays(7)),
            within(1, ChronoUnit.MINUTES));
  }

  @Test
  void codeWithTheHashSuffixStillWorks() throws Exception {
    Browser.Page consent = flow.start("s");
    // Approve without following the redirect, to hand the code on with its suffix, as an app that
    // receives the fragment along with the query would.
    Map<String, String> form = new LinkedHashMap<>(consent.query());
    form.put("decision", "approve");
    HttpResponse<String> approved =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(threads.url().resolve("/oauth/authorize"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(Form.encode(form)))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    URI location = URI.create(approved.headers().firstValue("Location").orElseThrow());
    assertThat(location.getRawFragment()).isEqualTo("_");
    String code = Form.decode(location.getRawQuery()).get("code");
    Browser.Page done = flow.callback(consent, "code=" + code + "%23_");
    assertThat(flow.entity(done).keyId()).isEqualTo("25000000000000004");
  }

  @Test
  void dueTokenIsRenewedOnSendAndWrittenBack() {
    AuthEntity auth = flow.entity(flow.approve("s"));
    String first = ((AccessToken.Bearer) auth.accessToken()).value();
    // 55 days on: renewal is due, and the site still accepts the token.
    clock.advance(Duration.ofDays(55));
    flow.expire(auth, Instant.now().minusSeconds(1));
    AuthEntity stale = flow.site.load(flow.app.store(), auth.key()).orElseThrow();

    HttpResult me = stale.get(threads.url() + "/v1.0/me?fields=username");

    assertThat(me.status()).isEqualTo(200);
    assertThat(me.json().path("username").asText()).isEqualTo("ada_threads");
    String renewed = ((AccessToken.Bearer) stale.accessToken()).value();
    assertThat(renewed).isNotEqualTo(first);
    assertThat(threads.graph.isLongLived(renewed)).isTrue();
    AuthEntity stored = flow.site.load(flow.app.store(), auth.key()).orElseThrow();
    assertThat(stored.accessToken()).isEqualTo(new AccessToken.Bearer(renewed));
    assertThat(stored.record().expiresAt()).isAfter(Instant.now().plus(Duration.ofDays(50)));
  }

  @Test
  void renewalOfATokenThreadsNoLongerAcceptsIsAProviderError() {
    AuthEntity auth = flow.entity(flow.approve("s"));
    clock.advance(Duration.ofDays(61));
    flow.expire(auth, Instant.now().minusSeconds(1));
    AuthEntity stale = flow.site.load(flow.app.store(), auth.key()).orElseThrow();
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> stale.get(threads.url() + "/v1.0/me"))
        .isInstanceOf(ProviderException.class)
        .hasMessageContaining("threads");
  }

  @Test
  void failedLongLivedExchangeIsA502AndStoresNothing() {
    threads.oauth().failNextToken(FakeResponse.json(200, Map.of("access_token", "not-a-token")));
    SiteFlow.assertProviderFailure(flow.approve("s"), "threads token endpoint answered HTTP 400");
    assertThat(flow.app.store().get(new Key("ThreadsAuth", "25000000000000004"))).isEmpty();
  }
}
