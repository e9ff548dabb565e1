package org.oauthdropins.sites.misskey;

import java.net.URI;
import java.util.Optional;
import org.oauthdropins.AuthEntity;
import org.oauthdropins.Site;
import org.oauthdropins.http.HttpResult;
import org.oauthdropins.http.HttpTransport;
import org.oauthdropins.internal.http.Json;
import org.oauthdropins.store.AuthRecord;
import org.oauthdropins.store.AuthStore;

/**
 * A Misskey login. The key id is {@code @username@host}; {@link #userJson()} is the user the MiAuth
 * check answered (Misskey's {@code UserDetailedNotMe}).
 */
public final class MisskeyAuth extends AuthEntity {

  MisskeyAuth(Site<?> site, AuthRecord record, AuthStore store, HttpTransport transport) {
    super(site, record, store, transport);
  }

  /** The instance, e.g. {@code https://misskey.io}. */
  public String instance() {
    return Json.text(extra(), "instance");
  }

  /** The user's name on the instance, without {@code @host}. */
  public String username() {
    return Json.text(userJson(), "username");
  }

  /** The user id on the instance (unique there only). */
  @Override
  public String userId() {
    return Json.text(userJson(), "id");
  }

  /** The ActivityPub actor URI: Misskey keeps actors at {@code /users/<id>}. */
  public String actorId() {
    return instance() + "/users/" + userId();
  }

  /** The login's instance: each has its own API. */
  @Override
  public Optional<URI> apiBase() {
    return Optional.of(URI.create(instance()));
  }

  @Override
  public String imageUrl() {
    return Json.text(userJson(), "avatarUrl");
  }

  /** A signed POST of a Misskey API endpoint with an empty body, e.g. {@code /api/i}. */
  public HttpResult api(String path) {
    return post(instance() + path, java.util.Map.of());
  }
}
