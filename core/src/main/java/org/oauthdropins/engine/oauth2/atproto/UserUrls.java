package org.oauthdropins.engine.oauth2.atproto;

import java.net.URI;
import java.net.URISyntaxException;
import org.oauthdropins.errors.BadRequestException;

/**
 * The checks on every URL that a user's handle leads to (the handle's own host, DID documents, PDS,
 * authorization server and its endpoints), before anything is fetched: a URL with a host, no user
 * info, and https (plain http only in development mode). Where it may connect is the SSRF guard's
 * decision ({@link org.oauthdropins.http.GuardedTransport}), which checks every address at connect
 * time.
 */
final class UserUrls {

  private UserUrls() {}

  /**
   * Parses and checks a URL.
   *
   * @param url the URL as found in a document
   * @param devMode whether plain http is allowed
   * @param what what the URL is, for the message
   * @throws BadRequestException if the URL is malformed or not https
   */
  static URI check(String url, boolean devMode, String what) {
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException | NullPointerException e) {
      throw new BadRequestException(what + " is not a URL");
    }
    String scheme = uri.getScheme();
    if (!"https".equalsIgnoreCase(scheme) && !(devMode && "http".equalsIgnoreCase(scheme))) {
      throw new BadRequestException(what + " must be an https URL");
    }
    if (uri.getRawUserInfo() != null || uri.getHost() == null || uri.getRawFragment() != null) {
      throw new BadRequestException(what + " is not a plain https URL");
    }
    return uri;
  }
}
