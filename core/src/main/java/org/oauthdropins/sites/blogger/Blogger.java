package org.oauthdropins.sites.blogger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import org.oauthdropins.Button;
import org.oauthdropins.SiteFactory;
import org.oauthdropins.SiteOptions;
import org.oauthdropins.engine.oauth2.ExtraData;
import org.oauthdropins.engine.oauth2.OAuth2Site;
import org.oauthdropins.engine.oauth2.ProfileLoader;
import org.oauthdropins.engine.oauth2.TokenResponse;
import org.oauthdropins.engine.oidc.Oidc;
import org.oauthdropins.errors.ProviderException;
import org.oauthdropins.http.HttpCall;
import org.oauthdropins.http.HttpResult;
import org.oauthdropins.http.HttpTransport;
import org.oauthdropins.internal.http.Json;
import org.oauthdropins.sites.google.Google;

/**
 * Blogger: Google sign-in with the Blogger scope, plus the user's blogs from the Blogger v3 API
 * ({@code GET /blogger/v3/users/self/blogs}), stored with the login.
 *
 * <p>A user with no blogs still signs in: the login is stored and {@link BloggerV2Auth#blogs()} is
 * empty, for the app to say so. (The Python library reported that case as a decline, which told the
 * app the user had said no when they had not.) Blogger answers 404 for a Google account that has
 * never used Blogger; that is the same case.
 */
public final class Blogger {

  /** Read and write access to the user's blogs. */
  public static final String SCOPE = "https://www.googleapis.com/auth/blogger";

  /** Lists Blogger for apps and the demo; it shares Google's credentials. */
  public static final SiteFactory FACTORY =
      new SiteFactory("blogger", "google_client_id", "google_client_secret", Blogger::create);

  private Blogger() {}

  /** Blogger; credentials default to {@code google_client_id/secret}. */
  public static OAuth2Site<BloggerV2Auth> create(SiteOptions o) {
    URI blogsUrl = o.url(Google.APIS, "/blogger/v3/users/self/blogs");
    return Google.builder("blogger", "BloggerV2Auth", o)
        .button(Button.of("Sign in with Blogger", "#f57d00", "#ffffff"))
        .defaultScopes(List.of("openid", "profile", SCOPE))
        .extra(
            ExtraData.fetching(
                (transport, token, user) -> {
                  ObjectNode extra = Oidc.extra(token);
                  extra.set("blogs", blogs(transport, blogsUrl, token));
                  return extra;
                }))
        .entity(BloggerV2Auth::new)
        .build();
  }

  static ArrayNode blogs(HttpTransport transport, URI url, TokenResponse token) {
    HttpResult result;
    try {
      result = transport.send(ProfileLoader.bearer(HttpCall.get(url), token.accessToken()));
    } catch (IOException e) {
      throw ProviderException.unreachable("blogger", e);
    }
    ArrayNode blogs = Json.array();
    if (result.status() == 404) {
      return blogs;
    }
    if (result.status() == 401 || result.status() == 403) {
      throw new ProviderException(
          "blogger refused to list the user's blogs (HTTP "
              + result.status()
              + "); was access to Blogger granted?");
    }
    JsonNode body = ProfileLoader.json("blogger", result);
    for (JsonNode item : body.path("items")) {
      String id = Json.text(item, "id");
      if (id == null) {
        throw new ProviderException("blogger listed a blog without an id");
      }
      String blogUrl = Json.text(item, "url");
      ObjectNode blog = blogs.addObject();
      blog.put("id", id);
      blog.put("title", Json.text(item, "name"));
      blog.put("url", blogUrl);
      blog.put("hostname", host(blogUrl));
    }
    return blogs;
  }

  private static String host(String url) {
    if (url == null) {
      return null;
    }
    try {
      return URI.create(url).getHost();
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
