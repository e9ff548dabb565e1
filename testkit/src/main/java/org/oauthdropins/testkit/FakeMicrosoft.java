package org.oauthdropins.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.oauthdropins.Credentials;
import org.oauthdropins.engine.oauth2.ClientAuth;
import org.oauthdropins.internal.http.Json;

/**
 * A fake Microsoft identity platform (Entra ID v2.0) for one authority path, {@code common} unless
 * given another: {@code /{tenant}/oauth2/v2.0/authorize}, {@code /{tenant}/oauth2/v2.0/token},
 * {@code /{tenant}/discovery/v2.0/keys} and the discovery document at {@code
 * /{tenant}/v2.0/.well-known/openid-configuration}.
 *
 * <p>What it does as Microsoft does (learn.microsoft.com: "OpenID Connect on the Microsoft identity
 * platform", "ID token claims reference"): the client secret only in the request body ({@code
 * client_secret_post}; the discovery document lists no Basic method), PKCE checked when a challenge
 * was sent, ID tokens with the login's nonce whose issuer is {@code {server}/{tid}/v2.0} for the
 * user's own tenant, with {@code oid}, {@code tid}, {@code name}, {@code preferred_username} and
 * {@code email} besides a pairwise {@code sub}; a refresh token only when {@code offline_access}
 * was asked for; a denial as {@code error=access_denied}. {@link #forgeIssuerTenantNext} makes the
 * next ID token's issuer name another tenant than its {@code tid}, signed with the fake's real key,
 * as a hostile tenant's forgery would be.
 *
 * <p>Not confirmed from the documentation: the exact access-token format (the fake's prefix is its
 * own) and whether Microsoft also accepts client_secret_basic (it is not listed, so the fake
 * refuses it).
 */
public final class FakeMicrosoft extends FakeOidc {

  /** The tenant of the default user, a work account. */
  public static final String CONTOSO = "72f988bf-86f1-41af-91ab-2d7cd011db47";

  private final AtomicReference<String> forgedIssuerTenant = new AtomicReference<>();

  /** A fake for the {@code common} authority, serving until it is closed. */
  public FakeMicrosoft() {
    this("common");
  }

  /**
   * A fake for one authority path.
   *
   * @param tenant {@code common}, {@code organizations}, {@code consumers} or a tenant id
   */
  public FakeMicrosoft(String tenant) {
    super(
        "microsoft",
        new FakeOidc.Config(
            new FakeOAuth2.Config(
                "Microsoft",
                "/" + tenant + "/oauth2/v2.0/authorize",
                "/" + tenant + "/oauth2/v2.0/token",
                Set.of(ClientAuth.POST),
                false,
                false,
                Map.of(
                    "error",
                    "access_denied",
                    "error_description",
                    "the user canceled the authentication"),
                "fake-ms-",
                3600L,
                true,
                false),
            "/" + tenant + "/v2.0",
            "/oidc/userinfo",
            "/" + tenant + "/discovery/v2.0/keys",
            true,
            true,
            false),
        new Credentials("00000000-0000-4000-8000-00000000c1ed", "fake-microsoft-secret"),
        worker(CONTOSO));
    idTokenClaims(Set.of("oid", "tid", "name", "preferred_username", "email"));
    refreshOnlyForOfflineAccess();
    endSessionAt("/" + tenant + "/oauth2/v2.0/logout");
  }

  /** A user of a tenant, with the claims Microsoft's v2.0 ID tokens carry for the profile scope. */
  public static ObjectNode worker(String tenant) {
    ObjectNode user = Json.object();
    user.put("sub", "AAAAAAAAAAAAAAAAAAAAAIkzqFVrSaSaFHy782bbtaQ");
    user.put("oid", "00000000-0000-0000-66f3-3332eca7ea81");
    user.put("tid", tenant);
    user.put("name", "Katherine Johnson");
    user.put("preferred_username", "katherine@contoso.example");
    user.put("email", "katherine@contoso.example");
    return user;
  }

  /**
   * Makes the next ID token name this tenant in its issuer while its {@code tid} stays the user's,
   * signed with the provider's real key.
   */
  public void forgeIssuerTenantNext(String tenant) {
    forgedIssuerTenant.set(tenant);
  }

  @Override
  protected String idTokenIssuer(JsonNode user) {
    String forged = forgedIssuerTenant.getAndSet(null);
    String tenant = forged != null ? forged : Json.text(user, "tid");
    return url() + "/" + tenant + "/v2.0";
  }
}
