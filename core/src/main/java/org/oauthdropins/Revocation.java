package org.oauthdropins;

import java.net.URI;
import java.util.Map;
import java.util.Objects;
import org.oauthdropins.internal.Paths;

/**
 * How a site ends a stored login's tokens at the provider, as data: a site declares one in its
 * builder ({@code .revocation(Revocation.rfc7009(url))}) and the protocol engine runs it, so that
 * no site holds revocation code and {@link Disconnect} works the same for every site. A closed set:
 * each is one way providers document.
 */
public sealed interface Revocation {

  /**
   * The provider offers no way for an app to end its tokens: a disconnect deletes the login here
   * only, and the token stays valid at the provider until it expires or the user removes the app in
   * the provider's settings.
   */
  record None() implements Revocation {}

  /**
   * OAuth 2.0 Token Revocation (RFC 7009) at a fixed endpoint: a form POST of {@code token} and
   * {@code token_type_hint}, with the client's authentication as at the token endpoint; the refresh
   * token first (which, by RFC 7009 §2.1, ends the whole grant at servers that tie them), then the
   * access token.
   *
   * @param endpoint the revocation endpoint
   */
  record Rfc7009(URI endpoint) implements Revocation {
    /** Makes the value, checking its components. */
    public Rfc7009 {
      Objects.requireNonNull(endpoint, "endpoint");
    }
  }

  /**
   * RFC 7009 at a path of the login's own authorization server, for sites whose server is found per
   * login (Mastodon's and Pixelfed's {@code /oauth/revoke} on the user's instance).
   *
   * @param path the endpoint's path on the server, e.g. {@code /oauth/revoke}
   */
  record Rfc7009AtServer(String path) implements Revocation {
    /** Makes the value, checking its components. */
    public Rfc7009AtServer {
      Paths.requireLocal(path, "revocation path");
    }
  }

  /**
   * RFC 7009 at the {@code revocation_endpoint} the login's server declares in its metadata (OpenID
   * Connect discovery, RFC 8414 authorization server metadata); a server that declares none cannot
   * revoke, and a disconnect then fails unless the app deletes locally anyway.
   */
  record Rfc7009FromMetadata() implements Revocation {}

  /**
   * GitHub's "Delete an app authorization": {@code DELETE /applications/{client_id}/grant} on the
   * API with the app's client id and secret as Basic authentication and the token in a JSON body,
   * which revokes every token the user granted the app.
   *
   * @param apiBase the REST API's base URL, e.g. {@code https://api.github.com}
   */
  record GitHubGrant(URI apiBase) implements Revocation {
    /** Makes the value, checking its components. */
    public GitHubGrant {
      Objects.requireNonNull(apiBase, "apiBase");
    }
  }

  /**
   * A request to the provider's API that the stored login signs itself, as the login's own API
   * calls are signed: Facebook's {@code DELETE /me/permissions}, Slack's {@code auth.revoke},
   * Dropbox's {@code /2/auth/token/revoke}, X's OAuth 1.0a {@code invalidate_token}. A 401 means
   * the token is dead already, which is what the call was for.
   *
   * @param method the HTTP method, e.g. {@code DELETE}
   * @param url the endpoint
   */
  record SignedCall(String method, URI url) implements Revocation {
    /** Makes the value, checking its components. */
    public SignedCall {
      Objects.requireNonNull(method, "method");
      Objects.requireNonNull(url, "url");
    }
  }

  /**
   * A provider's own revocation form, shaped like a token request but not RFC 7009's: a form POST
   * to {@code endpoint} of the access token under {@code tokenParameter} and the fixed {@code
   * parameters}, with the client's authentication as at the token endpoint. LINE's {@code
   * /oauth2/v2.1/revoke} takes {@code access_token}; Naver's token endpoint takes {@code
   * grant_type=delete}, {@code access_token} and {@code service_provider=NAVER}. A 200 answer that
   * carries an {@code error} is a refusal (Naver answers errors so).
   *
   * @param endpoint where the form goes
   * @param tokenParameter the form field that carries the access token
   * @param parameters the provider's fixed fields, e.g. {@code grant_type=delete}
   */
  record FormPost(URI endpoint, String tokenParameter, Map<String, String> parameters)
      implements Revocation {
    /** Makes the value, checking its components. */
    public FormPost {
      Objects.requireNonNull(endpoint, "endpoint");
      Objects.requireNonNull(tokenParameter, "tokenParameter");
      parameters = Map.copyOf(parameters);
    }
  }

  /** See {@link None}. */
  static Revocation none() {
    return new None();
  }

  /** See {@link Rfc7009}. */
  static Revocation rfc7009(URI endpoint) {
    return new Rfc7009(endpoint);
  }

  /** See {@link Rfc7009AtServer}. */
  static Revocation rfc7009AtServer(String path) {
    return new Rfc7009AtServer(path);
  }

  /** See {@link Rfc7009FromMetadata}. */
  static Revocation fromMetadata() {
    return new Rfc7009FromMetadata();
  }

  /** See {@link GitHubGrant}. */
  static Revocation gitHubGrant(URI apiBase) {
    return new GitHubGrant(apiBase);
  }

  /** See {@link FormPost}. */
  static Revocation formPost(URI endpoint, String tokenParameter, Map<String, String> parameters) {
    return new FormPost(endpoint, tokenParameter, parameters);
  }

  /** See {@link SignedCall}. */
  static Revocation signedCall(String method, URI url) {
    return new SignedCall(method, url);
  }

  /** Whether this is a way to end tokens at the provider, not {@link None}. */
  default boolean revokes() {
    return !(this instanceof None);
  }
}
