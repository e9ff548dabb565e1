package org.oauthdropins.benchmarks;

import com.github.scribejava.apis.GitHubApi;
import com.github.scribejava.core.builder.ServiceBuilder;
import com.github.scribejava.core.model.OAuth2AccessToken;
import com.github.scribejava.core.model.OAuthRequest;
import com.github.scribejava.core.model.Verb;
import com.github.scribejava.core.oauth.OAuth20Service;
import java.io.IOException;
import java.util.concurrent.ExecutionException;

/**
 * Contender: ScribeJava, used as its GitHub example does (the state a random value kept in the
 * servlet session, compared at the callback; no PKCE, no store: the user lives in the session). The
 * profile is the same GraphQL {@code viewer} query the library sends, so that both make the same
 * three round trips.
 *
 * <p>{@code app scribejava --port N --fake URL}
 */
final class ScribeJavaApp {

  private ScribeJavaApp() {}

  /** GitHub's API description with the endpoints moved to the fake. */
  private static final class FakeGitHubApi extends GitHubApi {
    private final String fake;

    FakeGitHubApi(String fake) {
      this.fake = fake;
    }

    @Override
    public String getAccessTokenEndpoint() {
      return fake + "/login/oauth/access_token";
    }

    @Override
    protected String getAuthorizationBaseUrl() {
      return fake + "/login/oauth/authorize";
    }
  }

  static void main(Args args) throws Exception {
    int port = args.intValue("port", 0);
    String fake = args.value("fake", "http://127.0.0.1:1");
    OAuth20Service service =
        new ServiceBuilder(FakeGitHub.CLIENT_ID)
            .apiSecret(FakeGitHub.CLIENT_SECRET)
            .callback("http://127.0.0.1:" + port + "/github/oauth_callback")
            .build(new FakeGitHubApi(fake));
    String graphql = fake + "/graphql";
    SessionApps.serve(
        port,
        new SessionApps.GitHubClient() {
          @Override
          public String authorizeUrl(String state) {
            return service.getAuthorizationUrl(state);
          }

          @Override
          public String userName(String code) throws IOException {
            try {
              OAuth2AccessToken token = service.getAccessToken(code);
              OAuthRequest viewer = new OAuthRequest(Verb.POST, graphql);
              viewer.addHeader("Content-Type", "application/json");
              viewer.setPayload(SessionApps.VIEWER_QUERY);
              service.signRequest(token, viewer);
              try (var answer = service.execute(viewer)) {
                if (answer.getCode() != 200) {
                  throw new IOException("GitHub answered " + answer.getCode());
                }
                return SessionApps.viewerName(answer.getBody());
              }
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
              throw new IOException(e);
            } catch (ExecutionException e) {
              throw new IOException(e);
            }
          }
        });
  }
}
