package org.oauthdropins.internal.input;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.regex.Pattern;
import org.oauthdropins.errors.BadRequestException;
import org.oauthdropins.errors.ProviderException;

/**
 * Reads the instance a user typed: {@code host}, {@code https://host/}, {@code @user@host}, {@code
 * user@host}, or a handle inside the URL as the Python library accepts it ({@code
 * https://user@host}, {@code https://@user@host}, the profile URL {@code https://host/@user}), in
 * any case, all become {@code https://host} (with a port only if it is not the default). The handle
 * is dropped: the account is whoever approves at the instance. Other paths, queries, other schemes,
 * and URLs naming two hosts ({@code https://a@b.example@c.example}) are refused rather than guessed
 * at. Only the origin built here is ever fetched, so the SSRF guard sees exactly it.
 */
public final class Instances {

  private Instances() {}

  /**
   * The instance the start request names in its {@code instance} field.
   *
   * @param label the software's name, for the message when the field is missing
   * @param allowHttp whether {@code http://} is accepted (the guard's development policy)
   * @throws BadRequestException if the request names no instance
   */
  public static String from(org.oauthdropins.web.WebRequest web, String label, boolean allowHttp) {
    return origin(
        web.parameter("instance")
            .orElseThrow(() -> new BadRequestException("enter your " + label + " instance")),
        allowHttp);
  }

  /**
   * The instance's origin.
   *
   * @param allowHttp whether {@code http://} is accepted (the guard's development policy)
   * @throws BadRequestException if the input names no instance
   */
  public static String origin(String input, boolean allowHttp) {
    String s = input.strip();
    if (s.isEmpty() || s.length() > 300) {
      throw new BadRequestException("enter an instance, like mastodon.social");
    }
    if (!s.contains("://")) {
      // @user@host and user@host name an account; the instance is what follows the last @.
      s = "https://" + s.substring(s.lastIndexOf('@') + 1);
    }
    s = withoutHandle(s, input);
    URI u;
    try {
      u = new URI(s);
    } catch (URISyntaxException e) {
      throw new BadRequestException("not an instance: " + ProviderException.clean(input.strip()));
    }
    String scheme = u.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("https") && !(allowHttp && scheme.equals("http"))) {
      throw new BadRequestException(
          "instances are reached over https: " + ProviderException.clean(input.strip()));
    }
    String host = u.getHost();
    String path = u.getRawPath();
    if (host == null
        || !host.matches("[A-Za-z0-9.\\-]+|\\[[0-9A-Fa-f:.]+\\]")
        || !(path == null || path.isEmpty() || path.equals("/"))
        || u.getRawQuery() != null
        || u.getRawFragment() != null) {
      throw new BadRequestException("not an instance: " + ProviderException.clean(input.strip()));
    }
    int port = u.getPort();
    if (u.getRawUserInfo() != null) {
      throw new BadRequestException("not an instance: " + ProviderException.clean(input.strip()));
    }
    boolean defaultPort = port == -1 || port == (scheme.equals("https") ? 443 : 80);
    return scheme + "://" + host.toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
  }

  /** A user name in a handle: what Mastodon, Pixelfed and Misskey allow, and no more. */
  private static final Pattern USER = Pattern.compile("[A-Za-z0-9_.\\-]{1,64}");

  /**
   * The URL without the handle it may carry: the user before the host ({@code user@}, {@code
   * @user@}) or a profile path ({@code /@user}). Anything else that looks like a second handle or
   * host is left for the caller to refuse.
   */
  private static String withoutHandle(String url, String input) {
    int authorityStart = url.indexOf("://") + 3;
    int authorityEnd = authorityStart;
    while (authorityEnd < url.length() && "/?#".indexOf(url.charAt(authorityEnd)) < 0) {
      authorityEnd++;
    }
    String authority = url.substring(authorityStart, authorityEnd);
    String rest = url.substring(authorityEnd);
    int at = authority.lastIndexOf('@');
    if (at >= 0) {
      String user = authority.substring(0, at);
      if (user.startsWith("@")) {
        user = user.substring(1);
      }
      if (!USER.matcher(user).matches()) {
        throw new BadRequestException("not an instance: " + ProviderException.clean(input.strip()));
      }
      authority = authority.substring(at + 1);
    }
    if (rest.startsWith("/@")) {
      String path = rest.endsWith("/") ? rest.substring(2, rest.length() - 1) : rest.substring(2);
      if (USER.matcher(path).matches()) {
        rest = "";
      }
    }
    return url.substring(0, authorityStart) + authority + rest;
  }

  /**
   * An instance in this library's form, {@code https://host}, from either that or the Python
   * library's {@code https://host/}; null stays null.
   */
  public static String withoutSlash(String instance) {
    return instance != null && instance.endsWith("/")
        ? instance.substring(0, instance.length() - 1)
        : instance;
  }
}
