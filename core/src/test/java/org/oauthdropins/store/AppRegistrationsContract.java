package org.oauthdropins.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.oauthdropins.errors.StoreUnavailableException;
import org.oauthdropins.internal.secrets.Secrets;
import org.oauthdropins.keys.KeyRing;

/**
 * What every {@link AppRegistrations} promises, the rules as test names: the first registration
 * wins, replacing is a compare-and-set on the client id, racing servers agree on one, and an
 * expired registration is absent and swept. Run on every implementation by a nested subclass in its
 * test class.
 */
public abstract class AppRegistrationsContract extends StoreContract {

  private AppRegistrations apps;

  @BeforeEach
  void theRegistrations() {
    apps = store.registrations();
  }

  @Test
  void appRegistrationFirstOneWins() {
    String instance = "https://" + Secrets.random(6).toLowerCase() + ".example/";
    assertThat(apps.get("mastodon", instance)).isEmpty();
    AppRegistration first =
        apps.putIfAbsent(
            new AppRegistration(
                "mastodon", instance, "id1", "secret1", "{\"client_id\":\"id1\"}", null));
    assertThat(first.created()).isEqualTo(clock.instant());
    AppRegistration second =
        apps.putIfAbsent(new AppRegistration("mastodon", instance, "id2", "s2", null, null));
    assertThat(second.clientId()).isEqualTo("id1");
    AppRegistration read = apps.get("mastodon", instance).orElseThrow();
    assertThat(read.clientId()).isEqualTo("id1");
    assertThat(read.clientSecret()).isEqualTo("secret1");
    assertThat(read.created()).isEqualTo(first.created());
    // Another site at the same instance is another registration.
    assertThat(apps.get("pixelfed", instance)).isEmpty();

    assertThat(apps.delete("mastodon", instance)).isTrue();
    assertThat(apps.get("mastodon", instance)).isEmpty();
    assertThat(apps.delete("mastodon", instance)).isFalse();
  }

  @Test
  void concurrentAppRegistrationsAgreeOnOne() throws Exception {
    String instance = "https://" + Secrets.random(6).toLowerCase() + ".example/";
    List<AppRegistration> results =
        race(
            i -> new AppRegistration("mastodon", instance, "id" + i, "secret" + i, null, null),
            apps::putIfAbsent);
    Set<String> ids = new HashSet<>();
    results.forEach(r -> ids.add(r.clientId()));
    assertThat(ids).hasSize(1);
    assertThat(apps.get("mastodon", instance).orElseThrow().clientId()).isIn(ids);
  }

  @Test
  void replaceAppIsACompareAndSetOnTheClientId() {
    String instance = "https://" + Secrets.random(6).toLowerCase() + ".example";
    assertThat(
            apps.replace("id1", new AppRegistration("mastodon", instance, "id2", "s2", null, null)))
        .as("nothing to replace")
        .isEmpty();
    assertThat(apps.get("mastodon", instance)).isEmpty();
    AppRegistration first =
        apps.putIfAbsent(new AppRegistration("mastodon", instance, "id1", "s1", null, null));

    clock.advance(Duration.ofMinutes(5));
    AppRegistration second =
        store
            .replaceApp("id1", new AppRegistration("mastodon", instance, "id2", "s2", "{}", null))
            .orElseThrow();
    assertThat(second.clientId()).isEqualTo("id2");
    assertThat(second.clientSecret()).isEqualTo("s2");
    assertThat(second.created()).isEqualTo(clock.instant()).isAfter(first.created());
    // A writer that still expects id1 lost the race and changes nothing.
    AppRegistration stale =
        store
            .replaceApp("id1", new AppRegistration("mastodon", instance, "id3", "s3", null, null))
            .orElseThrow();
    assertThat(stale.clientId()).isEqualTo("id2");
    assertThat(apps.get("mastodon", instance).orElseThrow().clientId()).isEqualTo("id2");

    // The same client id with a later expiry and its own created time: a touch.
    Instant later = clock.instant().plus(Duration.ofDays(90));
    AppRegistration touched = apps.replace("id2", second.withExpiresAt(later)).orElseThrow();
    assertThat(touched.expiresAt()).isEqualTo(later);
    assertThat(touched.created()).isEqualTo(second.created());
    assertThat(apps.get("mastodon", instance)).contains(touched);
  }

  @Test
  void concurrentReplacementsOfOneRegistrationAgreeOnOne() throws Exception {
    String instance = "https://" + Secrets.random(6).toLowerCase() + ".example";
    apps.putIfAbsent(new AppRegistration("mastodon", instance, "gone", "s", null, null));
    List<Optional<AppRegistration>> results =
        race(
            i -> new AppRegistration("mastodon", instance, "id" + i, "secret" + i, null, null),
            r -> apps.replace("gone", r));
    Set<String> ids = new HashSet<>();
    results.forEach(r -> ids.add(r.orElseThrow().clientId()));
    assertThat(ids).hasSize(1);
    assertThat(apps.get("mastodon", instance).orElseThrow().clientId()).isIn(ids);
  }

  @Test
  void anExpiredRegistrationIsAbsentAndSweptWhenAnotherIsStored() {
    String old = "https://" + Secrets.random(6).toLowerCase() + ".example";
    String fresh = "https://" + Secrets.random(6).toLowerCase() + ".example";
    String kept = "https://" + Secrets.random(6).toLowerCase() + ".example";
    Instant expiry = clock.instant().plus(Duration.ofDays(1));
    AppRegistration stored =
        apps.putIfAbsent(new AppRegistration("mastodon", old, "id1", "s1", null, null, expiry));
    assertThat(stored.expiresAt()).isEqualTo(expiry);
    apps.putIfAbsent(new AppRegistration("pixelfed", kept, "k", "k", null, null));
    assertThat(apps.get("mastodon", old)).contains(stored);

    clock.advance(Duration.ofDays(1));
    assertThat(apps.get("mastodon", old)).as("expired").isEmpty();
    // A new registration takes the expired one's place.
    assertThat(
            store
                .putAppIfAbsent(new AppRegistration("mastodon", old, "id2", "s2", null, null))
                .clientId())
        .isEqualTo("id2");
    apps.putIfAbsent(new AppRegistration("mastodon", fresh, "id3", "s3", null, null));
    assertThat(apps.get("mastodon", fresh)).isPresent();
    assertThat(apps.get("pixelfed", kept)).as("no expiry, kept").isPresent();
  }

  @Test
  void librarySecretRegistration() {
    String instance = "logins-cookie-key-" + Secrets.random(4);
    AppRegistration stored =
        apps.putIfAbsent(
            new AppRegistration("oauth-dropins", instance, "hmac", "k".repeat(43), null, null));
    assertThat(apps.get("oauth-dropins", instance)).contains(stored);
  }

  // ---- the store is down

  @Test
  @SuppressWarnings("try") // closing an outage may be interrupted; the test declares Exception
  void aStoreThatIsDownFailsClearlyAndWritesNothing() throws Exception {
    try (Outage outage = outageOrSkip()) {
      AppRegistrations s = outage.store().registrations();
      String instance = "https://down-" + Secrets.random(6).toLowerCase() + ".example/";
      outage.down();
      List<Runnable> calls =
          List.of(
              () -> s.get("mastodon", instance),
              () -> s.putIfAbsent(new AppRegistration("mastodon", instance, "i", "s", null, null)),
              () -> s.replace("i", new AppRegistration("mastodon", instance, "j", "s", null, null)),
              () -> s.delete("mastodon", instance));
      for (Runnable call : calls) {
        failsClearly(call);
      }
      assertThat(apps.get("mastodon", instance)).isEmpty();
    }
  }

  // ---- sealed at rest

  private static AppRegistration withSecrets(String instance, List<String> secrets) {
    String secret = "client-secret-" + Secrets.random(12);
    String vapid = "vapid-" + Secrets.random(12);
    secrets.addAll(List.of(secret, vapid));
    return new AppRegistration(
        "mastodon",
        instance,
        "client-" + Secrets.random(6),
        secret,
        "{\"name\":\"app\",\"client_secret\":\"" + secret + "\",\"vapid_key\":\"" + vapid + "\"}",
        null);
  }

  @Test
  void noClientSecretIsInTheBackend() throws Exception {
    try (Scratch scratch = backend().scratch()) {
      AppRegistrations sealed = scratch.open(clock, KeyRing.generate()).registrations();
      List<String> secrets = new java.util.ArrayList<>();
      String instance = "https://" + Secrets.random(8).toLowerCase() + ".example/";
      AppRegistration app = sealed.putIfAbsent(withSecrets(instance, secrets));
      assertThat(sealed.get("mastodon", instance)).contains(app);
      assertThat(app.clientSecret()).isEqualTo(secrets.get(0));
      assertJsonEquals(
          app.dataJson(),
          "{\"name\":\"app\",\"client_secret\":\""
              + secrets.get(0)
              + "\",\"vapid_key\":\""
              + secrets.get(1)
              + "\"}");

      String dump = scratch.dump();
      assertThat(dump).contains(instance).contains(app.clientId());
      for (String secret : secrets) {
        assertThat(dump).as("the backend's copy").doesNotContain(secret);
      }
    }
  }

  @Test
  void aRegistrationTheRingCannotOpenIsNeverReplaced() throws Exception {
    try (Scratch scratch = backend().scratch()) {
      KeyRing ring = KeyRing.generate();
      String instance = "https://" + Secrets.random(8).toLowerCase() + ".example/";
      AppRegistration app =
          scratch
              .open(clock, ring)
              .registrations()
              .putIfAbsent(withSecrets(instance, new java.util.ArrayList<>()));
      AppRegistrations raw = scratch.unsealed(clock).registrations();
      AppRegistration before = raw.get("mastodon", instance).orElseThrow();
      raw.delete("oauth-dropins", "key-ring"); // past the key check, to the row itself

      byte[] other = new byte[32];
      new java.security.SecureRandom().nextBytes(other);
      KeyRing wrong =
          KeyRing.parse(
              ring.primaryId() + ":" + java.util.Base64.getEncoder().encodeToString(other));
      AppRegistrations sealed = scratch.open(clock, wrong).registrations();
      String id = "key " + ring.primaryId();
      assertThatThrownBy(() -> sealed.get("mastodon", instance))
          .isInstanceOf(StoreUnavailableException.class)
          .hasMessageContaining(id);
      assertThatThrownBy(
              () -> sealed.putIfAbsent(withSecrets(instance, new java.util.ArrayList<>())))
          .isInstanceOf(StoreUnavailableException.class)
          .hasMessageContaining(id);
      assertThatThrownBy(
              () ->
                  sealed.replace(
                      app.clientId(), withSecrets(instance, new java.util.ArrayList<>())))
          .isInstanceOf(StoreUnavailableException.class)
          .hasMessageContaining(id);
      assertThat(scratch.open(clock, wrong).reseal().unreadable())
          .containsExactly(java.util.Map.entry(ring.primaryId(), 1L));
      assertThat(raw.get("mastodon", instance)).contains(before);
    }
  }

  @Test
  void pagesVisitEveryRegistrationOnce() throws Exception {
    try (Scratch scratch = backend().scratch()) {
      AppRegistrations sealed = scratch.open(clock, KeyRing.generate()).registrations();
      List<AppRegistration> stored = new java.util.ArrayList<>();
      for (int i = 0; i < 5; i++) {
        stored.add(
            sealed.putIfAbsent(
                withSecrets(
                    "https://" + Secrets.random(8).toLowerCase() + ".example/",
                    new java.util.ArrayList<>())));
      }
      List<AppRegistration> seen = new java.util.ArrayList<>();
      AppRegistration after = null;
      for (List<AppRegistration> page = sealed.page(null, 2); ; page = sealed.page(after, 2)) {
        seen.addAll(page);
        if (page.size() < 2) {
          break;
        }
        after = page.get(page.size() - 1);
      }
      // The key check's own record is a registration too.
      assertThat(seen.stream().filter(a -> a.site().equals("mastodon")).toList())
          .containsExactlyInAnyOrderElementsOf(stored);
    }
  }
}
