package org.oauthdropins.sites.fediverse;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.util.Locale;
import org.oauthdropins.errors.BadRequestException;
import org.oauthdropins.errors.ProviderException;
import org.oauthdropins.http.GuardedTransport;
import org.oauthdropins.http.HttpCall;
import org.oauthdropins.http.HttpResult;
import org.oauthdropins.http.UnsafeUrlException;
import org.oauthdropins.internal.http.Json;

/**
 * The instance probe: which software an instance runs, by NodeInfo (nodeinfo.diaspora.software,
 * protocol §2): {@code GET /.well-known/nodeinfo} lists links whose {@code rel} names a schema
 * version, the newest 2.x link's {@code href} is the NodeInfo document, and its {@code
 * software.name} names the software, lower case ({@code mastodon}, {@code pixelfed}, {@code
 * gotosocial}, {@code akkoma}, {@code misskey}, ...).
 *
 * <p>Both fetches go through the site's SSRF guard with its size limits, inside the start's time
 * budget: the instance is user input, and the link is the instance's word, so a link to a private
 * address is refused like a private instance.
 */
final class NodeInfo {

  /** The well-known path of the links document. */
  static final String WELL_KNOWN = "/.well-known/nodeinfo";

  /** The {@code rel} of a NodeInfo 2.x link, up to its minor version. */
  static final String SCHEMA_2 = "http://nodeinfo.diaspora.software/ns/schema/2.";

  private NodeInfo() {}

  /**
   * The software the instance says it runs, lower case.
   *
   * @throws BadRequestException if the instance publishes no NodeInfo 2.x, or points it somewhere
   *     the guard refuses
   * @throws ProviderException if the instance cannot be reached
   */
  static String software(GuardedTransport transport, String instance) {
    JsonNode links = fetch(transport, URI.create(instance + WELL_KNOWN), instance);
    URI document = null;
    String best = null;
    for (JsonNode link : links.path("links")) {
      String rel = Json.text(link, "rel");
      String href = Json.text(link, "href");
      if (rel != null
          && href != null
          && rel.startsWith(SCHEMA_2)
          && (best == null || rel.compareTo(best) > 0)) {
        try {
          document = URI.create(href);
          best = rel;
        } catch (IllegalArgumentException e) {
          // a link that is no URL is skipped, as a reader of the links document may
        }
      }
    }
    if (document == null || !document.isAbsolute()) {
      throw new BadRequestException(
          instance + " does not say which software it runs (no NodeInfo)");
    }
    String name = Json.text(fetch(transport, document, instance), "software", "name");
    if (name == null || name.isBlank()) {
      throw new BadRequestException(instance + " does not say which software it runs");
    }
    return name.strip().toLowerCase(Locale.ROOT);
  }

  private static JsonNode fetch(GuardedTransport transport, URI uri, String instance) {
    HttpResult r;
    try {
      r = transport.send(HttpCall.get(uri).header("Accept", "application/json"));
    } catch (UnsafeUrlException e) {
      throw new BadRequestException(
          instance + "'s NodeInfo at " + uri.getHost() + " cannot be used: " + e.getMessage());
    } catch (IOException e) {
      throw ProviderException.unreachable(uri.getHost(), e);
    }
    try {
      JsonNode json = r.ok() ? r.json() : null;
      if (json != null && json.isObject()) {
        return json;
      }
    } catch (IllegalArgumentException e) {
      // not JSON: as no NodeInfo
    }
    throw new BadRequestException(instance + " does not say which software it runs (no NodeInfo)");
  }
}
