package org.oauthdropins.sites.kakao;

import org.oauthdropins.Button;
import org.oauthdropins.ProfileFields;
import org.oauthdropins.Revocation;
import org.oauthdropins.SiteBase;
import org.oauthdropins.SiteFactory;
import org.oauthdropins.SiteOptions;
import org.oauthdropins.engine.oauth2.ClientAuth;
import org.oauthdropins.engine.oauth2.OAuth2Site;
import org.oauthdropins.engine.oauth2.ProfileLoader;
import org.oauthdropins.internal.http.Json;

/**
 * Kakao (base URL overrides {@code auth} for kauth.kakao.com, {@code api} for kapi.kakao.com).
 *
 * <p>Endpoints: developers.kakao.com, "Kakao Login > REST API": the browser goes to {@code
 * kauth.kakao.com/oauth/authorize}; the code is redeemed at {@code kauth.kakao.com/oauth/token},
 * form-encoded ({@code Content-type: application/x-www-form-urlencoded;charset=utf-8}), with the
 * app's REST API key as {@code client_id} and, when the app enabled it, the {@code client_secret},
 * both in the body. Kakao's SDKs send a PKCE {@code code_verifier} on the same endpoints, so S256
 * is sent; the REST API page does not list the PKCE parameters, so that is confirmed only by the
 * SDK references. Access tokens last about six hours ({@code expires_in} 21599), refresh tokens two
 * months ({@code refresh_token_expires_in}); a refresh sends a new refresh token only when the old
 * one has less than a month left, so the engine keeps the one it has unless a new one comes.
 * Revocation: Kakao has no RFC 7009 endpoint; {@code POST kapi.kakao.com/v1/user/logout} expires
 * the tokens and {@code POST kapi.kakao.com/v1/user/unlink} disconnects the user from the app,
 * ending its tokens: a disconnect sends the latter, signed with the access token.
 *
 * <p>No scope is asked for: the consent items an app needs are set in its console, and the
 * authorize request's {@code scope} only asks for more ({@code account_email} for the address).
 * {@code GET kapi.kakao.com/v2/user/me} ("Retrieve user information") always answers with the
 * user's {@code id}, and with {@code kakao_account.profile.nickname} and {@code profile_image_url}
 * when the user agreed to those items.
 *
 * <p>The key is the {@code id}, Kakao's member number ("회원번호") of the user for the app: the
 * nickname and picture can be changed at any time, the number cannot. It is issued per app (per app
 * family where apps share a user base), so the same person has another id in another app.
 */
public final class Kakao {

  /** The {@code auth} base URL of the authorization server; {@code withBase(Kakao.AUTH, url)}. */
  public static final SiteBase AUTH = SiteBase.of("auth", "https://kauth.kakao.com");

  /** The {@code api} base URL of Kakao's REST API; {@code withBase(Kakao.API, url)}. */
  public static final SiteBase API = SiteBase.of("api", "https://kapi.kakao.com");

  /** The consent item that adds {@code kakao_account.email}, asked for as an extra scope. */
  public static final String ACCOUNT_EMAIL = "account_email";

  /** Lists Kakao for apps and the demo. */
  public static final SiteFactory FACTORY =
      new SiteFactory("kakao", "kakao_client_id", "kakao_client_secret", Kakao::create);

  private Kakao() {}

  /** Kakao with the given options; credentials default to {@code kakao_client_id/secret}. */
  public static OAuth2Site<KakaoAuth> create(SiteOptions o) {
    return OAuth2Site.builder("kakao", "KakaoAuth")
        // Kakao's yellow with near-black text, as its login button design guide shows.
        .button(Button.of("Login with Kakao", "#FEE500", "#191919"))
        .credentials(o.credentials("kakao_client_id", "kakao_client_secret"))
        .options(o)
        .apiBase(o.url(API, ""))
        .authorizeUrl(o.url(AUTH, "/oauth/authorize"))
        .tokenUrl(o.url(AUTH, "/oauth/token"))
        .clientAuth(ClientAuth.POST)
        .profile(ProfileLoader.bearerGet("kakao", o.url(API, "/v2/user/me")))
        .keyId(user -> Json.text(user, "id"))
        .profileFields(
            new ProfileFields(
                "/id",
                "/kakao_account/profile/nickname",
                "/kakao_account/profile/profile_image_url",
                null))
        .entity(KakaoAuth::new)
        // Kakao Login REST API "Unlink": POST kapi.kakao.com/v1/user/unlink with the Bearer token
        // ends the user's link to the app and expires its tokens.
        .revocation(Revocation.signedCall("POST", o.url(API, "/v1/user/unlink")))
        .build();
  }
}
