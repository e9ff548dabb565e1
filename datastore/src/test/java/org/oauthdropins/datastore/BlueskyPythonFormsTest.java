package org.oauthdropins.datastore;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.cloud.datastore.Datastore;
import com.google.cloud.datastore.Entity;
import com.google.cloud.datastore.Value;
import com.google.cloud.datastore.ValueType;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.zip.Inflater;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.oauthdropins.internal.http.Json;
import org.oauthdropins.internal.secrets.Secrets;
import org.oauthdropins.sites.bluesky.Bluesky;
import org.oauthdropins.sites.bluesky.BlueskyAuth;
import org.oauthdropins.store.AccessToken;
import org.oauthdropins.store.AuthRecord;
import org.oauthdropins.store.Key;
import org.oauthdropins.testkit.Browser;
import org.oauthdropins.testkit.FakeBluesky;
import org.oauthdropins.testkit.TestApp;

/**
 * A Bluesky OAuth login that Java writes is one the Python library can use and holds nothing the
 * user replaced: over a Python app-password login (the python-datastore fixture), the old app
 * password goes as the session does; and its {@code dpop_token} is the one requests-oauth2client's
 * {@code TokenSerializer} reads, the DPoP key included, which Java reads back to sign its calls.
 */
class BlueskyPythonFormsTest {

  /** The fixture's app-password login, whose DID is no real did:plc (not base32). */
  private static final String FIXTURE_DID = "did:plc:pythonpasswordlogin0000";

  /**
   * The fake's second account, which the fixture's login is moved to (key and session), so that the
   * fake can log it in again.
   */
  static final String PYTHON_DID = FakeBluesky.OTHER_DID;

  static final String PYTHON_HANDLE = FakeBluesky.OTHER_HANDLE;

  static final String PYTHON_PASSWORD = "bbbb-bbbb-bbbb-bbbb";

  /**
   * What {@code DPoPKey.__init__} (requests-oauth2client 1.8, the Python library's pin) takes: the
   * serializer builds the key with {@code DPoPKey(**token["dpop_key"])}, so any other field fails.
   */
  private static final Set<String> DPOP_KEY_PARAMETERS =
      Set.of(
          "private_key",
          "alg",
          "jti_generator",
          "iat_generator",
          "jwt_typ",
          "dpop_token_class",
          "as_nonce",
          "rs_nonce");

  private FakeBluesky bluesky;
  Datastore raw;
  DatastoreStore store;
  Bluesky site;
  private TestApp app;
  private final Browser browser = new Browser();

  @BeforeEach
  void setUp() {
    bluesky = new FakeBluesky();
    // The fixture's key names the project, so the store works in it (a namespace per test).
    raw =
        PythonFixtures.client(
            "oauth-dropins-py", "bsky" + Secrets.random(6).replaceAll("[^A-Za-z0-9]", ""));
    for (Entity e :
        PythonFixtures.entities(
            raw, PythonFixtures.LOGINS, s -> s.replace(FIXTURE_DID, PYTHON_DID))) {
      boolean moved = e.getKey().hasName() && e.getKey().getName().equals(FIXTURE_DID);
      raw.put(
          moved
              ? Entity.newBuilder(raw.newKeyFactory().setKind("BlueskyAuth").newKey(PYTHON_DID), e)
                  .build()
              : e);
    }
    store = open(raw);
    site = Bluesky.create(bluesky.options());
    app = new TestApp(store).mount(site);
  }

  @AfterEach
  void tearDown() {
    app.close();
    store.close();
    bluesky.close();
  }

  Entity entity(String did) {
    return raw.get(raw.newKeyFactory().setKind("BlueskyAuth").newKey(did));
  }

  Browser.Page oauthLogin(String handle) {
    Browser.Page consent =
        browser.post(app.url("/bluesky/start"), Map.of("handle", handle, "state", "s"));
    assertThat(consent.status()).as(consent.body()).isEqualTo(200);
    Browser.Page done = browser.click(consent, "Approve");
    assertThat(done.status()).as(done.body()).isEqualTo(200);
    return done;
  }

  @Test
  void anOAuthLoginOverAPythonAppPasswordLoginDropsThePassword() {
    assertThat(EntityMapper.text(entity(PYTHON_DID), "password")).isEqualTo("app-pass-word-xxxx");
    oauthLogin(PYTHON_HANDLE);

    Entity after = entity(PYTHON_DID);
    // What the Python library's _api() signs in with: the session's tokens, else the password.
    assertThat(isNull(after, "session")).as("session").isTrue();
    assertThat(isNull(after, "password")).as("password").isTrue();
    assertThat(EntityMapper.text(after, "dpop_token")).isNotBlank();
    // Written as the Python library's own OAuth callback writes it: the declared property, None.
    assertThat(after.contains("password")).isTrue();
    assertThat(after.getValue("password").excludeFromIndexes()).isFalse();
    // The entity Python wrote for the user keeps its first-login time.
    assertThat(after.getTimestamp("created")).isEqualTo(entity(PYTHON_DID).getTimestamp("created"));
  }

  /**
   * A new app-password login through Java replaces the credential too: Java never stores the
   * password it is given, and the one Python stored before is one the user has moved on from.
   */
  @Test
  void aJavaAppPasswordLoginOverAPythonOneDropsTheOldPasswordToo() {
    BlueskyAuth auth = site.passwordLogin(PYTHON_HANDLE, PYTHON_PASSWORD, store);

    assertThat(auth.isOAuth()).isFalse();
    Entity after = entity(PYTHON_DID);
    assertThat(isNull(after, "password")).as("password").isTrue();
    assertThat(EntityMapper.text(after, "session")).contains(auth.refreshToken());
  }

  /**
   * A refresh is the same grant, not a new credential: it writes the rotated session and keeps what
   * Python declared, the password included, as the Python library's own session callback does.
   */
  @Test
  void aRefreshOfAPythonAppPasswordLoginKeepsItsPassword() {
    Key key = new Key("BlueskyAuth", PYTHON_DID);
    AuthRecord python = store.get(key).orElseThrow();

    store
        .putIfTokensUnchanged(
            python,
            python.withTokens(new AccessToken.Bearer("eyJ.access.java"), "eyJ.refresh.java", null))
        .orElseThrow();

    Entity after = entity(PYTHON_DID);
    assertThat(EntityMapper.text(after, "password")).isEqualTo("app-pass-word-xxxx");
    assertThat(EntityMapper.text(after, "session")).contains("eyJ.refresh.java");
  }

  @Test
  void theDpopTokenIsThePythonSerializersFormAndJavaSignsWithTheKeyInIt() {
    Browser.Page done = oauthLogin(FakeBluesky.HANDLE);
    Key key = new Key("BlueskyAuth", FakeBluesky.DID);
    assertThat(Key.fromUrlsafe(done.query().get("auth_entity"))).isEqualTo(key);

    JsonNode token = pythonLoads(EntityMapper.text(entity(FakeBluesky.DID), "dpop_token"));
    JsonNode fixture =
        pythonLoads(EntityMapper.text(entity("did:plc:pythonoauthlogin00000000"), "dpop_token"));
    // Every field the Python-written token has, with the same JSON type (expires_at: an integer).
    for (var f : fixture.properties()) {
      assertThat(token.has(f.getKey())).as(f.getKey()).isTrue();
      assertThat(token.get(f.getKey()).getNodeType())
          .as(f.getKey())
          .isEqualTo(f.getValue().getNodeType());
    }
    assertThat(token.path("expires_at").isIntegralNumber()).isTrue();
    assertThat(token.path("token_type").asText()).isEqualTo("DPoP");
    assertThat(token.path("sub").asText()).isEqualTo(FakeBluesky.DID);
    // DPoPToken refuses an access token outside RFC 9449's token68 characters.
    assertThat(token.path("access_token").asText()).matches("[A-Za-z0-9\\-._~+/]+=*");

    // What TokenSerializer.default_loader turns into DPoPKey(**dpop_key): a private JWK.
    JsonNode dpopKey = token.path("dpop_key");
    assertThat(dpopKey.isObject()).as(token.toString()).isTrue();
    assertThat(iterable(dpopKey.fieldNames())).isSubsetOf(DPOP_KEY_PARAMETERS);
    assertThat(dpopKey.path("alg").asText()).isEqualTo("ES256");
    assertThat(dpopKey.path("jwt_typ").asText()).isEqualTo("dpop+jwt");
    JsonNode jwk = dpopKey.path("private_key");
    assertThat(jwk.path("kty").asText()).isEqualTo("EC");
    assertThat(jwk.path("crv").asText()).isEqualTo("P-256");
    for (String member : new String[] {"x", "y", "d"}) {
      assertThat(jwk.path(member).asText()).as(member).matches("[A-Za-z0-9_-]{43}");
    }

    // The key lives in dpop_token alone: Java's own entity beside it does not hold one.
    Entity side =
        raw.get(
            raw.newKeyFactory()
                .setKind(PythonKinds.SIDECAR_KIND)
                .newKey("BlueskyAuth " + FakeBluesky.DID));
    if (side != null) {
      assertThat(String.valueOf(EntityMapper.text(side, EntityMapper.JAVA_EXTRA_JSON)))
          .doesNotContain("dpop_key")
          .doesNotContain(jwk.path("d").asText());
    }

    // Round trip: Java reads the key back from Python's form and the PDS accepts its proofs.
    BlueskyAuth auth = site.load(store, key).orElseThrow();
    assertThat(auth.isOAuth()).isTrue();
    var answer =
        auth.get(auth.pdsUrl() + "/xrpc/app.bsky.actor.getProfile?actor=" + FakeBluesky.DID);
    assertThat(answer.status()).as(answer.text()).isEqualTo(200);
    // And after a refresh, which Java writes back in the same form.
    assertThat(auth.refresh()).isTrue();
    JsonNode refreshed = pythonLoads(EntityMapper.text(entity(FakeBluesky.DID), "dpop_token"));
    assertThat(refreshed.path("dpop_key")).isEqualTo(dpopKey);
    assertThat(refreshed.path("refresh_token")).isNotEqualTo(token.path("refresh_token"));
    BlueskyAuth reloaded = site.load(store, key).orElseThrow();
    assertThat(
            reloaded
                .get(reloaded.pdsUrl() + "/xrpc/app.bsky.actor.getProfile?actor=" + FakeBluesky.DID)
                .status())
        .isEqualTo(200);
  }

  private static boolean isNull(Entity e, String name) {
    if (!e.contains(name)) {
      return true;
    }
    Value<?> v = e.getValue(name);
    return v.getType() == ValueType.NULL;
  }

  private static Iterable<String> iterable(java.util.Iterator<String> it) {
    TreeMap<String, Boolean> names = new TreeMap<>();
    it.forEachRemaining(n -> names.put(n, true));
    return names.keySet();
  }

  /**
   * requests-oauth2client's {@code TokenSerializer.default_loader}, as binapy does it: base64url
   * (unpadded) of raw DEFLATE of the JSON.
   */
  static JsonNode pythonLoads(String serialized) {
    assertThat(serialized).doesNotContain("=").doesNotContain("+").doesNotContain("/");
    Inflater in = new Inflater(true);
    try {
      in.setInput(Base64.getUrlDecoder().decode(serialized));
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      byte[] buf = new byte[1024];
      while (!in.finished()) {
        int n = in.inflate(buf);
        if (n == 0 && in.needsInput()) {
          throw new AssertionError("truncated DEFLATE data");
        }
        out.write(buf, 0, n);
      }
      return Json.parse(out.toString(StandardCharsets.UTF_8));
    } catch (java.util.zip.DataFormatException e) {
      throw new AssertionError("not raw DEFLATE", e);
    } finally {
      in.end();
    }
  }

  /**
   * The store under test on a namespace: the default, which keeps the Python kinds as Python writes
   * them; {@code BlueskyPythonFormsSealedTest} runs these tests with those kinds sealed too.
   */
  DatastoreStore open(Datastore raw) {
    return new DatastoreStore(raw);
  }
}
