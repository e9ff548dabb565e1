package org.oauthdropins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.oauthdropins.http.JdkTransport;
import org.oauthdropins.sites.github.GitHub;
import org.oauthdropins.store.AccessToken;
import org.oauthdropins.store.AuthRecord;
import org.oauthdropins.store.Key;
import org.oauthdropins.store.memory.MemoryStore;
import org.oauthdropins.web.Cookie;

/** The logins cookie is a list only while its HMAC holds; verify trusts only keys on it. */
class LoginsTest {

  private final Logins logins = Logins.withKey("k".repeat(32).getBytes(StandardCharsets.UTF_8));
  private final Site<?> site =
      GitHub.create(
          new SiteOptions(Map.of(), new Credentials("id", "secret"), JdkTransport.shared()));
  private final MemoryStore store = new MemoryStore();
  private final Req request = Req.get("http://localhost/after");

  private AuthEntity entity(String id) {
    Key key = new Key("GitHubAuth", id);
    Instant now = Instant.now();
    return site.entity(
        new AuthRecord(
            key,
            "github",
            new AccessToken.Bearer("t"),
            null,
            null,
            "{\"login\":\"" + id + "\",\"name\":\"" + id + "\"}",
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
  void anotherKeysSignatureAChangedByteOrAnAddedLoginIsNoList() {
    AuthEntity ada = entity("ada");
    String value = logins.add(request, ada).value();
    int dot = value.indexOf('.');
    String payload = value.substring(0, dot);
    String json = new String(Base64.getUrlDecoder().decode(payload), StandardCharsets.UTF_8);
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    String other =
        Logins.withKey("x".repeat(32).getBytes(StandardCharsets.UTF_8)).add(request, ada).value();
    for (String forged :
        new String[] {
          payload + other.substring(other.indexOf('.')),
          b64.encodeToString(json.replace("\"ada\"", "\"adb\"").getBytes(StandardCharsets.UTF_8))
              + value.substring(dot),
          b64.encodeToString(
                  json.replace(
                          "]]",
                          "],[\"github\",\"bob\",\""
                              + new Key("GitHubAuth", "bob").urlsafe()
                              + "\"]]")
                      .getBytes(StandardCharsets.UTF_8))
              + value.substring(dot),
          payload,
          payload + ".",
          ""
        }) {
      Req r = request.withCookies(Map.of(Logins.COOKIE, forged));
      assertThat(logins.get(r)).as(forged).isEmpty();
      assertThat(logins.verify(r, ada.key().urlsafe())).isEmpty();
    }
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
  void aStoresKeyIsReadAtTheFirstCookieNotAtStartUpAndServersOnOneStoreShareIt() {
    Logins first = Logins.forStore(store);
    Logins second = Logins.forStore(store);
    // Nothing read or created yet: an app's start-up does not wait for its store.
    assertThat(store.getApp("oauth-dropins", "logins-cookie-key")).isEmpty();
    AuthEntity ada = entity("ada");
    Req r = with(first.add(request, ada));
    assertThat(store.getApp("oauth-dropins", "logins-cookie-key")).isPresent();
    assertThat(second.verify(r, ada.key().urlsafe())).contains(ada.key());
    assertThat(logins.verify(r, ada.key().urlsafe())).isEmpty();
  }

  @Test
  void aShortKeyIsRefused() {
    assertThatThrownBy(() -> Logins.withKey(new byte[31]))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
