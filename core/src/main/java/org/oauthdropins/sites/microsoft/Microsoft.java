package org.oauthdropins.sites.microsoft;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.oauthdropins.Button;
import org.oauthdropins.SiteBase;
import org.oauthdropins.SiteFactory;
import org.oauthdropins.SiteOptions;
import org.oauthdropins.engine.oauth2.ClientAuth;
import org.oauthdropins.engine.oauth2.OAuth2Site;
import org.oauthdropins.engine.oidc.IssuerTemplate;
import org.oauthdropins.engine.oidc.Oidc;
import org.oauthdropins.engine.oidc.OidcProvider;
import org.oauthdropins.internal.Marks;
import org.oauthdropins.internal.http.Json;

/**
 * Sign in with Microsoft: Microsoft Entra ID's v2.0 OpenID Connect endpoints
 * (learn.microsoft.com/entra/identity-platform/v2-protocols-oidc), for the tenant the app chooses:
 *
 * <ul>
 *   <li>{@code common}: work or school accounts of any organization, and personal Microsoft
 *       accounts;
 *   <li>{@code organizations}: work or school accounts of any organization;
 *   <li>{@code consumers}: personal Microsoft accounts only;
 *   <li>a tenant id (a GUID): that one organization's accounts and guests.
 * </ul>
 *
 * <p><b>Issuer.</b> A tenant's ID tokens carry the issuer {@code
 * https://login.microsoftonline.com/{tid}/v2.0}. For {@code common} and {@code organizations} every
 * tenant's tokens are signed with the same keys, so the issuer is checked as an {@link
 * IssuerTemplate}: it must name the tenant that the token's own {@code tid} claim names, and a
 * token whose issuer and {@code tid} disagree is refused. For {@code consumers} and a named tenant
 * only that tenant's issuer passes, and it too must agree with {@code tid} (personal accounts live
 * in the tenant {@value #CONSUMERS_TENANT}). A tenant given by domain name ({@code
 * contoso.onmicrosoft.com}) is refused at start-up: its tokens name the tenant's GUID, which only
 * the GUID can be checked against.
 *
 * <p><b>Key.</b> {@code oid@tid}: the user's object id within the tenant, which Microsoft calls
 * immutable and never reused, with the tenant it belongs to ("use the immutable claim values {@code
 * tid} and {@code oid} as a combined key", learn.microsoft.com, "Secure applications and APIs by
 * validating claims"). Not {@code sub}: Microsoft's {@code sub} is pairwise, different for each
 * client id, so logins keyed by it would not survive a change of app registration and could not be
 * matched with what Microsoft Graph calls the user ({@code id}, which is the {@code oid}). A user
 * who is a member of two tenants is two accounts, one per tenant, as Microsoft treats them. A token
 * without {@code oid} (it needs the {@code profile} scope) fails the login.
 *
 * <p><b>Profile.</b> The verified ID token's claims ({@code name}, {@code preferred_username},
 * {@code email}, {@code oid}, {@code tid}); Microsoft's userinfo endpoint is on Microsoft Graph and
 * adds nothing needed here. The client secret goes in the token request body ({@code
 * client_secret_post}, the secret method the discovery document lists); PKCE S256 and a nonce are
 * sent. A refresh token comes only with the extra scope {@code offline_access}.
 *
 * <p>Base URL override: {@code login} ({@code https://login.microsoftonline.com}; a national
 * cloud's authority host, or a fake).
 *
 * <p>No revocation: the Microsoft identity platform has no RFC 7009 endpoint, and Graph's {@code
 * revokeSignInSessions} would end the user's sessions in every app, so a disconnect deletes the
 * login here only.
 */
public final class Microsoft {

  /** The site's name. */
  public static final String NAME = "microsoft";

  /** The {@code login} base URL; {@code options.withBase(Microsoft.LOGIN, url)} moves it. */
  public static final SiteBase LOGIN = SiteBase.of("login", "https://login.microsoftonline.com");

  /** Microsoft Graph ({@code graph} base URL), the API of a Microsoft account. */
  public static final SiteBase GRAPH = SiteBase.of("graph", "https://graph.microsoft.com");

  /** Work, school and personal accounts. */
  public static final String COMMON = "common";

  /** Work and school accounts of any organization. */
  public static final String ORGANIZATIONS = "organizations";

  /** Personal Microsoft accounts. */
  public static final String CONSUMERS = "consumers";

  /** The tenant id of personal Microsoft accounts, the {@code tid} of their ID tokens. */
  public static final String CONSUMERS_TENANT = "9188040d-6c67-4c5b-b112-36a304b66dad";

  /** The placeholder of the multi-tenant issuer, as Microsoft's discovery document writes it. */
  static final String TENANT_PLACEHOLDER = "{tenantid}";

  private static final Pattern GUID =
      Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

  /** Lists Microsoft (tenant {@code common}) for apps and the demo. */
  public static final SiteFactory FACTORY =
      new SiteFactory(
          NAME, "microsoft_client_id", "microsoft_client_secret", o -> create(COMMON, o));

  private Microsoft() {}

  /** Microsoft for work, school and personal accounts: {@link #create(String, SiteOptions)}. */
  public static OAuth2Site<MicrosoftAuth> create(SiteOptions o) {
    return create(COMMON, o);
  }

  /**
   * Microsoft for one tenant choice; credentials default to {@code microsoft_client_id/secret}.
   *
   * @param tenant {@link #COMMON}, {@link #ORGANIZATIONS}, {@link #CONSUMERS}, or a tenant id
   * @throws IllegalArgumentException for anything else, a tenant's domain name included
   */
  public static OAuth2Site<MicrosoftAuth> create(String tenant, SiteOptions o) {
    return Oidc.builder(
            NAME,
            "MicrosoftAuth",
            provider(tenant, o),
            o.credentials("microsoft_client_id", "microsoft_client_secret"),
            o.transport())
        // Microsoft's dark button: #2F2F2F, white label, the four squares (Sign in with Microsoft
        // branding guidelines).
        .button(
            Button.of("Sign in with Microsoft", "#2f2f2f", "#ffffff")
                .withMark(Marks.load("microsoft")))
        .options(o)
        .apiBase(o.url(GRAPH, "/v1.0"))
        .defaultScopes(List.of("openid", "profile", "email"))
        .keyId(
            claims -> {
              String oid = Json.text(claims, "oid");
              String tid = Json.text(claims, "tid");
              return oid == null || tid == null ? null : oid + "@" + tid;
            })
        .entity(MicrosoftAuth::new)
        .build();
  }

  /**
   * The endpoints of one tenant choice, and the issuers its ID tokens may carry.
   *
   * @param tenant {@link #COMMON}, {@link #ORGANIZATIONS}, {@link #CONSUMERS}, or a tenant id
   */
  public static OidcProvider provider(String tenant, SiteOptions o) {
    String path = tenant(tenant);
    // Built as text: the placeholder's braces are no part of any URI.
    String perTenant = o.url(LOGIN, "") + "/" + TENANT_PLACEHOLDER + "/v2.0";
    boolean multi = path.equals(COMMON) || path.equals(ORGANIZATIONS);
    String fixed = path.equals(CONSUMERS) ? CONSUMERS_TENANT : path;
    String issuer = multi ? perTenant : perTenant.replace(TENANT_PLACEHOLDER, fixed);
    return OidcProvider.builder(issuer)
        .authorizationEndpoint(o.url(LOGIN, "/" + path + "/oauth2/v2.0/authorize"))
        .tokenEndpoint(o.url(LOGIN, "/" + path + "/oauth2/v2.0/token"))
        .jwksUri(o.url(LOGIN, "/" + path + "/discovery/v2.0/keys"))
        // RP-initiated logout (Microsoft identity platform's OpenID Connect sign-out request).
        .endSessionEndpoint(o.url(LOGIN, "/" + path + "/oauth2/v2.0/logout"))
        .clientAuth(ClientAuth.POST)
        // Every token's issuer must also agree with its own tid, a named tenant's included.
        .issuerTemplate(new IssuerTemplate(perTenant, TENANT_PLACEHOLDER, "tid"))
        .build();
  }

  /** The tenant as it goes in the URL path, checked. */
  private static String tenant(String tenant) {
    String t = tenant == null ? "" : tenant.toLowerCase(Locale.ROOT);
    if (Set.of(COMMON, ORGANIZATIONS, CONSUMERS).contains(t) || GUID.matcher(t).matches()) {
      return t;
    }
    throw new IllegalArgumentException(
        "Microsoft tenant must be common, organizations, consumers or a tenant id (GUID), not "
            + tenant);
  }
}
