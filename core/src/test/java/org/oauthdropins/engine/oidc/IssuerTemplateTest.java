package org.oauthdropins.engine.oidc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSASigner;
import java.net.URI;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.oauthdropins.errors.ProviderException;
import org.oauthdropins.internal.http.Json;

/**
 * A multi-tenant issuer is accepted only when it names the tenant the token's own claim names; the
 * template's text, a token without the claim, and a claim that would reshape the URL are refused.
 */
class IssuerTemplateTest {

  private static final long NOW = IdTokenVerifierTest.NOW;
  private static final String TEMPLATE = "https://login.example/{tenantid}/v2.0";
  private static final IssuerTemplate ISSUERS = new IssuerTemplate(TEMPLATE, "{tenantid}", "tid");

  private static IdTokenVerifier verifier(Set<String> fixed, IssuerTemplate template) {
    return new IdTokenVerifier(
        "ms", fixed, template, "client", IdTokenVerifierTest.keys("ms"), IdTokenVerifierTest.CLOCK);
  }

  /** A token signed by the provider's own key, with this issuer and tenant claim. */
  private static String token(String iss, String tid) throws Exception {
    ObjectNode claims = Json.object();
    claims.put("iss", iss).put("aud", "client").put("sub", "pairwise-1");
    claims.put("iat", NOW).put("exp", NOW + 600);
    if (tid != null) {
      claims.put("tid", tid);
    }
    JWSObject jws =
        new JWSObject(
            new JWSHeader.Builder(JWSAlgorithm.ES256).keyID("k1").type(JOSEObjectType.JWT).build(),
            new Payload(claims.toString()));
    jws.sign(new ECDSASigner(IdTokenVerifierTest.KEY));
    return jws.serialize();
  }

  private static void refused(IdTokenVerifier v, String token) {
    assertThatThrownBy(() -> v.verify(token, null))
        .isInstanceOf(ProviderException.class)
        .hasMessage("ms ID token comes from another issuer");
  }

  @Test
  void anIssuerNamingTheTokensOwnTenantIsAccepted() throws Exception {
    String tid = "72f988bf-86f1-41af-91ab-2d7cd011db47";
    assertThat(
            verifier(Set.of(), ISSUERS)
                .verify(token("https://login.example/" + tid + "/v2.0", tid), null)
                .path("tid")
                .asText())
        .isEqualTo(tid);
  }

  @Test
  void anIssuerAndTenantClaimThatDisagreeAreRefusedThoughSignedByTheProvidersKey()
      throws Exception {
    refused(
        verifier(Set.of(), ISSUERS),
        token(
            "https://login.example/11111111-1111-1111-1111-111111111111/v2.0",
            "22222222-2222-2222-2222-222222222222"));
  }

  @Test
  void aTokenWithoutTheTenantClaimIsRefused() throws Exception {
    refused(verifier(Set.of(), ISSUERS), token("https://login.example/abc/v2.0", null));
  }

  @Test
  void theTemplatesOwnTextIsNoIssuer() throws Exception {
    OidcProvider provider =
        OidcProvider.builder(TEMPLATE)
            .authorizationEndpoint(URI.create("https://login.example/common/oauth2/v2.0/authorize"))
            .tokenEndpoint(URI.create("https://login.example/common/oauth2/v2.0/token"))
            .jwksUri(URI.create("https://login.example/common/discovery/v2.0/keys"))
            .clientAuth(org.oauthdropins.engine.oauth2.ClientAuth.POST)
            .issuerTemplate(ISSUERS)
            .build();
    assertThat(provider.acceptedIssuers()).isEmpty();
    refused(verifier(provider.acceptedIssuers(), ISSUERS), token(TEMPLATE, "{tenantid}"));
  }

  @Test
  void aTenantClaimThatWouldReshapeTheIssuerIsRefused() throws Exception {
    // A claim with path segments would fill the template to another URL; only plain ids fill it.
    String tid = "a/../b";
    refused(verifier(Set.of(), ISSUERS), token("https://login.example/a/../b/v2.0", tid));
  }

  @Test
  void withoutATemplateOnlyTheFixedIssuersPass() throws Exception {
    String tid = "72f988bf-86f1-41af-91ab-2d7cd011db47";
    refused(
        verifier(Set.of("https://login.example/other/v2.0"), null),
        token("https://login.example/" + tid + "/v2.0", tid));
  }

  @Test
  void aNamedTenantsIssuerMustAlsoAgreeWithTheTenantClaim() throws Exception {
    String named = "72f988bf-86f1-41af-91ab-2d7cd011db47";
    String issuer = "https://login.example/" + named + "/v2.0";
    IdTokenVerifier v = verifier(Set.of(issuer), ISSUERS);
    assertThat(v.verify(token(issuer, named), null).path("tid").asText()).isEqualTo(named);
    refused(v, token(issuer, "22222222-2222-2222-2222-222222222222"));
    String other = "22222222-2222-2222-2222-222222222222";
    refused(v, token("https://login.example/" + other + "/v2.0", other));
  }

  @Test
  void aVerifierWithNeitherFixedIssuersNorATemplateCannotBeMade() {
    assertThatThrownBy(() -> verifier(Set.of(), null)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aTemplateMustHoldItsPlaceholderOnce() {
    assertThatThrownBy(() -> new IssuerTemplate("https://login.example/v2.0", "{tenantid}", "tid"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> new IssuerTemplate("https://x/{tenantid}/{tenantid}", "{tenantid}", "tid"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aTemplateMayStartWithItsPlaceholderButNeverHoldItTwice() {
    IssuerTemplate leading = new IssuerTemplate("{tenant}.login.example", "{tenant}", "tid");
    assertThat(leading.matches("contoso.login.example", "contoso")).isTrue();
    assertThatThrownBy(() -> new IssuerTemplate("{t}/{t}", "{t}", "tid"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new IssuerTemplate("https://login.example/v2.0", "{t}", "tid"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new IssuerTemplate("https://login.example/v2.0", "", "tid"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
