package org.oauthdropins.sites.naver;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.Map;
import org.oauthdropins.Button;
import org.oauthdropins.ProfileFields;
import org.oauthdropins.Revocation;
import org.oauthdropins.SiteBase;
import org.oauthdropins.SiteFactory;
import org.oauthdropins.SiteOptions;
import org.oauthdropins.engine.oauth2.ClientAuth;
import org.oauthdropins.engine.oauth2.OAuth2Site;
import org.oauthdropins.engine.oauth2.ProfileLoader;
import org.oauthdropins.errors.ProviderException;
import org.oauthdropins.internal.http.Json;

/**
 * Naver (base URL overrides {@code nid} for nid.naver.com, {@code api} for openapi.naver.com).
 *
 * <p>Endpoints: developers.naver.com, "네이버 로그인 API 명세" (Naver Login API specification) and "회원 프로필
 * 조회 API" (profile API): the browser goes to {@code nid.naver.com/oauth2.0/authorize}; the code is
 * redeemed at {@code nid.naver.com/oauth2.0/token} with {@code client_id} and {@code client_secret}
 * as parameters (Naver shows them in a GET query; a POSTed form is what this library sends and what
 * Naver accepts too). The token endpoint answers errors with HTTP 200 and an {@code error} field,
 * and its {@code expires_in} is a string ({@code "3600"}); the engine reads both. A refresh ({@code
 * grant_type=refresh_token}) answers with a new access token only, so the engine keeps the refresh
 * token. Revocation: the same token endpoint with {@code grant_type=delete}, {@code access_token}
 * and {@code service_provider=NAVER}, which unlinks the user from the app (its answer to a refused
 * deletion is, as for tokens, HTTP 200 with an {@code error}).
 *
 * <p>Not confirmed from the documentation: the specification lists {@code state} as a required
 * parameter of the token request as well, and this library does not send it there (clients that
 * leave it out, such as Spring Security's common Naver setup, are widely reported to work); and
 * whether Naver checks PKCE, which it does not document (S256 is sent, as a server without PKCE
 * ignores it). Naver has no {@code scope} parameter: the profile items an app receives are chosen
 * in its console.
 *
 * <p>The profile is {@code GET openapi.naver.com/v1/nid/me}, whose user is under {@code response}
 * (with {@code resultcode} {@code "00"} on success); the entity's {@link
 * org.oauthdropins.AuthEntity#userJson()} is that {@code response} object. The key is its {@code
 * id}, the identifier Naver issues for the user and the app ("동일인 식별 정보"): the nickname and address
 * can change, the id does not; it is app-scoped, so another app sees another id.
 */
public final class Naver {

  /** The {@code nid} base URL of the login server; {@code withBase(Naver.NID, url)}. */
  public static final SiteBase NID = SiteBase.of("nid", "https://nid.naver.com");

  /** The {@code api} base URL of Naver's open API; {@code withBase(Naver.API, url)}. */
  public static final SiteBase API = SiteBase.of("api", "https://openapi.naver.com");

  /** Lists Naver for apps and the demo. */
  public static final SiteFactory FACTORY =
      new SiteFactory("naver", "naver_client_id", "naver_client_secret", Naver::create);

  private Naver() {}

  /** Naver with the given options; credentials default to {@code naver_client_id/secret}. */
  public static OAuth2Site<NaverAuth> create(SiteOptions o) {
    URI me = o.url(API, "/v1/nid/me");
    return OAuth2Site.builder("naver", "NaverAuth")
        // Naver's green with white text, as its login button guide shows.
        .button(Button.of("Log in with NAVER", "#03C75A", "#ffffff"))
        .credentials(o.credentials("naver_client_id", "naver_client_secret"))
        .options(o)
        .apiBase(o.url(API, ""))
        .authorizeUrl(o.url(NID, "/oauth2.0/authorize"))
        .tokenUrl(o.url(NID, "/oauth2.0/token"))
        .clientAuth(ClientAuth.POST)
        .profile(
            (transport, token) -> {
              JsonNode body = ProfileLoader.bearerGet("naver", me).load(transport, token);
              JsonNode user = body.path("response");
              if (!"00".equals(Json.text(body, "resultcode")) || !user.isObject()) {
                throw new ProviderException("naver profile answer has no response");
              }
              return user;
            })
        .keyId(user -> Json.text(user, "id"))
        .profileFields(new ProfileFields("/id", "/nickname", "/profile_image", null))
        .entity(NaverAuth::new)
        // Naver Login API specification, token deletion ("연동 해제"): the token endpoint with
        // grant_type=delete, access_token and service_provider=NAVER, the client in the form.
        .revocation(
            Revocation.formPost(
                o.url(NID, "/oauth2.0/token"),
                "access_token",
                Map.of("grant_type", "delete", "service_provider", "NAVER")))
        .build();
  }
}
