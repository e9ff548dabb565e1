package org.oauthdropins.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import org.oauthdropins.BadRequestException;
import org.oauthdropins.ProviderException;

/**
 * Reads the instance a user typed: {@code host}, {@code https://host/}, {@code @user@host} or
 * {@code user@host}, in any case, all become {@code https://host} (with a port only if it is not
 * the default). Paths, queries and other schemes are refused rather than guessed at.
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
    boolean defaultPort = port == -1 || port == (scheme.equals("https") ? 443 : 80);
    return scheme + "://" + host.toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
  }
}
