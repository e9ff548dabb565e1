package org.oauthdropins.sites.blogger;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.oauthdropins.Site;
import org.oauthdropins.http.HttpTransport;
import org.oauthdropins.internal.http.Json;
import org.oauthdropins.sites.google.GoogleUser;
import org.oauthdropins.store.AuthRecord;
import org.oauthdropins.store.AuthStore;

/**
 * A Blogger login: a Google account ({@link GoogleUser}) and the blogs it could post to at login,
 * from which the app lets the user pick.
 */
public final class BloggerV2Auth extends GoogleUser {

  /**
   * One of the user's blogs.
   *
   * @param id Blogger's blog id
   * @param title the blog's title
   * @param hostname the host name of its URL, e.g. {@code example.blogspot.com}
   * @param url the blog's URL
   */
  public record Blog(String id, String title, String hostname, String url) {}

  BloggerV2Auth(Site<?> site, AuthRecord record, AuthStore store, HttpTransport transport) {
    super(site, record, store, transport);
  }

  /** The user's blogs at login, in Blogger's order; empty if they have none. */
  public List<Blog> blogs() {
    List<Blog> out = new ArrayList<>();
    for (JsonNode b : extra().path("blogs")) {
      out.add(
          new Blog(
              Json.text(b, "id"),
              Json.text(b, "title"),
              Json.text(b, "hostname"),
              Json.text(b, "url")));
    }
    return List.copyOf(out);
  }

  /** The blog ids, as the Python library's {@code blog_ids}. */
  public List<String> blogIds() {
    return blogs().stream().map(Blog::id).toList();
  }

  /** The blog titles, parallel to {@link #blogIds()}. */
  public List<String> blogTitles() {
    return blogs().stream().map(Blog::title).toList();
  }

  /** The blog host names, parallel to {@link #blogIds()}. */
  public List<String> blogHostnames() {
    return blogs().stream().map(Blog::hostname).toList();
  }
}
