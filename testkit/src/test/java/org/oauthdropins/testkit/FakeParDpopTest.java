package org.oauthdropins.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.oauthdropins.Credentials;
import org.oauthdropins.internal.dpop.DpopKey;
import org.oauthdropins.internal.http.Form;
import org.oauthdropins.internal.http.Json;
import org.oauthdropins.internal.oauth2.Pkce;

/**
 * The fake authorization server's PAR (RFC 9126) and DPoP (RFC 9449) checks, request by request
 * over loopback HTTP: what a client that gets them wrong must see, so that the flow tests that pass
 * against the fake mean something.
 */
class FakeParDpopTest {

  private static final Credentials CLIENT = new Credentials("the-client", "the-secret");
  private static final String CALLBACK = "http://127.0.0.1:9/cb";

  private final MutableClock clock = new MutableClock();
  private final HttpClient http =
      HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
  private FakeServer server;
  private FakeOAuth2 as;
  private final String verifier = Pkce.create().verifier();

  @BeforeEach
  void setUp() {
    server = new FakeServer();
    JsonNode user = Json.parse("{\"id\":\"u1\",\"name\":\"Ada\"}");
    as =
        new FakeOAuth2(
                server,
                FakeOAuth2.Config.standard("Fake", "/authorize", "/token"),
                CLIENT,
                user,
                clock)
            .registerRedirectUri(URI.create(CALLBACK))
            .pushedAuthorizationRequests("/par", true)
            .dpop(false);
    server.route("/api", this::api);
  }

  /** A resource route: checks the request's token once, as the fakes' APIs do. */
  private FakeResponse api(FakeRequest r) {
    FakeOAuth2.Access access = as.access(r);
    if (access.granted()) {
      return FakeResponse.text(200, "ok");
    }
    return access.refusal() != null ? access.refusal() : FakeResponse.text(401, "no");
  }

  @AfterEach
  void tearDown() {
    server.close();
  }

  private Map<String, String> request() {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("client_id", CLIENT.clientId());
    p.put("redirect_uri", CALLBACK);
    p.put("response_type", "code");
    p.put("scope", "profile");
    p.put("state", "st");
    p.put("code_challenge", Pkce.challenge(verifier));
    p.put("code_challenge_method", "S256");
    return p;
  }

  private HttpResponse<String> post(String path, Map<String, String> form, Map<String, String> h)
      throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(server.url() + path))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(Form.encode(form)));
    h.forEach(b::header);
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> get(String pathAndQuery, Map<String, String> h) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.url() + pathAndQuery)).GET();
    h.forEach(b::header);
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static Map<String, String> basic() {
    String pair = CLIENT.clientId() + ":" + CLIENT.clientSecret();
    return Map.of(
        "Authorization",
        "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
  }

  private String push() throws Exception {
    HttpResponse<String> r = post("/par", request(), basic());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    return Json.text(Json.parse(r.body()), "request_uri");
  }

  private Map<String, String> byReference(String requestUri) {
    return Map.of("client_id", CLIENT.clientId(), "request_uri", requestUri);
  }

  @Test
  void thePushedRequestNeedsClientAuthenticationAndNoRequestUri() throws Exception {
    assertThat(post("/par", request(), Map.of()).statusCode()).isEqualTo(401);
    Map<String, String> withUri = request();
    withUri.put("request_uri", FakeOAuth2.REQUEST_URI_PREFIX + "x");
    HttpResponse<String> r = post("/par", withUri, basic());
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).contains("invalid_request");
    Map<String, String> badRedirect = request();
    badRedirect.put("redirect_uri", "http://127.0.0.1:9/other");
    assertThat(post("/par", badRedirect, basic()).statusCode()).isEqualTo(400);
    assertThat(as.pushedRequests()).isZero();
  }

  @Test
  void aRequestUriWorksOnceForTheClientAloneAndNothingBesideIt() throws Exception {
    String uri = push();
    assertThat(uri).startsWith(FakeOAuth2.REQUEST_URI_PREFIX);
    String query = "/authorize?" + Form.encode(byReference(uri));
    assertThat(get(query, Map.of()).statusCode()).isEqualTo(200);
    Map<String, String> extra = new LinkedHashMap<>(byReference(uri));
    extra.put("scope", "admin");
    assertThat(get("/authorize?" + Form.encode(extra), Map.of()).body())
        .contains("outside the pushed request");
    Map<String, String> other = Map.of("client_id", "someone-else", "request_uri", uri);
    assertThat(get("/authorize?" + Form.encode(other), Map.of()).statusCode()).isEqualTo(400);

    Map<String, String> approve = new LinkedHashMap<>(byReference(uri));
    approve.put("decision", "approve");
    HttpResponse<String> answer = post("/authorize", approve, Map.of());
    assertThat(answer.statusCode()).isEqualTo(302);
    assertThat(answer.headers().firstValue("Location").orElseThrow())
        .startsWith(CALLBACK)
        .contains("code=")
        .contains("state=st");
    assertThat(post("/authorize", approve, Map.of()).statusCode()).isEqualTo(400);
  }

  @Test
  void aRequestUriExpires() throws Exception {
    String uri = push();
    clock.advance(Duration.ofSeconds(FakeOAuth2.REQUEST_URI_SECONDS + 1));
    assertThat(get("/authorize?" + Form.encode(byReference(uri)), Map.of()).body())
        .contains("expired");
  }

  @Test
  void whenParIsRequiredAPlainRequestIsRefused() throws Exception {
    HttpResponse<String> r = get("/authorize?" + Form.encode(request()), Map.of());
    assertThat(r.statusCode()).isEqualTo(302);
    assertThat(r.headers().firstValue("Location").orElseThrow()).contains("error=invalid_request");
  }

  @Test
  void theTokenEndpointChecksProofsNoncesAndTheCodesKey() throws Exception {
    DpopKey key = DpopKey.generate();
    URI par = URI.create(server.url() + "/par");
    // Without the server's nonce: use_dpop_nonce, and the nonce to use.
    HttpResponse<String> first =
        post("/par", request(), with(key.proof("POST", par, null, null, Instant.now())));
    assertThat(first.statusCode()).isEqualTo(400);
    assertThat(first.body()).contains("use_dpop_nonce");
    String nonce = first.headers().firstValue("DPoP-Nonce").orElseThrow();
    String proof = key.proof("POST", par, nonce, null, Instant.now());
    HttpResponse<String> pushed = post("/par", request(), with(proof));
    assertThat(pushed.statusCode()).as(pushed.body()).isEqualTo(201);
    // A proof is good once.
    assertThat(post("/par", request(), with(proof)).body()).contains("jti already used");

    URI token = URI.create(server.url() + "/token");
    // The code is bound to the key that pushed it: another key's proof is refused (and the code
    // spent, as a code presented wrongly is).
    DpopKey other = DpopKey.generate();
    String code = approve(Json.text(Json.parse(pushed.body()), "request_uri"));
    HttpResponse<String> stolen =
        post(
            "/token", exchange(code), with(other.proof("POST", token, nonce, null, Instant.now())));
    assertThat(stolen.body()).contains("invalid_grant");

    String again = key.proof("POST", par, nonce, null, Instant.now());
    Map<String, String> exchange =
        exchange(
            approve(
                Json.text(Json.parse(post("/par", request(), with(again)).body()), "request_uri")));
    // htu must be the token endpoint.
    assertThat(
            post("/token", exchange, with(key.proof("POST", par, nonce, null, Instant.now())))
                .body())
        .contains("htu");
    HttpResponse<String> ok =
        post("/token", exchange, with(key.proof("POST", token, nonce, null, Instant.now())));
    assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
    JsonNode tokens = Json.parse(ok.body());
    assertThat(Json.text(tokens, "token_type")).isEqualTo("DPoP");
    String access = Json.text(tokens, "access_token");
    assertThat(as.boundKey(access)).isEqualTo(key.thumbprint());

    URI api = URI.create(server.url() + "/api");
    // A bound token is no bearer token; a proof needs the token's ath and the key it is bound to.
    assertThat(get("/api", Map.of("Authorization", "Bearer " + access)).statusCode())
        .isEqualTo(401);
    Map<String, String> noAth =
        Map.of(
            "Authorization",
            "DPoP " + access,
            "DPoP",
            key.proof("GET", api, nonce, null, Instant.now()));
    assertThat(get("/api", noAth).statusCode()).isEqualTo(401);
    Map<String, String> wrongKey =
        Map.of(
            "Authorization",
            "DPoP " + access,
            "DPoP",
            other.proof("GET", api, nonce, access, Instant.now()));
    assertThat(get("/api", wrongKey).statusCode()).isEqualTo(401);
    Map<String, String> good =
        Map.of(
            "Authorization",
            "DPoP " + access,
            "DPoP",
            key.proof("GET", api, nonce, access, Instant.now()));
    HttpResponse<String> answered = get("/api", good);
    assertThat(answered.statusCode()).as(answered.body()).isEqualTo(200);

    // A refresh must prove the same key.
    Map<String, String> refresh = new LinkedHashMap<>();
    refresh.put("grant_type", "refresh_token");
    refresh.put("refresh_token", Json.text(tokens, "refresh_token"));
    assertThat(
            post("/token", refresh, with(other.proof("POST", token, nonce, null, Instant.now())))
                .body())
        .contains("invalid_grant");
    HttpResponse<String> renewed =
        post("/token", refresh, with(key.proof("POST", token, nonce, null, Instant.now())));
    assertThat(renewed.statusCode()).as(renewed.body()).isEqualTo(200);
    assertThat(as.boundKey(Json.text(Json.parse(renewed.body()), "access_token")))
        .isEqualTo(key.thumbprint());
  }

  @Test
  void aServerThatRequiresDpopRefusesATokenRequestWithoutAProof() throws Exception {
    as.pushedAuthorizationRequests("/par", false).dpop(true);
    HttpResponse<String> r = post("/token", exchange(approve(push())), basic());
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).contains("invalid_dpop_proof");
  }

  private Map<String, String> exchange(String code) {
    Map<String, String> exchange = new LinkedHashMap<>();
    exchange.put("grant_type", "authorization_code");
    exchange.put("code", code);
    exchange.put("redirect_uri", CALLBACK);
    exchange.put("code_verifier", verifier);
    return exchange;
  }

  private String approve(String requestUri) throws Exception {
    Map<String, String> approve = new LinkedHashMap<>(byReference(requestUri));
    approve.put("decision", "approve");
    String location = post("/authorize", approve, Map.of()).headers().firstValue("Location").get();
    return Form.decode(URI.create(location).getRawQuery()).get("code");
  }

  private static Map<String, String> with(String proof) {
    Map<String, String> h = new LinkedHashMap<>(basic());
    h.put("DPoP", proof);
    return h;
  }
}
