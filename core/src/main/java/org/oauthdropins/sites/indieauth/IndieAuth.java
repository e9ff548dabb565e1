package org.oauthdropins.sites.indieauth;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.oauthdropins.AuthEntity;
import org.oauthdropins.Site;
import org.oauthdropins.http.HttpTransport;
import org.oauthdropins.internal.http.Json;
import org.oauthdropins.store.AuthRecord;
import org.oauthdropins.store.AuthStore;

/**
 * An IndieAuth login, kind {@code IndieAuth} as in the Python library. The key id is the verified
 * profile URL ({@code me}); {@link #userJson()} holds {@code me}, {@code rel-me} and the
 * representative {@code h-card}. The access and refresh tokens are there only if the app asked for
 * scopes beyond {@code profile}.
 */
public final class IndieAuth extends AuthEntity {

  IndieAuth(Site<?> site, AuthRecord record, AuthStore store, HttpTransport transport) {
    super(site, record, store, transport);
  }

  /** The verified profile URL. */
  public String me() {
    return keyId();
  }

  /** The h-card's name, or the profile URL. */
  @Override
  public String userDisplayName() {
    String name = first("name");
    return name != null ? name : keyId();
  }

  /** The h-card's photo, or null. */
  @Override
  public String imageUrl() {
    return first("photo");
  }

  /** The profile page's {@code rel=me} links. */
  public List<String> relMe() {
    List<String> out = new ArrayList<>();
    userJson().path("rel-me").forEach(n -> out.add(n.asText()));
    return out;
  }

  private String first(String property) {
    JsonNode v = userJson().path("h-card").path("properties").path(property).path(0);
    // mf2 JSON gives a string, or an object with a value (e.g. a photo with alt text).
    if (v.isObject()) {
      return Json.text(v, "value");
    }
    return v.isTextual() && !v.asText().isEmpty() ? v.asText() : null;
  }
}
