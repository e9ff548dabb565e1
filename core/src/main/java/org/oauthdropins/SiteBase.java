package org.oauthdropins;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Objects;

/**
 * One of a site's base URLs, declared once by the site: the name configuration moves it by ({@code
 * web}, {@code api}, the Spring property {@code oauth-dropins.sites.github.base-urls.web}) and the
 * real site's URL it has unless moved. Sites build their endpoints with {@link
 * SiteOptions#url(SiteBase, String)}, so that a misspelt name is a compile error rather than a base
 * that silently never moves; apps move one with {@link SiteOptions#withBase(SiteBase, String)},
 * e.g. {@code options.withBase(GitHub.WEB, "https://ghe.corp")} for GitHub Enterprise.
 *
 * @param name the name overrides use: lower case letters, digits and {@code _}
 * @param defaultUrl the real site's base URL, absolute http(s), without a trailing {@code /}
 */
public record SiteBase(String name, String defaultUrl) {

  /** Makes the value, checking its components; a trailing {@code /} of the URL is dropped. */
  public SiteBase {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(defaultUrl, "defaultUrl");
    if (!name.matches("[a-z][a-z0-9_]*")) {
      throw new IllegalArgumentException(
          "A base URL's name is lower case letters, digits and _ (\"*\" means all bases): " + name);
    }
    defaultUrl = withoutSlash(defaultUrl);
    if (!absoluteHttp(defaultUrl)) {
      throw new IllegalArgumentException(
          "The default of base URL " + name + " is not an absolute http(s) URL: " + defaultUrl);
    }
  }

  /** The base named {@code name}, which is {@code defaultUrl} unless the options move it. */
  public static SiteBase of(String name, String defaultUrl) {
    return new SiteBase(name, defaultUrl);
  }

  static String withoutSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  private static boolean absoluteHttp(String url) {
    try {
      URI u = new URI(url);
      return ("https".equals(u.getScheme()) || "http".equals(u.getScheme()))
          && u.getHost() != null
          && u.getRawQuery() == null
          && u.getRawFragment() == null;
    } catch (URISyntaxException e) {
      return false;
    }
  }
}
