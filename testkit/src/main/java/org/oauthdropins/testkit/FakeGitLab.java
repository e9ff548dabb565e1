package org.oauthdropins.testkit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.oauthdropins.Credentials;
import org.oauthdropins.engine.oauth2.ClientAuth;
import org.oauthdropins.internal.http.Json;

/**
 * A fake GitLab instance as an OpenID Connect provider, its issuer at the server's root as on
 * gitlab.com (or below a relative URL root, {@link #FakeGitLab(FakeServer, String)}): {@code
 * /oauth/authorize}, {@code /oauth/token}, {@code /oauth/userinfo}, {@code /oauth/discovery/keys}
 * and the discovery document.
 *
 * <p>What it checks, as GitLab does (docs.gitlab.com "OAuth 2.0 identity provider API" and "GitLab
 * as OpenID Connect identity provider"): the client by client_secret_basic or _post, the redirect
 * URI registered for the application, single-use codes, the PKCE verifier when a challenge was
 * sent; an ID token only for the {@code openid} scope, with {@code sub} the user's numeric id (as a
 * string) and the login's nonce; userinfo with {@code name}, {@code nickname}, {@code
 * preferred_username}, {@code email}, {@code email_verified}, {@code profile}, {@code picture} and
 * {@code groups}. Access tokens last 7200 seconds, and every refresh "invalidates the existing
 * access_token and refresh_token" and sends new ones: a spent refresh token is refused, and
 * presenting it again revokes its grant. A denial comes back as {@code error=access_denied}. Token
 * answers carry GitLab's {@code created_at}.
 *
 * <p>Not confirmed from the documentation: whether GitLab echoes the nonce in every ID token (its
 * gem, doorkeeper-openid_connect, supports nonces), and the exact access-token format (the fake's
 * {@code glfake-} prefix is its own).
 */
public final class FakeGitLab extends FakeOidc {

  /** A fake, serving on a free loopback port until it is closed. */
  public FakeGitLab() {
    super("gitlab", config(""), CREDENTIALS, margaret());
    oauth().revocationEndpoint("/oauth/revoke");
    root = "";
    createdAt();
  }

  /**
   * A fake instance installed under a relative URL root ({@code https://host/gitlab}, as GitLab's
   * "relative URL" installs are) on a server that others share: two instances on one host and port,
   * told apart only by their paths. Its issuer and every endpoint are below {@code root}.
   *
   * @param shared the server, closed by whoever made it
   * @param root the path, e.g. {@code /gitlab}
   */
  public FakeGitLab(FakeServer shared, String root) {
    super("gitlab", config(root), CREDENTIALS, margaret(), shared);
    oauth().revocationEndpoint(root + "/oauth/revoke");
    this.root = root;
    createdAt();
  }

  private static final Credentials CREDENTIALS =
      new Credentials("fake-gitlab-application-id", "fake-gitlab-secret");

  private final String root;

  private static FakeOidc.Config config(String root) {
    return new FakeOidc.Config(
        new FakeOAuth2.Config(
            "GitLab",
            root + "/oauth/authorize",
            root + "/oauth/token",
            Set.of(ClientAuth.BASIC, ClientAuth.POST),
            false,
            false,
            Map.of(
                "error",
                "access_denied",
                "error_description",
                "The resource owner or authorization server denied the request."),
            "glfake-",
            7200L,
            true,
            false),
        root,
        root + "/oauth/userinfo",
        root + "/oauth/discovery/keys",
        true,
        true,
        false);
  }

  private void createdAt() {
    oauth()
        .shapeTokens(
            (body, who, params) -> {
              body.put("created_at", Instant.now().getEpochSecond());
              return body;
            });
  }

  /** The instance's URL: the server's, plus the relative URL root if it has one. */
  @Override
  public URI url() {
    return URI.create(super.url() + root);
  }

  private static ObjectNode margaret() {
    ObjectNode user = Json.object();
    user.put("sub", "4815162");
    user.put("name", "Margaret Hamilton");
    user.put("nickname", "mhamilton");
    user.put("preferred_username", "mhamilton");
    user.put("email", "margaret@example.org");
    user.put("email_verified", true);
    user.put("website", "https://example.org/margaret");
    user.put("profile", "https://gitlab.com/mhamilton");
    user.put("picture", "https://gitlab.com/uploads/-/system/user/avatar/4815162/avatar.png");
    user.putArray("groups").add("apollo").add("apollo/guidance");
    return user;
  }
}
