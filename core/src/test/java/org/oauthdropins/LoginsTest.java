package org.oauthdropins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.oauthdropins.http.JdkTransport;
import org.oauthdropins.keys.KeyRing;
import org.oauthdropins.sites.github.GitHub;
import org.oauthdropins.store.AccessToken;
import org.oauthdropins.store.AppRegistrations;
import org.oauthdropins.store.AuthRecord;
import org.oauthdropins.store.AuthStore;
import org.oauthdropins.store.Key;
import org.oauthdropins.store.LoginStore;
import org.oauthdropins.store.MutableClock;
import org.oauthdropins.store.PendingLogins;
import org.oauthdropins.store.RefreshLeases;
import org.oauthdropins.store.memory.MemoryStore;
import org.oauthdropins.web.Cookie;

/**
 * The logins cookie is a list only while it opens under the key ring and is younger than its
 * maximum age; verify trusts only keys on it.
 */
class LoginsTest {

  private final KeyRing ring = KeyRing.generate();
  private final MutableClock clock = new MutableClock(Instant.parse("2026-12-07T10:00:00Z"));
  private final Logins logins = Logins.withKeys(ring).withClock(clock);
  private final Site<?> site =
      GitHub.create(
          new SiteOptions(Map.of(), new Credentials("id", "secret"), JdkTransport.shared()));
  private final MemoryStore store = new MemoryStore();
  private final Req request = Req.get("http://localhost/after");

  private AuthEntity entity(String id) {
    return entity(id, id);
  }

  private AuthEntity entity(String id, String name) {
    Key key = new Key("GitHubAuth", id);
    Instant now = Instant.now();
    return site.entity(
        new AuthRecord(
            key,
            "github",
            new AccessToken.Bearer("t"),
            null,
            null,
            "{\"login\":\"" + id + "\",\"name\":\"" + name + "\"}",
            null,
            now,
            now),
        store);
  }

  private Req with(Cookie c) {
    return request.withCookies(Map.of(c.name(), c.value()));
  }

  @Test
  void onHttpsTheLoginsCookieIsSecureAndHostPrefixed() {
    Req https = Req.get("https://app.example/after");
    AuthEntity ada = entity("ada");
    Cookie c = logins.add(https, ada);
    assertThat(c.name()).isEqualTo("__Host-" + Logins.COOKIE);
    assertThat(c.headerValue()).contains("; Secure").contains("; Path=/").doesNotContain("Domain");
    // Only the prefixed cookie counts on https: one a sibling subdomain could plant does not.
    Req planted = https.withCookies(Map.of(Logins.COOKIE, c.value()));
    assertThat(logins.get(planted)).isEmpty();
    assertThat(logins.get(https.withCookies(Map.of(c.name(), c.value())))).hasSize(1);
  }

  @Test
  void aLoginAddedIsListedAndVerified() {
    AuthEntity ada = entity("ada");
    Req r = with(logins.add(request, ada));
    assertThat(logins.get(r)).extracting(Logins.Login::key).containsExactly(ada.key());
    assertThat(logins.verify(r, ada.key().urlsafe())).contains(ada.key());
    assertThat(logins.verify(r, new Key("GitHubAuth", "bob").urlsafe())).isEmpty();
    assertThat(logins.verify(r, "not a key")).isEmpty();
    assertThat(logins.verify(r, null)).isEmpty();
    assertThat(logins.verify(request, ada.key().urlsafe())).isEmpty();
  }

  @Test
  void anotherRingsCookieAChangedByteAnotherContextOrTheOldSignedFormIsNoList() {
    AuthEntity ada = entity("ada");
    String value = logins.add(request, ada).value();
    int dot = value.indexOf('.');
    byte[] sealed = Base64.getUrlDecoder().decode(value.substring(dot + 1));
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    String other = Logins.withKeys(KeyRing.generate()).add(request, ada).value();
    String json =
        "{\"iat\":"
            + clock.instant().getEpochSecond()
            + ",\"max\":2592000,\"l\":[[\"github\",\"bob\",\"GitHubAuth\",\"bob\"]]}";
    // Sealed by the right key, but for another purpose (a stored token's context).
    String otherContext = ring.seal(json, "GitHubAuth:bob access_token");
    String[] forgeries = new String[sealed.length + 8];
    for (int i = 0; i < sealed.length; i++) {
      byte[] changed = sealed.clone();
      changed[i] ^= 1;
      forgeries[i] = value.substring(0, dot + 1) + b64.encodeToString(changed);
    }
    forgeries[sealed.length] = other;
    forgeries[sealed.length + 1] =
        ring.primaryId() + "." + otherContext.substring(otherContext.indexOf('}') + 1);
    // The form before key rings: base64 JSON, a dot, an HMAC. It reads as no list.
    forgeries[sealed.length + 2] =
        b64.encodeToString(
                ("[[\"github\",\"ada\",\"" + ada.key().urlsafe() + "\"]]")
                    .getBytes(StandardCharsets.UTF_8))
            + "."
            + b64.encodeToString(new byte[32]);
    forgeries[sealed.length + 3] = value.substring(0, dot + 1);
    forgeries[sealed.length + 4] = value.substring(dot);
    forgeries[sealed.length + 5] = value + "A";
    forgeries[sealed.length + 6] = "";
    forgeries[sealed.length + 7] = (ring.primaryId() + 1) + value.substring(dot);
    for (String forged : forgeries) {
      Req r = request.withCookies(Map.of(Logins.COOKIE, forged));
      assertThat(logins.get(r)).as(forged).isEmpty();
      assertThat(logins.verify(r, ada.key().urlsafe())).isEmpty();
    }
    assertThat(logins.get(request.withCookies(Map.of(Logins.COOKIE, value)))).hasSize(1);
  }

  @Test
  void logoutRemovesOneLoginAndTheListIsBounded() {
    Req r = request;
    for (int i = 0; i < 12; i++) {
      r = with(logins.add(r, entity("u" + i)));
    }
    assertThat(logins.get(r))
        .hasSize(10)
        .first()
        .extracting(Logins.Login::key)
        .isEqualTo(new Key("GitHubAuth", "u11"));
    Req out = with(logins.logout(r, new Key("GitHubAuth", "u11")));
    assertThat(logins.get(out)).hasSize(9).noneMatch(l -> l.key().id().equals("u11"));
  }

  @Test
  void aCopiedCookieStopsVerifyingAfterItsMaxAge() {
    AuthEntity ada = entity("ada");
    Cookie c = logins.add(request, ada);
    assertThat(c.maxAge()).isEqualTo(Logins.DEFAULT_MAX_AGE).isEqualTo(Duration.ofDays(30));
    Req copied = with(c);
    clock.advance(Duration.ofDays(30).minusSeconds(1));
    assertThat(logins.verify(copied, ada.key().urlsafe())).contains(ada.key());
    clock.advance(Duration.ofSeconds(2));
    assertThat(logins.get(copied)).isEmpty();
    assertThat(logins.verify(copied, ada.key().urlsafe())).isEmpty();

    // A shorter maximum age, and one shortened after the cookie was written: the shorter counts.
    Logins hour = logins.withMaxAge(Duration.ofHours(1));
    Cookie short1 = hour.add(request, ada);
    assertThat(short1.maxAge()).isEqualTo(Duration.ofHours(1));
    Req viaDefault = with(logins.add(request, ada));
    clock.advance(Duration.ofMinutes(61));
    assertThat(logins.get(with(short1))).as("sealed with a one-hour max age").isEmpty();
    assertThat(logins.get(viaDefault)).hasSize(1);
    assertThat(hour.get(viaDefault)).as("the reader's max age is shorter").isEmpty();
  }

  @Test
  void eachWriteRenewsTheIssueTimeOfTheWholeList() {
    Req r = with(logins.add(request, entity("ada")));
    clock.advance(Duration.ofDays(20));
    r = with(logins.add(r, entity("bob")));
    clock.advance(Duration.ofDays(20));
    assertThat(logins.get(r)).extracting(l -> l.key().id()).containsExactly("bob", "ada");
    clock.advance(Duration.ofDays(11));
    assertThat(logins.get(r)).isEmpty();
  }

  @Test
  void aCookieIssuedInTheFutureBeyondClockSkewIsNoList() {
    Req r = with(logins.withClock(clockAt(Duration.ofMinutes(10))).add(request, entity("ada")));
    assertThat(logins.get(r)).isEmpty();
    Req skewed = with(logins.withClock(clockAt(Duration.ofMinutes(1))).add(request, entity("ada")));
    assertThat(logins.get(skewed)).hasSize(1);
  }

  private MutableClock clockAt(Duration ahead) {
    MutableClock c = new MutableClock(clock.instant());
    c.advance(ahead);
    return c;
  }

  @Test
  void aCookieOpensUnderARotatedRingThatHoldsItsKeyAndNotOnceTheKeyIsRetired() {
    AuthEntity ada = entity("ada");
    Req old = with(logins.add(request, ada));
    KeyRing rotated = ring.rotated();
    Logins afterRotation = Logins.withKeys(rotated).withClock(clock);
    assertThat(afterRotation.verify(old, ada.key().urlsafe())).contains(ada.key());
    // Written again after the rotation, the list is sealed by the new first key.
    Cookie rewritten = afterRotation.add(old, entity("bob"));
    assertThat(rewritten.value()).startsWith(rotated.primaryId() + ".");

    Logins retired = Logins.withKeys(rotated.without(ring.primaryId())).withClock(clock);
    assertThat(retired.get(old)).isEmpty();
    assertThat(retired.verify(old, ada.key().urlsafe())).isEmpty();
    assertThat(retired.get(with(rewritten)))
        .extracting(l -> l.key().id())
        .containsExactly("bob", "ada");
  }

  @Test
  void tenLoginsMakeACookieOfAboutAKilobyteAndLongNamesNeverPassTheBrowsersLimit() {
    Req r = request;
    for (int i = 0; i < 10; i++) {
      r = with(logins.add(r, entity("user-" + i, "User Number " + i)));
    }
    Cookie ten = logins.add(r, entity("user-9", "User Number 9"));
    assertThat(logins.get(with(ten))).hasSize(10);
    // 10 logins of a GitHub-sized key and name: about 600 bytes of JSON, sealed and in base64.
    assertThat(ten.headerValue().length()).isLessThan(1200);

    // Names of 1000 characters: the browser would drop a cookie over 4096 bytes, losing the login
    // just made; the oldest logins leave the list instead, and each name is cut.
    Req big = request;
    for (int i = 0; i < 10; i++) {
      big = with(logins.add(big, entity("big-" + i, "N".repeat(1000))));
    }
    Cookie c = logins.add(big, entity("big-last", "\u00e9".repeat(1000)));
    assertThat(c.headerValue().length()).isLessThanOrEqualTo(4096);
    assertThat(logins.get(with(c)))
        .hasSizeGreaterThan(3)
        .first()
        .satisfies(
            l -> {
              assertThat(l.key().id()).isEqualTo("big-last");
              assertThat(l.name()).hasSizeLessThanOrEqualTo(Logins.MAX_NAME_LENGTH);
            });
  }

  @Test
  void aStoresRingSealsTheCookieAndNoKeyIsStoredAsAnAppRegistration() {
    KeyRing stores = KeyRing.generate();
    AuthStore sealing = store(Optional.of(stores));
    Logins first = Logins.forStore(sealing);
    AuthEntity ada = entity("ada");
    Req r = with(first.add(request, ada));
    assertThat(Logins.forStore(sealing).verify(r, ada.key().urlsafe())).contains(ada.key());
    assertThat(Logins.withKeys(stores).verify(r, ada.key().urlsafe())).contains(ada.key());
    assertThat(logins.verify(r, ada.key().urlsafe())).isEmpty();
    // The HMAC key of earlier versions is neither made nor read any more.
    assertThat(store.getApp("oauth-dropins", "logins-cookie-key")).isEmpty();
  }

  @Test
  void aStoreThatSealsNothingIsAClearErrorNamingWithKeys() {
    assertThatThrownBy(() -> Logins.forStore(store(Optional.empty())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Logins.withKeys")
        .hasMessageContaining("OAUTH_DROPINS_KEYS");
  }

  /** An app's own store over the memory one's concerns, with the ring it seals with, if any. */
  private AuthStore store(Optional<KeyRing> keys) {
    return new AuthStore() {
      @Override
      public LoginStore logins() {
        return store.logins();
      }

      @Override
      public PendingLogins pendingLogins() {
        return store.pendingLogins();
      }

      @Override
      public AppRegistrations registrations() {
        return store.registrations();
      }

      @Override
      public RefreshLeases leases() {
        return store.leases();
      }

      @Override
      public Optional<KeyRing> keyRing() {
        return keys;
      }
    };
  }

  @Test
  void aMaxAgeMustBePositiveAndWithinWhatBrowsersKeep() {
    assertThatThrownBy(() -> logins.withMaxAge(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> logins.withMaxAge(Duration.ofDays(401)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("400 days");
    assertThat(logins.withMaxAge(Duration.ofDays(400)).maxAge()).isEqualTo(Duration.ofDays(400));
  }
}
