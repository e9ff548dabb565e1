package org.oauthdropins.internal.oauth2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.oauthdropins.Authorization;
import org.oauthdropins.AuthorizeRequest;
import org.oauthdropins.Req;
import org.oauthdropins.engine.oauth2.CodeFlowPipeline;
import org.oauthdropins.engine.oauth2.OAuth2Spec;
import org.oauthdropins.engine.oauth2.TokenResponse;
import org.oauthdropins.errors.BadRequestException;
import org.oauthdropins.errors.ProviderException;
import org.oauthdropins.internal.http.Form;
import org.oauthdropins.store.memory.MemoryStore;

/**
 * The browser legs of the code flow as the pipeline runs them: PKCE S256 in the authorization
 * request ({@link AuthorizationQuery}), and RFC 9207 {@code iss} checked at the callback.
 */
class CodeFlowTest {

  private static final String ISS = "https://as.example";

  /** The least pending-login record: the verifier alone. */
  private record Verifier(String codeVerifier) {
    @Override
    public String toString() {
      return "Verifier[...]";
    }
  }

  /** A start request with state {@code nonce}. */
  private static AuthorizeRequest start() {
    return new AuthorizeRequest(
        Req.post("https://app.example/x/start", Map.of()),
        URI.create("https://app.example"),
        URI.create("https://app.example/x/oauth_callback"),
        "nonce",
        List.of(),
        new MemoryStore());
  }

  /** The authorization request as the pipeline writes it: its first parameters, then the rest. */
  private static Authorization authorize(
      URI endpoint,
      String clientId,
      AuthorizeRequest request,
      String scope,
      Map<String, String> params,
      Function<String, ? extends Record> pending) {
    String redirectUri = request.callbackUrl().toString();
    Pkce pkce = Pkce.create();
    Map<String, String> q =
        AuthorizationQuery.of(clientId, redirectUri, request.state(), scope, pkce);
    q.putAll(params);
    return Authorization.of(
        CodeFlowPipeline.authorizationUrl(endpoint, q),
        redirectUri,
        pending.apply(pkce.verifier()));
  }

  private static Req callback(String query) {
    return Req.get("https://app.example/x/oauth_callback?" + query);
  }

  @Test
  void theAuthorizationRequestCarriesS256AndKeepsTheVerifierOutOfTheUrl() {
    AuthorizeRequest start = start();
    Authorization a =
        authorize(URI.create(ISS + "/authorize"), "client", start, "read", Map.of(), Verifier::new);
    Map<String, String> q = Form.decode(a.location().getRawQuery());
    String verifier = a.data().get("code_verifier");
    assertThat(q)
        .containsEntry("code_challenge_method", "S256")
        .containsEntry("code_challenge", Pkce.challenge(verifier))
        .containsEntry("redirect_uri", "https://app.example/x/oauth_callback")
        .containsEntry("state", "nonce");
    assertThat(a.location().toString()).doesNotContain(verifier);
    assertThat(a.redirectUri()).isEqualTo("https://app.example/x/oauth_callback");
  }

  @Test
  void aWrongIssIsAlwaysRefusedAndAMissingOneWhenRequired() {
    for (boolean required : new boolean[] {false, true}) {
      assertThatThrownBy(
              () ->
                  CodeFlowPipeline.code(
                      "s",
                      callback("code=c&iss=https://evil.example"),
                      ISS,
                      required,
                      OAuth2Spec.DECLINED))
          .isInstanceOf(BadRequestException.class)
          .hasMessageContaining("another authorization server");
      assertThat(
              CodeFlowPipeline.code(
                  "s", callback("code=c&iss=" + ISS), ISS, required, OAuth2Spec.DECLINED))
          .contains("c");
    }
    assertThatThrownBy(
            () -> CodeFlowPipeline.code("s", callback("code=c"), ISS, true, OAuth2Spec.DECLINED))
        .isInstanceOf(BadRequestException.class)
        .hasMessageContaining("lacks iss");
    assertThat(CodeFlowPipeline.code("s", callback("code=c"), ISS, false, OAuth2Spec.DECLINED))
        .contains("c");
    // Even an error answer must come from the right server.
    assertThatThrownBy(
            () ->
                CodeFlowPipeline.code(
                    "s",
                    callback("error=access_denied&iss=https://evil.example"),
                    ISS,
                    false,
                    OAuth2Spec.DECLINED))
        .isInstanceOf(BadRequestException.class);
  }

  @Test
  void declinedErrorsAndGarbageAreToldApart() {
    assertThat(
            CodeFlowPipeline.code(
                "s", callback("error=access_denied"), null, false, OAuth2Spec.DECLINED))
        .isEmpty();
    assertThatThrownBy(
            () ->
                CodeFlowPipeline.code(
                    "s", callback("error=server_error"), null, false, OAuth2Spec.DECLINED))
        .isInstanceOf(ProviderException.class);
    assertThatThrownBy(
            () -> CodeFlowPipeline.code("s", callback(""), null, false, OAuth2Spec.DECLINED))
        .isInstanceOf(BadRequestException.class);
    assertThatThrownBy(
            () ->
                CodeFlowPipeline.code(
                    "s", callback("code=" + "c".repeat(4097)), null, false, OAuth2Spec.DECLINED))
        .isInstanceOf(BadRequestException.class);
  }

  @Test
  void aCodeOfExactlyTheLimitIsACode() {
    String longest = "c".repeat(4096);
    assertThat(
            CodeFlowPipeline.code(
                "s", callback("code=" + longest), null, false, OAuth2Spec.DECLINED))
        .contains(longest);
  }

  @Test
  void requestedScopesAreAddedToTheDefaultsOnceEach() {
    assertThat(CodeFlowPipeline.scopes(List.of("a", "b"), List.of("b", "c", "a", "d")))
        .containsExactly("a", "b", "c", "d");
  }

  @Test
  void anEmptyOrMissingScopeIsLeftOutOfTheAuthorizationRequest() {
    for (String scope : new String[] {null, ""}) {
      AuthorizeRequest start = start();
      Authorization a =
          authorize(
              URI.create(ISS + "/authorize"), "client", start, scope, Map.of(), Verifier::new);
      assertThat(Form.decode(a.location().getRawQuery())).as(scope).doesNotContainKey("scope");
    }
  }

  @Test
  void aBearerOrUntypedTokenIsUsedAndAnyOtherTypeIsRefused() {
    TokenResponse untyped = new TokenResponse("t", null, null, null, null, null);
    TokenResponse bearer = new TokenResponse("t", "bearer", null, null, null, null);
    assertThat(CodeFlowPipeline.bearer("s", untyped)).isSameAs(untyped);
    assertThat(CodeFlowPipeline.bearer("s", bearer)).isSameAs(bearer);
    assertThatThrownBy(
            () ->
                CodeFlowPipeline.bearer("s", new TokenResponse("t", "mac", null, null, null, null)))
        .isInstanceOf(ProviderException.class)
        .hasMessage("s issued a token of unknown type mac");
  }
}
