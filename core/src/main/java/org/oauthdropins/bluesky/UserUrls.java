package org.oauthdropins.bluesky;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import org.oauthdropins.BadRequestException;

/**
 * The checks on every URL that a user's handle leads to (the handle's own host, DID documents, PDS,
 * authorization server and its endpoints): https, no user info, and a host whose every address is
 * public, so that a handle cannot point the app at its own network. In development mode plain http
 * and loopback addresses are allowed (a PDS on the developer's machine), never other private
 * ranges.
 *
 * <p>This check resolves the host itself, before the request; a transport that checks the address
 * it connects to (the SSRF guard) closes the gap of a name that resolves differently the second
 * time. Both apply.
 */
final class UserUrls {

  private UserUrls() {}

  /**
   * Parses and checks a URL.
   *
   * @param url the URL as found in a document
   * @param devMode whether http and loopback addresses are allowed
   * @param what what the URL is, for the message
   * @throws BadRequestException if the URL is malformed or points where it must not
   */
  static URI check(String url, boolean devMode, String what) {
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException | NullPointerException e) {
      throw new BadRequestException(what + " is not a URL");
    }
    String scheme = uri.getScheme();
    boolean https = "https".equalsIgnoreCase(scheme);
    if (!https && !(devMode && "http".equalsIgnoreCase(scheme))) {
      throw new BadRequestException(what + " must be an https URL");
    }
    if (uri.getRawUserInfo() != null || uri.getHost() == null || uri.getRawFragment() != null) {
      throw new BadRequestException(what + " is not a plain https URL");
    }
    InetAddress[] addresses;
    try {
      addresses = InetAddress.getAllByName(uri.getHost());
    } catch (UnknownHostException e) {
      throw new BadRequestException(what + " host " + uri.getHost() + " does not resolve");
    }
    for (InetAddress a : addresses) {
      if (!(isPublic(a) || devMode && a.isLoopbackAddress())) {
        throw new BadRequestException(what + " points to a private address");
      }
    }
    return uri;
  }

  /** Whether an address is on the public internet. */
  static boolean isPublic(InetAddress a) {
    if (a.isAnyLocalAddress()
        || a.isLoopbackAddress()
        || a.isLinkLocalAddress()
        || a.isSiteLocalAddress()
        || a.isMulticastAddress()) {
      return false;
    }
    byte[] b = a.getAddress();
    if (a instanceof Inet4Address) {
      int first = b[0] & 0xff;
      int second = b[1] & 0xff;
      return first != 0 // "this network"
          && !(first == 100 && second >= 64 && second < 128) // carrier-grade NAT
          && !(first == 192 && second == 0 && (b[2] & 0xff) == 0) // IETF protocol assignments
          && !(first == 198 && (second == 18 || second == 19)) // benchmarking
          && first < 240; // reserved and broadcast
    }
    if (a instanceof Inet6Address) {
      if ((b[0] & 0xfe) == 0xfc) { // unique local fc00::/7
        return false;
      }
      boolean mapped = true; // ::ffff:a.b.c.d carries an IPv4 address
      for (int i = 0; i < 10; i++) {
        mapped &= b[i] == 0;
      }
      if (mapped && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
        try {
          return isPublic(InetAddress.getByAddress(java.util.Arrays.copyOfRange(b, 12, 16)));
        } catch (UnknownHostException e) {
          return false;
        }
      }
    }
    return true;
  }
}
