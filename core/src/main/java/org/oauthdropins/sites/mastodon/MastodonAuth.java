package org.oauthdropins.sites.mastodon;

import java.net.URI;
import java.util.Optional;
import org.oauthdropins.AuthEntity;
import org.oauthdropins.Site;
import org.oauthdropins.http.HttpResult;
import org.oauthdropins.http.HttpTransport;
import org.oauthdropins.internal.http.Json;
import org.oauthdropins.internal.input.Instances;
import org.oauthdropins.store.AuthRecord;
import org.oauthdropins.store.AuthStore;

/**
 * A Mastodon login. The key id is {@code @username@host}; {@link #userJson()} is the account from
 * {@code verify_credentials}.
 */
public class MastodonAuth extends AuthEntity {

  /** Wraps a stored login; for the sites' subclasses. */
  protected MastodonAuth(
      Site<?> site, AuthRecord record, AuthStore store, HttpTransport transport) {
    super(site, record, store, transport);
  }

  /**
   * The instance, e.g. {@code https://mastodon.social}, without the trailing slash the Python
   * library keeps ({@code https://mastodon.social/}), whichever form the store holds, so that
   * {@code instance() + "/api/v1/..."} is one URL.
   */
  public String instance() {
    return Instances.withoutSlash(Json.text(extra(), "instance"));
  }

  /** The user's name on the instance, without {@code @host}. */
  public String username() {
    return Json.text(userJson(), "username");
  }

  /** The account id on the instance (unique there only). */
  @Override
  public String userId() {
    return Json.text(userJson(), "id");
  }

  /**
   * The ActivityPub actor URI: the account's {@code uri} (Mastodon), else {@code pleroma.ap_id}
   * (Akkoma, Pleroma), else {@code /users/<username>} on the instance, where GoToSocial keeps its
   * actors and which its accounts do not name.
   */
  public String actorId() {
    String uri = Json.text(userJson(), "uri");
    if (uri == null) {
      uri = Json.text(userJson(), "pleroma", "ap_id");
    }
    return uri != null ? uri : instance() + "/users/" + username();
  }

  /** The login's instance: each has its own API. */
  @Override
  public Optional<URI> apiBase() {
    return Optional.of(URI.create(instance()));
  }

  @Override
  public String imageUrl() {
    String still = Json.text(userJson(), "avatar_static");
    return still != null ? still : Json.text(userJson(), "avatar");
  }

  /** A signed GET of a path on the instance, e.g. {@code /api/v1/accounts/verify_credentials}. */
  public HttpResult api(String path) {
    return get(instance() + path);
  }
}
