package org.oauthdropins;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.oauthdropins.errors.BadRequestException;
import org.oauthdropins.http.HttpCall;
import org.oauthdropins.http.JdkTransport;
import org.oauthdropins.internal.LogText;
import org.oauthdropins.store.AccessToken;
import org.oauthdropins.store.AuthRecord;
import org.oauthdropins.store.AuthStore;
import org.oauthdropins.store.Key;
import org.oauthdropins.store.PendingLogin;
import org.oauthdropins.store.memory.MemoryStore;
import org.oauthdropins.web.Cookie;

/**
 * Provider and user text reaches the log only escaped: a hostile server that puts CR/LF in a user
 * name (which becomes the key id) or in an error cannot forge log lines (issue 14, finding 10).
 */
class LogInjectionTest {

  private static final String FORGED = "[main] INFO org.oauthdropins.Callback - admin logged in";

  private static List<String> linesStartingWithTheForgery(String log) {
    return log.lines().filter(l -> l.startsWith(FORGED)).toList();
  }

  @Test
  void aKeyIdWithLineBreaksFromAHostileProviderIsLoggedOnOneEscapedLine() {
    Key hostile = new Key("MastodonAuth", "@alice@evil.example\r\n" + FORGED);
    Site<?> site = new StubSite(hostile);
    MemoryStore store = new MemoryStore();
    String browser = "b".repeat(40);
    store.putPending(
        new PendingLogin(
            BrowserBinding.pendingId(site.name(), "nonce", browser),
            site.name(),
            BrowserBinding.hash(browser),
            null,
            "http://localhost/stub/oauth_callback",
            Map.of(),
            Instant.now().plusSeconds(600)));
    Callback callback =
        Callback.builder(site, store)
            .baseUrl(BaseUrl.loopback())
            .pendingLogins(PendingStorage.IN_STORE) // the pending login is seeded in the store
            .finishPath("/after")
            .build();

    String log =
        LogCapture.logged(
            () ->
                assertThat(
                        callback.handle(
                            Req.get("http://localhost/stub/oauth_callback?state=nonce")
                                .withCookies(
                                    Map.of(Cookie.name(BrowserBinding.COOKIE, false), browser))))
                    .isInstanceOf(org.oauthdropins.web.WebResponse.Redirect.class));

    assertThat(log).contains("login stored as");
    assertThat(linesStartingWithTheForgery(log)).isEmpty();
    assertThat(log).contains("\\r\\n" + FORGED);
  }

  @Test
  void anErrorMessageCarryingUserTextIsLoggedOnOneEscapedLine() {
    String log =
        LogCapture.logged(
            () ->
                Errors.page(
                    new StubSite(null),
                    new BadRequestException("no account with the handle x\n" + FORGED)));
    assertThat(linesStartingWithTheForgery(log)).isEmpty();
    assertThat(log).contains("x\\n" + FORGED);
  }

  @Test
  void controlFormatAndSeparatorCharactersAreEscapedAndABackslashIsDoubled() {
    assertThat(LogText.of("a\r\nb\tc")).isEqualTo("a\\r\\nb\\tc");
    // NEL and U+2028 end lines in some viewers; ESC starts terminal sequences; U+202E reverses.
    assertThat(LogText.of("x\u0085y\u2028z\u001b[31m\u202Eevil"))
        .isEqualTo("x\\u0085y\\u2028z\\u001b[31m\\u202eevil");
    // A literal backslash-n cannot pass for an escaped line break.
    assertThat(LogText.of("a\\nb")).isEqualTo("a\\\\nb");
    assertThat(LogText.of("Zoë 👋 @alice@social.example"))
        .isEqualTo("Zoë 👋 @alice@social.example");
    assertThat(LogText.of(null)).isEqualTo("null");
  }

  @Test
  void longTextIsCut() {
    String cut = LogText.of("x".repeat(100_000));
    assertThat(cut).startsWith("x".repeat(LogText.MAX)).endsWith("...(100000 chars)");
    assertThat(cut.length()).isLessThan(LogText.MAX + 30);
  }

  /** A site whose callback vouches for one fixed key, as a hostile server could. */
  private record StubSite(Key key) implements TestSite {
    @Override
    public String kind() {
      return "MastodonAuth";
    }

    @Override
    public LoginResult complete(CallbackRequest request) {
      return new LoginResult.Authenticated(
          AuthRecord.of(key, name(), new AccessToken.Bearer("t"), null, null, "{}", "{}"));
    }

    @Override
    public AuthEntity entity(AuthRecord record, AuthStore store) {
      return new AuthEntity(this, record, store, JdkTransport.shared()) {};
    }

    @Override
    public HttpCall sign(HttpCall call, AuthRecord record) {
      return call;
    }
  }
}
