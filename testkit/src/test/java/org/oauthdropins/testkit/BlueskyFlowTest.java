package org.oauthdropins.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.oauthdropins.SiteOptions;
import org.oauthdropins.engine.oauth2.atproto.TxtResolver;
import org.oauthdropins.errors.BadRequestException;
import org.oauthdropins.http.GuardPolicy;
import org.oauthdropins.http.GuardedTransport;
import org.oauthdropins.http.HttpCall;
import org.oauthdropins.http.HttpResult;
import org.oauthdropins.http.JdkTransport;
import org.oauthdropins.internal.dpop.DpopKey;
import org.oauthdropins.internal.dpop.DpopNonces;
import org.oauthdropins.internal.dpop.DpopTransport;
import org.oauthdropins.internal.http.Form;
import org.oauthdropins.internal.http.Json;
import org.oauthdropins.sites.bluesky.Bluesky;
import org.oauthdropins.sites.bluesky.BlueskyAuth;
import org.oauthdropins.store.AccessToken;
import org.oauthdropins.store.AuthRecord;
import org.oauthdropins.store.Key;
import org.oauthdropins.store.memory.MemoryStore;

/** The whole atproto OAuth login over loopback HTTP, against the fake PLC, PDS and AS. */
class BlueskyFlowTest {

  private static final Key ALICE = new Key("BlueskyAuth", FakeBluesky.DID);

  private FakeBluesky bluesky;
  private TestApp app;
  private Bluesky site;
  private final Browser browser = new Browser();

  @BeforeEach
  void setUp() {
    bluesky = new FakeBluesky();
    site = Bluesky.create(bluesky.options());
    app = TestApp.withTokensInFinish(new MemoryStore()).mount(site);
  }

  @AfterEach
  void tearDown() {
    app.close();
    bluesky.close();
  }

  private Browser.Page start(String handle, String state) {
    Map<String, String> form = new java.util.LinkedHashMap<>();
    if (handle != null) {
      form.put("handle", handle);
    }
    if (state != null) {
      form.put("state", state);
    }
    return browser.post(app.url("/bluesky/start"), form);
  }

  private BlueskyAuth login() {
    Browser.Page done = browser.click(start(FakeBluesky.HANDLE, "s"), "Approve");
    assertThat(done.status()).as(done.body()).isEqualTo(200);
    return site.load(app.store(), ALICE).orElseThrow();
  }

  @Test
  void approveStoresTheAccountByDidWithoutTokensInTheRedirect() {
    Browser.Page consent = start("@Alice.Test\u200b", "my-app-state");
    assertThat(consent.status()).as(consent.body()).isEqualTo(200);
    assertThat(consent.url().getPath()).isEqualTo("/oauth/authorize");
    assertThat(consent.url().getPort()).isEqualTo(bluesky.authServerUrl().getPort());
    // PAR: the browser sees only the client id and the request URI.
    Map<String, String> q = consent.query();
    assertThat(q.keySet()).containsExactly("client_id", "request_uri");
    assertThat(q.get("request_uri")).startsWith("urn:ietf:params:oauth:request_uri:");
    Map<String, String> client = Form.decode(URI.create(q.get("client_id")).getRawQuery());
    assertThat(q.get("client_id")).startsWith("http://localhost?");
    assertThat(client)
        .containsEntry("redirect_uri", app.url("/bluesky/oauth_callback").toString())
        .containsEntry("scope", "atproto transition:generic");
    assertThat(consent.body()).contains("alice.test");

    Browser.Page done = browser.click(consent, "Approve");

    assertThat(done.status()).as(done.body()).isEqualTo(200);
    assertThat(done.url().getPath()).isEqualTo("/after");
    assertThat(done.query())
        .containsEntry("state", "my-app-state")
        .containsEntry("auth_entity", ALICE.urlsafe())
        .doesNotContainKeys("access_token", "refresh_token");
    URI callback = done.redirects().get(done.redirects().size() - 1);
    assertThat(Form.decode(callback.getRawQuery()))
        .containsEntry("iss", bluesky.authServerUrl().toString());

    BlueskyAuth auth = site.load(app.store(), ALICE).orElseThrow();
    assertThat(auth.did()).isEqualTo(FakeBluesky.DID);
    assertThat(auth.handle()).isEqualTo("alice.test");
    assertThat(auth.userDisplayName()).isEqualTo("alice.test");
    assertThat(auth.imageUrl()).contains(FakeBluesky.DID);
    assertThat(auth.pdsUrl()).isEqualTo(bluesky.url());
    assertThat(auth.isOAuth()).isTrue();
    assertThat(auth.accessToken()).isNull();
    assertThat(auth.refreshToken()).isNull();
    assertThat(auth.userJson().path("$type").asText())
        .isEqualTo("app.bsky.actor.defs#profileViewDetailed");
    AuthRecord record = auth.record();
    String token = ((AccessToken.Bearer) record.token()).value();
    assertThat(bluesky.tokenDid(token)).contains(FakeBluesky.DID);
    assertThat(auth.toString()).doesNotContain(token);
    assertThat(record.toString()).doesNotContain(token).doesNotContain(record.refreshToken());
  }

  @Test
  void storedLoginCallsThePdsWithDpopAndAth() {
    BlueskyAuth auth = login();
    HttpResult r =
        auth.get(auth.pdsUrl() + "/xrpc/app.bsky.actor.getProfile?actor=" + FakeBluesky.OTHER_DID);
    assertThat(r.status()).as(r.text()).isEqualTo(200);
    assertThat(r.json().path("handle").asText()).isEqualTo(FakeBluesky.OTHER_HANDLE);
  }

  @Test
  void refreshSpendsTheSingleUseTokenAndStoresTheNewOne() {
    BlueskyAuth auth = login();
    String first = auth.record().refreshToken();

    assertThat(auth.refresh()).isTrue();

    String second = auth.record().refreshToken();
    assertThat(second).isNotEqualTo(first);
    assertThat(app.store().get(ALICE).orElseThrow().refreshToken()).isEqualTo(second);
    // The rotated-away token is dead at the server; the stored one still works.
    assertThat(auth.refresh()).isTrue();
    assertThat(app.store().get(ALICE).orElseThrow().refreshToken())
        .isNotIn(first, second)
        .isEqualTo(auth.record().refreshToken());
  }

  @Test
  void expiredAccessTokenIsRefreshedOnA401AndTheCallRetried() {
    BlueskyAuth auth = login();
    String before = auth.record().refreshToken();
    bluesky.expireAccessTokens();
    HttpResult r =
        auth.get(auth.pdsUrl() + "/xrpc/app.bsky.actor.getProfile?actor=" + FakeBluesky.DID);
    assertThat(r.status()).as(r.text()).isEqualTo(200);
    assertThat(app.store().get(ALICE).orElseThrow().refreshToken()).isNotEqualTo(before);
  }

  @Test
  void denyRedirectsWithDeclinedAndTheAppState() {
    Browser.Page done = browser.click(start(FakeBluesky.HANDLE, "xyz"), "Deny");
    assertThat(done.url().getPath()).isEqualTo("/after");
    assertThat(done.query()).containsEntry("declined", "true").containsEntry("state", "xyz");
    assertThat(app.store().get(ALICE)).isEmpty();
  }

  @Test
  void missingOrMalformedHandleIs400() {
    Browser.Page none = start(null, "s");
    assertThat(none.status()).isEqualTo(400);
    assertThat(none.body()).contains("missing handle");
    Browser.Page bad = start("not a handle", "s");
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.body()).contains("doesn't look like a Bluesky handle");
    Browser.Page reserved = start("alice.localhost", "s");
    assertThat(reserved.status()).isEqualTo(400);
  }

  @Test
  void unknownHandleIs400() {
    Browser.Page done = start("nobody.test", "s");
    assertThat(done.status()).isEqualTo(400);
    assertThat(done.body()).contains("no account with the handle nobody.test");
  }

  @Test
  void loginByDidWorksToo() {
    Browser.Page done = browser.click(start(FakeBluesky.DID, "s"), "Approve");
    assertThat(done.query()).containsEntry("auth_entity", ALICE.urlsafe());
  }

  @Test
  void tokenErrorIs502AndStoresNothing() {
    bluesky.failNextToken(
        FakeResponse.json(400, Map.of("error", "invalid_grant", "error_description", "nope")));
    Browser.Page done = browser.click(start(FakeBluesky.HANDLE, "s"), "Approve");
    assertThat(done.status()).isEqualTo(502);
    assertThat(done.body()).contains("invalid_grant").doesNotContain("Exception");
    assertThat(app.store().get(ALICE)).isEmpty();
  }

  @Test
  void providerErrorRedirectIs502() {
    Browser.Page consent = start(FakeBluesky.HANDLE, "s");
    Browser.Page done =
        browser.get(callback(consent, "error=server_error", bluesky.authServerUrl().toString()));
    assertThat(done.status()).isEqualTo(502);
    assertThat(done.body()).contains("server_error");
  }

  /** The callback URL for the login on a consent page, with the given parameters. */
  private URI callback(Browser.Page consent, String params, String iss) {
    // The state is inside the PAR: deny at the fake without following its redirect to read it.
    Map<String, String> form = new java.util.LinkedHashMap<>(consent.query());
    form.put("decision", "deny");
    HttpResult denied;
    try {
      denied = JdkTransport.shared().send(HttpCall.postForm(consent.url(), form));
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
    String state = Form.decode(URI.create(denied.header("Location")).getRawQuery()).get("state");
    return app.url(
        "/bluesky/oauth_callback?"
            + params
            + "&state="
            + Form.encode(state)
            + (iss == null ? "" : "&iss=" + Form.encode(iss)));
  }

  // ---- attacks ----

  @Test
  void tokenForAnotherAccountIsRefused() {
    bluesky.subOverride(FakeBluesky.OTHER_DID);
    Browser.Page done = browser.click(start(FakeBluesky.HANDLE, "s"), "Approve");
    assertThat(done.status()).isEqualTo(502);
    assertThat(done.body()).contains("another account");
    assertThat(app.store().get(ALICE)).isEmpty();
    assertThat(app.store().get(new Key("BlueskyAuth", FakeBluesky.OTHER_DID))).isEmpty();
  }

  @Test
  void aBearerTokenIsRefusedAndNothingIsStored() {
    // atproto tokens are DPoP-bound; a Bearer one would go out unbound, with the wrong scheme.
    bluesky.failNextToken(
        FakeResponse.json(
            200,
            Map.of(
                "access_token", "at-bearer",
                "token_type", "Bearer",
                "sub", FakeBluesky.DID,
                "scope", "atproto transition:generic")));
    Browser.Page done = browser.click(start(FakeBluesky.HANDLE, "s"), "Approve");
    assertThat(done.status()).isEqualTo(502);
    assertThat(done.body()).contains("bluesky issued a token of type bearer");
    assertThat(app.store().get(ALICE)).isEmpty();
  }

  @Test
  void tokenWithoutAtprotoScopeIsRefused() {
    bluesky.scopeOverride("transition:generic");
    Browser.Page done = browser.click(start(FakeBluesky.HANDLE, "s"), "Approve");
    assertThat(done.status()).isEqualTo(502);
    assertThat(done.body()).contains("atproto scope");
    assertThat(app.store().get(ALICE)).isEmpty();
  }

  @Test
  void refusedParIs502() {
    bluesky.failNextPar(
        FakeResponse.json(
            400, Map.of("error", "invalid_request", "error_description", "PAR refused")));
    Browser.Page done = start(FakeBluesky.HANDLE, "s");
    assertThat(done.status()).isEqualTo(502);
    assertThat(done.body()).contains("refused the authorization request: invalid_request");
  }

  @Test
  void rotatedNoncesAreRetriedWith400() {
    Browser.Page consent = start(FakeBluesky.HANDLE, "s");
    int before = bluesky.nonceErrors();
    bluesky.rotateNonces();
    Browser.Page done = browser.click(consent, "Approve");
    assertThat(done.status()).as(done.body()).isEqualTo(200);
    // The token request (AS) and the profile request (PDS) each met a stale nonce once.
    assertThat(bluesky.nonceErrors()).isEqualTo(before + 2);
  }

  @Test
  void rotatedNoncesAreRetriedWith401FromTheAuthServer() {
    bluesky.authServerNonceStatus(401);
    Browser.Page consent = start(FakeBluesky.HANDLE, "s");
    bluesky.rotateNonces();
    Browser.Page done = browser.click(consent, "Approve");
    assertThat(done.status()).as(done.body()).isEqualTo(200);
  }

  @Test
  void firstRequestsWithoutANonceAreRetried() {
    // A fresh site knows no nonce: its first PAR is refused and retried.
    int before = bluesky.nonceErrors();
    start(FakeBluesky.HANDLE, "s");
    assertThat(bluesky.nonceErrors()).isEqualTo(before + 1);
  }

  @Test
  void callbackFromAnotherIssuerIsRefused() {
    Browser.Page consent = start(FakeBluesky.HANDLE, "s");
    Browser.Page done = browser.get(callback(consent, "code=abc", "https://evil.example"));
    assertThat(done.status()).isEqualTo(400);
    assertThat(done.body()).contains("did not come from the user's authorization server");
  }

  @Test
  void callbackWithoutIssIsRefused() {
    Browser.Page consent = start(FakeBluesky.HANDLE, "s");
    Browser.Page done = browser.get(callback(consent, "code=abc", null));
    assertThat(done.status()).isEqualTo(400);
  }

  @Test
  void didDocumentNamingAPrivatePdsIsRefusedByTheGuard() {
    // The DID documents name PDSes in the app's own network; the guard fetches nothing there, not
    // even in development mode, which opts in to loopback only.
    bluesky.addAccount(
        "evil.test", "did:plc:eeeeeeeeeeeeeeeeeeeeeeee", "x", "http://169.254.169.254");
    bluesky.addAccount(
        "evil2.test", "did:plc:ffffffffffffffffffffffff", "x", "https://10.0.0.1:2583");
    bluesky.addAccount(
        "evil3.test", "did:plc:gggggggggggggggggggggggg", "x", "http://pds.evil.example:2583");
    GuardPolicy dns =
        GuardPolicy.LOCAL_DEVELOPMENT.withResolver(
            host ->
                host.equals("pds.evil.example")
                    ? List.of(InetAddress.getByName("192.168.1.20"))
                    : GuardPolicy.Resolver.system().resolve(host));
    Bluesky guarded = Bluesky.create(bluesky.options().withTransport(new GuardedTransport(dns)));
    try (TestApp other = TestApp.withTokensInFinish(new MemoryStore()).mount(guarded)) {
      for (String handle : List.of("evil.test", "evil2.test", "evil3.test")) {
        Browser.Page done = browser.post(other.url("/bluesky/start"), Map.of("handle", handle));
        assertThat(done.status()).as(handle).isEqualTo(400);
        assertThat(done.body()).as(handle).contains("non-public address");
      }
    }
  }

  @Test
  void handleWhoseHostResolvesToAPrivateAddressIsRefused() {
    // Production settings: no TXT record, so the handle's own host is asked over https, and DNS
    // says that host is in the app's network.
    GuardPolicy dns =
        GuardPolicy.STRICT.withResolver(host -> List.of(InetAddress.getByName("10.1.2.3")));
    Bluesky prod =
        Bluesky.builder(SiteOptions.defaults().withTransport(new GuardedTransport(dns)))
            .txtResolver(TxtResolver.none())
            .build();
    try (TestApp other = TestApp.withTokensInFinish(new MemoryStore()).mount(prod)) {
      Browser.Page done =
          browser.post(other.url("/bluesky/start"), Map.of("handle", "victim.example.com"));
      assertThat(done.status()).isEqualTo(400);
      assertThat(done.body()).contains("the handle is not fetched").contains("non-public address");
    }
  }

  @Test
  void outsideDevModeLoopbackAndHttpAreRefused() {
    // Production settings, with DNS saying the handle's DID lives on did:web:localhost.
    Bluesky prod =
        Bluesky.builder(SiteOptions.defaults())
            .txtResolver(name -> List.of("did=did:web:localhost"))
            .build();
    assertThat(prod.devMode()).isFalse();
    try (TestApp other = TestApp.withTokensInFinish(new MemoryStore()).mount(prod)) {
      Browser.Page done =
          browser.post(other.url("/bluesky/start"), Map.of("handle", "victim.example.com"));
      assertThat(done.status()).isEqualTo(400);
      assertThat(done.body()).contains("non-public address");
      // .test handles are for development only.
      Browser.Page test = browser.post(other.url("/bluesky/start"), Map.of("handle", "a.test"));
      assertThat(test.status()).isEqualTo(400);
    }
    assertThatThrownBy(
            () -> Bluesky.builder(SiteOptions.defaults()).plcDirectory(bluesky.plcUrl()).build())
        .hasMessageContaining("https");
  }

  // ---- the fake is as strict as a real server ----

  @Test
  void stolenTokenWithAnotherKeyIsRefusedByThePds() throws Exception {
    BlueskyAuth auth = login();
    String token = ((AccessToken.Bearer) auth.record().token()).value();
    DpopTransport thief =
        new DpopTransport(
            JdkTransport.shared(), DpopKey.generate(), new DpopNonces(), Clock.systemUTC());
    HttpResult r =
        thief.send(
            HttpCall.get(
                    URI.create(
                        auth.pdsUrl() + "/xrpc/app.bsky.actor.getProfile?actor=" + FakeBluesky.DID))
                .header("Authorization", "DPoP " + token));
    assertThat(r.status()).isEqualTo(401);
    assertThat(r.header("WWW-Authenticate")).contains("invalid_token");
  }

  @Test
  void replayedProofIsRefusedByThePds() throws Exception {
    BlueskyAuth auth = login();
    // Learn the current nonce with a good call first.
    assertThat(auth.get(auth.pdsUrl() + "/xrpc/app.bsky.actor.getProfile?actor=x").status())
        .isIn(200, 400);
    HttpCall signed =
        site.sign(
            HttpCall.get(
                URI.create(
                    auth.pdsUrl() + "/xrpc/app.bsky.actor.getProfile?actor=" + FakeBluesky.DID)),
            auth.record());
    List<HttpCall> sent = new java.util.ArrayList<>();
    DpopTransport recorder =
        new DpopTransport(
            call -> {
              sent.add(call);
              return JdkTransport.shared().send(call);
            },
            DpopKey.fromJson(Json.text(auth.extra(), "dpop_key")),
            new DpopNonces(),
            Clock.systemUTC());
    assertThat(recorder.send(signed).status()).isEqualTo(200);
    HttpCall last = sent.get(sent.size() - 1);
    HttpResult replay = JdkTransport.shared().send(last);
    assertThat(replay.status()).isEqualTo(401);
    assertThat(replay.text()).contains("jti already used");
  }

  @Test
  void bearerUseOfADpopTokenIsRefused() throws Exception {
    BlueskyAuth auth = login();
    String token = ((AccessToken.Bearer) auth.record().token()).value();
    HttpResult r =
        JdkTransport.shared()
            .send(
                HttpCall.get(
                        URI.create(
                            auth.pdsUrl()
                                + "/xrpc/app.bsky.actor.getProfile?actor="
                                + FakeBluesky.DID))
                    .header("Authorization", "Bearer " + token));
    assertThat(r.status()).isEqualTo(401);
  }

  // ---- client metadata and app passwords ----

  @Test
  void clientMetadataIsTheAtprotoDocument() {
    var m = Json.parse(site.clientMetadata(java.net.URI.create("https://app.example/")));
    assertThat(Json.text(m, "client_id"))
        .isEqualTo("https://app.example/bluesky/client-metadata.json");
    assertThat(m.path("redirect_uris").get(0).asText())
        .isEqualTo("https://app.example/bluesky/oauth_callback");
    assertThat(m.path("dpop_bound_access_tokens").asBoolean()).isTrue();
    assertThat(Json.text(m, "token_endpoint_auth_method")).isEqualTo("none");
    assertThat(Json.text(m, "scope")).isEqualTo("atproto transition:generic");
    assertThat(m.path("grant_types").toString()).contains("authorization_code", "refresh_token");
  }

  @Test
  void appPasswordLoginStoresTheSessionButNeverThePassword() {
    BlueskyAuth auth = site.passwordLogin(" @alice.test ", FakeBluesky.PASSWORD + " ", app.store());
    assertThat(auth.isOAuth()).isFalse();
    assertThat(auth.key()).isEqualTo(ALICE);
    assertThat(auth.accessToken()).isInstanceOf(AccessToken.Bearer.class);
    AuthRecord stored = app.store().get(ALICE).orElseThrow();
    assertThat(stored.userJson() + stored.extraJson() + stored.refreshToken())
        .doesNotContain(FakeBluesky.PASSWORD);
    assertThat(
            auth.get(auth.pdsUrl() + "/xrpc/app.bsky.actor.getProfile?actor=" + FakeBluesky.DID)
                .status())
        .isEqualTo(200);

    String before = stored.refreshToken();
    assertThat(auth.refresh()).isTrue();
    assertThat(app.store().get(ALICE).orElseThrow().refreshToken()).isNotEqualTo(before);
    bluesky.expireAccessTokens();
    assertThat(
            auth.get(auth.pdsUrl() + "/xrpc/app.bsky.actor.getProfile?actor=" + FakeBluesky.DID)
                .status())
        .isEqualTo(200);
  }

  @Test
  void wrongAppPasswordIs400() {
    assertThatThrownBy(() -> site.passwordLogin("alice.test", "wrong", app.store()))
        .isInstanceOf(BadRequestException.class)
        .hasMessageContaining("AuthenticationRequired");
    assertThat(app.store().get(ALICE)).isEmpty();
  }

  @Test
  void passwordFormFinishesLikeALogin() {
    org.oauthdropins.sites.bluesky.PasswordLogin handler =
        new org.oauthdropins.sites.bluesky.PasswordLogin(
            site,
            org.oauthdropins.BaseUrl.loopback(),
            app.store(),
            org.oauthdropins.Finish.redirectWithTokens("/after", false),
            app.logins());
    var ok =
        handler.handle(
            form(Map.of("username", "alice.test", "password", FakeBluesky.PASSWORD, "state", "s")));
    assertThat(ok).isInstanceOf(org.oauthdropins.web.WebResponse.Redirect.class);
    String location = ((org.oauthdropins.web.WebResponse.Redirect) ok).location();
    Map<String, String> q = Form.decode(URI.create(location).getRawQuery());
    assertThat(q).containsEntry("auth_entity", ALICE.urlsafe()).containsEntry("state", "s");
    assertThat(q.get("access_token")).startsWith("eyJ.acc.");
    assertThat(location).doesNotContain(FakeBluesky.PASSWORD);

    var wrong = handler.handle(form(Map.of("username", "alice.test", "password", "nope")));
    assertThat(wrong.status()).isEqualTo(400);
    assertThat(handler.handle(form(Map.of("password", "x"))).status()).isEqualTo(400);
  }

  private static org.oauthdropins.web.WebRequest form(Map<String, String> params) {
    return new org.oauthdropins.web.WebRequest() {
      @Override
      public URI url() {
        return URI.create("http://127.0.0.1/bluesky/password");
      }

      @Override
      public String method() {
        return "POST";
      }

      @Override
      public java.util.Optional<String> header(String name) {
        return java.util.Optional.empty();
      }

      @Override
      public java.util.Optional<String> parameter(String name) {
        return java.util.Optional.ofNullable(params.get(name));
      }

      @Override
      public java.util.Optional<String> cookie(String name) {
        return java.util.Optional.empty();
      }
    };
  }

  @Test
  void aProvenLoginSucceedsWithTheRepoHandleWhenTheProfileCannotBeRead() {
    bluesky.failProfiles(500);
    BlueskyAuth auth = login();
    assertThat(auth.handle()).isEqualTo(FakeBluesky.HANDLE);
    assertThat(auth.did()).isEqualTo(FakeBluesky.DID);
    BlueskyAuth password =
        site.passwordLogin(FakeBluesky.HANDLE, FakeBluesky.PASSWORD, app.store());
    assertThat(password.handle()).isEqualTo(FakeBluesky.HANDLE);
  }

  @Test
  void theProfileGoesToThePdssOwnAppViewUnlessTheAppNamesOne() {
    login();
    assertThat(bluesky.profileProxyHeaders()).containsOnly("");
    Bluesky named = Bluesky.builder(bluesky.options()).appView(Bluesky.BLUESKY_APPVIEW).build();
    named.passwordLogin(FakeBluesky.HANDLE, FakeBluesky.PASSWORD, app.store());
    assertThat(bluesky.profileProxyHeaders()).last().isEqualTo(Bluesky.BLUESKY_APPVIEW);
  }

  @Test
  void theBuildersClockDatesTheStoredExpiryAndTheDpopProofs() {
    Instant now = Instant.now();
    remount(Bluesky.builder(bluesky.options()).clock(Clock.fixed(now, ZoneOffset.UTC)).build());
    assertThat(login().record().expiresAt()).isEqualTo(now.plusSeconds(300));

    // Proofs dated two minutes ahead are outside the server's skew: the clock signs them too.
    Clock ahead = Clock.offset(Clock.systemUTC(), Duration.ofMinutes(2));
    remount(Bluesky.builder(bluesky.options()).clock(ahead).build());
    Browser.Page refused = start(FakeBluesky.HANDLE, "s");
    assertThat(refused.status()).isEqualTo(502);
    assertThat(refused.body()).contains("iat");
  }

  private void remount(Bluesky other) {
    app.close();
    site = other;
    app = TestApp.withTokensInFinish(new MemoryStore()).mount(site);
  }

  @Test
  void developmentModeNeedsOnlyThePdsAndUsesItsPlcDirectory() {
    site = Bluesky.create(bluesky.optionsWithOnlyThePds());
    BlueskyAuth auth =
        site.passwordLogin(FakeBluesky.HANDLE, FakeBluesky.PASSWORD, new MemoryStore());
    assertThat(auth.pdsUrl()).isEqualTo(bluesky.url());
  }

  @Test
  void aStartOnLocalhostSaysToOpenTheAppOn127001() {
    URI localhost = URI.create("http://localhost:" + app.url().getPort() + "/bluesky/start");
    Browser.Page page = browser.post(localhost, Map.of("handle", FakeBluesky.HANDLE));
    assertThat(page.status()).isEqualTo(400);
    assertThat(page.body()).contains("http://127.0.0.1:" + app.url().getPort() + "/");
    assertThat(Bluesky.loopbackOrigin(new FixedUrl(URI.create("http://localhost:8080/x?y=1"))))
        .contains(URI.create("http://127.0.0.1:8080/x?y=1"));
    assertThat(Bluesky.loopbackOrigin(new FixedUrl(URI.create("http://127.0.0.1:8080/"))))
        .isEmpty();
  }

  @Test
  void aRefusedAuthorizationRequestShowsTheServersDescription() {
    bluesky.failNextPar(
        FakeResponse.json(
            400,
            Map.of("error", "invalid_request", "error_description", "Invalid redirect_uri\u0007")));
    Browser.Page page = start(FakeBluesky.HANDLE, "s");
    assertThat(page.status()).isEqualTo(502);
    assertThat(page.body()).contains("invalid_request (Invalid redirect_uri?)");
  }

  /** A request that only has a URL. */
  private record FixedUrl(URI url) implements org.oauthdropins.web.WebRequest {
    @Override
    public String method() {
      return "GET";
    }

    @Override
    public java.util.Optional<String> header(String name) {
      return java.util.Optional.empty();
    }

    @Override
    public java.util.Optional<String> parameter(String name) {
      return java.util.Optional.empty();
    }

    @Override
    public java.util.Optional<String> cookie(String name) {
      return java.util.Optional.empty();
    }
  }
}
