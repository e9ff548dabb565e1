package org.oauthdropins.sites.orcid;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.oauthdropins.Button;
import org.oauthdropins.ProfileFields;
import org.oauthdropins.Revocation;
import org.oauthdropins.SiteBase;
import org.oauthdropins.SiteFactory;
import org.oauthdropins.SiteOptions;
import org.oauthdropins.engine.oauth2.ClientAuth;
import org.oauthdropins.engine.oauth2.OAuth2Site;
import org.oauthdropins.errors.ProviderException;
import org.oauthdropins.internal.http.Json;

/**
 * ORCID (base URL overrides {@code web} for orcid.org, {@code api} for the public API
 * pub.orcid.org; {@code https://sandbox.orcid.org} and {@code https://pub.sandbox.orcid.org} for
 * ORCID's sandbox).
 *
 * <p>Endpoints: info.orcid.org's API tutorials "Get an authenticated ORCID iD" and "3-legged
 * OAuth": the browser goes to {@code orcid.org/oauth/authorize} with the scope {@code
 * /authenticate}, all sign-in needs; the code is redeemed at {@code orcid.org/oauth/token},
 * form-encoded, with {@code client_id} and {@code client_secret} in the body. The token answer
 * itself names the user: {@code orcid} (the ORCID iD) and {@code name}; there is no profile call,
 * and the entity's {@link org.oauthdropins.AuthEntity#userJson()} holds only those two fields,
 * never the token answer's tokens. Access tokens last about twenty years ({@code expires_in}
 * 631138518) and come with a refresh token. Revocation: {@code POST orcid.org/oauth/revoke} with
 * {@code token}, {@code client_id} and {@code client_secret}.
 *
 * <p>Not confirmed from the documentation: whether ORCID checks PKCE (its tutorials do not mention
 * it; S256 is sent, which a server without PKCE ignores). ORCID also runs OpenID Connect ({@code
 * openid} scope, issuer {@code https://orcid.org}); the {@code /authenticate} flow is the one its
 * tutorials lead with and gives the same iD.
 *
 * <p>The key is the ORCID iD ({@code 0000-0002-1825-0097}): ORCID's "What is an ORCID iD" calls it
 * a persistent identifier that stays with the researcher for their whole career; the name is
 * whatever the researcher shows and can change or be private.
 */
public final class Orcid {

  /** The {@code web} base URL of the authorization server; {@code withBase(Orcid.WEB, url)}. */
  public static final SiteBase WEB = SiteBase.of("web", "https://orcid.org");

  /** The {@code api} base URL of the public API; {@code withBase(Orcid.API, url)}. */
  public static final SiteBase API = SiteBase.of("api", "https://pub.orcid.org");

  /** The scope that gets the user's ORCID iD and name, all sign-in needs. */
  public static final String AUTHENTICATE = "/authenticate";

  /** Lists ORCID for apps and the demo. */
  public static final SiteFactory FACTORY =
      new SiteFactory("orcid", "orcid_client_id", "orcid_client_secret", Orcid::create);

  private Orcid() {}

  /** ORCID with the given options; credentials default to {@code orcid_client_id/secret}. */
  public static OAuth2Site<OrcidAuth> create(SiteOptions o) {
    return OAuth2Site.builder("orcid", "OrcidAuth")
        // ORCID's green with white text, as its "Sign in with ORCID" button shows.
        .button(Button.of("Sign in with ORCID", "#A6CE39", "#ffffff"))
        .credentials(o.credentials("orcid_client_id", "orcid_client_secret"))
        .options(o)
        .apiBase(o.url(API, "/v3.0"))
        .authorizeUrl(o.url(WEB, "/oauth/authorize"))
        .tokenUrl(o.url(WEB, "/oauth/token"))
        .clientAuth(ClientAuth.POST)
        .defaultScopes(List.of(AUTHENTICATE))
        .profile(
            (transport, token) -> {
              String orcid = Json.text(token.json(), "orcid");
              if (orcid == null) {
                throw new ProviderException("orcid token response has no orcid");
              }
              ObjectNode user = Json.object();
              user.put("orcid", orcid);
              user.put("name", Json.text(token.json(), "name"));
              return user;
            })
        .keyId(user -> Json.text(user, "orcid"))
        .profileFields(new ProfileFields("/orcid", "/name", null, null))
        .entity(OrcidAuth::new)
        // ORCID "Revoke tokens" (based on RFC 7009): POST orcid.org/oauth/revoke with client_id,
        // client_secret and token; either token of a pair ends the pair.
        .revocation(Revocation.rfc7009(o.url(WEB, "/oauth/revoke")))
        .build();
  }
}
