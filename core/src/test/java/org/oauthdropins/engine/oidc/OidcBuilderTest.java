package org.oauthdropins.engine.oidc;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.oauthdropins.AuthorizeRequest;
import org.oauthdropins.Button;
import org.oauthdropins.Credentials;
import org.oauthdropins.Req;
import org.oauthdropins.engine.oauth2.OAuth2Site;
import org.oauthdropins.internal.http.Form;
import org.oauthdropins.store.memory.MemoryStore;

/**
 * The rules every OpenID Connect site gets from {@link Oidc#builder}, whether its endpoints are
 * fixed or discovered.
 */
class OidcBuilderTest {

  private static final String ISS = "https://idp.example";

  private static OAuth2Site.Builder<OidcAuth> builder() {
    OidcProvider provider =
        OidcProvider.builder(ISS)
            .acceptedIssuers(Set.of(ISS))
            .authorizationEndpoint(URI.create(ISS + "/authorize"))
            .tokenEndpoint(URI.create(ISS + "/token"))
            .userinfoEndpoint(URI.create(ISS + "/userinfo"))
            .jwksUri(URI.create(ISS + "/jwks"))
            .build();
    return Oidc.builder(
            "idp",
            "IdpAuth",
            provider,
            new Credentials("client", "secret"),
            call -> {
              throw new AssertionError("no request is sent to start a login");
            })
        .button(Button.of("Sign in", "#000000", "#ffffff"));
  }

  private static Map<String, String> start(OAuth2Site<?> site, List<String> scopes) {
    AuthorizeRequest request =
        new AuthorizeRequest(
            Req.post("https://app.example/idp/start", Map.of()),
            URI.create("https://app.example"),
            URI.create("https://app.example/idp/oauth_callback"),
            "s",
            scopes,
            new MemoryStore());
    return Form.decode(site.authorize(request).location().getRawQuery());
  }

  @Test
  void askingForOfflineAccessAsksForConsentAsCoreSection11Requires() {
    assertThat(start(builder().build(), List.of("offline_access")))
        .containsEntry("scope", "openid offline_access")
        .containsEntry("prompt", "consent")
        .containsKey("nonce");
  }

  @Test
  void withoutOfflineAccessNoPromptIsSent() {
    assertThat(start(builder().build(), List.of("email"))).doesNotContainKey("prompt");
  }

  @Test
  void aPromptTheSiteFixesItselfIsLeftAsItIs() {
    OAuth2Site<OidcAuth> site = builder().authorizeParams(Map.of("prompt", "login")).build();
    assertThat(start(site, List.of("offline_access"))).containsEntry("prompt", "login");
  }
}
