package org.oauthdropins.sites.facebook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.oauthdropins.AuthEntity;
import org.oauthdropins.Site;
import org.oauthdropins.http.HttpTransport;
import org.oauthdropins.internal.http.Json;
import org.oauthdropins.internal.secrets.Secrets;
import org.oauthdropins.store.AccessToken;
import org.oauthdropins.store.AuthRecord;
import org.oauthdropins.store.AuthStore;
import org.oauthdropins.store.Key;

/**
 * A Facebook login: a user, with the pages they manage, or (from {@link #forPage}) one of those
 * pages acting with its page token. The key id is the Facebook user (or page) id; {@link
 * #userJson()} is {@code /me?fields=id,name,email,picture} (for a page: its {@code me/accounts}
 * entry).
 */
public final class FacebookAuth extends AuthEntity {

  /**
   * A page the user manages.
   *
   * @param id the page id
   * @param name the page's name
   * @param category the page's category, or null
   * @param accessToken the page access token, to act as the page
   */
  public record Page(String id, String name, String category, String accessToken) {
    @Override
    public String toString() {
      return "Page[id="
          + id
          + ", name="
          + name
          + ", accessToken="
          + Secrets.mask(accessToken)
          + "]";
    }
  }

  private final Site<?> site;
  private final AuthStore store;
  private final HttpTransport transport;

  FacebookAuth(Site<?> site, AuthRecord record, AuthStore store, HttpTransport transport) {
    super(site, record, store, transport);
    this.site = site;
    this.store = store;
    this.transport = transport;
  }

  /** {@code user} for a user's login, {@code page} for a page from {@link #forPage}. */
  public String type() {
    String t = Json.text(extra(), "type");
    return t != null ? t : "user";
  }

  /** The pages the user manages, as {@code me/accounts} listed them at login. */
  public List<Page> pages() {
    List<Page> out = new ArrayList<>();
    for (JsonNode p : extra().path("pages")) {
      String id = Json.text(p, "id");
      if (id != null) {
        out.add(
            new Page(
                id, Json.text(p, "name"), Json.text(p, "category"), Json.text(p, "access_token")));
      }
    }
    return List.copyOf(out);
  }

  /**
   * One of the user's pages as an entity of its own, not stored, that signs requests with the
   * page's token: the twin of the Python library's {@code for_page}.
   *
   * @return the page, or empty if the user does not manage a page with that id
   */
  public Optional<FacebookAuth> forPage(String pageId) {
    for (JsonNode p : extra().path("pages")) {
      String token = Json.text(p, "access_token");
      if (pageId.equals(Json.text(p, "id")) && token != null) {
        ObjectNode extra = Json.object();
        extra.put("type", "page");
        AuthRecord page =
            AuthRecord.of(
                new Key(key().kind(), pageId),
                siteName(),
                new AccessToken.Bearer(token),
                null,
                null,
                p.toString(),
                extra.toString());
        return Optional.of(new FacebookAuth(site, page, store, transport));
      }
    }
    return Optional.empty();
  }

  /** True for this login's own key and for the pages the user manages. */
  @Override
  public boolean isAuthorityFor(Key other) {
    if (super.isAuthorityFor(other)) {
      return true;
    }
    return other.kind().equals(key().kind())
        && pages().stream().anyMatch(p -> p.id().equals(other.id()));
  }
}
