package org.oauthdropins.testkit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.Set;
import org.oauthdropins.Credentials;
import org.oauthdropins.engine.oauth2.ClientAuth;
import org.oauthdropins.internal.http.Json;

/**
 * A fake Forgejo or Gitea instance as an OpenID Connect provider (the site {@code gitea}, or {@code
 * codeberg} with {@link #codeberg()}), after docs.gitea.com and forgejo.org "OAuth2 provider":
 * {@code /login/oauth/authorize}, {@code /login/oauth/access_token}, {@code /login/oauth/userinfo},
 * {@code /login/oauth/keys} and the discovery document, the issuer being the instance URL with a
 * trailing slash as Gitea's {@code ROOT_URL} is.
 *
 * <p>What it checks: the client by client_secret_basic or _post, an exactly registered redirect
 * URI, single-use codes, the PKCE verifier when a challenge was sent; RS256 ID tokens with {@code
 * sub} the user's numeric id and the nonce; userinfo with {@code name}, {@code preferred_username},
 * {@code email}, {@code email_verified}, {@code picture} and {@code groups}. Access tokens last an
 * hour; a refresh answers with a new refresh token and the spent one is refused (an instance with
 * {@code INVALIDATE_REFRESH_TOKENS} on). A denial comes back as {@code error=access_denied}.
 */
public final class FakeGitea extends FakeOidc {

  /** The fake user's numeric id on the instance. */
  public static final String USER_ID = "1042";

  /** A fake gitea.com. */
  public FakeGitea() {
    this("gitea");
  }

  private FakeGitea(String site) {
    super(
        site,
        config(),
        new Credentials("fake-" + site + "-client", "fake-" + site + "-secret"),
        user());
  }

  /** A fake Codeberg: the same Forgejo behaviour, for the site {@code codeberg}. */
  public static FakeGitea codeberg() {
    return new FakeGitea("codeberg");
  }

  /** The instance URL with a trailing slash, as Gitea's and Forgejo's issuer is. */
  @Override
  public String issuer() {
    return super.issuer() + "/";
  }

  private static FakeOidc.Config config() {
    return new FakeOidc.Config(
        new FakeOAuth2.Config(
            "Gitea",
            "/login/oauth/authorize",
            "/login/oauth/access_token",
            Set.of(ClientAuth.BASIC, ClientAuth.POST),
            false,
            false,
            Map.of(
                "error", "access_denied",
                "error_description", "the request is denied"),
            "gta_",
            3600L,
            true,
            false),
        "",
        "/login/oauth/userinfo",
        "/login/oauth/keys",
        true,
        true,
        false);
  }

  private static ObjectNode user() {
    ObjectNode user = Json.object();
    user.put("sub", USER_ID);
    user.put("name", "Dana Forge");
    user.put("preferred_username", "dana");
    user.put("email", "dana@example.org");
    user.put("email_verified", true);
    user.put("picture", "https://codeberg.org/avatars/dana");
    user.putArray("groups").add("forge-team").add("forge-team:maintainers");
    return user;
  }
}
